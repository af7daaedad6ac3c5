import type { Actor } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';
import { canManageJobs } from '../../platform/jobs/index.js';

/**
 * Who may see and handle the platform's background jobs: the administrators of the top of the
 * tree (the jobs serve every agency: a failed reminder of a township's report is a platform
 * matter), and the system. The job kit applies the same rule again in its own services.
 */
export const actions = ['viewJobs', 'retryJob', 'discardJob'] as const;
export type Action = (typeof actions)[number];

export function can(actor: Actor, _action: Action): boolean {
  return canManageJobs(actor);
}

export function assertCan(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw new ForbiddenError('只有系统管理员可以查看和处理后台任务');
}

export function allowed(actor: Actor): Action[] {
  return actions.filter((a) => can(actor, a));
}
