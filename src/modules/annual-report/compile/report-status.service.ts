import { beijingDate } from '../../../platform/clock.js';
import type { Ctx } from '../../../platform/context.js';
import { agencies } from '../../agencies/index.js';
import * as publishedRepo from '../published/published-report.repository.js';
import { agenciesRecordedFor } from '../published/published-report.service.js';
import { get } from './annual-report.service.js';
import { can } from './annual-report.policy.js';
import * as repo from './annual-report.repository.js';
import { reportDeadline, reportSettings } from './report-deadline.js';

/**
 * Where each agency's annual report on last year stands, for those who sign reports off: not
 * started, being written, held up by errors the checks found, or published (on the platform, or
 * before it and recorded in 年报检查), with the day 条例第五十条 sets and the days left.
 */

export type ReportStatus = 'notStarted' | 'drafting' | 'findings' | 'published';

export const reportStatusLabels: Record<ReportStatus, string> = {
  notStarted: '未开始',
  drafting: '编写中',
  findings: '检查有错误',
  published: '已发布',
};

export interface AgencyReportStatus {
  agencyId: string;
  agencyName: string;
  year: number;
  status: ReportStatus;
  /** The draft's or the published version's ID, if any. */
  reportId: string | null;
  /** Errors found in the draft (status `findings`). */
  errors: number;
  /** 条例第五十条 (YYYY-MM-DD). */
  deadline: string;
  /** Days from today to the deadline; negative once late. */
  daysLeft: number;
}

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The agencies whose reports the actor signs off (villages have no report under the 条例), each with its status. */
export async function reportStatuses(ctx: Ctx): Promise<AgencyReportStatus[]> {
  const today = beijingDate(ctx.clock.now());
  const year = Number(today.slice(0, 4)) - 1;
  const township = reportSettings.of(ctx).townshipReportDeadline;
  const mine = (await agencies.listForStaff(ctx)).filter((a) => can(ctx.actor, 'publish', a));
  if (mine.length === 0) return [];
  const rows = (await repo.listWithin(ctx.db, [...new Set(mine.map((a) => a.path))])).filter(
    (r) => r.year === year && r.scope === 'self',
  );
  const recorded = await agenciesRecordedFor(ctx, year);
  const out: AgencyReportStatus[] = [];
  for (const a of mine) {
    const deadline = reportDeadline(a, year, township);
    if (!deadline) continue;
    const own = rows.filter((r) => r.agency_id === a.id);
    const published = own.find((r) => r.state === 'published');
    const draft = own.find((r) => r.state === 'draft');
    let status: ReportStatus = 'notStarted';
    let errors = 0;
    let reportId: string | null = null;
    if (published || recorded.has(a.id)) {
      status = 'published';
      reportId = published?.id ?? null;
    } else if (draft) {
      reportId = draft.id;
      errors = (await get(ctx, draft.id)).findings.filter((f) => f.severity === 'error').length;
      status = errors ? 'findings' : 'drafting';
    }
    out.push({
      agencyId: a.id,
      agencyName: a.name,
      year,
      status,
      reportId,
      errors,
      deadline,
      daysLeft: days(today, deadline),
    });
  }
  return out;
}

/** An agency's report on a year, against the day 条例第五十条 sets (the supervision figures). */
export interface ReportTimeliness {
  agencyId: string;
  agencyName: string;
  year: number;
  deadline: string;
  /** First published on the platform (Beijing date), or null. */
  publishedOn: string | null;
  /** Recorded from its published text (年报检查): the checker's report and its errors. */
  recordedId: string | null;
  errors: number;
  /** Not published by the deadline (published after it, or not yet, with the deadline past). */
  late: boolean;
}

/**
 * The reports on `years` of the agencies within `paths` that must publish one (not villages), as
 * far as the actor may read them: when each was published against its deadline, and the errors
 * the checker found in a report recorded from its published text. Two grouped queries.
 */
export async function reportTimeliness(
  ctx: Ctx,
  paths: readonly string[],
  years: readonly number[],
): Promise<ReportTimeliness[]> {
  const today = beijingDate(ctx.clock.now());
  const township = reportSettings.of(ctx).townshipReportDeadline;
  const mine = (await agencies.listForStaff(ctx)).filter(
    (a) => can(ctx.actor, 'read', a) && paths.some((p) => a.path.startsWith(p)),
  );
  const within = [...new Set(mine.map((a) => a.path))];
  const first = await repo.firstPublishedWithin(ctx.db, within, years);
  const recorded = await publishedRepo.recordedWithin(ctx.db, within, years);
  const out: ReportTimeliness[] = [];
  for (const year of years)
    for (const a of mine) {
      const deadline = reportDeadline(a, year, township);
      if (!deadline || a.dissolvedAt) continue;
      const at = first.find((f) => f.agencyId === a.id && f.year === year)?.publishedAt ?? null;
      const publishedOn = at ? beijingDate(new Date(at)) : null;
      const rec = recorded.find((r) => r.history_agency_id === a.id && r.history_year === year);
      // A report recorded from its published text was published before the platform knew it: on time.
      const late = rec ? false : publishedOn ? publishedOn > deadline : today > deadline;
      out.push({
        agencyId: a.id,
        agencyName: a.name,
        year,
        deadline,
        publishedOn,
        recordedId: rec?.id ?? null,
        errors: rec?.error_count ?? 0,
        late,
      });
    }
  return out;
}
