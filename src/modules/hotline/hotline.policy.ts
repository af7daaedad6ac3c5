import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type HotlineAction = 'import' | 'convert';

/**
 * The office that runs the platform imports the hotline's export for the whole tree (its
 * administrators and heads over the root). The figures themselves are public.
 */
const rules: Record<HotlineAction, readonly Role[]> = {
  import: ['admin', 'officeHead'],
  // A 工单 that asks for government information becomes an application of its 承办单位.
  convert: ['admin', 'officeHead', 'clerk'],
};

export function can(actor: Actor, action: HotlineAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: HotlineAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

/** Whether the actor may import for some top of the tree (the back-office menu entry). */
export function mayImportAnywhere(actor: Actor): boolean {
  return scopesFor(actor, rules.import).some(
    (path) => path === '/' || path.split('/').filter(Boolean).length === 1,
  );
}

/** Whether the actor may turn some 工单 into an application (the back-office menu entry for clerks). */
export function mayConvertAnywhere(actor: Actor): boolean {
  return scopesFor(actor, rules.convert).length > 0;
}
