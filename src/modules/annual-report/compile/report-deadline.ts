import { beijingDate } from '../../../platform/clock.js';
import type { Ctx } from '../../../platform/context.js';
import { notifications } from '../../accounts/index.js';
import { agencies, type Agency } from '../../agencies/index.js';
import { agenciesRecordedFor } from '../published/published-report.service.js';
import { reportSettings } from '../annual-report.settings.js';
import * as repo from './annual-report.repository.js';

/**
 * 条例第五十条: departments publish last year's annual report by 31 January, people's
 * governments at county level and above by 31 March; townships by `TOWNSHIP_REPORT_DEADLINE`
 * (annual-report.settings.ts).
 */
export { reportSettings };

/** The day by which an agency must publish its report on `reportYear`; null for villages. */
export function reportDeadline(
  a: Pick<Agency, 'kind' | 'level'>,
  reportYear: number,
  townshipDeadline = reportSettings.keys.townshipReportDeadline.default,
): string | null {
  const next = reportYear + 1;
  if (a.kind === 'villageCommunity' || a.level === 'village') return null;
  if (a.kind === 'townshipStreet' || a.level === 'township') return `${next}-${townshipDeadline}`;
  if (a.kind === 'peoplesGovernment') return `${next}-03-31`;
  return `${next}-01-31`;
}

const remindDaysBefore = [14, 7, 3, 1, 0];

/**
 * The daily reminder: an agency whose report on last year is not yet published hears from the
 * platform 14, 7, 3 and 1 days before its deadline and on the day, then every Monday while late.
 * Notices go to the agency's office heads (工作台).
 */
export async function remindReportDeadlines(ctx: Ctx): Promise<string> {
  const today = beijingDate(ctx.clock.now());
  const reportYear = Number(today.slice(0, 4)) - 1;
  const township = reportSettings.of(ctx).townshipReportDeadline;
  const published = new Set(await repo.agenciesPublishedFor(ctx.db, reportYear));
  // A report published before (or outside) the platform and recorded in 年报检查 counts too.
  for (const id of await agenciesRecordedFor(ctx, reportYear)) published.add(id);
  let sent = 0;
  for (const a of await agencies.listPublic(ctx)) {
    const deadline = reportDeadline(a, reportYear, township);
    if (!deadline || published.has(a.id)) continue;
    const daysLeft = Math.round(
      (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
    );
    const monday = new Date(`${today}T00:00:00Z`).getUTCDay() === 1;
    const due = remindDaysBefore.includes(daysLeft) || (daysLeft < 0 && daysLeft >= -180 && monday);
    if (!due) continue;
    const message =
      daysLeft >= 0
        ? `${a.name}${reportYear}年政府信息公开工作年度报告应于 ${deadline} 前向社会公布（条例第五十条），${daysLeft === 0 ? '今天到期' : `还有 ${daysLeft} 天`}，尚未发布`
        : `${a.name}${reportYear}年政府信息公开工作年度报告应于 ${deadline} 前向社会公布（条例第五十条），已逾期 ${-daysLeft} 天，尚未发布`;
    if (
      await notifications.notify(ctx, {
        agencyId: a.id,
        userId: null,
        kind: 'annualReport.due',
        subjectType: 'agency',
        subjectId: a.id,
        day: today,
        message,
      })
    )
      sent++;
  }
  return `年报提醒 ${sent} 条`;
}
