import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type AccountAction =
  | 'read'
  | 'create'
  | 'resetPassword'
  | 'grant'
  | 'disable'
  | 'unlock'
  | 'listSessions'
  | 'revokeSession'
  | 'readAudit'
  | 'receiveAgencyNotices';

const rules: Record<AccountAction, readonly Role[]> = {
  read: ['admin', 'officeHead', 'supervisor'],
  create: ['admin'],
  resetPassword: ['admin'],
  grant: ['admin'],
  disable: ['admin'],
  unlock: ['admin'],
  listSessions: ['admin'],
  revokeSession: ['admin'],
  readAudit: ['admin', 'officeHead', 'supervisor'],
  // Reminders addressed to an agency rather than to a person (a case without a handler nearing
  // its answer deadline, the annual report due under 条例第五十条) go to those who run its
  // disclosure work.
  receiveAgencyNotices: ['admin', 'officeHead'],
};

/** `subject` is the agency the account (or audit event, or notice) belongs to. */
export function can(actor: Actor, action: AccountAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: AccountAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

/** Subtrees in which the actor may do `action`: scopes listings. */
export function scopes(actor: Actor, action: AccountAction): string[] {
  return scopesFor(actor, rules[action]);
}

/**
 * Events of no agency (the calendar, logins under an unknown name) concern the whole
 * deployment: only readers scoped at the top of a tree see them.
 */
export function seesSystemWideAudit(auditScopes: readonly string[]): boolean {
  return auditScopes.includes('/') || auditScopes.some((p) => p.split('/').filter(Boolean).length === 1);
}
