import { scopesFor, type Actor, type Role } from '../../platform/access.js';

export type SupervisionAction = 'view';

/**
 * Who reads the supervision dashboard: 监督员 and office heads (and administrators) over the
 * subtree their role is held for; a clerk over their own agency, as every module's read rule lets
 * a clerk read their own agency's cases, records and reports. Reviewers take the 保密审查 step and
 * have nothing to oversee here.
 */
const rules: Record<SupervisionAction, readonly Role[]> = {
  view: ['admin', 'officeHead', 'supervisor', 'clerk'],
};

export function scopes(actor: Actor, action: SupervisionAction): string[] {
  return scopesFor(actor, rules[action]);
}

/** The back-office menu entry and the 工作台 panel: for those with a subtree to oversee. */
export const mayView = (actor: Actor) => scopes(actor, 'view').length > 0;
