import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../../platform/access.js';
import { ForbiddenError } from '../../../platform/errors.js';

export type AnnualReportAction = 'read' | 'open' | 'editNarrative' | 'enterFigures' | 'publish' | 'correct';

/** Everyone who works in or oversees an agency may read its report, drafts included. */
const readers: readonly Role[] = ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'];
/** The 公开办's clerks write the report and enter the figures kept in other systems. */
const writers: readonly Role[] = ['admin', 'officeHead', 'clerk'];
/**
 * The office head signs the report off (条例第五十条: the agency publishes it) and answers for a
 * correction of what was published.
 */
const approvers: readonly Role[] = ['admin', 'officeHead'];

const rules: Record<AnnualReportAction, readonly Role[]> = {
  read: readers,
  open: writers,
  editNarrative: writers,
  enterFigures: writers,
  publish: approvers,
  correct: approvers,
};

/** `subject` is the agency whose report (or figures) is acted on. */
export function can(actor: Actor, action: AnnualReportAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: AnnualReportAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

/** The subtrees whose reports the actor may read. */
export function readScopes(actor: Actor): string[] {
  return scopesFor(actor, rules.read);
}
