import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type InspectionAction = 'manage' | 'run' | 'review' | 'view';

/**
 * Who does what with the site inspector. The office (administrators and office heads over their
 * subtree) names the sites, their rules and the responsible agency, and confirms or dismisses the
 * results a person must decide (待人工确认); a clerk may start an inspection of a site of their
 * own agency and read its reports; reviewers and supervisors read.
 */
const rules: Record<InspectionAction, readonly Role[]> = {
  manage: ['admin', 'officeHead'],
  review: ['admin', 'officeHead'],
  run: ['admin', 'officeHead', 'clerk'],
  view: ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'],
};

export function can(actor: Actor, action: InspectionAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: InspectionAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

export function scopes(actor: Actor, action: InspectionAction): string[] {
  return scopesFor(actor, rules[action]);
}

/** The back-office menu entry: for those who may read some site's reports. */
export const mayView = (actor: Actor) => scopes(actor, 'view').length > 0;
