import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type PlaceAction = 'manage' | 'read';

/**
 * A township's clerk keeps its own 查阅点 and 公开栏 (and its villages'), the office the whole
 * tree's; reviewers and supervisors read the back-office list. The public pages need no role.
 */
const rules: Record<PlaceAction, readonly Role[]> = {
  manage: ['admin', 'officeHead', 'clerk'],
  read: ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'],
};

export function can(actor: Actor, action: PlaceAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: PlaceAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

export function scopes(actor: Actor, action: PlaceAction): string[] {
  return scopesFor(actor, rules[action]);
}
