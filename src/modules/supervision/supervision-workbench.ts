import type { Ctx } from '../../platform/context.js';
import type { WorkbenchPanel } from '../accounts/index.js';
import { nonZeroFigures } from './supervision.service.js';
import { mayView } from './supervision.policy.js';

/**
 * The supervision panel on the 工作台: this year's figures that are not zero over the member's
 * subtree, each opening its list; nothing when every figure is zero.
 */
export async function supervisionWorkbench(ctx: Ctx): Promise<WorkbenchPanel[]> {
  if (!mayView(ctx.actor)) return [];
  const figures = await nonZeroFigures(ctx);
  if (figures.length === 0) return [];
  return [
    {
      key: 'supervision',
      title: '监督统计',
      order: 60,
      note: '今年以来需要关注的情况',
      more: { href: '/admin/supervision', label: '监督统计' },
      items: figures.map((f) => ({
        label: f.label,
        count: f.count,
        href: `/admin/supervision/${f.key}`,
        urgent: true,
      })),
    },
  ];
}
