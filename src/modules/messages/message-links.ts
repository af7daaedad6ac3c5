import type { Ctx } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import * as repo from './message.repository.js';
import { loadMessage } from './message.service.js';

/**
 * On an application's page: the 来信 it was made from, or was passed to (条例第三十九条), each a
 * link for those who may read it; and, when none was passed yet, the way to pass it.
 */
export async function requestLinks(
  ctx: Ctx,
  requestId: string,
): Promise<Array<{ label: string; href: string }>> {
  const out: Array<{ label: string; href: string }> = [];
  const linked = await repo.linkedToRequest(ctx.db, requestId);
  for (const m of linked) {
    try {
      await loadMessage(ctx, m.id, 'read');
    } catch (e) {
      if (e instanceof NotFoundError) continue;
      throw e;
    }
    out.push({
      label: m.request_id === requestId ? `由来信 ${m.number} 转来` : `已转来信办理：${m.number}`,
      href: `/admin/letters/${m.id}`,
    });
  }
  if (!linked.some((m) => m.from_request_id === requestId))
    out.push({
      label: '属于信访、投诉、举报的，转来信办理（条例第三十九条）',
      href: `/admin/letters/from-request/${requestId}`,
    });
  return out;
}

/** On the applicant's portal page of an answered application: rate the 答复, or the rating given. */
export async function applicantCaseLinks(
  ctx: Ctx,
  c: { id: string; state: string },
): Promise<Array<{ label: string; href: string; note?: string }>> {
  if (c.state !== 'replied') return [];
  const r = await repo.ratingOf(ctx.db, 'request', c.id);
  return [
    r
      ? { label: '查看您对答复的评价', href: `/cases/rate/${c.id}`, note: '已评价' }
      : {
          label: '评价本次答复（好差评）',
          href: `/cases/rate/${c.id}`,
          note: '非常满意、满意、基本满意、不满意或非常不满意',
        },
  ];
}
