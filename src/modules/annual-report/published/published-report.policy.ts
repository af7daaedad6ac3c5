import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../../platform/access.js';
import { ForbiddenError } from '../../../platform/errors.js';

export type PublishedReportAction = 'check' | 'read' | 'attach';

/**
 * Anyone who works in the back office may check a published report (it is public material);
 * what they upload is visible within their scope. Recording a report as an agency's history
 * changes that agency's record: its office head or an administrator.
 */
const rules: Record<PublishedReportAction, readonly Role[]> = {
  check: ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'],
  read: ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'],
  attach: ['admin', 'officeHead'],
};

export function can(actor: Actor, action: PublishedReportAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: PublishedReportAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

export function scopes(actor: Actor): string[] {
  return scopesFor(actor, rules.read);
}
