/**
 * Every public page of the demo passes axe-core (WCAG 2 A and AA) with no serious or critical
 * violation, in the ordinary rendering and in the 关怀模式 (issue 17 §4; services.md §5.2, the
 * pa11y-ci pattern over the site map). The crawl starts at the home page and the 网站地图, stays on
 * the host, keeps out of /admin, asks with GET only and skips downloads; a route shape (ids and
 * page numbers replaced) is visited at most PER_SHAPE times, so that the run stays near a minute
 * and a half on an idle machine. The ordinary pages are checked at 1280 px, the 关怀 pages at
 * 360 px, where their larger text has the least room; the two passes run side by side.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { startTestApp, type TestApp } from '../harness/app.js';
import { DESKTOP_1280, journeyEngines, launchBrowser, MOBILE_360 } from './browser.js';

const PER_SHAPE = 2;
const MAX_PAGES = 150;

/** Not pages: the back office, files, feeds, downloads, the 关怀模式 switch itself, what ends a session. */
const skipPath =
  /^\/(admin|static|api|care|attachments)(\/|\?|$)|\/files\/|\/download|\.(docx?|xlsx?|pdf|csv|json|xml|atom|md|txt|zip|png|jpe?g|svg|js|css|ofd|wps)(\?|$)|\/logout|\/forget/;

const shape = (path: string) =>
  path
    .replace(/\?.*$/, (q) => `?${[...new URLSearchParams(q.slice(1)).keys()].sort().join('&')}`)
    .replace(/\/[0-9a-f]{8}-[0-9a-f-]{27,}/g, '/:id')
    .replace(/\/\d+(?=\/|$|\?)/g, '/:n');

/** The public HTML pages reachable from `start`, fetched over HTTP (no browser needed to find them). */
async function crawl(baseUrl: string, start: string[]): Promise<string[]> {
  const queue = [...start];
  const seen = new Set(queue);
  const perShape = new Map<string, number>();
  const pages: string[] = [];
  while (queue.length && pages.length < MAX_PAGES) {
    const path = queue.shift()!;
    const res = await fetch(`${baseUrl}${path}`);
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    const html = await res.text();
    pages.push(new URL(res.url).pathname + new URL(res.url).search);
    const $ = cheerio.load(html);
    $('a[href]').each((_, el) => {
      const href = ($(el).attr('href') ?? '').replace(/#.*$/, '');
      if (!href.startsWith('/') || href.startsWith('//') || skipPath.test(href) || seen.has(href)) return;
      const n = perShape.get(shape(href)) ?? 0;
      if (n >= PER_SHAPE) return;
      perShape.set(shape(href), n + 1);
      seen.add(href);
      queue.push(href);
    });
  }
  return [...new Set(pages)];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }>;
}

/** Serious and critical violations of WCAG 2 A/AA on each page, one line each; and how many pages were in 关怀模式. */
async function audit(
  browser: Browser,
  baseUrl: string,
  pages: string[],
  view: BrowserContextOptions,
  care: boolean,
): Promise<{ problems: string[]; careMarked: number; withSwitch: number }> {
  const context = await browser.newContext(view);
  if (care) await context.addCookies([{ name: 'gk_care', value: '1', url: baseUrl }]);
  const page = await context.newPage();
  const problems: string[] = [];
  let careMarked = 0;
  let withSwitch = 0;
  try {
    for (const path of pages) {
      const res = await page.goto(`${baseUrl}${path}`);
      if (!res || res.status() >= 500) problems.push(`${path}: HTTP ${res?.status()}`);
      if (await page.locator('header .gk-care-switch').count()) withSwitch++;
      if (await page.locator('html.gk-care').count()) careMarked++;
      await page.evaluate(axeSource);
      const result = (await page.evaluate(
        `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] })`,
      )) as AxeResult;
      for (const v of result.violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          problems.push(
            `${path}: ${v.impact} ${v.id}: ${v.help} (${v.nodes
              .slice(0, 5)
              .map((n) => JSON.stringify(n.target))
              .join(', ')})`,
          );
    }
  } finally {
    await context.close();
  }
  return { problems, careMarked, withSwitch };
}

for (const engine of journeyEngines())
  describe(`every public page passes axe-core, ordinary and 关怀模式 [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    let pages: string[];
    before(async () => {
      browser = await launchBrowser();
      // The full demo: every 领域, its records, the 2020 annual report published.
      t = await startTestApp(engine, { listen: true, content: true, operations2020: true });
      pages = await crawl(t.baseUrl, ['/', '/sitemap']);
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    it('reaches the portal’s pages: records, the annual report, the forms, the columns', () => {
      const shapes = new Set(pages.map(shape));
      assert.ok(pages.length >= 50, `only ${pages.length} pages reached`);
      for (const s of [
        '/',
        '/records/:id',
        '/annual-reports/:id',
        '/apply',
        '/xxgk/:id',
        '/letters',
        '/search',
      ])
        assert.ok(shapes.has(s), `${s} reached`);
    });

    // The two passes run side by side, each in its own context: half the time on two cores.
    it('no serious or critical violation: ordinary at 1280 px, 关怀模式 at 360 px', async () => {
      const [ordinary, care] = await Promise.all([
        audit(browser, t.baseUrl, pages, DESKTOP_1280, false),
        // Pixel ratio 1: axe works in CSS pixels, and four times fewer pixels paint faster.
        audit(browser, t.baseUrl, pages, { ...MOBILE_360, deviceScaleFactor: 1 }, true),
      ]);
      assert.deepEqual(ordinary.problems, [], 'ordinary');
      assert.equal(ordinary.careMarked, 0);
      assert.deepEqual(care.problems, [], '关怀模式');
      assert.ok(care.withSwitch >= 50, `the header's switch on ${care.withSwitch} pages`);
      assert.equal(care.careMarked, care.withSwitch, 'every page with the switch is in 关怀模式');
    });
  });
