/**
 * The office head signs the annual report off in real Chromium, with JavaScript on and off: the
 * text typed goes with the publish button (saved first, never lost), the confirmation page shows
 * what becomes public, a prompt left in the text stops publication; with JavaScript on, leaving
 * the page with unsaved text asks first (the served script; the CSP allows no inline one).
 *
 *   node --import tsx --test test/e2e/annual-report-signoff.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.service.js';
import type { Engine } from '../../src/platform/db/database.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { DESKTOP_1280, journeyEngines, launchBrowser, pathOf, screenshot, watchedPage } from './browser.js';

function journeys(engine: Engine): void {
  describe(`annual report sign-off [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    const contexts: BrowserContext[] = [];

    before(async () => {
      browser = await launchBrowser();
      t = await startTestApp(engine, { listen: true, operations2020: true });
    });
    after(async () => {
      for (const c of contexts) await c.close().catch(() => {});
      await browser?.close();
      await t?.close();
    });

    async function headOn(javaScriptEnabled: boolean, year: string) {
      const context = await browser.newContext({ ...DESKTOP_1280, javaScriptEnabled, locale: 'zh-CN' });
      contexts.push(context);
      const w = await watchedPage(context);
      const { page } = w;
      await page.goto(`${t.baseUrl}/admin/login`);
      await page.locator('input[name="username"]').fill('head');
      await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/admin');
      await page.goto(`${t.baseUrl}/admin/annual-reports`);
      const city = await page
        .locator('select[name="agencyId"] option')
        .evaluateAll((os) =>
          os.find((o) => o.textContent?.trim() === '晋江市人民政府')?.getAttribute('value'),
        );
      await page.locator('select[name="agencyId"]').selectOption(city!);
      await page.locator('input[name="year"]').fill(year);
      await page.getByRole('button', { name: '编写或查看' }).click();
      await page.waitForURL((u) => /^\/admin\/annual-reports\/[0-9a-f-]{36}$/.test(u.pathname));
      return w;
    }

    it('JavaScript off: the publish button saves the text, a prompt stops it, the confirmation publishes', async () => {
      const { page, allProblems } = await headOn(false, '2020');
      const report = pathOf(page);
      await page.locator('textarea[name="section5"]').fill('基层工作人员更迭较快，培训有待加强。');
      await page.getByRole('button', { name: '保存并核对发布…' }).click();
      await page.waitForURL((u) => u.pathname === `${report}/publish`);
      assert.match((await page.locator('#blocking').textContent()) ?? '', /须改正/);
      assert.match((await page.locator('#findings').textContent()) ?? '', /“一、总体情况”第 2 段/);
      assert.equal(await page.getByRole('button', { name: '确认发布' }).count(), 0);
      await page.goto(`${t.baseUrl}${report}`);
      assert.equal(
        await page.locator('textarea[name="section5"]').inputValue(),
        '基层工作人员更迭较快，培训有待加强。',
        'the text typed before the publish button was saved',
      );
      const s1 = await page.locator('textarea[name="section1"]').inputValue();
      await page.locator('textarea[name="section1"]').fill(s1.replace(/（请[^）]*）/g, '依法依规开展。'));
      await page.getByRole('button', { name: '保存并核对发布…' }).click();
      await page.waitForURL((u) => u.pathname === `${report}/publish`);
      assert.match((await page.locator('#publication').textContent()) ?? '', /本年新收 231 件/);
      await screenshot(page, `annual-report-confirm-${engine}`);
      await page.getByRole('button', { name: '确认发布' }).click();
      assert.equal(pathOf(page), `${report}/publish`, 'not confirmed: the page asks again');
      await page.locator('input[name="confirmed"]').check();
      await page.getByRole('button', { name: '确认发布' }).click();
      await page.waitForURL((u) => u.pathname === report);
      assert.equal(await page.locator('#report-state').textContent(), '已发布');
      assert.deepEqual(allProblems(), []);
    });

    it('JavaScript on: leaving with unsaved text asks first; saving does not', async () => {
      const { page, allProblems, statusesOf } = await headOn(true, '2021');
      assert.ok(statusesOf('/static/unsaved-warning.js').some((s) => s === 200 || s === 304));
      const report = pathOf(page);
      let asked = 0;
      page.on('dialog', (d) => {
        asked++;
        assert.equal(d.type(), 'beforeunload');
        void d.dismiss();
      });
      await page.locator('textarea[name="section6"]').fill('本年度无其他需要报告的事项。');
      await page.getByRole('link', { name: '工作台' }).first().click();
      await page.waitForTimeout(500);
      assert.equal(asked, 1, 'the browser asked before leaving');
      assert.equal(pathOf(page), report, 'and stayed when told to');
      await page.getByRole('button', { name: '保存文字部分' }).click();
      await page.waitForURL((u) => u.pathname === report);
      assert.equal(asked, 1, 'saving leaves without asking');
      assert.equal(
        await page.locator('textarea[name="section6"]').inputValue(),
        '本年度无其他需要报告的事项。',
      );
      assert.deepEqual(allProblems(), []);
    });
  });
}

for (const engine of journeyEngines()) journeys(engine);
