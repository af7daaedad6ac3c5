import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type CalendarAction = 'read' | 'enterNotice';

const rules: Record<CalendarAction, readonly Role[]> = {
  // The working days and the due-date calculator serve everyone who works on a deadline.
  read: ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'],
  // One calendar serves the whole deployment and moves every deadline counted in 工作日
  // (条例第三十三条): a year's State Council notice is entered by an administrator of the top
  // of the agency tree, not by a township's.
  enterNotice: ['admin'],
};

const refusals: Record<CalendarAction, string> = {
  read: '您没有查看工作日的权限',
  enterNotice: '只有系统管理员可以录入节假日安排',
};

/**
 * `root` is the top of the agency tree, since the calendar belongs to the whole deployment.
 * Before there is a tree, only the system may act.
 */
export function can(actor: Actor, action: CalendarAction, root: { path: string } | undefined): boolean {
  // Reading is not tied to the top of the tree: a role held anywhere is enough.
  if (action === 'read') return actor.kind === 'system' || scopesFor(actor, rules.read).length > 0;
  return holdsRoleOver(actor, rules[action], root?.path ?? '/');
}

export function assertCan(actor: Actor, action: CalendarAction, root: { path: string } | undefined): void {
  if (!can(actor, action, root)) throw new ForbiddenError(refusals[action]);
}
