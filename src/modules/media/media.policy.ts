import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type MediaAction = 'manage' | 'view';

/**
 * Who does what with the 政务新媒体 registry. Roles are held for an agency and its subtree
 * (platform/access.ts): a clerk registers and keeps the accounts of their own agency (and those
 * below it), the office head and administrators over their whole subtree; reviewers and
 * supervisors read. The matrix page itself is public.
 */
const rules: Record<MediaAction, readonly Role[]> = {
  manage: ['admin', 'officeHead', 'clerk'],
  view: ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'],
};

export function can(actor: Actor, action: MediaAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: MediaAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

export function scopes(actor: Actor, action: MediaAction): string[] {
  return scopesFor(actor, rules[action]);
}

/** The back-office menu entry: for those who may read some part of the registry. */
export const mayView = (actor: Actor) => scopes(actor, 'view').length > 0;
