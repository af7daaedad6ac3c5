import type { Ctx } from '../../platform/context.js';
import type { WorkbenchPanel } from '../accounts/index.js';
import { dueStatus, stateLabels } from './website-report.service.js';

/**
 * The 工作台 of the site's 公开办 from 1 January: last year's 政府网站工作年度报表 is due on the home
 * page by 31 January (国办函〔2018〕12号); the panel stays until it is published, and says when
 * it is overdue.
 */
export async function websiteReportWorkbench(ctx: Ctx): Promise<WorkbenchPanel[]> {
  const s = await dueStatus(ctx);
  if (!s) return [];
  const overdue = s.daysLeft < 0;
  const when = overdue ? `已逾期 ${-s.daysLeft} 天` : s.daysLeft === 0 ? '今天到期' : `还有 ${s.daysLeft} 天`;
  return [
    {
      key: 'website-report',
      title: `${s.year}年政府网站工作年度报表`,
      order: 32,
      note: `应于 ${s.deadline} 前在网站首页公布（国办函〔2018〕12号）`,
      items: [
        {
          label: `${s.year}年度报表`,
          detail: `${stateLabels[s.state]} · ${when}`,
          href: `/admin/website-report?year=${s.year}`,
          urgent: overdue,
        },
      ],
      more: { href: '/admin/website-report', label: '填报年度报表' },
    },
  ];
}
