/**
 * The office head compares annual reports on a 360 px phone, JavaScript off: the form (agencies,
 * years) leads to the indicators, the charts drawn on the server and the downloads; nothing but the
 * scroll regions (tables, charts) is wider than the screen, those regions are reachable by Tab, the
 * Content-Security-Policy blocks nothing (the charts carry no inline style or script), and axe-core
 * finds nothing serious. A screenshot goes to /tmp/compare-360.png.
 *
 *   node --import tsx --test test/e2e/compare-360.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Engine } from '../../src/platform/db/database.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import {
  axeViolations,
  journeyEngines,
  launchBrowser,
  MOBILE_360,
  overflowing,
  signIn,
  watchedPage,
} from './browser.js';

function journey(engine: Engine): void {
  describe(`annual reports side by side at 360 px [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    const contexts: BrowserContext[] = [];

    before(async () => {
      browser = await launchBrowser();
      t = await startTestApp(engine, { listen: true, operations2020: true, content: true });
    });
    after(async () => {
      for (const c of contexts) await c.close().catch(() => {});
      await browser?.close();
      await t?.close();
    });

    it('the office head picks agencies and years and reads indicators, charts and findings', async () => {
      const context = await browser.newContext({ ...MOBILE_360, javaScriptEnabled: false, locale: 'zh-CN' });
      contexts.push(context);
      const w = await watchedPage(context);
      const { page } = w;
      await signIn(page, t.baseUrl, 'head');
      await page.goto(`${t.baseUrl}/admin/annual-reports`);
      await Promise.all([
        page.waitForLoadState('load'),
        page.getByRole('link', { name: /年度报告对比/ }).click(),
      ]);
      assert.equal(new URL(page.url()).pathname, '/admin/annual-reports/compare');
      assert.deepEqual(await overflowing(page, '.gk-table-wrap'), [], 'the form fits the phone');

      for (const name of ['晋江市人民政府', '磁灶镇人民政府', '晋江市公安局'])
        await page
          .locator('label.gk-checkbox', { hasText: new RegExp(`^\\s*${name}$`) })
          .locator('input')
          .check();
      await page.locator('input[name="from"]').fill('2019');
      await page.locator('input[name="to"]').fill('2021');
      await Promise.all([
        page.waitForLoadState('load'),
        page.getByRole('button', { name: '对比', exact: true }).click(),
      ]);
      assert.equal(new URL(page.url()).searchParams.getAll('agencyIds').length, 3);

      const table = page.locator('#indicators .gk-table-wrap');
      assert.match((await table.textContent()) ?? '', /70\.6%\s*163\/231/);
      assert.equal(await table.getAttribute('tabindex'), '0', 'the table’s region is reachable by Tab');
      assert.ok(
        (await table.evaluate((e) => e.scrollWidth - e.clientWidth)) > 0,
        'the wide table scrolls inside its region',
      );
      assert.equal(await page.locator('#charts svg[role="img"]').count(), 3);
      const box = await page.locator('#charts svg').first().boundingBox();
      assert.ok(box && box.width >= 470, `a chart keeps a readable size (${box?.width} px) and scrolls`);
      assert.equal(await page.locator('#downloads a').count(), 6);
      assert.deepEqual(
        await overflowing(page, '.gk-table-wrap'),
        [],
        'only the scroll regions are wider than the screen',
      );
      await page.screenshot({ path: '/tmp/compare-360.png', fullPage: true });
      assert.deepEqual(w.allProblems(), [], 'no console error: the CSP blocked nothing');

      // axe-core needs JavaScript: the same page, in a phone's browser with it on.
      const compared = page.url();
      const withJs = await browser.newContext({ ...MOBILE_360, locale: 'zh-CN' });
      contexts.push(withJs);
      const v = await watchedPage(withJs);
      await signIn(v.page, t.baseUrl, 'head');
      await v.page.goto(compared);
      assert.equal(await v.page.locator('#charts svg[role="img"]').count(), 3);
      assert.deepEqual(await axeViolations(v.page), []);
      assert.deepEqual(v.allProblems(), []);
    });
  });
}

for (const engine of journeyEngines()) journey(engine);
