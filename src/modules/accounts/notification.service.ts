import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { scopes } from './account.policy.js';
import * as repo from './account.repository.js';
import type { StaffNotificationTable } from './account.tables.js';

/** Notices to staff, shown on their 工作台. One per subject, kind and day. */
export async function notify(
  ctx: Ctx,
  n: {
    agencyId: string;
    userId: string | null;
    kind: string;
    subjectType: string;
    subjectId: string;
    day: string;
    message: string;
  },
): Promise<boolean> {
  return repo.insertNotice(ctx.db, {
    id: newId(),
    agency_id: n.agencyId,
    user_id: n.userId,
    kind: n.kind,
    subject_type: n.subjectType,
    subject_id: n.subjectId,
    day: n.day,
    message: n.message,
    created_at: ctx.clock.now().toISOString(),
    read_at: null,
  });
}

/**
 * Unread notices of the acting staff member: addressed to them, or to no one in particular in an
 * agency where they receive the agency's notices (its administrators and office heads).
 */
export async function unreadForMe(ctx: Ctx): Promise<StaffNotificationTable[]> {
  if (!ctx.actor.id) return [];
  return repo.unreadNotices(ctx.db, ctx.actor.id, scopes(ctx.actor, 'receiveAgencyNotices'));
}
