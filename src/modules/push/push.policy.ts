import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type PushAction = 'setRule' | 'viewFigures' | 'manageCategories' | 'readOutbox';

/**
 * Who does what in 精准推送. A policy's audience rule is written by those who draft and publish
 * the agency's records; figures are read over one's subtree; the categories (3类22项) and the
 * outbox belong to the office that runs the platform.
 */
const rules: Record<PushAction, readonly Role[]> = {
  setRule: ['admin', 'officeHead', 'clerk'],
  viewFigures: ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'],
  manageCategories: ['admin', 'officeHead'],
  readOutbox: ['admin'],
};

export function can(actor: Actor, action: PushAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: PushAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

export function scopes(actor: Actor, action: PushAction): string[] {
  return scopesFor(actor, rules[action]);
}

/** Over the whole tree (the top agency's path, or '/'). */
export function atTop(actor: Actor, action: PushAction): boolean {
  return scopes(actor, action).some((p) => p === '/' || p.split('/').filter(Boolean).length === 1);
}

/** The proof a subscriber carries after confirming a code sent to their e-mail. */
export const subscriberProof = (id: string) => `push:${id}`;
