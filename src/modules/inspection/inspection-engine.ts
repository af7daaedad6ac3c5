import { systemClock } from '../../platform/clock.js';
import { CARE_COOKIE } from '../../platform/http/care-mode.js';
import type { Ctx } from '../../platform/context.js';
import { checkAccessibility } from './a11y/accessibility.js';
import { crawlSite } from './crawl/crawler.js';
import { USER_AGENT_HEADER } from './crawl/fetch.js';
import { MemoryFrontier } from './crawl/frontier.js';
import { evaluate } from './indicators.js';
import type { CheckResult, CrawledUrl, Evaluation } from './inspection.js';
import type { InspectedSite } from './inspection-sites.service.js';
import { inspectionSettings, mergeRules } from './inspection.settings.js';
import { defaultRules, type ColumnOverride, type InspectionRules } from './rules.js';
import type { ColumnRule } from './inspection.schemas.js';

type Settings = ReturnType<typeof inspectionSettings.of>;

/** The rules in force: the defaults, the day settings, then the rules file's fields. */
export function rulesFromSettings(s: Settings): InspectionRules {
  const withDays = mergeRules(defaultRules, {
    homeWindowDays: s.homeDays,
    columnWindowDays: { dynamic: s.dynamicDays, noticePolicy: s.noticePolicyDays, other: s.otherDays },
  });
  return s.rulesFile ? mergeRules(withDays, s.rulesFile) : withDays;
}

export function rulesOf(ctx: Ctx): InspectionRules {
  return rulesFromSettings(inspectionSettings.of(ctx));
}

/**
 * The path a site lives under: the directory of its home page's address (`/demo-sites/jyj/` for
 * `http://host/demo-sites/jyj/`), or null for a site at the root of its host. Pages outside it
 * are another site's: checked as links, not crawled.
 */
export function scopeOf(url: string): string | null {
  const path = new URL(url).pathname;
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  return dir === '/' ? null : dir;
}

/** A site's column rules as the indicators take them: an address, or a column's full title. */
export function columnOverrides(rules: readonly ColumnRule[]): ColumnOverride[] {
  return rules.map((r) =>
    /^https?:\/\//.test(r.match) ? { url: r.match, class: r.class } : { title: r.match, class: r.class },
  );
}

/**
 * The pages whose accessibility is checked: the home page, then the pages its navigation leads
 * to (the columns), then the other pages in the order they were met, up to `limit`.
 */
export function a11ySample(home: CrawledUrl, crawled: readonly CrawledUrl[], limit: number): string[] {
  const pages = crawled.filter((c) => c.kind === 'page' && c.facts && c.status !== null && c.status < 400);
  const nav = new Set((home.facts?.navLinks ?? []).map((l) => l.url));
  const ordered = [
    home.facts?.url ?? home.url,
    ...pages
      .filter((p) => nav.has(p.url) || (p.facts && nav.has(p.facts.url)))
      .map((p) => p.facts?.url ?? p.url),
    ...pages.map((p) => p.facts?.url ?? p.url),
  ];
  return [...new Set(ordered)].slice(0, limit);
}

/** The accessibility checks' own fetches say so, beside the crawler's (a site's logs tell them apart). */
export const A11Y_USER_AGENT = `${USER_AGENT_HEADER} accessibility`;

async function fetchHtml(url: string): Promise<string | null> {
  try {
    const r = await fetch(url, {
      signal: AbortSignal.timeout(15_000),
      headers: { 'user-agent': A11Y_USER_AGENT },
    });
    if (!r.ok || !/html/.test(r.headers.get('content-type') ?? '')) return null;
    return await r.text();
  } catch {
    return null;
  }
}

/** The accessibility and 适老化 results of the sample, by the engine the settings choose. */
export async function accessibilityFor(
  s: Settings,
  pages: string[],
  opts: { ownPortal: boolean; now: () => Date },
): Promise<CheckResult[]> {
  if (pages.length === 0) return [];
  const report = await checkAccessibility(pages, {
    engine: s.browser,
    chromiumPath: s.chromiumPath,
    fetchHtml,
    careCookie: opts.ownPortal ? { name: CARE_COOKIE, value: '1' } : null,
    clock: { now: opts.now },
  });
  return report.results;
}

export async function accessibilityOf(
  ctx: Ctx,
  site: InspectedSite,
  pages: string[],
): Promise<CheckResult[]> {
  return accessibilityFor(inspectionSettings.of(ctx), pages, {
    ownPortal: site.ownPortal,
    now: () => ctx.clock.now(),
  });
}

/**
 * One inspection now, of any address, without the database (`gongkai inspect <url>`): the crawl
 * in memory, this run's fetch of the home page for availability (no week of probes), no
 * interaction backlog (another site's messages are not ours to read).
 */
export async function inspectOnce(
  s: Settings,
  url: string,
  opts: { pages?: number; now?: () => Date; onProgress?: (done: number, limit: number) => void } = {},
): Promise<Evaluation> {
  const now = opts.now ?? (() => systemClock.now());
  const frontier = new MemoryFrontier();
  const limit = opts.pages ?? s.pageLimit;
  const outcome = await crawlSite(
    {
      homeUrl: url,
      scope: scopeOf(url),
      pageLimit: limit,
      concurrency: s.concurrency,
      delayMs: s.delayMs,
      now,
      onProgress: opts.onProgress ? (p) => opts.onProgress!(p.pages, limit) : undefined,
    },
    frontier,
  );
  const crawled = await frontier.all();
  const accessibility = await accessibilityFor(s, a11ySample(outcome.home, crawled, s.a11yPages), {
    ownPortal: false,
    now,
  });
  return evaluate({
    now: now(),
    home: outcome.home,
    crawled,
    robots: outcome.robots,
    probes: null,
    interaction: null,
    accessibility,
    rules: rulesFromSettings(s),
  });
}

/** The JSON of `gongkai inspect --json` (issue 17 §5). */
export function inspectJson(e: Evaluation) {
  return {
    reachable: e.reachable,
    homeUpdated: e.homeUpdated,
    homeStale: e.homeStale,
    columns: e.columns.map((c) => ({
      title: c.title,
      url: c.url,
      class: c.class,
      items: c.items,
      latest: c.latest,
      stale: c.stale,
      empty: c.empty,
    })),
    brokenLinks: e.brokenLinks.map((b) => ({ url: b.url, status: b.status, foundOn: b.foundOn })),
    vetoes: e.vetoes.map((v) => ({ code: v.code, message: v.message })),
    score: e.score,
  };
}
