import type { Ctx } from '../../../platform/context.js';
import type { WorkbenchPanel } from '../../accounts/index.js';
import { reportStatusLabels, reportStatuses, type AgencyReportStatus } from './report-status.service.js';

/** The deadline and how far it is, in words: 应于 2026-01-31 前公布 · 还有 14 天. */
function deadlineText(s: AgencyReportStatus): string {
  const when = `应于 ${s.deadline} 前公布（条例第五十条）`;
  if (s.status === 'published') return when;
  if (s.daysLeft > 0) return `${when} · 还有 ${s.daysLeft} 天`;
  if (s.daysLeft === 0) return `${when} · 今天到期`;
  return `${when} · 已逾期 ${-s.daysLeft} 天`;
}

/** The count of each status not yet published: （未开始 3，编写中 1）. */
function summary(statuses: AgencyReportStatus[]): string {
  const parts = (['notStarted', 'drafting', 'findings'] as const)
    .map((k) => [reportStatusLabels[k], statuses.filter((s) => s.status === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label} ${n}`);
  return parts.length ? `（${parts.join('，')}）` : '';
}

/**
 * 年度报告 on the office head's 工作台: the status of last year's report of every agency they sign
 * off (未开始 / 编写中 / 检查有错误 / 已发布) with its legal deadline, late ones marked.
 */
export async function reportWorkbench(ctx: Ctx): Promise<WorkbenchPanel[]> {
  const statuses = await reportStatuses(ctx);
  if (statuses.length === 0) return [];
  const year = statuses[0]!.year;
  return [
    {
      key: 'annual-report',
      title: `${year}年政府信息公开工作年度报告`,
      order: 30,
      note: `已发布 ${statuses.filter((s) => s.status === 'published').length} / ${statuses.length} 个机构${summary(statuses)}`,
      wide: statuses.length > 3,
      items: statuses.map((s) => ({
        label: s.agencyName,
        detail: `${reportStatusLabels[s.status]}${s.status === 'findings' ? `（${s.errors} 处错误）` : ''} · ${deadlineText(s)}`,
        href: s.reportId ? `/admin/annual-reports/${s.reportId}` : '/admin/annual-reports',
        urgent: s.status !== 'published' && s.daysLeft < 0,
      })),
      more: { href: '/admin/annual-reports', label: '全部年度报告' },
    },
  ];
}
