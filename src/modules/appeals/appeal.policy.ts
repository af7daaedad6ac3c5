import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type AppealAction = 'read' | 'record' | 'decide';

/** Everyone who works in or oversees the agency reads its appeals and its section 四. */
const readers: readonly Role[] = ['clerk', 'officeHead', 'admin', 'reviewer', 'supervisor'];
/** The agency's disclosure staff record a 复议 or 诉讼 and its result. */
const writers: readonly Role[] = ['clerk', 'officeHead', 'admin'];

const rules: Record<AppealAction, readonly Role[]> = {
  read: readers,
  record: writers,
  decide: writers,
};

/** `subject` is the agency the appeal is against (for `record`, the one it will be against). */
export function can(actor: Actor, action: AppealAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: AppealAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

/** The subtrees whose appeals the actor may list for `action` (['/'] for the system). */
export function scopeFor(actor: Actor, action: AppealAction): string[] {
  return scopesFor(actor, rules[action]);
}
