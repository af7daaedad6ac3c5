import type { AuditEvent } from '../../platform/audit.js';
import { roleLabels, type Role } from '../../platform/access.js';
import { formatDateTime } from '../../platform/clock.js';
import { isLocked, type StaffUser } from './account.js';

/** Staff account as an administrator sees it; never the password hash. */
export function staffUserView(
  u: StaffUser,
  extra: {
    agencyName?: string;
    grants?: Array<{ id: string; role: Role; agencyId: string; agencyName: string }>;
  } = {},
) {
  return {
    id: u.id,
    agencyId: u.agencyId,
    agencyName: extra.agencyName ?? null,
    username: u.username,
    displayName: u.displayName,
    locked: u.lockedUntil,
    disabledAt: u.disabledAt,
    lastLoginAt: u.lastLoginAt,
    mustChangePassword: u.mustChangePassword,
    grants: (extra.grants ?? []).map((g) => ({ ...g, roleLabel: roleLabels[g.role] })),
  };
}

/** Audit snapshot: identity and state only. */
export function auditUser(u: StaffUser) {
  return {
    username: u.username,
    displayName: u.displayName,
    agencyId: u.agencyId,
    lockedUntil: u.lockedUntil,
    disabledAt: u.disabledAt,
    mustChangePassword: u.mustChangePassword,
  };
}

export type AccountState = 'disabled' | 'locked' | 'active';

/** Whether an account can be used at `now`, as the account list and page say it. */
export function accountStatus(u: StaffUser, now: Date) {
  const state: AccountState = u.disabledAt ? 'disabled' : isLocked(u, now) ? 'locked' : 'active';
  return {
    state,
    label: { disabled: '已停用', locked: '已锁定', active: '正常' }[state],
    detail: {
      disabled: `已停用（${formatDateTime(u.disabledAt)}）`,
      locked: `已锁定至 ${formatDateTime(u.lockedUntil)}`,
      active: '正常',
    }[state],
  };
}
export type AccountStatus = ReturnType<typeof accountStatus>;

/** A role held, as its holder and the administrators read it. */
export function grantView(g: { id: string; role: Role; agencyId: string; agencyName: string }) {
  return {
    id: g.id,
    role: g.role,
    roleLabel: roleLabels[g.role],
    agencyId: g.agencyId,
    agencyName: g.agencyName,
    /** The role holds for the agency and everything below it. */
    scopeLabel: `${g.agencyName}及其下级机构`,
  };
}
export type GrantView = ReturnType<typeof grantView>;

/** The signed-in staff member through the API (`/api/v1/me`). */
export function meView(
  u: { id: string; username: string; displayName: string; agencyId: string | null },
  grants: Array<{ role: Role; agencyId: string; agencyName: string }>,
) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    agencyId: u.agencyId,
    grants: grants.map((g) => ({
      role: g.role,
      roleLabel: roleLabels[g.role],
      agencyId: g.agencyId,
      agencyName: g.agencyName,
    })),
  };
}

/** A live session on the 在线会话 page: who, where from, since when. No token, no user agent. */
export function sessionView(
  s: {
    id: string;
    username: string;
    display_name: string;
    agency_name: string;
    created_at: string;
    last_seen_at: string;
    ip: string | null;
  },
  currentSessionId: string | null,
) {
  return {
    id: s.id,
    who: `${s.display_name}（${s.username}）`,
    agencyName: s.agency_name,
    signedInAt: formatDateTime(s.created_at),
    lastSeenAt: formatDateTime(s.last_seen_at),
    ip: s.ip ?? '',
    current: s.id === currentSessionId,
  };
}
export type SessionView = ReturnType<typeof sessionView>;

/** A notice on the 工作台; a notice about a case links to it. */
export function noticeView(n: { day: string; message: string; subject_type: string; subject_id: string }) {
  return {
    day: n.day,
    message: n.message,
    href: n.subject_type === 'request' ? `/admin/requests/${n.subject_id}` : null,
  };
}
export type NoticeView = ReturnType<typeof noticeView>;

/** An audit event as the audit-log page and the API carry it: the agency named, no actor id. */
export interface AuditEventView extends Omit<AuditEvent, 'actorId'> {
  agencyName: string | null;
}

export function auditEventView(e: AuditEvent, agencyName: string | null): AuditEventView {
  return {
    id: e.id,
    at: e.at,
    actorLabel: e.actorLabel,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    agencyId: e.agencyId,
    agencyName,
    before: e.before,
    after: e.after,
    ip: e.ip,
  };
}

/** What the audit-log page shows of an event: labels in Chinese, times in Beijing time. */
export function auditRow(
  e: AuditEventView,
  labels: { auditActionLabel(action: string): string; auditSubjectLabel(subject: string): string },
) {
  return {
    id: e.id,
    at: formatDateTime(e.at),
    actorLabel: e.actorLabel,
    actionLabel: labels.auditActionLabel(e.action),
    subjectLabel: labels.auditSubjectLabel(e.subjectType),
    /** The end of the subject's id: enough to tell two subjects apart on one page. */
    subjectShort: e.subjectId ? e.subjectId.slice(-8) : null,
    agencyName: e.agencyName ?? '',
    ip: e.ip ?? '',
    before: e.before ? JSON.stringify(e.before, null, 1) : null,
    after: e.after ? JSON.stringify(e.after, null, 1) : null,
  };
}
export type AuditRow = ReturnType<typeof auditRow>;
