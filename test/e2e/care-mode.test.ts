/**
 * The 关怀模式 (适老化, issue 17 §4; services.md §5) in real Chromium: switched from the header link
 * with JavaScript off and remembered; measured on the rendered pages at 360 px and 1280 px — every
 * visible text of the main content at least 18 px with a line height of at least 1.3 and a
 * contrast of at least 4.5:1 computed from the computed colours, targets at least 44 px, nothing
 * moving, nothing fixed to the screen; the visitor's reduced-motion, more-contrast and forced-colour
 * preferences honoured; the annual report's scrolling tables reached with Tab on a phone; the
 * focus on the error summary after a failed form.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../harness/app.js';
import {
  DESKTOP_1280,
  journeyEngines,
  launchBrowser,
  MOBILE_360,
  SCREENSHOT_DIR,
  submit,
} from './browser.js';

/**
 * Measures the page as a person sees it (plain JavaScript, run in the page): the problems found
 * and how many texts and targets were measured. A text is an element of main with text of its
 * own, or a form control. Colours are composed over the backgrounds behind
 * the element (WCAG 2 relative luminance).
 */
const measure = `(() => {
  const problems = [];
  const rgba = (c) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(c);
    if (!m) return [0, 0, 0, 1];
    const p = m[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const lin = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  const lum = (c) => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return getComputedStyle(el).visibility === 'visible' && r.width > 1 && r.height > 1 &&
      !el.closest('[aria-hidden="true"], .gk-visually-hidden');
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' “' + (el.textContent || el.value || '').trim().slice(0, 16) + '”';
  let texts = 0;
  for (const el of document.querySelectorAll('main *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const control = el.matches('input:not([type=hidden],[type=checkbox],[type=radio],[type=file]), select, textarea, button');
    if ((!own && !control) || !visible(el) || el.matches(':disabled')) continue;
    texts++;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    if (size < 18) problems.push('font-size ' + size + 'px: ' + name(el));
    // A select or a text box holds one line: its height (a target, below) is what counts, and
    // Chromium keeps a select's line height \`normal\` whatever the style sheet says.
    const lh = s.lineHeight === 'normal' ? NaN : parseFloat(s.lineHeight) / size;
    if (!el.matches('select, input') && !(lh >= 1.3)) problems.push('line-height ' + s.lineHeight + ': ' + name(el));
    const bg = background(el);
    const [hi, lo] = [lum(over(rgba(s.color), bg)), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ':1: ' + name(el));
  }
  let targets = 0;
  const targetSelector = 'header a, .gk-nav a, main button, main select, main textarea, ' +
    'main input:not([type=hidden],[type=checkbox],[type=radio]), main li > a, main .gk-checkbox';
  for (const el of document.querySelectorAll(targetSelector)) {
    if (!visible(el)) continue;
    targets++;
    const r = el.getBoundingClientRect();
    if (r.width < 44 || r.height < 44) problems.push('target ' + Math.round(r.width) + '×' + Math.round(r.height) + ': ' + name(el));
  }
  for (const el of document.querySelectorAll('body *'))
    if (/^(fixed|sticky)$/.test(getComputedStyle(el).position) && visible(el)) problems.push('fixed to the screen: ' + name(el));
  const animations = document.getAnimations().length;
  if (animations) problems.push(animations + ' animations running');
  if (document.documentElement.scrollWidth > innerWidth) problems.push('the page scrolls sideways');
  return { texts, targets, problems };
})()`;

interface Measured {
  texts: number;
  targets: number;
  problems: string[];
}

/** A computed style property of the first element `selector` finds. */
const computed = (page: Page, selector: string, property: string) =>
  page.evaluate(
    `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(property)})`,
  ) as Promise<string>;

/** Whether the element the browser has focused matches `selector`. */
const focused = (page: Page, selector: string) =>
  page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`) as Promise<boolean>;

for (const engine of journeyEngines())
  describe(`the 关怀模式 of the portal [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    let recordPath: string;
    let reportPath: string;
    const contexts: BrowserContext[] = [];
    const context = async (view: BrowserContextOptions, care: boolean, javaScriptEnabled = true) => {
      const c = await browser.newContext({ ...view, javaScriptEnabled });
      contexts.push(c);
      if (care) await c.addCookies([{ name: 'gk_care', value: '1', url: t.baseUrl }]);
      const page = await c.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    };
    before(async () => {
      browser = await launchBrowser();
      // The demo's content with the 2020 operations: the annual report is published.
      t = await startTestApp(engine, { listen: true, content: true, operations2020: true });
      const home = await (await fetch(`${t.baseUrl}/`)).text();
      recordPath = /href="(\/records\/[0-9a-f-]{36})"/.exec(home)![1]!;
      reportPath = /href="(\/annual-reports\/[0-9a-f-]{36})"/.exec(home)![1]!;
    });
    after(async () => {
      for (const c of contexts) await c.close().catch(() => {});
      await browser?.close();
      await t?.close();
    });

    it('switches on from the header link with JavaScript off, is remembered, and switches off', async () => {
      const page = await context(MOBILE_360, false, false);
      await page.goto(`${t.baseUrl}/`);
      assert.equal(await page.locator('html.gk-care').count(), 0);
      await Promise.all([
        page.waitForURL(`${t.baseUrl}/`),
        page.getByRole('link', { name: '关怀模式', exact: true }).click(),
      ]);
      assert.equal(await page.locator('html.gk-care').count(), 1, 'back on the home page, in 关怀模式');
      const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'gk_care');
      assert.equal(cookie?.value, '1');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
      assert.ok(days > 364 && days <= 366, `remembered for a year (${days.toFixed(1)} days)`);
      // The next page, reached by a link, is in 关怀模式 too, and offers the way out.
      await Promise.all([
        page.waitForURL(`${t.baseUrl}${recordPath}`),
        page.locator(`a[href="${recordPath}"]`).first().click(),
      ]);
      assert.equal(await page.locator('html.gk-care').count(), 1, 'remembered on the next page');
      await Promise.all([
        page.waitForURL(`${t.baseUrl}${recordPath}`),
        page.getByRole('link', { name: '退出关怀模式', exact: true }).click(),
      ]);
      assert.equal(await page.locator('html.gk-care').count(), 0, 'back on the same page, ordinary');
      assert.equal((await page.context().cookies()).filter((c) => c.name === 'gk_care').length, 0);
      assert.equal(await page.getByRole('link', { name: '关怀模式', exact: true }).count(), 1);
    });

    for (const [label, view] of [
      ['360 px', MOBILE_360],
      ['1280 px', DESKTOP_1280],
    ] as const)
      it(`measures 18 px text, 1.3 line height, 4.5:1 contrast, 44 px targets and no motion at ${label}`, async () => {
        const care = await context(view, true);
        const plain = await context(view, false);
        const problems: string[] = [];
        for (const path of [
          '/',
          recordPath,
          '/xxgk',
          '/policies',
          reportPath,
          '/apply',
          '/letters/write',
          '/places',
        ]) {
          await care.goto(`${t.baseUrl}${path}`);
          const m = (await care.evaluate(measure)) as Measured;
          assert.ok(
            m.texts >= 10 && m.targets >= 8,
            `${path}: ${m.texts} texts and ${m.targets} targets measured`,
          );
          problems.push(...m.problems.map((p) => `${path}: ${p}`));
        }
        assert.deepEqual(problems, []);
        // The same measure finds the ordinary pages' 16 px text and small links, and a pale,
        // cramped paragraph put on the page (it can fail).
        await plain.goto(`${t.baseUrl}/`);
        await plain.evaluate(`(() => {
          const p = document.createElement('p');
          p.textContent = '浅灰色的小字';
          Object.assign(p.style, { color: '#999', fontSize: '20px', lineHeight: '1.1' });
          document.querySelector('main').append(p);
        })()`);
        const ordinary = (await plain.evaluate(measure)) as Measured;
        for (const problem of [
          'font-size 16px: a',
          'target',
          'contrast 2.85:1: p “浅灰色',
          'line-height 22px: p “浅灰色',
        ])
          assert.ok(
            ordinary.problems.some((p) => p.startsWith(problem)),
            `${problem} found on the ordinary page`,
          );
        if (view === MOBILE_360) {
          mkdirSync(SCREENSHOT_DIR, { recursive: true });
          for (const [page, mode] of [
            [plain, 'ordinary'],
            [care, 'care'],
          ] as const)
            for (const [path, what] of [
              ['/', 'home'],
              [recordPath, 'record'],
            ]) {
              await page.goto(`${t.baseUrl}${path}`);
              await page.screenshot({ path: join(SCREENSHOT_DIR, `care-mode-${what}-${mode}-360.png`) });
            }
        }
      });

    it('follows the reduced-motion, more-contrast and forced-colour preferences', async () => {
      const page = await context(DESKTOP_1280, false);
      await page.goto(`${t.baseUrl}/`);
      const style = (selector: string, property: string) => computed(page, selector, property);
      assert.match(await style('.gk-nav a', 'transition-duration'), /0\.15s/);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      assert.equal(await style('.gk-nav a', 'transition-duration'), '0s');
      await page.emulateMedia({ reducedMotion: null });
      assert.equal(await style('.gk-nav a', 'text-decoration-line'), 'none');
      assert.equal(await style('#home-q', 'border-top-width'), '2px');
      await page.emulateMedia({ contrast: 'more' });
      assert.equal(await style('.gk-nav a', 'text-decoration-line'), 'underline');
      assert.equal(await style('#home-q', 'border-top-width'), '3px');
      assert.equal(await style('.gk-hit-meta', 'color'), 'rgb(51, 51, 51)');
      await page.emulateMedia({ contrast: null, forcedColors: 'active' });
      assert.equal(await style('.gk-nav a[aria-current="page"]', 'border-bottom-width'), '4px');
      // In 关怀模式 nothing moves, whatever the preference.
      const care = await context(DESKTOP_1280, true);
      await care.goto(`${t.baseUrl}/`);
      assert.equal(await computed(care, '.gk-nav a', 'transition-duration'), '0s');
    });

    for (const care of [false, true])
      it(`reaches the annual report's scrolling tables with Tab at 360 px${care ? ' in 关怀模式' : ''}`, async () => {
        const page = await context(MOBILE_360, care);
        await page.goto(`${t.baseUrl}${reportPath}`);
        const region = page.locator('.gk-ar-scroll[aria-label^="表三"]');
        assert.equal(
          await region.getAttribute('aria-label'),
          '表三 收到和处理政府信息公开申请情况（可左右滚动）',
        );
        assert.equal(await region.getAttribute('role'), 'region');
        let tabs = 0;
        while (!(await focused(page, '.gk-ar-scroll[aria-label^="表三"]'))) {
          assert.ok(++tabs < 400, 'Tab never reached table 三');
          await page.keyboard.press('Tab');
        }
        const table = '.gk-ar-scroll[aria-label^="表三"]';
        const overflow = (await page.evaluate(
          `(e => e.scrollWidth - e.clientWidth)(document.querySelector('${table}'))`,
        )) as number;
        assert.ok(overflow > 0, 'the table is wider than the phone: it scrolls');
        assert.notEqual(await computed(page, table, 'outline-style'), 'none', 'the focus is visible');
        assert.ok(parseFloat(await computed(page, table, 'outline-width')) >= 3);
        for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
        // The browser may animate a keyboard scroll: wait for it to move.
        const scrolled = `document.querySelector('${table}').scrollLeft`;
        for (let i = 0; i < 50 && !((await page.evaluate(scrolled)) as number); i++)
          await new Promise((r) => setTimeout(r, 100));
        assert.ok(((await page.evaluate(scrolled)) as number) > 0, 'the arrow keys scroll it');
      });

    for (const [path, button] of [
      ['/apply', '提交申请'],
      ['/letters/write?channel=leaderMailbox', '提交'],
    ] as const)
      it(`puts the focus on the error summary after a failed ${path} form, without JavaScript`, async () => {
        const page = await context(MOBILE_360, true, false);
        await page.goto(`${t.baseUrl}${path}`);
        await submit(page, button);
        assert.equal(await page.locator('.gk-error-summary').count(), 1);
        assert.ok(await focused(page, '.gk-error-summary'), 'the summary has the focus');
        const links = await page
          .locator('.gk-error-summary a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        assert.ok(links.length > 0);
        for (const href of links)
          assert.equal(await page.locator(href).count(), 1, `${href} names a field of the form`);
        // Following a link puts the focus on its field.
        await page.locator('.gk-error-summary a').first().click();
        assert.ok(await focused(page, links[0]!), `${links[0]} has the focus`);
      });
  });
