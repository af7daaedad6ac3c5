import type { Dispatcher } from 'undici';
import { systemClock } from '../../../platform/clock.js';
import { FileRefused, sandboxed, sibling } from '../../../platform/sandbox/index.js';
import type { CrawledUrl, PageFacts, RobotsDecision } from '../inspection.js';
import { extractFacts } from '../page-facts.js';
import { findPersonalData } from '../personal-data.js';
import { checkLink, crawlAgent, DEFAULT_TIMEOUT_MS, fetchUrl, type FetchResult } from './fetch.js';
import type { Frontier, FrontierEntry } from './frontier.js';
import { HostGates } from './gate.js';
import { effectiveDelayMs, readRobots, type Robots } from './robots.js';
import { attachmentTypeOf, decodeHtml, extensionOf, isHtml, Site } from './site.js';

/**
 * The polite crawler of the site inspector (issue 17 §1): breadth first from the home page over
 * one site (site.ts: one origin, optionally a path prefix), robots.txt read first and obeyed,
 * at most `concurrency` requests at once and `delayMs` between two requests to the site, each
 * HTML page read once into its facts (page-facts.ts), every other address met checked once
 * (HEAD, then GET; fetch.ts), attachments searched for personal data. All it learns is kept in
 * the frontier (frontier.ts), so calling it again over the same frontier after an interruption
 * resumes the run without fetching anything already done.
 */

export interface CrawlOptions {
  /** The home page's address. */
  homeUrl: string;
  /** Pages fetched and read at most (the home page included); default 200. */
  pageLimit?: number;
  /** Requests in flight at once; default 2. */
  concurrency?: number;
  /** Wait between the starts of two requests to the site, in ms; default 500 (robots.txt's Crawl-delay wins when longer). */
  delayMs?: number;
  /** Connect/headers timeout and longest silence in a body, in ms; default 15 000. */
  timeoutMs?: number;
  /** Largest page read, in bytes; default 5 MB. */
  maxBytes?: number;
  /** Largest attachment read, in bytes; default 20 MB. */
  maxAttachmentBytes?: number;
  /** Links and attachments checked at most (past it they are counted, not checked); default 2 000. */
  linkLimit?: number;
  /** Path prefix of a site that lives under a path of its host (`/demo-sites/edu/`, or an address). */
  scope?: string | null;
  /** Aborting stops the crawl: requests in flight are dropped (not recorded) and crawlSite rejects with the reason. */
  signal?: AbortSignal;
  /** The time written on each record (`fetchedAt`) and the run; the system clock by default. */
  now?: () => Date;
  onProgress?: (progress: CrawlProgress) => void;
}

export interface CrawlProgress {
  /** The address just finished. */
  url: string;
  /** Addresses done in the run (earlier attempts included), pages among them, and still pending. */
  done: number;
  pages: number;
  pending: number;
}

export interface CrawlDeps {
  /** The page reader; page-facts.ts's by default. */
  extractFacts?: (html: string, url: string, options?: { now?: Date }) => PageFacts;
  /** An attachment's text (null: none); by default read in a reader thread (attachment-text.ts). */
  readAttachment?: (ext: string, bytes: Uint8Array) => Promise<string | null>;
  /** The connection pool; by default one made for the crawl and closed at its end. */
  dispatcher?: Dispatcher;
}

export interface CrawlOutcome {
  robots: RobotsDecision;
  /** The home page as recorded. */
  home: CrawledUrl;
  /** The site's origin and path prefix, as crawled. */
  site: { origin: string; prefix: string };
  pages: number;
  links: number;
  attachments: number;
  /** Addresses that gave no answer or 4xx/5xx. */
  broken: number;
  /** Some page of the site was left unread (only checked as a link) because of the page limit. */
  limitHit: boolean;
  /** Links not checked because of the link limit. */
  linksUnchecked: number;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** `error` of an address robots.txt kept the crawler from (not a broken link: nothing was asked). */
export const ROBOTS_SKIPPED = 'robots.txt 不允许抓取，未访问';

const MB = 1024 * 1024;
const attachmentReader = sibling(import.meta.url, './attachment-text');

/** Reads an attachment's text in a reader thread (platform/sandbox). A file over a limit throws FileRefused. */
export async function readAttachmentText(ext: string, bytes: Uint8Array): Promise<string | null> {
  return sandboxed<string | null>(attachmentReader, 'attachmentText', [ext, bytes]);
}

export async function crawlSite(
  options: CrawlOptions,
  frontier: Frontier,
  deps: CrawlDeps = {},
): Promise<CrawlOutcome> {
  const o = {
    pageLimit: 200,
    concurrency: 2,
    delayMs: 500,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxBytes: 5 * MB,
    maxAttachmentBytes: 20 * MB,
    linkLimit: 2000,
    scope: null,
    now: () => systemClock.now(),
    ...stripUndefined(options),
  };
  const { signal } = o;
  const clock = { now: o.now };
  const read = deps.extractFacts ?? extractFacts;
  const readAttachment = deps.readAttachment ?? readAttachmentText;
  const startedAt = clock.now().toISOString();
  const t0 = performance.now();
  const concurrency = Math.max(1, Math.floor(o.concurrency));
  const dispatcher =
    deps.dispatcher ?? crawlAgent({ connectionsPerHost: concurrency, timeoutMs: o.timeoutMs });
  const gates = new HostGates({ spacingMs: o.delayMs, maxInFlight: 1 }, signal);
  const fetchOpts = { timeoutMs: o.timeoutMs, signal, gate: gates.acquire };
  const homeUrl = withoutHash(o.homeUrl);

  try {
    // What earlier attempts of this run did.
    const done = await frontier.all();
    const pendingNow = await frontier.pending(Number.MAX_SAFE_INTEGER);
    const known = new Set<string>([...done.map((r) => r.url), ...pendingNow.map((e) => e.url)]);
    const homeDone = done.find((r) => r.url === homeUrl) ?? null;
    let site = new Site(homeDone?.facts?.url ?? homeUrl, homeUrl, o.scope);
    const siteGate = () =>
      gates.set(new URL(site.home).host, effectiveDelayMs(o.delayMs, robots.decision), concurrency);
    let robots: Robots = await readRobots(dispatcher, site.home, fetchOpts);
    siteGate();

    let pagesSeeded = 0;
    let linksSeeded = 0;
    let linksUnchecked = 0;
    let limitHit = false;
    for (const e of [...done, ...pendingNow]) {
      if (e.kind === 'page') pagesSeeded++;
      else linksSeeded++;
      if (e.kind === 'link' && site.classify(e.url) === 'page') limitHit = true;
    }
    let doneCount = done.length;
    let pendingCount = pendingNow.length;
    let pagesDone = done.filter((r) => r.kind === 'page').length;

    const allowed = (u: URL) => !site.has(u) || robots.allows(site.robotsAddress(u));

    /** Seeds the addresses a page links to (and a redirect it was not allowed to follow). */
    const seedFrom = async (pageUrl: string, depth: number, links: Array<{ url: string; text: string }>) => {
      const fresh: FrontierEntry[] = [];
      for (const link of links) {
        const url = withoutHash(link.url);
        if (known.has(url)) continue;
        let kind = site.classify(url);
        if (!kind) continue;
        known.add(url);
        if (!allowed(new URL(url))) {
          robots.skip(url);
          continue;
        }
        if (kind === 'page') {
          if (pagesSeeded < o.pageLimit) pagesSeeded++;
          else {
            kind = 'link';
            limitHit = true;
          }
        }
        if (kind !== 'page') {
          if (linksSeeded >= o.linkLimit) {
            linksUnchecked++;
            continue;
          }
          linksSeeded++;
        }
        fresh.push({ url, kind, depth: depth + 1, foundOn: pageUrl, anchorText: link.text || null });
      }
      if (fresh.length) await frontier.seed(fresh);
      pendingCount += fresh.length;
    };

    // Links of pages already read: their addresses are known again (and robots.txt's skips noted).
    for (const r of done) if (r.facts) await seedFrom(r.url, r.depth, r.facts.links);

    if (!known.has(homeUrl)) {
      known.add(homeUrl);
      pagesSeeded++;
      await frontier.seed([{ url: homeUrl, kind: 'page', depth: 0, foundOn: null, anchorText: null }]);
      pendingCount++;
    }

    const record = (e: FrontierEntry, res: Partial<CrawledUrl>): CrawledUrl => ({
      url: e.url,
      kind: e.kind,
      status: null,
      error: null,
      foundOn: e.foundOn,
      anchorText: e.anchorText,
      depth: e.depth,
      fetchedAt: clock.now().toISOString(),
      facts: null,
      ...res,
    });

    /** Searches an attachment's bytes; what could not be read is said in `error` beside a 2xx status. */
    const search = async (ext: string, res: FetchResult): Promise<Partial<CrawledUrl>> => {
      if (!res.body || res.status === null || res.status >= 300) return {};
      let text: string | null;
      try {
        text = await readAttachment(ext, res.body);
      } catch (e) {
        if (e instanceof FileRefused) return { error: `附件内容未检查：${e.message}` };
        return { error: '附件内容无法读取' };
      }
      return { attachmentHits: text ? findPersonalData(text) : [] };
    };

    const fetchPage = async (e: FrontierEntry): Promise<CrawledUrl> => {
      const isHome = e.url === homeUrl;
      const res = await fetchUrl(dispatcher, e.url, {
        ...fetchOpts,
        maxBytes: o.maxBytes,
        // The home page may lead anywhere (where it lands is the site); other pages stay in it.
        follow: isHome ? () => true : (u) => site.inScope(u) && allowed(u),
      });
      if (isHome && res.status !== null && res.finalUrl !== site.home) {
        const landed = new Site(res.finalUrl, homeUrl, o.scope);
        if (landed.origin !== site.origin) {
          site = landed;
          robots = await readRobots(dispatcher, site.home, fetchOpts);
          siteGate();
        } else site = landed;
      }
      if (res.location) await seedFrom(e.url, e.depth - 1, [{ url: res.location, text: '（重定向）' }]);
      const base = { status: res.status, error: res.error };
      // Only a page that answered 2xx is read (a 404 page's links are not the site's).
      if (!res.body || res.error || res.status === null || res.status >= 300) return record(e, base);
      if (isHtml(res.contentType, res.body)) {
        const facts = read(decodeHtml(res.body, res.charset), res.finalUrl, { now: clock.now() });
        await seedFrom(e.url, e.depth, facts.links);
        return record(e, { ...base, facts });
      }
      const type = attachmentTypeOf(res.contentType);
      return record(e, { ...base, ...(type ? await search(type, res) : {}) });
    };

    const fetchAttachment = async (e: FrontierEntry): Promise<CrawledUrl> => {
      const u = new URL(e.url);
      // Only the site's own attachments are downloaded; another host's are checked as links.
      if (!site.has(u)) {
        const res = await checkLink(dispatcher, e.url, fetchOpts);
        return record(e, { status: res.status, error: res.error });
      }
      const res = await fetchUrl(dispatcher, e.url, { ...fetchOpts, maxBytes: o.maxAttachmentBytes });
      const ext = attachmentTypeOf(res.contentType) ?? extensionOf(u);
      const error =
        res.error && res.status !== null && res.status < 300 ? `附件内容未检查：${res.error}` : res.error;
      return record(e, { status: res.status, error, ...(await search(ext, res)) });
    };

    const run = async (e: FrontierEntry) => {
      const u = new URL(e.url);
      let result: CrawledUrl;
      if (site.has(u) && !allowed(u)) {
        robots.skip(e.url);
        result = record(e, { error: ROBOTS_SKIPPED });
      } else if (e.kind === 'page') result = await fetchPage(e);
      else if (e.kind === 'attachment') result = await fetchAttachment(e);
      else {
        const res = await checkLink(dispatcher, e.url, fetchOpts);
        result = record(e, { status: res.status, error: res.error });
      }
      await frontier.done(result);
      doneCount++;
      pendingCount--;
      if (result.kind === 'page') pagesDone++;
      o.onProgress?.({ url: e.url, done: doneCount, pages: pagesDone, pending: pendingCount });
    };

    // Breadth first, `concurrency` at a time; the home page alone first (where it lands is the site).
    const running = new Map<string, Promise<void>>();
    let failure: { error: unknown } | null = null;
    const homeFirst = !done.some((r) => r.url === homeUrl);
    if (robots.decision.decision === 'disallowed' && homeFirst) {
      const [home] = await frontier.pending(1);
      if (home?.url === homeUrl) await run(home);
    } else {
      for (;;) {
        if (signal?.aborted || failure) break;
        const free = concurrency - running.size;
        const homeRunning = running.has(homeUrl);
        if (free > 0 && !homeRunning) {
          const next = (await frontier.pending(running.size + free))
            .filter((e) => !running.has(e.url))
            .slice(0, free);
          for (const e of next) {
            const task = run(e)
              .catch((error: unknown) => {
                failure ??= { error };
              })
              .finally(() => running.delete(e.url));
            running.set(e.url, task);
            if (e.url === homeUrl) break;
          }
        }
        if (running.size === 0) break;
        await Promise.race(running.values());
      }
      await Promise.allSettled(running.values());
    }
    signal?.throwIfAborted();
    if (failure) throw (failure as { error: unknown }).error;

    const all = await frontier.all();
    const home = all.find((r) => r.url === homeUrl);
    // Every path above records the home page before it returns; only an abort (thrown) does not.
    if (!home) throw new Error('crawl finished without the home page');
    const count = (kind: CrawledUrl['kind']) => all.filter((r) => r.kind === kind).length;
    const finishedAt = clock.now().toISOString();
    return {
      robots: robots.decision,
      home,
      site: { origin: site.origin, prefix: site.prefix },
      pages: count('page'),
      links: count('link'),
      attachments: count('attachment'),
      broken: all.filter(isBroken).length,
      limitHit,
      linksUnchecked,
      startedAt,
      finishedAt,
      durationMs: Math.round(performance.now() - t0),
    };
  } finally {
    if (!deps.dispatcher) await dispatcher.close().catch(() => {});
  }
}

/** No answer, or a 4xx/5xx answer. (An error beside a 2xx status: reached, content not read.) */
export function isBroken(r: Pick<CrawledUrl, 'status' | 'error'>): boolean {
  return r.status === null ? r.error !== ROBOTS_SKIPPED : r.status >= 400;
}

function withoutHash(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
