import { maskPhone } from '../requests/index.js';
import type { AccountStatus, Channel, FilingStatus, MediaAccount, Platform } from './media.js';
import type { MediaAccountTable } from './media.tables.js';

/** The account as every reader may see it: no 负责人 data, only whether one is recorded. */
export function toAccount(r: MediaAccountTable): MediaAccount {
  return {
    id: r.id,
    agencyId: r.agency_id,
    platform: r.platform as Platform,
    name: r.name,
    accountRef: r.account_ref,
    url: r.url,
    operatorOrg: r.operator_org,
    verifiedEntity: r.verified_entity,
    channels: r.channels ? (r.channels.split(',') as Channel[]) : [],
    status: r.status as AccountStatus,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    filingStatus: r.filing_status as FilingStatus,
    filingNo: r.filing_no,
    hasManager: r.manager_name_enc !== null,
    lastPostOn: r.last_post_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A name as other staff see it: 张＊＊. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '＊' : `${chars[0]}${'＊'.repeat(Math.min(chars.length - 1, 3))}`;
}

export interface StaffAccountView {
  managerName: string | null;
  managerPhone: string | null;
  /** Whether the 负责人's data is shown in full (to those who keep the account). */
  unmasked: boolean;
}

/**
 * The 负责人 and phone (personal data, encrypted at rest) as a member of staff sees them: in full
 * for those who keep the account (its agency's clerks, the office head, administrators), masked
 * for readers (审核人, 监督员). Never on the portal, never in the audit log.
 */
export function staffView(
  r: MediaAccountTable,
  decrypt: (s: string) => string,
  mayManage: boolean,
): StaffAccountView {
  const name = r.manager_name_enc ? decrypt(r.manager_name_enc) : null;
  const phone = r.manager_phone_enc ? decrypt(r.manager_phone_enc) : null;
  return {
    managerName: name && !mayManage ? maskName(name) : name,
    managerPhone: phone && !mayManage ? maskPhone(phone) : phone,
    unmasked: mayManage,
  };
}
