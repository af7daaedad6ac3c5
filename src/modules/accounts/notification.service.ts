import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';

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
  const r = await ctx.db
    .insertInto('staff_notification')
    .values({
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
    })
    .onConflict((oc) => oc.columns(['subject_id', 'kind', 'day']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Unread notices for a staff member: addressed to them, or to the office heads of agencies they head. */
export async function unreadFor(ctx: Ctx, userId: string, headOf: string[]) {
  let q = ctx.db
    .selectFrom('staff_notification')
    .innerJoin('agency', 'agency.id', 'staff_notification.agency_id')
    .selectAll('staff_notification')
    .where('staff_notification.read_at', 'is', null);
  q = q.where((eb) =>
    eb.or([
      eb('staff_notification.user_id', '=', userId),
      ...(headOf.length
        ? [
            eb.and([
              eb('staff_notification.user_id', 'is', null),
              eb.or(headOf.map((p) => eb('agency.path', 'like', `${p}%`))),
            ]),
          ]
        : []),
    ]),
  );
  return q.orderBy('staff_notification.day', 'desc').limit(50).execute();
}
