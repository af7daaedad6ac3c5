import type { Installation } from '../../platform/module.js';
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
  labels: Pick<Installation, 'auditActionLabel' | 'auditSubjectLabel' | 'auditField'>,
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
    changes: auditChanges(e, labels),
  };
}

/** A snapshot flattened to its leaves: `{ a: { b: 1 } }` → `a.b = 1`. */
function leaves(v: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) leaves(x, path ? `${path}.${k}` : k, out);
  } else if (path) out.set(path, v);
  return out;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function shownValue(v: unknown, values?: Readonly<Record<string, string>>): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map((x) => shownValue(x, values)).join('、') || '—';
  if (typeof v === 'string') {
    if (values?.[v] !== undefined) return values[v];
    return INSTANT.test(v) ? formatDateTime(v) : v;
  }
  if (typeof v === 'number') return String(v);
  // An entry of a list (a holiday, a fee line): its values side by side.
  if (typeof v === 'object')
    return Object.values(v)
      .map((x) => shownValue(x, values))
      .join(' ');
  return String(v);
}

/**
 * What an event changed, field by field, in the words of the module that recorded it: labels and
 * coded values from its manifest (`audit.fields`, `audit.values`), ids and tree paths left out.
 */
export function auditChanges(
  e: Pick<AuditEventView, 'action' | 'subjectType' | 'before' | 'after'>,
  labels: Pick<Installation, 'auditField'>,
): Array<{ label: string; before: string | null; after: string | null }> {
  const before = leaves(e.before);
  const after = leaves(e.after);
  const out: Array<{ label: string; before: string | null; after: string | null }> = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const field = labels.auditField(e, path);
    if (field?.label === '') continue;
    out.push({
      label: field?.label ?? path,
      before:
        e.before === null || e.before === undefined ? null : shownValue(before.get(path), field?.values),
      after: e.after === null || e.after === undefined ? null : shownValue(after.get(path), field?.values),
    });
  }
  return out;
}
export type AuditRow = ReturnType<typeof auditRow>;
