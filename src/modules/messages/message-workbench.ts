import { scopesFor } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import type { WorkbenchPanel } from '../accounts/index.js';
import { queue } from './message-views.service.js';

/**
 * 来信 on the 工作台: what waits (to dispatch, returned, due within three days, overdue), the
 * 差评 to fix, and — first and marked urgent — any 来信 unanswered for more than three months,
 * which fails the site outright in a 国办秘函〔2019〕19号 inspection.
 */
export async function messageWorkbench(ctx: Ctx): Promise<WorkbenchPanel[]> {
  if (scopesFor(ctx.actor, ['clerk', 'officeHead', 'admin', 'supervisor']).length === 0) return [];
  const q = await queue(ctx);
  const count = (p: (i: (typeof q.items)[number]) => boolean) => q.items.filter(p).length;
  const over3 = q.unansweredOver3Months.length;
  return [
    {
      key: 'messages',
      title: '来信办理',
      order: 15,
      note: `办理中 ${q.items.length} 件`,
      items: [
        {
          label: '超过三个月未答复',
          count: over3,
          detail: '网站检查单项否决指标（国办秘函〔2019〕19号）',
          href: '/admin/letters',
          urgent: over3 > 0,
        },
        { label: '已超期', count: q.overdue, href: '/admin/letters', urgent: q.overdue > 0 },
        {
          label: '3 日内到期',
          count: count((i) => !i.clock.overdue && i.clock.remaining !== null && i.clock.remaining <= 3),
          href: '/admin/letters',
        },
        { label: '待转办', count: count((i) => i.stage === 'received'), href: '/admin/letters' },
        { label: '退单待审核', count: count((i) => i.stage === 'returned'), href: '/admin/letters' },
        { label: '待处置差评', count: q.badRatingsOpen.length, href: '/admin/letters' },
      ],
      more: { href: '/admin/letters', label: '全部办理中的来信' },
    },
  ];
}
