/**
 * 主动公开 in real Chromium, with JavaScript on and off: the clerk of 磁灶镇 drafts a record filed
 * under an item of the town's 标准目录; the reviewer passes 保密审查 (条例第十七条); the office head
 * approves; the clerk publishes. A citizen, on a phone, finds it under its catalog item on the
 * portal and by a phrase from its body in search.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.service.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { DESKTOP_1280, journeyEngines, launchBrowser, MOBILE_360 } from './browser.js';

async function submit(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
}

async function staff(
  browser: Browser,
  t: TestApp,
  username: string,
  javaScriptEnabled: boolean,
): Promise<Page> {
  const ctx: BrowserContext = await browser.newContext({ ...DESKTOP_1280, javaScriptEnabled });
  const page = await ctx.newPage();
  await page.goto(`${t.baseUrl}/admin/login`);
  await page.locator('form.gk-form input[name="username"]').fill(username);
  await page.locator('form.gk-form input[name="password"]').fill(DEMO_PASSWORD);
  await submit(page, '登录');
  return page;
}

for (const engine of journeyEngines())
  describe(`a record from draft to the portal, its catalog item and search [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    before(async () => {
      browser = await launchBrowser();
      t = await startTestApp(engine, { listen: true });
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    for (const javaScriptEnabled of [true, false]) {
      it(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
        const title = `磁灶镇2026年陶瓷园区道路养护计划（${javaScriptEnabled ? '一' : '二'}）`;
        const phrase = javaScriptEnabled ? '窑炉尾气在线监测点位' : '釉料仓库消防通道拓宽';
        const clerk = await staff(browser, t, 'clerk', javaScriptEnabled);
        let itemId = '';
        let itemName = '';
        try {
          // The clerk drafts, filing the record under the first item of 磁灶镇's own catalog.
          await clerk.goto(`${t.baseUrl}/admin/records/new`);
          await clerk.locator('select[name="agencyId"]').selectOption({ label: '磁灶镇人民政府' });
          await clerk.locator('input[name="title"]').fill(title);
          await clerk.locator('input[name="documentNumber"]').fill('磁政〔2026〕18号');
          const item = clerk.locator('select[name="catalogItemId"] optgroup[label*="磁灶镇"] option').first();
          itemId = (await item.getAttribute('value'))!;
          itemName = (await item.textContent())!.trim();
          await clerk.locator('select[name="catalogItemId"]').selectOption(itemId);
          await clerk
            .locator('textarea[name="body"]')
            .fill(`一、养护范围为园区主干道及支路。\n二、同步建设${phrase}，年内完工。`);
          await submit(clerk, '保存草稿');
          assert.match((await clerk.locator('#record-state').textContent()) ?? '', /草稿/);
          const recordPath = new URL(clerk.url()).pathname;
          await submit(clerk, '送保密审查');

          // The reviewer passes 保密审查.
          const reviewer = await staff(browser, t, 'reviewer', javaScriptEnabled);
          await reviewer.goto(`${t.baseUrl}${recordPath}`);
          await reviewer.locator('select[name="result"]').selectOption('passed');
          await submit(reviewer, '提交审核结论');
          assert.match((await reviewer.locator('#record-state').textContent()) ?? '', /审核通过|已审核/);
          await reviewer.context().close();

          // The office head approves.
          const head = await staff(browser, t, 'head', javaScriptEnabled);
          await head.goto(`${t.baseUrl}${recordPath}`);
          await submit(head, '批准发布');
          await head.context().close();

          // The clerk publishes.
          await clerk.goto(`${t.baseUrl}${recordPath}`);
          await submit(clerk, '立即发布');
          assert.match((await clerk.locator('#record-state').textContent()) ?? '', /已发布/);
        } finally {
          await clerk.context().close();
        }

        // A citizen, on a phone, finds it under the catalog item and by a phrase of its body.
        const citizenCtx = await browser.newContext({ ...MOBILE_360, javaScriptEnabled });
        try {
          const citizen = await citizenCtx.newPage();
          await citizen.goto(`${t.baseUrl}/catalogs`);
          await citizen.getByRole('link', { name: '磁灶镇人民政府' }).click();
          await citizen.waitForURL(/\/catalogs\/[0-9a-f-]+$/);
          await citizen.locator(`a[href="/catalogs/item/${itemId}"]`).click();
          await citizen.waitForURL(/\/catalogs\/item\//);
          assert.match((await citizen.locator('h1').textContent()) ?? '', new RegExp(escape(itemName)));
          await citizen.getByRole('link', { name: title }).click();
          await citizen.waitForURL(/\/records\//);
          assert.match((await citizen.locator('.gk-record-meta').textContent()) ?? '', /磁政〔2026〕18号/);

          await citizen.goto(`${t.baseUrl}/`);
          await citizen.locator('input[name="q"]').fill(phrase);
          await submit(citizen, '检索');
          assert.match((await citizen.locator('.gk-search-count').textContent()) ?? '', /共找到 1 条信息/);
          assert.equal((await citizen.locator('.gk-hit mark').first().textContent())?.trim(), phrase);
          await citizen.getByRole('link', { name: title }).click();
          await citizen.waitForURL(/\/records\//);
          assert.match((await citizen.locator('.gk-record-body').textContent()) ?? '', new RegExp(phrase));
          const width = await citizen.evaluate<number>('document.documentElement.scrollWidth');
          assert.ok(width <= 360, `the record page fits a 360 px phone (scroll width ${width})`);
        } finally {
          await citizenCtx.close();
        }
      });
    }
  });

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
