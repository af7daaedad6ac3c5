import * as robotsParserModule from 'robots-parser';
import type { Dispatcher } from 'undici';
import type { RobotsDecision } from '../inspection.js';
import { fetchUrl, USER_AGENT, type FetchOptions } from './fetch.js';

/**
 * robots.txt, read with robots-parser for our user agent (GongkaiInspector, else `*`). What it
 * said is kept with the run as evidence that the crawl was polite.
 *
 * - 200: its rules hold. The home page disallowed ⇒ decision `disallowed` (nothing is fetched);
 *   otherwise `allowed`, and each disallowed address met is skipped (a few kept as evidence).
 * - 4xx (usually 404): there are no rules (RFC 9309 §2.3.1.3) ⇒ `absent`.
 * - 5xx or no answer: RFC 9309 asks a crawler to assume complete disallow; the inspector still
 *   crawls (⇒ `absent`, with the status kept): the site is one the office is responsible for,
 *   and an unreachable robots.txt most often means an unreachable site, which is itself what
 *   the inspection reports.
 *
 * A Crawl-delay is kept in ms; the crawler waits the longer of it and its own delay, up to
 * MAX_CRAWL_DELAY_MS (a site asking for more would keep the job running for hours).
 */

// A CommonJS package (`module.exports = function`) whose types declare an ES default export, which
// NodeNext resolution does not take as callable: at run time the namespace's default is the function.
interface RobotsTxt {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
const robotsParser = robotsParserModule.default as unknown as (url: string, text: string) => RobotsTxt;

export const MAX_CRAWL_DELAY_MS = 30_000;
/** Evidence kept of the addresses robots.txt kept the crawler from. */
export const MAX_SKIPPED = 10;
/** robots.txt is read up to this size (Google reads 500 KiB). */
const MAX_ROBOTS_BYTES = 512 * 1024;

export interface Robots {
  decision: RobotsDecision;
  /** Whether robots.txt lets us fetch `url` (any address on another origin: yes). */
  allows(url: string): boolean;
  /** Notes an address skipped because of robots.txt (kept up to MAX_SKIPPED). */
  skip(url: string): void;
}

/** The robots.txt address of the origin of `url`. */
export function robotsUrl(url: string): string {
  return new URL('/robots.txt', url).href;
}

/** Reads robots.txt of `homeUrl`'s origin and decides for the home page. */
export async function readRobots(
  dispatcher: Dispatcher,
  homeUrl: string,
  opts: Pick<FetchOptions, 'timeoutMs' | 'signal' | 'gate'> = {},
): Promise<Robots> {
  const url = robotsUrl(homeUrl);
  const origin = new URL(url).origin;
  // Redirects are followed within the origin only (a robots.txt elsewhere is not ours).
  const res = await fetchUrl(dispatcher, url, {
    ...opts,
    method: 'GET',
    maxBytes: MAX_ROBOTS_BYTES,
    follow: (next) => next.origin === origin,
  });
  const text =
    res.status === 200 && res.body
      ? new TextDecoder('utf-8').decode(res.body)
      : res.status === 200
        ? ''
        : null;
  return robotsFrom(url, res.status, text, homeUrl);
}

/** The decision of a robots.txt already read (`text` null: no rules). Pure; exported for tests. */
export function robotsFrom(url: string, status: number | null, text: string | null, homeUrl: string): Robots {
  const parser = text === null ? null : robotsParser(url, text);
  const origin = new URL(url).origin;
  const delay = parser?.getCrawlDelay(USER_AGENT);
  const decision: RobotsDecision = {
    url,
    status,
    decision: 'absent',
    crawlDelayMs:
      typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? Math.round(delay * 1000) : null,
    skipped: [],
  };
  const allows = (target: string): boolean => {
    if (!parser) return true;
    let u: URL;
    try {
      u = new URL(target);
    } catch {
      return false;
    }
    if (u.origin !== origin) return true;
    return parser.isAllowed(u.href, USER_AGENT) !== false;
  };
  if (parser) decision.decision = allows(homeUrl) ? 'allowed' : 'disallowed';
  return {
    decision,
    allows,
    skip(target) {
      if (decision.skipped.length < MAX_SKIPPED && !decision.skipped.includes(target))
        decision.skipped.push(target);
    },
  };
}

/** The delay between two requests to the site: ours, or robots.txt's when longer (capped). */
export function effectiveDelayMs(ownDelayMs: number, decision: RobotsDecision): number {
  return Math.max(ownDelayMs, Math.min(decision.crawlDelayMs ?? 0, MAX_CRAWL_DELAY_MS));
}
