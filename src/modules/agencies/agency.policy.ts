import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type AgencyAction = 'read' | 'create' | 'updateContacts' | 'update' | 'rename' | 'move' | 'dissolve';

/** Everyone who works in or oversees an agency may read its back-office record. */
const readers: readonly Role[] = ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'];

const rules: Record<AgencyAction, readonly Role[]> = {
  read: readers,
  // The 公开办 keeps its own 公开指南 contact details current.
  updateContacts: ['admin', 'officeHead'],
  // The shape of the tree is the administrator's: it decides who sees what.
  create: ['admin'],
  update: ['admin'],
  rename: ['admin'],
  move: ['admin'],
  dissolve: ['admin'],
};

/** `subject` is the agency acted on (for `create`, the parent the new agency goes under). */
export function can(actor: Actor, action: AgencyAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: AgencyAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

/** Subtrees in which the actor may do `action`: scopes listings (e.g. the back office's tree). */
export function scopes(actor: Actor, action: AgencyAction): string[] {
  return scopesFor(actor, rules[action]);
}
