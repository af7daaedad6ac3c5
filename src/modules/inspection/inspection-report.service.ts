import type { Ctx } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { isId } from '../../platform/ids.js';
import {
  indicators,
  outcomes,
  type CheckResult,
  type Evaluation,
  type Evidence,
  type Indicator,
  type Outcome,
  type RobotsDecision,
  type VetoCode,
} from './inspection.js';
import { can, scopes } from './inspection.policy.js';
import * as repo from './inspection.repository.js';
import { getSite, listSites, type InspectedSite } from './inspection-sites.service.js';
import type { InspectionRunTable } from './inspection.tables.js';

const DAY = 86_400_000;

/** A run as the pages show it. */
export interface RunView {
  id: string;
  trigger: 'manual' | 'schedule';
  state: 'queued' | 'crawling' | 'done' | 'failed';
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  pages: number;
  links: number;
  verdict: Evaluation['verdict'] | null;
  score: number | null;
  vetoCodes: VetoCode[];
  error: string | null;
}

export const runStateLabels: Record<RunView['state'], string> = {
  queued: '等待检查',
  crawling: '检查中',
  done: '已完成',
  failed: '未能完成',
};

export type Summary = Omit<Evaluation, 'results'>;

export function toRunView(r: InspectionRunTable): RunView {
  const summary = r.summary ? (JSON.parse(r.summary) as Summary) : null;
  return {
    id: r.id,
    trigger: r.trigger as RunView['trigger'],
    state: r.state as RunView['state'],
    queuedAt: r.queued_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    pages: r.pages,
    links: r.links,
    verdict: r.verdict as RunView['verdict'],
    score: r.score,
    vetoCodes: summary?.vetoes.map((v) => v.code) ?? [],
    error: r.error,
  };
}

/** Availability of a site's home page over the last `days` days, from the hourly probes. */
export interface Availability {
  days: number;
  probes: number;
  failed: number;
  /** Failed share, 0–1; null without probes. */
  failedShare: number | null;
  /** The latest failures (time, status, reason). */
  recentFailures: Array<{ at: string; status: number | null; error: string | null }>;
}

async function availability(ctx: Ctx, siteId: string, days = 7): Promise<Availability> {
  const since = new Date(ctx.clock.now().getTime() - days * DAY).toISOString();
  const probes = await repo.probesSince(ctx.db, siteId, since);
  const failures = probes.filter((p) => p.ok === 0);
  return {
    days,
    probes: probes.length,
    failed: failures.length,
    failedShare: probes.length ? failures.length / probes.length : null,
    recentFailures: failures
      .slice(-5)
      .reverse()
      .map((p) => ({ at: p.at, status: p.status, error: p.error })),
  };
}

/** One stored result with the person's decision on it. */
export interface ResultView extends CheckResult {
  id: string;
  review: 'confirmed' | 'dismissed' | null;
  reviewedAt: string | null;
}

/** What changed since the site's previous finished run. */
export interface Trend {
  previous: RunView;
  scoreChange: number | null;
  newVetoes: VetoCode[];
  clearedVetoes: VetoCode[];
  violationsBefore: number;
  violationsNow: number;
}

export interface RunReport {
  site: InspectedSite;
  run: RunView;
  summary: Summary | null;
  robots: RobotsDecision | null;
  results: ResultView[];
  /** Results by indicator and outcome, in the report's order. */
  counts: Record<Indicator, Record<Outcome, number>>;
  trend: Trend | null;
  availability: Availability;
  mayReview: boolean;
  mayRun: boolean;
  mayManage: boolean;
}

function toResult(r: Awaited<ReturnType<typeof repo.resultsOfRun>>[number]): ResultView {
  return {
    id: r.id,
    indicator: r.indicator as Indicator,
    outcome: r.outcome as Outcome,
    rule: r.rule,
    impact: (r.impact as CheckResult['impact']) ?? null,
    message: r.message,
    evidence: JSON.parse(r.evidence) as Evidence[],
    review: r.review as ResultView['review'],
    reviewedAt: r.reviewed_at,
  };
}

/** A run's full report: verdict, vetoes, deductions, evidence, the trend and the responsible agency. */
export async function runReport(ctx: Ctx, runId: string): Promise<RunReport> {
  const row = isId(runId) ? await repo.findRun(ctx.db, runId) : undefined;
  if (!row) throw new NotFoundError('没有找到这次检查');
  const site = await getSite(ctx, row.site_id);
  return reportOf(ctx, site, row);
}

async function reportOf(ctx: Ctx, site: InspectedSite, row: InspectionRunTable): Promise<RunReport> {
  const results = (await repo.resultsOfRun(ctx.db, row.id)).map(toResult);
  const counts = Object.fromEntries(
    indicators.map((i) => [i, Object.fromEntries(outcomes.map((o) => [o, 0]))]),
  ) as RunReport['counts'];
  for (const r of results) counts[r.indicator][r.outcome]++;
  const prev =
    row.state === 'done' ? await repo.previousDoneRun(ctx.db, site.id, row.queued_at, row.id) : undefined;
  const run = toRunView(row);
  let trend: Trend | null = null;
  if (prev) {
    const previous = toRunView(prev);
    const prevResults = await repo.resultsOfRun(ctx.db, prev.id);
    trend = {
      previous,
      scoreChange:
        run.score !== null && previous.score !== null
          ? Math.round((run.score - previous.score) * 10) / 10
          : null,
      newVetoes: run.vetoCodes.filter((c) => !previous.vetoCodes.includes(c)),
      clearedVetoes: previous.vetoCodes.filter((c) => !run.vetoCodes.includes(c)),
      violationsBefore: prevResults.filter((r) => r.outcome === 'violation').length,
      violationsNow: results.filter((r) => r.outcome === 'violation').length,
    };
  }
  const path = { path: site.agencyPath };
  return {
    site,
    run,
    summary: row.summary ? (JSON.parse(row.summary) as Summary) : null,
    robots: row.robots ? (JSON.parse(row.robots) as RobotsDecision) : null,
    results,
    counts,
    trend,
    availability: await availability(ctx, site.id),
    mayReview: can(ctx.actor, 'review', path),
    mayRun: can(ctx.actor, 'run', path),
    mayManage: can(ctx.actor, 'manage', path),
  };
}

/** A site's page: its latest report (finished, else the one in progress) and its history. */
export async function sitePage(ctx: Ctx, siteId: string) {
  const site = await getSite(ctx, siteId);
  const runs = await repo.runsOfSite(ctx.db, site.id);
  const latestDone = runs.find((r) => r.state === 'done');
  const inProgress = runs.find((r) => r.state === 'queued' || r.state === 'crawling') ?? null;
  const path = { path: site.agencyPath };
  return {
    site,
    report: latestDone ? await reportOf(ctx, site, latestDone) : null,
    inProgress: inProgress ? toRunView(inProgress) : null,
    history: runs.map(toRunView),
    availability: await availability(ctx, site.id),
    mayRun: can(ctx.actor, 'run', path),
    mayManage: can(ctx.actor, 'manage', path),
  };
}

/** A site in the list: its latest finished run and the week's availability. */
export interface SiteListRow {
  site: InspectedSite;
  latest: RunView | null;
  inProgress: RunView | null;
  availability: Availability;
  /** 单项否决 or below 60 points on the latest run, or the week's probes at the veto line. */
  atRisk: boolean;
  /** The latest run against the finished run before it (score change, vetoes gained or cleared); null without one. */
  trend: Pick<Trend, 'scoreChange' | 'newVetoes' | 'clearedVetoes'> | null;
}

function shortTrend(run: RunView, previous: RunView): SiteListRow['trend'] {
  return {
    scoreChange:
      run.score !== null && previous.score !== null
        ? Math.round((run.score - previous.score) * 10) / 10
        : null,
    newVetoes: run.vetoCodes.filter((c) => !previous.vetoCodes.includes(c)),
    clearedVetoes: previous.vetoCodes.filter((c) => !run.vetoCodes.includes(c)),
  };
}

export async function listPage(ctx: Ctx, opts: { risk?: boolean } = {}) {
  const sites = await listSites(ctx);
  const ids = sites.map((s) => s.id);
  const done = await repo.latestRuns(ctx.db, ids, 'done');
  const open = await repo.latestRuns(ctx.db, ids, 'open');
  const rows: SiteListRow[] = [];
  for (const site of sites) {
    const d = done.find((r) => r.site_id === site.id);
    const o = open.find((r) => r.site_id === site.id);
    const a = await availability(ctx, site.id);
    const latest = d ? toRunView(d) : null;
    const prev = d ? await repo.previousDoneRun(ctx.db, site.id, d.queued_at, d.id) : undefined;
    rows.push({
      site,
      latest,
      inProgress: o ? toRunView(o) : null,
      availability: a,
      atRisk: site.active && ((latest !== null && latest.verdict !== 'pass') || (a.failedShare ?? 0) >= 0.05),
      trend: latest && prev ? shortTrend(latest, toRunView(prev)) : null,
    });
  }
  return {
    rows: opts.risk ? rows.filter((r) => r.atRisk) : rows,
    total: rows.length,
    atRisk: rows.filter((r) => r.atRisk).length,
    mayManage: scopes(ctx.actor, 'manage').length > 0,
  };
}
