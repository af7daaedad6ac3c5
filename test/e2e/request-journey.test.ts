/**
 * The journey of 条例 第二十九至三十六条 in real Chromium, with JavaScript on and off: a citizen
 * applies online and gets a lookup code; the clerk of 磁灶镇 sends a 补正 notice; the citizen
 * supplements; the clerk replies 部分公开 with a letter; the citizen sees the reply and downloads
 * the letter, whose Word XML holds the reply.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.service.js';
import { beijingDate, FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { DESKTOP_1280, launchBrowser, MOBILE_360 } from './browser.js';

// A frozen server clock, as in the service tests: Monday 2 March 2026, 09:00 in Beijing. The
// browser keeps its own clock; nothing here depends on it (the cookies have no expiry date, or a
// max-age counted by the browser).
const clock = new FixedClock('2026-03-02T01:00:00Z');
const inTwoWeeks = beijingDate(new Date(clock.now().getTime() + 14 * 86_400_000));

async function submit(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
}

describe('applying, 补正 and reply in the browser [sqlite]', () => {
  let t: TestApp;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    t = await startTestApp('sqlite', { listen: true, clock });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      const citizenCtx = await browser.newContext({
        ...MOBILE_360,
        javaScriptEnabled,
        acceptDownloads: true,
      });
      const clerkCtx = await browser.newContext({ ...DESKTOP_1280, javaScriptEnabled });
      try {
        // The citizen applies, on a phone.
        const citizen = await citizenCtx.newPage();
        await citizen.goto(`${t.baseUrl}/apply`);
        await citizen.locator('select[name="agencyId"]').selectOption({ label: '　磁灶镇人民政府' });
        await citizen.locator('input[name="applicantName"]').fill('王五');
        await citizen.locator('input[name="idNumber"]').fill('11010519491231002X');
        await citizen.locator('input[name="phone"]').fill('13800595678');
        await citizen.locator('textarea[name="description"]').fill('磁灶镇的道路工程文件');
        await submit(citizen, '提交申请');
        await citizen.waitForURL(/\/apply\/done$/);
        const number = (await citizen.locator('#acceptance-number').textContent())!.trim();
        const code = (await citizen.locator('#lookup-code').textContent())!.trim();
        assert.match(number, /^〔\d{4}〕第\d{4}号$/);

        // The clerk sends a 补正 notice.
        const clerk = await clerkCtx.newPage();
        await clerk.goto(`${t.baseUrl}/admin/login`);
        await clerk.locator('form.gk-form input[name="username"]').fill('clerk');
        await clerk.locator('form.gk-form input[name="password"]').fill(DEMO_PASSWORD);
        await submit(clerk, '登录');
        await clerk.goto(`${t.baseUrl}/admin/requests`);
        await clerk.getByRole('link', { name: number }).click();
        const supplementForm = clerk.locator('form', {
          has: clerk.locator('input[value="supplementRequested"]'),
        });
        await supplementForm.locator('input[name="supplementDueDate"]').fill(inTwoWeeks);
        await Promise.all([clerk.waitForLoadState('load'), supplementForm.getByRole('button').click()]);
        assert.match((await clerk.locator('h1').textContent()) ?? '', /等待补正/);

        // The citizen looks the case up (the 受理编号 and 查询码 alone) and supplements.
        await citizen.goto(`${t.baseUrl}/cases`);
        await citizen.locator('input[name="number"]').fill(number);
        await citizen.locator('input[name="lookupCode"]').fill(code);
        await submit(citizen, '查询');
        assert.match((await citizen.locator('#case').textContent()) ?? '', /等待补正/);
        await citizen
          .locator('textarea[name="text"]')
          .fill('所需为 2025 年磁灶镇大埔村道路硬化工程的竣工验收文件');
        await submit(citizen, '提交补正');
        await citizen.waitForURL(/\/cases\/mine$/);
        assert.match((await citizen.locator('#case').textContent()) ?? '', /办理中/);

        // The clerk replies 部分公开 with the letter.
        await clerk.reload();
        const replyForm = clerk.locator('form', { has: clerk.locator('input[value="replied"]') });
        await replyForm.locator('select[name="outcome"]').selectOption('partiallyGranted');
        await replyForm.locator('input[name="reasons"]').fill('部分内容涉及第三方商业秘密，已作区分处理');
        const draft = await replyForm.locator('textarea[name="letter"]').inputValue();
        assert.match(draft, /王五：/);
        await replyForm
          .locator('textarea[name="letter"]')
          .fill(`${draft}\n\n现向您提供竣工验收文件（已删去第三方商业秘密部分）。`);
        await Promise.all([clerk.waitForLoadState('load'), replyForm.getByRole('button').click()]);
        assert.match((await clerk.locator('h1').textContent()) ?? '', /已答复/);

        // The citizen sees the reply and downloads the letter.
        await citizen.goto(`${t.baseUrl}/cases/mine`);
        const caseText = (await citizen.locator('#case').textContent()) ?? '';
        assert.match(caseText, /政府信息公开申请补正告知书/, 'the 补正 notice is kept with the case too');
        assert.match(caseText, /已答复/);
        assert.match(caseText, /部分公开/);
        const [download] = await Promise.all([
          citizen.waitForEvent('download'),
          citizen
            .locator('#letters li', { hasText: '答复告知书' })
            .getByRole('link', { name: '下载 Word 文档' })
            .click(),
        ]);
        const file = await download.path();
        const mammoth = await import('mammoth');
        const { value } = await mammoth.extractRawText({ buffer: readFileSync(file) });
        assert.match(value, /政府信息公开申请答复告知书/);
        assert.match(value, /已删去第三方商业秘密部分/);
        assert.match(value, /六十日内依法申请行政复议/);
      } finally {
        await citizenCtx.close();
        await clerkCtx.close();
      }
    });
  }
});
