import type { Ctx } from '../../../platform/context.js';
import { scopesFor } from '../../../platform/access.js';
import type { WorkbenchPanel } from '../../accounts/index.js';
import { scopeLabels, type Scope } from '../compile/annual-report.schemas.js';
import * as repo from './followup.repository.js';

/**
 * 年报所述问题的整改 on the 工作台 of those who write the report (the 公开办's clerks and head): each
 * published report whose section 五 stated problems not yet fixed, with how many, opening the
 * 培训考核与问题整改 page where their 整改 is recorded. Nothing when everything is fixed.
 */
export async function followupWorkbench(ctx: Ctx): Promise<WorkbenchPanel[]> {
  const paths = scopesFor(ctx.actor, ['admin', 'officeHead', 'clerk']);
  if (paths.length === 0) return [];
  const open = await repo.openProblemCounts(ctx.db, paths);
  if (open.length === 0) return [];
  return [
    {
      key: 'annual-report/followup',
      title: '年报所述问题的整改',
      order: 31,
      note: `尚未整改完成的问题共 ${open.reduce((n, r) => n + r.open, 0)} 个，整改情况将写入下一年度报告`,
      items: open.map((r) => ({
        label: `${r.agency_name} ${r.year}年度报告（${scopeLabels[r.scope as Scope]}）`,
        count: r.open,
        href: `/admin/annual-reports/followup?agencyId=${encodeURIComponent(r.agency_id)}&year=${r.year}&scope=${r.scope}#problems`,
      })),
      more: { href: '/admin/annual-reports/followup', label: '培训考核与问题整改' },
    },
  ];
}
