import type { Ctx } from '../../platform/context.js';
import type { WorkbenchPanel } from '../accounts/index.js';
import { listPage } from './inspection-report.service.js';
import { vetoLabels } from './inspection.js';
import { scopes } from './inspection.policy.js';

/**
 * The 工作台 panel of the site inspector: for the office (and anyone who may read a site's
 * reports), the sites at risk — 单项否决 or below 60 points at their latest inspection, or their
 * home page failing 5% of the week's probes — each a line that opens its report.
 */
export async function inspectionWorkbench(ctx: Ctx): Promise<WorkbenchPanel[]> {
  if (scopes(ctx.actor, 'view').length === 0) return [];
  const page = await listPage(ctx);
  if (page.total === 0) return [];
  const risky = page.rows.filter((r) => r.atRisk);
  return [
    {
      key: 'inspection',
      title: '网站检查',
      order: 65,
      note: `检查名单中的网站 ${page.total} 个，有风险 ${risky.length} 个`,
      more: { href: '/admin/inspection', label: '全部网站' },
      items: [
        {
          label: '有风险的网站',
          count: risky.length,
          href: '/admin/inspection?risk=1',
          urgent: risky.length > 0,
        },
        ...risky.slice(0, 5).map((r) => ({
          label: r.site.name,
          detail: `${
            r.latest?.vetoCodes.length
              ? r.latest.vetoCodes.map((c) => vetoLabels[c]).join('、')
              : r.latest && r.latest.verdict !== 'pass'
                ? `${r.latest.score} 分，不合格`
                : '首页可用率不足'
          }`,
          href: `/admin/inspection/sites/${r.site.id}`,
          urgent: true,
        })),
      ],
    },
  ];
}
