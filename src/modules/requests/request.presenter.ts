import { maskIdNumber, maskPhone } from './identity.js';
import { dueText, type CaseEvent, type CaseState, type DeadlineResult } from './request-deadline.js';
import {
  chineseDate,
  deliveryModeLabels,
  letterTitles,
  paragraphsOf,
  type DeliveryMode,
  type LetterKind,
} from './request-letter.js';
import { outcomes, type Outcome } from './request-outcome.js';
import type { RequestCase, RequestFileInfo } from './request.repository.js';
import type { RequestEventTable, RequestLetterTable } from './request.tables.js';
import { applicantTypeLabels, idTypeLabels, submissionChannelLabels } from './request.js';

/**
 * What each audience sees of an application. Personal data (身份证号, phone, address) is masked
 * for everyone but the handling clerk, who unmasks it on the case page (each time audited); the
 * applicant sees their own, masked too; the API always masked.
 */

type Decrypt = (value: string) => string;

export { provisionalDueNote } from './request-deadline.js';

export const stateLabels: Record<CaseState, string> = {
  open: '办理中',
  awaitingSupplement: '等待补正',
  inConsultation: '征求意见中',
  awaitingFee: '等待缴费',
  replied: '已答复',
  withdrawn: '已撤回',
  supplementOverdue: '逾期未补正',
  feeUnpaid: '逾期未缴费',
};

/** What happened on a case, in the words of the case page's history. */
export const eventLabels: Record<CaseEvent['type'], string> = {
  received: '收到申请',
  supplementRequested: '发出补正告知',
  supplemented: '收到补正',
  consultationStarted: '发出征询意见函',
  consultationEnded: '收到征询答复',
  extensionRequested: '经办人申请延期',
  extensionRefused: '不同意延期',
  extensionApproved: '批准延期',
  processingFeeNoticeReceived: '收费通知已送达',
  processingFeePaid: '申请人已缴费',
  replied: '答复',
  withdrawn: '申请人撤回',
};

const consultationLabels: Record<string, string> = {
  thirdPartyConsultation: '第三方（第三十二条）',
  agencyConsultation: '共同制作机关（第三十四条）',
};
const channelLabels: Record<string, string> = { online: '申请人在网上提交', clerk: '工作人员登记' };

/** One line of a case's history: what happened, in words, and its particulars (never a code). */
export function eventView(e: CaseEvent): { date: string; label: string; detail: string | null } {
  const d = e as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : null);
  const parts: Array<string | null> = [];
  switch (e.type) {
    case 'supplementRequested':
      parts.push(str('supplementDueDate') && `补正期限 ${chineseDate(str('supplementDueDate')!)}`);
      break;
    case 'supplemented':
      parts.push(
        str('submissionChannel') ? (channelLabels[str('submissionChannel')!] ?? null) : '工作人员登记',
      );
      break;
    case 'consultationStarted':
      parts.push(consultationLabels[str('kind') ?? ''] ?? null, str('consultee'));
      break;
    case 'extensionRequested':
    case 'extensionApproved':
      parts.push(typeof d.workdays === 'number' ? `${d.workdays} 个工作日` : null, str('reason'));
      break;
    case 'extensionRefused':
      parts.push(str('reason'));
      break;
    case 'processingFeeNoticeReceived': {
      const fee = d.processingFee as { total?: number } | undefined;
      parts.push(fee?.total !== undefined ? `${fee.total} 元` : null);
      break;
    }
    case 'replied': {
      const mode = str('deliveryMode') as DeliveryMode | null;
      parts.push(outcomeLabel(str('outcome')) || null, mode ? deliveryModeLabels[mode] : null);
      break;
    }
  }
  const detail = parts.filter((p): p is string => !!p).join('；');
  return { date: e.date, label: eventLabels[e.type] ?? '其他事项', detail: detail || null };
}

/** A file of the case without its bytes. */
export function caseFileView(f: RequestFileInfo) {
  return {
    id: f.id,
    eventId: f.event_id,
    purpose: f.purpose as 'reply' | 'supplement',
    fileName: f.file_name,
    size:
      f.byte_size < 1024 * 1024
        ? `${Math.max(1, Math.round(f.byte_size / 1024))} KB`
        : `${(f.byte_size / 1024 / 1024).toFixed(1)} MB`,
  };
}
export type CaseFileView = ReturnType<typeof caseFileView>;

/** What the applicant sent with a 补正: the day, the text (if sent on the portal) and the files. */
export interface SupplementView {
  date: string;
  channel: string;
  text: string | null;
  files: CaseFileView[];
}

export function supplementsOf(events: RequestEventTable[], files: CaseFileView[]): SupplementView[] {
  return events
    .filter((e) => e.type === 'supplemented')
    .map((e) => {
      const d = (e.data_json ? JSON.parse(e.data_json) : {}) as { text?: string; submissionChannel?: string };
      return {
        date: e.occurred_on,
        channel: d.submissionChannel === 'online' ? '申请人在网上提交' : '工作人员登记（邮寄、当面等）',
        text: d.text ?? null,
        files: files.filter((f) => f.eventId === e.id),
      };
    });
}

export function outcomeLabel(outcome: string | null): string {
  if (!outcome) return '';
  return outcomes[outcome as Outcome]?.label ?? outcome;
}

/** What anyone but the handling clerk sees of an application (and what the API returns). */
export function maskedView(c: RequestCase, decrypt: Decrypt) {
  return {
    id: c.id,
    agencyId: c.agencyId,
    acceptanceNumber: c.acceptanceNumber,
    submissionChannel: c.submissionChannel,
    applicantType: c.applicantType,
    applicantName: c.applicantName,
    idNumber: maskIdNumber(decrypt(c.idNumberEnc)),
    phone: maskPhone(decrypt(c.phoneEnc)),
    description: c.description,
    receivedOn: c.receivedOn,
  };
}
export type MaskedView = ReturnType<typeof maskedView>;

/** The API's view of one case: masked, with how its deadline was computed. */
export function apiCaseView(c: RequestCase, events: CaseEvent[], deadline: DeadlineResult, decrypt: Decrypt) {
  return { request: maskedView(c, decrypt), events, deadline };
}

/**
 * The receipt shown once after submitting (受理回执): everything needed to open the case later,
 * and the reply's due date (第三十三条), 暂定 when its year's 放假安排 is not yet entered.
 */
export function receiptView(s: {
  agencyName: string;
  acceptanceNumber: string;
  lookupCode: string;
  receivedOn: string;
  due: string;
  dueProvisional: boolean;
}) {
  return {
    agencyName: s.agencyName,
    acceptanceNumber: s.acceptanceNumber,
    lookupCode: s.lookupCode,
    receivedOn: s.receivedOn,
    dueText: dueText({ due: s.due, provisional: s.dueProvisional })!,
    dueProvisional: s.dueProvisional,
  };
}
export type Receipt = ReturnType<typeof receiptView>;

/** The applicant's own case on the portal: masked, with its state and outcome in words. */
export function applicantView(c: RequestCase, deadline: DeadlineResult, decrypt: Decrypt) {
  return {
    ...maskedView(c, decrypt),
    state: deadline.state,
    stateLabel: stateLabels[deadline.state],
    due: deadline.due,
    /** The due date as shown: with （暂定） when its year's 放假安排 is not yet entered. */
    dueText: dueText(deadline),
    dueProvisional: deadline.due !== null && deadline.provisional,
    outcomeLabel: outcomeLabel(c.outcome),
  };
}
export type ApplicantView = ReturnType<typeof applicantView>;

export interface PersonalData {
  idNumber: string;
  phone: string;
  address: string | null;
}

/**
 * The back office's view of a case: masked unless `personal` is given (the handling clerk asked
 * for it, and the service audited the viewing).
 */
export function staffCaseView(
  c: RequestCase,
  decrypt: Decrypt,
  personal: PersonalData | null,
  viewerId: string | null,
) {
  const masked = maskedView(c, decrypt);
  return {
    ...masked,
    submissionChannelLabel: submissionChannelLabels[c.submissionChannel],
    applicantTypeLabel: applicantTypeLabels[c.applicantType],
    idTypeLabel: idTypeLabels[c.idType],
    idNumber: personal?.idNumber ?? masked.idNumber,
    phone: personal?.phone ?? masked.phone,
    unmasked: personal !== null,
    handler: c.handlerId === null ? 'none' : c.handlerId === viewerId ? 'me' : 'other',
    closedOn: c.closedOn,
    outcome: c.outcome,
    outcomeLabel: outcomeLabel(c.outcome),
    submittedAt: c.submittedAt,
  } as const;
}
export type StaffCaseView = ReturnType<typeof staffCaseView>;

/** A letter as sent: its paragraphs, 落款 (the agency) and 成文日期, as the Word document has them. */
export function letterView(l: RequestLetterTable, agencyName: string) {
  return {
    id: l.id,
    kind: l.kind as LetterKind,
    title: l.title || letterTitles[l.kind as LetterKind],
    paragraphs: paragraphsOf(l.body),
    signature: agencyName,
    issuedOn: l.issued_on,
    issuedOnText: chineseDate(l.issued_on),
  };
}
export type LetterView = ReturnType<typeof letterView>;
