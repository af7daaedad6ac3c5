/**
 * The journey of 条例 第二十九至三十六条 in real Chromium, with JavaScript on and off: a citizen
 * applies online for an 电子文档 and gets a lookup code; the clerk of 磁灶镇 sends a 补正 notice;
 * the citizen supplements in words and with a file; the clerk sees both; a reply whose letter
 * still holds a prompt is refused; the clerk replies 予以公开 with the file attached; the citizen
 * downloads it with the 查询码. A second application is refused (不予公开): its letter gives the
 * reason, the basis and the remedies, on the page and in the Word document.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.service.js';
import { beijingDate, FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { DESKTOP_1280, launchBrowser, MOBILE_360, screenshot, until, watchedPage } from './browser.js';

// A frozen server clock, as in the service tests: Monday 2 March 2026, 09:00 in Beijing. The
// browser keeps its own clock; nothing here depends on it (the cookies have no expiry date, or a
// max-age counted by the browser).
const clock = new FixedClock('2026-03-02T01:00:00Z');
const inTwoWeeks = beijingDate(new Date(clock.now().getTime() + 14 * 86_400_000));
const PDF = Buffer.from('%PDF-1.4\n% 大埔村道路硬化工程竣工验收文件\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

async function submit(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name, exact: true }).click()]);
}

async function docxText(file: string): Promise<string> {
  const mammoth = await import('mammoth');
  return (await mammoth.extractRawText({ buffer: readFileSync(file) })).value;
}

async function apply(
  citizen: Page,
  baseUrl: string,
  name: string,
): Promise<{ number: string; code: string }> {
  await citizen.goto(`${baseUrl}/apply`);
  await citizen.locator('select[name="agencyId"]').selectOption({ label: '　磁灶镇人民政府' });
  await citizen.locator('input[name="applicantName"]').fill(name);
  await citizen.locator('input[name="idNumber"]').fill('11010519491231002X');
  await citizen.locator('input[name="phone"]').fill('13800595678');
  await citizen.locator('textarea[name="description"]').fill('磁灶镇的道路工程文件');
  await citizen.locator('select[name="deliveryFormat"]').selectOption('electronic');
  await submit(citizen, '提交申请');
  await citizen.waitForURL(/\/apply\/done$/);
  const number = (await citizen.locator('#acceptance-number').textContent())!.trim();
  const code = (await citizen.locator('#lookup-code').textContent())!.trim();
  assert.match(number, /^〔\d{4}〕第\d{4}号$/);
  return { number, code };
}

async function lookUp(citizen: Page, baseUrl: string, c: { number: string; code: string }): Promise<void> {
  await citizen.goto(`${baseUrl}/cases`);
  await citizen.locator('input[name="number"]').fill(c.number);
  await citizen.locator('input[name="lookupCode"]').fill(c.code);
  await submit(citizen, '查询');
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
    const js = javaScriptEnabled ? 'on' : 'off';
    it(`JavaScript ${js}`, async () => {
      const citizenCtx = await browser.newContext({
        ...MOBILE_360,
        javaScriptEnabled,
        acceptDownloads: true,
      });
      const clerkCtx = await browser.newContext({
        ...DESKTOP_1280,
        javaScriptEnabled,
        acceptDownloads: true,
      });
      try {
        // The citizen applies, on a phone, for 电子文档.
        const citizen = (await watchedPage(citizenCtx)).page;
        const first = await apply(citizen, t.baseUrl, '王五');

        // The clerk sends a 补正 notice.
        const watchedClerk = await watchedPage(clerkCtx);
        const clerk = watchedClerk.page;
        await clerk.goto(`${t.baseUrl}/admin/login`);
        await clerk.locator('form.gk-form input[name="username"]').fill('clerk');
        await clerk.locator('form.gk-form input[name="password"]').fill(DEMO_PASSWORD);
        await submit(clerk, '登录');
        await clerk.goto(`${t.baseUrl}/admin/requests`);
        await clerk.getByRole('link', { name: first.number }).click();
        const caseUrl = clerk.url();
        const supplementForm = clerk.locator('form', {
          has: clerk.locator('input[value="supplementRequested"]'),
        });
        await supplementForm.locator('input[name="supplementDueDate"]').fill(inTwoWeeks);
        await Promise.all([clerk.waitForLoadState('load'), supplementForm.getByRole('button').click()]);
        assert.match((await clerk.locator('h1').textContent()) ?? '', /等待补正/);

        // The citizen looks the case up (the 受理编号 and 查询码 alone) and supplements, in words and with a file.
        await lookUp(citizen, t.baseUrl, first);
        assert.match((await citizen.locator('#case').textContent()) ?? '', /等待补正/);
        await citizen
          .locator('textarea[name="text"]')
          .fill('所需为 2025 年磁灶镇大埔村道路硬化工程的竣工验收文件');
        await citizen.locator('input[name="files"]').setInputFiles({
          name: '道路位置示意图.png',
          mimeType: 'image/png',
          buffer: PNG,
        });
        await submit(citizen, '提交补正');
        await citizen.waitForURL(/\/cases\/mine$/);
        assert.match((await citizen.locator('#case').textContent()) ?? '', /办理中/);

        // The clerk sees the 补正: its text, its file, and a history in words.
        await clerk.goto(caseUrl);
        const supplements = (await clerk.locator('#supplements').textContent()) ?? '';
        assert.match(supplements, /大埔村道路硬化工程的竣工验收文件/);
        assert.match(supplements, /道路位置示意图\.png/);
        const [supplementFile] = await Promise.all([
          clerk.waitForEvent('download'),
          clerk
            .locator('#supplements')
            .getByRole('link', { name: /道路位置示意图/ })
            .click(),
        ]);
        assert.deepEqual(readFileSync((await supplementFile.path())!), PNG);
        const history = (await clerk.locator('section', { hasText: '经过' }).last().textContent()) ?? '';
        assert.match(history, /收到申请[\s\S]*发出补正告知[\s\S]*收到补正/);
        const pageText = (await clerk.locator('main').textContent()) ?? '';
        assert.doesNotMatch(pageText, /\b(received|supplemented|replied)\b|requests\.\w+|withheld\.\w+/);

        // A reply whose letter still holds a prompt is refused, naming it; nothing is lost.
        const replyForm = () => clerk.locator('#reply-form');
        await replyForm().locator('select[name="outcome"]').selectOption('withheld.stateSecret');
        await Promise.all([
          clerk.waitForLoadState('load'),
          replyForm().getByRole('button', { name: /拟稿/ }).click(),
        ]);
        assert.match(
          await replyForm().locator('textarea[name="letter"]').inputValue(),
          /属于国家秘密[\s\S]*（请写明理由）/,
        );
        // The clerk edits the letter by hand (with JavaScript, it is then no longer redrafted), fills
        // in the reasons, and sends the letter with its prompt still in it.
        const edited = `${await replyForm().locator('textarea[name="letter"]').inputValue()}\n（经办人补充的一段话）`;
        await replyForm().locator('textarea[name="letter"]').fill(edited);
        await replyForm().locator('textarea[name="reasons"]').fill('该文件已依法定密');
        await Promise.all([
          clerk.waitForLoadState('load'),
          replyForm().getByRole('button', { name: '答复并发出答复告知书' }).click(),
        ]);
        assert.match(
          (await clerk.locator('.gk-error-summary, [role="alert"]').first().textContent()) ?? '',
          /答复告知书中还有待填写的内容“（请写明理由）”/,
        );
        assert.equal(await replyForm().locator('textarea[name="reasons"]').inputValue(), '该文件已依法定密');
        assert.equal(
          await replyForm().locator('textarea[name="letter"]').inputValue(),
          edited,
          'the letter as the clerk edited it is kept',
        );
        assert.match((await clerk.locator('h1').textContent()) ?? '', /办理中/, 'nothing recorded');
        await screenshot(clerk, `request-reply-refused-js-${js}`);

        // The clerk replies 予以公开: chooses it, drafts, attaches the file, sends.
        await replyForm().locator('select[name="outcome"]').selectOption('granted');
        await replyForm().locator('textarea[name="reasons"]').fill('');
        await Promise.all([
          clerk.waitForLoadState('load'),
          replyForm().getByRole('button', { name: /拟稿/ }).click(),
        ]);
        const draft = await replyForm().locator('textarea[name="letter"]').inputValue();
        assert.match(draft, /^王五：/);
        assert.match(draft, /决定予以公开/);
        assert.match(draft, /以电子文档形式提供/);
        assert.match(draft, /向晋江市人民政府申请行政复议/);
        assert.equal(await replyForm().locator('select[name="deliveryMode"]').inputValue(), 'electronic');
        await replyForm().locator('input[name="files"]').setInputFiles({
          name: '竣工验收文件.pdf',
          mimeType: 'application/pdf',
          buffer: PDF,
        });
        await Promise.all([
          clerk.waitForLoadState('load'),
          replyForm().getByRole('button', { name: '答复并发出答复告知书' }).click(),
        ]);
        assert.match(
          (await clerk.locator('h1').textContent()) ?? '',
          /已答复/,
          (await clerk.locator('main').textContent()) ?? '',
        );
        assert.match((await clerk.locator('#reply-files').textContent()) ?? '', /竣工验收文件\.pdf/);
        await clerk.locator('details', { hasText: '查看全文' }).last().locator('summary').click();
        await screenshot(clerk, `request-clerk-case-js-${js}`);

        // The citizen downloads the file with the 查询码, and the letter.
        await lookUp(citizen, t.baseUrl, first);
        const caseText = (await citizen.locator('#case').textContent()) ?? '';
        assert.match(caseText, /已答复/);
        assert.match(caseText, /予以公开/);
        const [file] = await Promise.all([
          citizen.waitForEvent('download'),
          citizen
            .locator('#reply-files')
            .getByRole('link', { name: /竣工验收文件/ })
            .click(),
        ]);
        assert.deepEqual(readFileSync((await file.path())!), PDF);
        const [letter] = await Promise.all([
          citizen.waitForEvent('download'),
          citizen
            .locator('#letters li', { hasText: '答复告知书' })
            .getByRole('link', { name: '下载 Word 文档' })
            .click(),
        ]);
        const letterText = await docxText((await letter.path())!);
        assert.match(letterText, /政府信息公开申请答复告知书/);
        assert.match(letterText, /附件：1\.竣工验收文件\.pdf/);
        assert.match(letterText, /六十日内向晋江市人民政府申请行政复议/);
        await citizen.locator('#letters li', { hasText: '答复告知书' }).locator('summary').click();
        await screenshot(citizen, `request-citizen-case-js-${js}`);
        // Another browser, without the 查询码, gets no file.
        const strangerCtx = await browser.newContext({ javaScriptEnabled });
        const stranger = await strangerCtx.newPage();
        const fileHref = await citizen.locator('#reply-files a').first().getAttribute('href');
        const res = await stranger.goto(`${t.baseUrl}${fileHref}`);
        assert.match(new URL(res!.url()).pathname, /^\/cases$/);
        await strangerCtx.close();

        // A second application, refused: 不予公开 with reasons, basis and remedies.
        const second = await apply(citizen, t.baseUrl, '赵六');
        await clerk.goto(`${t.baseUrl}/admin/requests`);
        await clerk.getByRole('link', { name: second.number }).click();
        await replyForm().locator('select[name="outcome"]').selectOption('withheld.processInformation');
        await replyForm()
          .locator('textarea[name="reasons"]')
          .fill('所申请的会议纪要为讨论过程稿，尚未形成正式决定');
        if (javaScriptEnabled) {
          // With JavaScript the draft follows the outcome and the reasons as they are chosen.
          await replyForm().locator('textarea[name="reasons"]').blur();
          await until(
            clerk,
            "/过程性信息[\\s\\S]*尚未形成正式决定/.test(document.querySelector('#reply-form textarea[name=letter]').value)",
          );
        } else
          await Promise.all([
            clerk.waitForLoadState('load'),
            replyForm().getByRole('button', { name: /拟稿/ }).click(),
          ]);
        await Promise.all([
          clerk.waitForLoadState('load'),
          replyForm().getByRole('button', { name: '答复并发出答复告知书' }).click(),
        ]);
        assert.match((await clerk.locator('h1').textContent()) ?? '', /已答复/);
        const [refusal] = await Promise.all([
          clerk.waitForEvent('download'),
          clerk
            .locator('li', { hasText: '政府信息公开申请答复告知书' })
            .getByRole('link', { name: '下载 Word 文档' })
            .click(),
        ]);
        const refusalText = await docxText((await refusal.path())!);
        assert.match(refusalText, /赵六：/);
        assert.match(refusalText, /过程性信息/);
        assert.match(refusalText, /理由如下：所申请的会议纪要为讨论过程稿，尚未形成正式决定。/);
        assert.match(refusalText, /第十六条第二款、第三十六条第（三）项的规定，决定不予公开/);
        assert.match(refusalText, /六十日内向晋江市人民政府申请行政复议/);
        assert.match(refusalText, /六个月内依法向人民法院提起行政诉讼/);
        assert.match(refusalText, /磁灶镇人民政府\s+2026年3月2日/);
        assert.deepEqual(watchedClerk.allProblems(), []);
      } finally {
        await citizenCtx.close();
        await clerkCtx.close();
      }
    });
  }
});
