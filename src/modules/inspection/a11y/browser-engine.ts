// The browser engine: Debian's Chromium driven by playwright-core. Each page is checked with
// axe-core at 1280 px; then the site's care mode (the platform's care cookie, or the 关怀模式 /
// 长辈版 / 适老 link it shows) is entered on a 360 px phone and at 1280 px, and the 适老化 checks
// are measured on the rendered pages (page-probe.js).
import { readFileSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Request,
} from 'playwright-core';
import type { Clock } from '../../../platform/clock.js';
import type { CheckResult } from '../inspection.js';
import { axeResults, outcomeKeys, runAxe, type AxeSummary } from './axe-run.js';
import {
  careResults,
  type MotionMeasure,
  type ProbeMeasure,
  type View,
  type ViewMeasure,
} from './care-checks.js';
import {
  CARE_NAME_HINT,
  collapse,
  linkTarget,
  pickCareLink,
  type CareLink,
  type CareLinkCandidate,
} from './care-link.js';
import { evidence, pageUnavailable, renderedCareInapplicable, result } from './results.js';
import type { CareThresholds } from './types.js';

export { CHROMIUM_ARGS } from '../../../platform/chromium.js';
import { CHROMIUM_ARGS } from '../../../platform/chromium.js';

const BASE: BrowserContextOptions = {
  acceptDownloads: false,
  serviceWorkers: 'block',
  ignoreHTTPSErrors: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};
const DESKTOP: BrowserContextOptions = { ...BASE, viewport: { width: 1280, height: 800 } };
const MOBILE: BrowserContextOptions = {
  ...BASE,
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

export interface BrowserRunOptions {
  clock: Clock;
  pageTimeoutMs: number;
  axeTags: readonly string[];
  axeInCareMode: boolean;
  careCookie: { name: string; value: string } | null;
  thresholds: CareThresholds;
}

/** Starts headless Chromium; the error says in Chinese what went wrong. */
export async function launchChromium(executablePath: string, timeoutMs = 60_000): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: timeoutMs });
  } catch (e) {
    throw new Error(
      `浏览器 ${executablePath} 无法启动：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
}

let probe: string | null = null;
function probeSource(): string {
  probe ??= readFileSync(new URL('./page-probe.js', import.meta.url), 'utf8');
  return probe;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string; status: number | null };

/** Thrown by a visit to stop early with a reason for the report. */
class PageProblem extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** The page timeout ran out: the tab may still be busy and is not reused. */
class PageTimeout extends PageProblem {}

interface Visit {
  page: Page;
  /** Dialogs and new windows the page opened by itself during this visit. */
  dialogs: string[];
}

/**
 * One browser tab of a context, reused from page to page (opening a tab costs about a second);
 * a tab whose visit timed out is closed, and the next visit opens a new one.
 */
class Tab {
  #page: Page | null = null;
  #dialogs: string[] = [];

  constructor(
    readonly context: BrowserContext,
    readonly timeoutMs: number,
  ) {}

  async #open(): Promise<Page> {
    if (this.#page && !this.#page.isClosed()) return this.#page;
    const page = await this.context.newPage();
    page.setDefaultTimeout(this.timeoutMs);
    page.setDefaultNavigationTimeout(this.timeoutMs);
    page.on('dialog', (d) => {
      if (d.type() !== 'beforeunload') this.#dialogs.push(collapse(d.message()).slice(0, 60) || d.type());
      d.dismiss().catch(() => {});
    });
    page.on('popup', (p) => {
      this.#dialogs.push(`新窗口 ${p.url()}`);
      p.close().catch(() => {});
    });
    this.#page = page;
    return page;
  }

  /** Runs `fn` on the tab within the page timeout; a timeout or a browser error becomes a reason. */
  async visit<T>(fn: (v: Visit) => Promise<T>): Promise<Outcome<T>> {
    let timer: NodeJS.Timeout | undefined;
    let page: Page | null = null;
    try {
      page = await this.#open();
      this.#dialogs = [];
      const work = fn({ page, dialogs: this.#dialogs });
      work.catch(() => {});
      const value = await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new PageTimeout(`检查超时（${Math.round(this.timeoutMs / 1000)} 秒）`)),
            this.timeoutMs,
          );
        }),
      ]);
      return { ok: true, value };
    } catch (e) {
      // A page still busy with abandoned work, or broken, is never reused.
      if (!(e instanceof PageProblem) || e instanceof PageTimeout) await page?.close().catch(() => {});
      if (e instanceof PageProblem) return { ok: false, reason: e.message, status: e.status };
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      return { ok: false, reason: `浏览器出错：${message}`, status: null };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Loads `url`; a 4xx/5xx answer or no answer stops the visit. */
async function load(page: Page, url: string): Promise<number | null> {
  let response;
  try {
    response = await page.goto(url, { waitUntil: 'load' });
  } catch (e) {
    throw new PageProblem(`无法打开页面：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const status = response?.status() ?? null;
  if (status !== null && status >= 400) throw new PageProblem(`页面返回 HTTP ${status}`, status);
  return status;
}

async function injectProbe(page: Page): Promise<void> {
  await page.evaluate(probeSource());
}

async function careCandidates(page: Page): Promise<CareLinkCandidate[]> {
  await injectProbe(page);
  const raw = (await page.evaluate(
    `window.__gongkaiA11y.careCandidates(${JSON.stringify(CARE_NAME_HINT.source)})`,
  )) as Array<{ index: number; text: string; href: string | null }>;
  const base = page.url();
  return raw.map((c) => ({ index: c.index, text: c.text, url: linkTarget(c.href, base) }));
}

/** Clicks a candidate and, when that starts a navigation, waits for the page it leads to. */
async function clickCandidate(page: Page, index: number): Promise<void> {
  let navigating = false;
  const onRequest = (r: Request): void => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) navigating = true;
  };
  page.addListener('request', onRequest);
  const loaded = page.waitForEvent('load').catch(() => null);
  try {
    await page.evaluate(`window.__gongkaiA11y.clickCandidate(${index})`);
    await page.waitForTimeout(400);
  } finally {
    page.removeListener('request', onRequest);
  }
  if (navigating) await loaded;
}

/** How the engine enters the care version of a page. */
type CareMode =
  | { kind: 'cookie'; state: StorageState | null; how: string }
  | { kind: 'separate'; url: string; how: string }
  | { kind: 'replay'; text: string; how: string };

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Analytics cookies that change on every visit and say nothing about a care mode. */
const TRACKER_COOKIE = /^(_ga|_gid|_gat|Hm_|_pk_|__utm|UM_|CNZZ|cna$)/i;

function stateEntries(s: StorageState): Set<string> {
  const out = new Set<string>();
  for (const c of s.cookies) if (!TRACKER_COOKIE.test(c.name)) out.add(`c ${c.domain} ${c.name}=${c.value}`);
  for (const o of s.origins) for (const l of o.localStorage) out.add(`l ${o.origin} ${l.name}=${l.value}`);
  return out;
}

const stripHash = (url: string): string => url.split('#')[0] ?? url;

/**
 * Follows the care link once in the 1280 px tab and decides how its care mode works: it set a
 * cookie or localStorage (`cookie`: every page is measured with that state, which the tab's
 * context now holds), it led to another page without remembering anything (`separate`: only that
 * page is the care version), or it changed the page in place (`replay`: the link is clicked again
 * on every page).
 */
async function followCareLink(tab: Tab, link: CareLink): Promise<Outcome<CareMode>> {
  return tab.visit(async ({ page }) => {
    await load(page, link.foundOn);
    const before = stateEntries(await tab.context.storageState());
    const from = stripHash(page.url());
    if (link.url) {
      const response = await page.goto(link.url, { waitUntil: 'load', referer: from });
      const status = response?.status() ?? null;
      if (status !== null && status >= 400) throw new PageProblem(`关怀模式入口返回 HTTP ${status}`, status);
    } else {
      await injectProbe(page);
      await clickCandidate(page, link.index);
    }
    const state = await tab.context.storageState();
    const after = stateEntries(state);
    const to = stripHash(page.url());
    const remembered = [...after].some((e) => !before.has(e));
    const entry = `「${link.text}」${link.url ? `（${link.url}）` : ''}`;
    if (remembered) return { kind: 'cookie', state, how: `通过${entry}进入，网站记住了关怀模式` };
    if (to !== from)
      return { kind: 'separate', url: to, how: `通过${entry}进入独立的关怀版页面 ${to}，只检查该页` };
    return { kind: 'replay', text: link.text, how: `通过${entry}在本页切换，逐页点击后检查` };
  });
}

interface CareVisit {
  view: ViewMeasure;
  axe: AxeSummary | null;
}

/** Loads one page in care mode in one view and measures it. */
async function measureView(
  tab: Tab,
  view: View,
  url: string,
  mode: CareMode,
  withAxe: boolean,
  opts: BrowserRunOptions,
): Promise<Outcome<CareVisit>> {
  return tab.visit(async ({ page, dialogs }) => {
    const status = await load(page, url);
    if (mode.kind === 'replay') {
      const candidate = (await careCandidates(page)).find((c) => c.text === mode.text);
      if (!candidate) throw new PageProblem(`本页没有关怀模式入口「${mode.text}」`, status);
      await clickCandidate(page, candidate.index);
    }
    const at = opts.clock.now().toISOString();
    await injectProbe(page);
    await page.evaluate('window.__gongkaiA11y.startMotion()');
    // caret: 'initial' — hiding the caret would restyle inputs, which the motion watch would see.
    const first = await page.screenshot({ scale: 'css', caret: 'initial' });
    await page.waitForTimeout(opts.thresholds.motionWindowMs);
    const second = await page.screenshot({ scale: 'css', caret: 'initial' });
    const motion = (await page.evaluate('window.__gongkaiA11y.stopMotion()')) as MotionMeasure;
    const measure = (await page.evaluate(
      `window.__gongkaiA11y.measure(${JSON.stringify({ ...opts.thresholds, mobile: view === 'mobile' })})`,
    )) as ProbeMeasure;
    const axe = withAxe ? await runAxe(page, opts.axeTags) : null;
    return {
      view: {
        view,
        url: stripHash(page.url()),
        status,
        at,
        measure,
        motion,
        screenChanged: !first.equals(second),
        dialogs: [...dialogs],
      },
      axe,
    };
  });
}

async function addCareCookie(
  context: BrowserContext,
  cookie: { name: string; value: string },
  pages: string[],
) {
  const origins = [...new Set(pages.map((p) => new URL(p).origin))];
  await context.addCookies(
    origins.map((origin) => ({ name: cookie.name, value: cookie.value, url: origin })),
  );
}

/**
 * Every check of the browser engine over `pages`, in one browser the caller launched and closes.
 * Results: per page axe-core's (normal mode); then `careModeMissing`; then per care page the six
 * 适老化 results and the axe-core violations / needs-review items that care mode adds.
 */
export async function runBrowserEngine(
  browser: Browser,
  pages: string[],
  opts: BrowserRunOptions,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  /** What axe-core reported per page in normal mode (by the requested address), to tell what care mode adds. */
  const normal = new Map<string, Set<string>>();
  let careLink: CareLink | null = null;
  const desktop = await browser.newContext(DESKTOP);
  try {
    const tab = new Tab(desktop, opts.pageTimeoutMs);
    for (const url of pages) {
      const at = opts.clock.now().toISOString();
      const outcome = await tab.visit(async ({ page }) => {
        const status = await load(page, url);
        const axe = await runAxe(page, opts.axeTags);
        const finalUrl = stripHash(page.url());
        const link = opts.careCookie || careLink ? null : pickCareLink(await careCandidates(page), finalUrl);
        return { status, axe, link, finalUrl };
      });
      if (!outcome.ok) {
        results.push(pageUnavailable(url, at, outcome.reason, outcome.status));
        continue;
      }
      const { status, axe, link, finalUrl } = outcome.value;
      careLink ??= link;
      const pageResults = axeResults(axe, { url: finalUrl, at, status });
      normal.set(url, outcomeKeys(pageResults));
      results.push(...pageResults);
    }
    results.push(...(await careChecks(browser, tab, pages, careLink, normal, opts)));
  } finally {
    await desktop.close().catch(() => {});
  }
  return results;
}

/** The care mode entered, or the results that say why it could not be. */
async function enterCareMode(
  tab: Tab,
  careLink: CareLink | null,
  first: string | null,
  opts: BrowserRunOptions,
): Promise<{ mode: CareMode } | { results: CheckResult[] }> {
  const at = opts.clock.now().toISOString();
  if (opts.careCookie) {
    return {
      mode: {
        kind: 'cookie',
        state: null,
        how: `以 Cookie ${opts.careCookie.name}=${opts.careCookie.value} 进入关怀模式`,
      },
    };
  }
  if (!careLink) {
    return {
      results: [
        result(
          'agedCare',
          'violation',
          'careModeMissing',
          '未提供适老化（关怀）模式',
          [evidence(first, at, '页面上没有关怀模式、长辈版、适老等入口')],
          'moderate',
        ),
        ...renderedCareInapplicable('未提供关怀模式，无法检查', first, at),
      ],
    };
  }
  const followed = await followCareLink(tab, careLink);
  if (followed.ok) return { mode: followed.value };
  return {
    results: [
      result(
        'agedCare',
        'review',
        'careModeMissing',
        `找到关怀模式入口「${careLink.text}」，但无法进入：${followed.reason}`,
        [evidence(careLink.url ?? careLink.foundOn, at, careLink.text, followed.status)],
      ),
      ...renderedCareInapplicable('关怀模式无法进入，未能测量', careLink.foundOn, at),
    ],
  };
}

async function careChecks(
  browser: Browser,
  desktopTab: Tab,
  pages: string[],
  careLink: CareLink | null,
  normal: Map<string, Set<string>>,
  opts: BrowserRunOptions,
): Promise<CheckResult[]> {
  const first = pages[0] ?? null;
  const entered = await enterCareMode(desktopTab, careLink, first, opts);
  if ('results' in entered) return entered.results;
  const { mode } = entered;
  const results: CheckResult[] = [
    result('agedCare', 'pass', 'careModeMissing', `提供适老化（关怀）模式：${mode.how}`, [
      evidence(
        careLink?.url ?? careLink?.foundOn ?? first,
        opts.clock.now().toISOString(),
        careLink?.text ?? mode.how,
      ),
    ]),
  ];
  const storageState = mode.kind === 'cookie' && mode.state ? mode.state : undefined;
  const mobileContext = await browser.newContext({ ...MOBILE, storageState });
  try {
    const mobileTab = new Tab(mobileContext, opts.pageTimeoutMs);
    if (opts.careCookie) {
      await addCareCookie(desktopTab.context, opts.careCookie, pages);
      await addCareCookie(mobileContext, opts.careCookie, pages);
    }
    const carePages = mode.kind === 'separate' ? [mode.url] : pages;
    for (const url of carePages) {
      const [mobile, desktop] = await Promise.all([
        measureView(mobileTab, 'mobile', url, mode, false, opts),
        measureView(desktopTab, 'desktop', url, mode, opts.axeInCareMode, opts),
      ]);
      if (!mobile.ok || !desktop.ok) {
        const reason = !mobile.ok ? mobile.reason : !desktop.ok ? desktop.reason : '';
        results.push(
          ...renderedCareInapplicable(
            `关怀模式下页面无法检查：${reason}`,
            url,
            opts.clock.now().toISOString(),
          ),
        );
        continue;
      }
      results.push(...careResults([mobile.value.view, desktop.value.view], opts.thresholds));
      const axe = desktop.value.axe;
      if (axe) {
        const v = desktop.value.view;
        results.push(
          ...axeResults(axe, { url: v.url, at: v.at, status: v.status }, normal.get(url) ?? new Set()),
        );
      }
    }
  } finally {
    await mobileContext.close().catch(() => {});
  }
  return results;
}
