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
  | 'readAudit';

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
};

/** `subject` is the agency the account (or audit event) belongs to. */
export function can(actor: Actor, action: AccountAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: AccountAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

export function scopes(actor: Actor, action: AccountAction): string[] {
  return scopesFor(actor, rules[action]);
}
