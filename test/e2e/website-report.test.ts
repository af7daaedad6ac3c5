/**
 * The 政府网站工作年度报表 in Chromium: a visitor reads last year's published 报表 on a 360 px phone
 * (JavaScript off) — only the table's region is wider than the screen, it scrolls inside it and is
 * reached by Tab, axe-core finds nothing serious; the office head fills this year's form at
 * 1280 px, sees a wrong box named and kept, and the preview. Screenshots go to
 * /tmp/website-report-*.png.
 *
 *   node --import tsx --test test/e2e/website-report.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Engine } from '../../src/platform/db/database.js';
import { beijingDate } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import {
  axeViolations,
  DESKTOP_1280,
  journeyEngines,
  launchBrowser,
  MOBILE_360,
  overflowing,
  signIn,
  submit,
  watchedPage,
} from './browser.js';

const thisYear = Number(beijingDate(new Date()).slice(0, 4));
const last = thisYear - 1;

function journey(engine: Engine): void {
  describe(`the 政府网站工作年度报表 in a browser [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    const contexts: BrowserContext[] = [];

    before(async () => {
      browser = await launchBrowser();
      t = await startTestApp(engine, { listen: true, content: true });
    });
    after(async () => {
      for (const c of contexts) await c.close().catch(() => {});
      await browser?.close();
      await t?.close();
    });

    it('a visitor reads last year’s 报表 on a 360 px phone: the table scrolls inside its region', async () => {
      const context = await browser.newContext({ ...MOBILE_360, javaScriptEnabled: false, locale: 'zh-CN' });
      contexts.push(context);
      const w = await watchedPage(context);
      const { page } = w;
      await page.goto(`${t.baseUrl}/`);
      await Promise.all([
        page.waitForLoadState('load'),
        page.getByRole('link', { name: '政府网站工作年度报表' }).first().click(),
      ]);
      await Promise.all([
        page.waitForLoadState('load'),
        page.getByRole('link', { name: new RegExp(`${last}年度政府网站工作年度报表`) }).click(),
      ]);
      assert.equal(new URL(page.url()).pathname, `/website-report/${last}`);
      const region = page.locator('.gk-ar-scroll');
      assert.equal(await region.getAttribute('tabindex'), '0');
      assert.ok(
        (await region.evaluate((e) => e.scrollWidth - e.clientWidth)) > 0,
        'the wide table scrolls inside its region',
      );
      assert.deepEqual(
        await overflowing(page, '.gk-ar-scroll'),
        [],
        'only the table region is wider than the screen',
      );
      await page.keyboard.press('Tab');
      let focused = false;
      for (let i = 0; i < 40 && !focused; i++) {
        focused =
          (await page.evaluate(`document.activeElement?.classList.contains('gk-ar-scroll')`)) === true;
        if (!focused) await page.keyboard.press('Tab');
      }
      assert.ok(focused, 'the region is reached with Tab');
      await page.screenshot({ path: '/tmp/website-report-360.png', fullPage: true });
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: '/tmp/website-report-360-top.png' });
      await region.screenshot({ path: '/tmp/website-report-360-table.png' });
      await region.evaluate((e) => (e.scrollLeft = e.scrollWidth));
      await region.screenshot({ path: '/tmp/website-report-360-table-right.png' });
      assert.deepEqual(w.allProblems(), []);

      const withJs = await browser.newContext({ ...MOBILE_360, locale: 'zh-CN' });
      contexts.push(withJs);
      const v = await watchedPage(withJs);
      await v.page.goto(page.url());
      assert.deepEqual(await axeViolations(v.page), []);
    });

    it('the office head fills this year’s form at 1280 px; a wrong box is named and kept; the preview shows the table', async () => {
      const context = await browser.newContext({ ...DESKTOP_1280, locale: 'zh-CN' });
      contexts.push(context);
      const w = await watchedPage(context);
      const { page } = w;
      await signIn(page, t.baseUrl, 'head');
      await page.goto(`${t.baseUrl}/admin/website-report?year=${thisYear}`);
      await page.locator('input[name="pageViews"]').fill('十万');
      await page.locator('input[name="uniqueVisitors"]').fill('12345');
      await submit(page, '保存');
      const summary = page.locator('.gk-error-summary');
      assert.match((await summary.textContent()) ?? '', /“网站总访问量（次）”应为不小于 0 的整数/);
      assert.equal(await page.locator('input[name="pageViews"]').inputValue(), '十万');
      assert.equal(await page.locator('input[name="uniqueVisitors"]').inputValue(), '12345');
      await page.screenshot({ path: '/tmp/website-report-form-error.png', fullPage: false });
      await page.locator('input[name="pageViews"]').fill('100000');
      await submit(page, '保存');
      assert.equal(await page.locator('.gk-error-summary').count(), 0);
      assert.match((await page.locator('#preview').textContent()) ?? '', /100000/);
      await page.screenshot({ path: '/tmp/website-report-form.png', fullPage: true });
      await page
        .locator('fieldset.gk-fieldset')
        .nth(1)
        .screenshot({ path: '/tmp/website-report-form-info.png' });
      await page.locator('#preview').screenshot({ path: '/tmp/website-report-form-preview.png' });
      assert.deepEqual(w.allProblems(), []);
      assert.deepEqual(await axeViolations(page), []);
    });
  });
}

for (const engine of journeyEngines()) journey(engine);
