/**
 * Real-browser helpers for the journey tests under test/e2e/: Debian's chromium driven by
 * playwright-core (no browser download). A missing browser fails the run — it never skips.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import type { Engine } from '../../src/platform/db/database.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.service.js';

export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/platform/chromium.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/platform/chromium.js';

/** Where screenshots go: outside the repository. */
export const SCREENSHOT_DIR = process.env.GONGKAI_E2E_SCREENSHOTS ?? '/tmp/gongkai-e2e';

/** A narrow phone, for the "no horizontal scroll" checks. */
export const MOBILE_360: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

export const DESKTOP_1280: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

/**
 * Engines the browser journeys run on. Journeys are slow and exercise the web layer rather than
 * SQL, so one engine is the default; `GONGKAI_E2E_ENGINES=sqlite,postgres` runs both.
 */
export function journeyEngines(): Engine[] {
  const raw = process.env.GONGKAI_E2E_ENGINES ?? 'sqlite';
  return raw
    .split(',')
    .map((e) => e.trim())
    .filter((e): e is Engine => e === 'sqlite' || e === 'postgres');
}

/** Launches headless chromium; throws a message that says what to install when it is absent. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser journey tests need Chromium at ${CHROMIUM_PATH}, which does not exist. ` +
        'Install it with `apt-get install -y chromium` (Debian) and run the tests again. ' +
        'These tests are never skipped: a missing browser is a failure.',
    );
  }
  try {
    return await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
    });
  } catch (e) {
    throw new Error(
      `Chromium at ${CHROMIUM_PATH} failed to start: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** Everything that went wrong on a page while it was watched: the sign of CSP or static-path breakage. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  /** Sub-resources (CSS, scripts, images…) answered with 4xx/5xx. Documents may legitimately be 400 (a form with errors). */
  badSubresources: string[];
}

export interface WatchedPage {
  page: Page;
  problems: PageProblems;
  /** Every problem as one list of lines, empty when the page is clean. */
  allProblems(): string[];
  /** Responses seen for URLs whose path is `pathname`, latest last. */
  statusesOf(pathname: string): number[];
}

/** Requests whose failure is not the page's fault. None so far: the layout links its favicon. */
function isIgnoredResource(_url: string): boolean {
  return false;
}

/** A new page in `context` whose console errors, script errors and failed loads are recorded. */
export async function watchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(20_000);
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    badSubresources: [],
  };
  const statuses: Array<{ pathname: string; status: number }> = [];
  // Documents answered 4xx on purpose (a form re-shown with errors is a 400) — Chromium logs those
  // as console errors too; they are expected, not breakage.
  const documentErrors = new Set<string>();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url;
    if (
      msg.text().startsWith('Failed to load resource') &&
      (documentErrors.has(url) || isIgnoredResource(url))
    )
      return;
    problems.consoleErrors.push(`${msg.text()} @ ${url}`);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(err.message));
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? 'failed';
    // A load cut short because the page moved on (a form submitted, a link followed) is the
    // browser's doing, not a broken resource; a missing one answers 4xx and is caught below.
    if (reason === 'net::ERR_ABORTED') return;
    problems.failedRequests.push(`${req.method()} ${req.url()}: ${reason}`);
  });
  page.on('response', (res) => {
    statuses.push({ pathname: new URL(res.url()).pathname, status: res.status() });
    if (res.status() >= 400 && res.request().resourceType() === 'document') documentErrors.add(res.url());
    else if (res.status() >= 400 && !isIgnoredResource(res.url())) {
      problems.badSubresources.push(`${res.status()} ${res.request().resourceType()} ${res.url()}`);
    }
  });
  return {
    page,
    problems,
    allProblems: () => [
      ...problems.consoleErrors.map((m) => `console error: ${m}`),
      ...problems.pageErrors.map((m) => `page error: ${m}`),
      ...problems.failedRequests.map((m) => `request failed: ${m}`),
      ...problems.badSubresources.map((m) => `bad sub-resource: ${m}`),
    ],
    statusesOf: (pathname) => statuses.filter((s) => s.pathname === pathname).map((s) => s.status),
  };
}

/** The path part of the page's current URL. */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Saves a full-page screenshot under SCREENSHOT_DIR and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Presses the button named `name` and waits for the page it leads to. */
export async function submit(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
}

/** Signs in to the back office as a demo user. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.locator('form.gk-form input[name="username"]').fill(username);
  await page.locator('form.gk-form input[name="password"]').fill(DEMO_PASSWORD);
  await submit(page, '登录');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations on the page, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }>;
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
    );
}

/**
 * What reaches past the right edge of the screen outside the scroll regions `scrollRegion` names
 * (a wide table may scroll inside its own frame; nothing else may), and whether the page itself
 * scrolls sideways: empty when the page fits the phone.
 */
export async function overflowing(page: Page, scrollRegion: string): Promise<string[]> {
  // A string, as the other evaluations here: the tests are compiled without the DOM's types.
  return (await page.evaluate(`(() => {
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest(${JSON.stringify(scrollRegion)})) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > innerWidth + 1)
        out.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.right) + 'px');
    }
    if (document.documentElement.scrollWidth > innerWidth + 1) out.push('the page scrolls sideways');
    return out;
  })()`)) as string[];
}

/**
 * Waits until `expression` is true in the page, polling from outside: the page's CSP has no
 * 'unsafe-eval', which page.waitForFunction needs for an expression.
 */
export async function until(page: Page, expression: string, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
    await page.waitForTimeout(100);
  }
}
