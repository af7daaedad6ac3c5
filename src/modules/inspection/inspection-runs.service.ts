import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { enqueue, type JobRunInfo } from '../../platform/jobs/index.js';
import { notifications } from '../accounts/index.js';
import { messages } from '../messages/index.js';
import { crawlSite } from './crawl/crawler.js';
import { crawlAgent, fetchUrl } from './crawl/fetch.js';
import { evaluate } from './indicators.js';
import { DatabaseFrontier } from './inspection-frontier.js';
import { getSite, activeSites, toSite, type InspectedSite } from './inspection-sites.service.js';
import { verdictLabels, vetoLabels, type CrawledUrl, type Evaluation } from './inspection.js';
import { assertCan } from './inspection.policy.js';
import * as repo from './inspection.repository.js';
import { inspectionSettings } from './inspection.settings.js';
import { a11ySample, accessibilityOf, columnOverrides, rulesOf, scopeOf } from './inspection-engine.js';

export const CRAWL_JOB = 'inspection.crawl';
export const PROBE_JOB = 'inspection.probe';
export const SCHEDULE_JOB = 'inspection.schedule';
/** Attempts of a crawl job: a worker restart resumes the crawl, a third failure ends the run. */
export const CRAWL_ATTEMPTS = 3;

const DAY = 86_400_000;

/**
 * Starts an inspection of a site now (检查): a run queued for the worker. While one of the site's
 * runs is queued or crawling, starting another returns that one.
 */
export async function startRun(
  ctx: Ctx,
  siteId: string,
  trigger: 'manual' | 'schedule' = 'manual',
  opts: { runAt?: Date } = {},
): Promise<{ id: string; existing: boolean }> {
  const site = await getSite(ctx, siteId);
  if (trigger === 'manual') assertCan(ctx.actor, 'run', { path: site.agencyPath });
  return inTransaction(ctx, async (ctx) => queueRun(ctx, site, trigger, opts.runAt));
}

async function queueRun(ctx: Ctx, site: InspectedSite, trigger: 'manual' | 'schedule', runAt?: Date) {
  const [open] = await repo.latestRuns(ctx.db, [site.id], 'open');
  if (open) return { id: open.id, existing: true };
  const id = newId();
  await repo.insertRun(ctx.db, {
    id,
    agency_id: site.agencyId,
    site_id: site.id,
    trigger,
    state: 'queued',
    queued_by: ctx.actor.id ?? null,
    queued_at: ctx.clock.now().toISOString(),
    started_at: null,
    finished_at: null,
    robots: null,
    pages: 0,
    links: 0,
    verdict: null,
    score: null,
    summary: null,
    error: null,
  });
  await enqueue(ctx, {
    name: CRAWL_JOB,
    payload: { runId: id },
    dedupeKey: `inspection.crawl:${id}`,
    maxAttempts: CRAWL_ATTEMPTS,
    ...(runAt ? { runAt } : {}),
  });
  if (trigger === 'manual')
    await recordAudit(ctx, {
      action: 'inspection.start',
      subjectType: 'inspectedSite',
      subjectId: site.id,
      agencyId: site.agencyId,
      after: { name: site.name },
    });
  return { id, existing: false };
}

/**
 * The crawl job: crawls the run's site (resuming over the run's frontier after a restart), checks
 * the sample's accessibility, evaluates the indicators, keeps the results and tells the agency
 * responsible when the site fails. Safe to run twice: a finished run is left alone.
 */
export async function crawlJob(ctx: Ctx, payload: { runId: string }, info: JobRunInfo): Promise<string> {
  const run = await repo.findRun(ctx.db, payload.runId);
  if (!run) return '检查记录已不存在';
  if (run.state === 'done' || run.state === 'failed') return '检查已结束';
  const siteRow = await repo.findSite(ctx.db, run.site_id);
  if (!siteRow) return '网站已不存在';
  const site = toSite(siteRow);
  const s = inspectionSettings.of(ctx);
  await repo.updateRun(ctx.db, run.id, {
    state: 'crawling',
    started_at: run.started_at ?? ctx.clock.now().toISOString(),
  });
  try {
    const frontier = new DatabaseFrontier(ctx, run.id, site.agencyId);
    const outcome = await crawlSite(
      {
        homeUrl: site.url,
        scope: scopeOf(site.url),
        pageLimit: site.pageLimit,
        concurrency: s.concurrency,
        delayMs: s.delayMs,
        signal: info.signal,
        now: () => ctx.clock.now(),
      },
      frontier,
    );
    const crawled = await frontier.all();
    const evaluation = await evaluateRun(ctx, site, crawled, outcome.robots, outcome.home);
    await finishRun(ctx, run.id, site, crawled, outcome.robots, evaluation);
    return `${site.name}：${verdictLabels[evaluation.verdict]}，${evaluation.score} 分，检查页面 ${crawled.filter((c) => c.kind === 'page').length} 个`;
  } catch (e) {
    // The last attempt records the failure on the run; an earlier one leaves it to be resumed.
    if (info.attempt >= CRAWL_ATTEMPTS)
      await repo.updateRun(ctx.db, run.id, {
        state: 'failed',
        error: `检查未能完成：${e instanceof Error ? e.message : String(e)}`.slice(0, 500),
        finished_at: ctx.clock.now().toISOString(),
      });
    throw e;
  }
}

async function evaluateRun(
  ctx: Ctx,
  site: InspectedSite,
  crawled: CrawledUrl[],
  robots: Parameters<typeof evaluate>[0]['robots'],
  home: CrawledUrl,
): Promise<Evaluation> {
  const s = inspectionSettings.of(ctx);
  const rules = rulesOf(ctx);
  const now = ctx.clock.now();
  const probes = await repo.probesSince(
    ctx.db,
    site.id,
    new Date(now.getTime() - rules.veto.probeWindowDays * DAY).toISOString(),
  );
  const interaction = site.ownPortal
    ? {
        unanswered: (
          await messages.unansweredMailbox(ctx, {
            today: beijingDate(now),
            days: rules.veto.interactionUnansweredDays,
            windowDays: rules.veto.interactionLookbackDays,
          })
        ).map((m) => ({
          title: `来信编号 ${m.number}`,
          url: null,
          receivedAt: m.receivedOn,
          answeredAt: m.repliedOn,
        })),
      }
    : null;
  const accessibility = await accessibilityOf(ctx, site, a11ySample(home, crawled, s.a11yPages));
  return evaluate({
    now,
    home,
    crawled,
    robots,
    probes: probes.map((p) => ({ at: p.at, ok: p.ok === 1, status: p.status, ms: p.ms, error: p.error })),
    interaction,
    accessibility,
    rules,
    siteColumns: columnOverrides(site.columnRules),
  });
}

async function finishRun(
  ctx: Ctx,
  runId: string,
  site: InspectedSite,
  crawled: CrawledUrl[],
  robots: unknown,
  evaluation: Evaluation,
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const { results, ...summary } = evaluation;
  await inTransaction(ctx, async (ctx) => {
    await repo.replaceResults(
      ctx.db,
      runId,
      results.map((r, i) => ({
        id: newId(),
        agency_id: site.agencyId,
        run_id: runId,
        seq: i + 1,
        indicator: r.indicator,
        outcome: r.outcome,
        rule: r.rule,
        impact: r.impact ?? null,
        message: r.message,
        evidence: JSON.stringify(r.evidence),
        review: null,
        reviewed_by: null,
        reviewed_at: null,
      })),
    );
    await repo.updateRun(ctx.db, runId, {
      state: 'done',
      finished_at: now,
      robots: JSON.stringify(robots),
      pages: crawled.filter((c) => c.kind === 'page').length,
      links: crawled.length,
      verdict: evaluation.verdict,
      score: evaluation.score,
      summary: JSON.stringify(summary),
      error: null,
    });
    if (evaluation.verdict !== 'pass') {
      const why =
        evaluation.vetoes.length > 0
          ? evaluation.vetoes.map((v) => vetoLabels[v.code]).join('、')
          : `得分 ${evaluation.score} 分`;
      await notifications.notify(ctx, {
        agencyId: site.agencyId,
        userId: null,
        kind: 'inspection.failed',
        subjectType: 'inspectedSite',
        subjectId: site.id,
        day: beijingDate(ctx.clock.now()),
        message: `网站“${site.name}”检查结果为${verdictLabels[evaluation.verdict]}：${why}。请查看检查报告并整改。`,
      });
    }
  });
}

/** Probes every active site's home page once (the hourly job: 24 probes a day, 15 s each). */
export async function probeJob(ctx: Ctx, _payload: unknown, info: JobRunInfo): Promise<string> {
  const sites = await activeSites(ctx);
  const agent = crawlAgent({ connectionsPerHost: 1, timeoutMs: 15_000 });
  try {
    const rows = [];
    for (let i = 0; i < sites.length; i += 8) {
      const batch = sites.slice(i, i + 8);
      rows.push(
        ...(await Promise.all(
          batch.map(async (site) => {
            const started = Date.now();
            const at = ctx.clock.now().toISOString();
            const r = await fetchUrl(agent, site.url, {
              timeoutMs: 15_000,
              maxBytes: 2_000_000,
              signal: info.signal,
            });
            const ok = r.status !== null && r.status >= 200 && r.status < 400 && r.error === null;
            return {
              id: newId(),
              agency_id: site.agencyId,
              site_id: site.id,
              at,
              ok: ok ? 1 : 0,
              status: r.status,
              ms: Date.now() - started,
              error: ok ? null : (r.error ?? `HTTP ${r.status}`),
            };
          }),
        )),
      );
    }
    await repo.insertProbes(ctx.db, rows);
    await repo.pruneProbes(ctx.db, new Date(ctx.clock.now().getTime() - 400 * DAY).toISOString());
    const failed = rows.filter((r) => r.ok === 0).length;
    return `探测 ${rows.length} 个网站首页，${failed} 个无法访问`;
  } finally {
    await agent.close();
  }
}

/** The daily job: queues an inspection of each active site whose last one is INSPECTION_CRAWL_DAYS old. */
export async function scheduleJob(ctx: Ctx): Promise<string> {
  const days = inspectionSettings.of(ctx).crawlDays;
  const sites = await activeSites(ctx);
  const last = await repo.latestRuns(
    ctx.db,
    sites.map((s) => s.id),
    'done',
  );
  const due = sites.filter((s) => {
    const run = last.find((r) => r.site_id === s.id);
    // Half a day of slack so that a weekly run at 03:00 does not slip a day every week.
    return !run || Date.parse(run.queued_at) <= ctx.clock.now().getTime() - days * DAY + DAY / 2;
  });
  let queued = 0;
  for (const site of due)
    if (!(await inTransaction(ctx, (ctx) => queueRun(ctx, site, 'schedule'))).existing) queued++;
  return `到期检查的网站 ${due.length} 个，新排入检查 ${queued} 个`;
}

/** A person's decision on a 待人工确认 result: it is a problem (confirmed) or not (dismissed). */
export async function reviewResult(
  ctx: Ctx,
  resultId: string,
  decision: 'confirmed' | 'dismissed',
): Promise<string> {
  const result = isId(resultId) ? await repo.findResult(ctx.db, resultId) : undefined;
  if (!result) throw new NotFoundError('没有找到这条检查结果');
  const run = (await repo.findRun(ctx.db, result.run_id))!;
  const site = await getSite(ctx, run.site_id);
  assertCan(ctx.actor, 'review', { path: site.agencyPath });
  if (result.outcome !== 'review') throw new ConflictError('只有“待人工确认”的结果需要确认');
  await inTransaction(ctx, async (ctx) => {
    await repo.reviewResult(ctx.db, result.id, {
      review: decision,
      reviewed_by: ctx.actor.id ?? null,
      reviewed_at: ctx.clock.now().toISOString(),
    });
    await recordAudit(ctx, {
      action: decision === 'confirmed' ? 'inspection.confirm' : 'inspection.dismiss',
      subjectType: 'inspectedSite',
      subjectId: site.id,
      agencyId: site.agencyId,
      after: { rule: result.rule },
    });
  });
  return run.id;
}

/**
 * Probes recorded elsewhere (another monitor's export, the demo's week): each with its instant,
 * whether the home page opened, its status, time and reason. Kept as the hourly probes are.
 */
export async function recordProbes(
  ctx: Ctx,
  siteId: string,
  probes: ReadonlyArray<{
    at: Date;
    ok: boolean;
    status: number | null;
    ms: number | null;
    error: string | null;
  }>,
): Promise<number> {
  const site = await getSite(ctx, siteId);
  assertCan(ctx.actor, 'manage', { path: site.agencyPath });
  await inTransaction(ctx, (ctx) =>
    repo.insertProbes(
      ctx.db,
      probes.map((p) => ({
        id: newId(),
        agency_id: site.agencyId,
        site_id: site.id,
        at: p.at.toISOString(),
        ok: p.ok ? 1 : 0,
        status: p.status,
        ms: p.ms,
        error: p.ok ? null : p.error,
      })),
    ),
  );
  return probes.length;
}
