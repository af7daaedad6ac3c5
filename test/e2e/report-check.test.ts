/**
 * A supervisor uploads the seed report in the back office and sees its two error findings
 * marked on their cells: the 总计 of 本年新收 (row-sum) and the 商业企业 column (balance).
 * In real Chromium, with JavaScript on and off.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.service.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { DESKTOP_1280, launchBrowser, screenshot, watchedPage } from './browser.js';

const SEED = resolve('test/fixtures/annual-report/jinjiang-2020-annual-report.md');

describe('checking a published report in the back office [sqlite]', () => {
  let t: TestApp;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    t = await startTestApp('sqlite', { listen: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}: upload the seed, see the two errors on their cells`, async () => {
      const context = await browser.newContext({ ...DESKTOP_1280, javaScriptEnabled });
      try {
        const w = await watchedPage(context);
        const page = w.page;
        await page.goto(`${t.baseUrl}/admin/login`);
        await page.locator('form.gk-form input[name="username"]').fill('supervisor');
        await page.locator('form.gk-form input[name="password"]').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: '登录', exact: true }).click();
        await page.waitForURL((u) => u.pathname === '/admin');
        await page.getByRole('link', { name: '年报检查' }).first().click();
        await page.locator('input[type="file"][name="file"]').setInputFiles(SEED);
        await page.getByRole('button', { name: '检查', exact: true }).click();
        await page.waitForURL((u) => /^\/admin\/reports\/[0-9a-f-]{36}$/.test(u.pathname));

        assert.match((await page.locator('h1').textContent()) ?? '', /晋江市人民政府 2020 年度报告/);
        const received = page.locator('#table-requests tr[data-row="received"] td');
        assert.match(
          (await received.nth(6).getAttribute('class')) ?? '',
          /gk-cell--error/,
          '本年新收 总计 is marked',
        );
        assert.match((await received.nth(6).textContent()) ?? '', /^231/);
        for (const row of ['received', 'carriedOver', 'total', 'carriedForward']) {
          const cell = page.locator(`#table-requests tr[data-row="${row}"] td`).nth(1);
          assert.match(
            (await cell.getAttribute('class')) ?? '',
            /gk-cell--error/,
            `${row} 商业企业 is marked`,
          );
        }
        assert.equal(await page.locator('#table-requests td.gk-cell--error').count(), 5);
        const errors = page.locator('.gk-finding--error');
        assert.equal(await errors.count(), 2);
        assert.match((await errors.nth(0).textContent()) ?? '', /六类申请人之和为 222，总计列为 231/);
        assert.match((await errors.nth(1).textContent()) ?? '', /商业企业列/);
        // The cell's marker links to its finding.
        await received.nth(6).locator('a').first().click();
        assert.match(page.url(), /#finding-1$/);
        if (javaScriptEnabled) await screenshot(page, 'report-check-seed');
        assert.deepEqual(w.allProblems(), []);
      } finally {
        await context.close();
      }
    });
  }
});
