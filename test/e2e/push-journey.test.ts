/**
 * 精准推送 in real Chromium, with JavaScript on and off (issue 15): an enterprise on a phone
 * subscribes with its profile and confirms the code e-mailed to it by a real SMTP server; the
 * 磁灶镇 clerk sets a record's 推送对象 and takes it through 保密审查 and approval to publication;
 * the worker matches and sends; the e-mail arrives with the reason and a stop link, the portal's
 * 站内信 lists the policy, the e-mail's link leads to the record, and the stop link unsubscribes
 * in a browser that never signed in. With JavaScript on, axe-core checks the public push pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAppWorker } from '../../src/app/worker.js';
import { composeCreditCode } from '../../src/modules/agencies/index.js';
import { FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { localSmtp } from '../harness/smtp.js';
import {
  DESKTOP_1280,
  journeyEngines,
  launchBrowser,
  MOBILE_360,
  pathOf,
  screenshot,
  watchedPage,
  axeViolations,
  signIn,
  submit,
} from './browser.js';

const clock = new FixedClock('2026-03-02T01:00:00Z');
/** The rule the clerk sets, as the platform words it (a region is named by its short name). */
const REASON = '面向：制造业（C）中的小型、微型企业，磁灶镇';

async function follow(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name, exact: true }).click()]);
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').trim();

/** A link of an e-mail, on the test server (the app writes them for PUBLIC_URL, here unset). */
function onServer(t: TestApp, link: string): string {
  const u = new URL(link);
  return `${t.baseUrl}${u.pathname}${u.search}`;
}

for (const engine of journeyEngines())
  describe(`精准推送: an enterprise subscribes, a policy for it is published and pushed, the stop link works [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    let smtp: Awaited<ReturnType<typeof localSmtp>>;
    /** Enterprises subscribed and not stopped by the runs so far: every rule below reaches them all. */
    let active = 0;
    before(async () => {
      smtp = await localSmtp();
      browser = await launchBrowser();
      t = await startTestApp(engine, { listen: true, clock, env: { PUSH_SMTP_URL: smtp.url } });
    });
    after(async () => {
      await browser?.close();
      await t?.close();
      await smtp?.close();
    });

    for (const javaScriptEnabled of [true, false]) {
      const js = javaScriptEnabled ? 'on' : 'off';
      it(`JavaScript ${js}`, async () => {
        const email = `factory-js-${js}@example.test`;
        const title = `关于支持磁灶镇中小微制造企业技术改造的若干措施（JS ${js}）`;
        const contexts: BrowserContext[] = [];
        const context = async (options: object) => {
          const c = await browser.newContext({ ...options, javaScriptEnabled, bypassCSP: true });
          contexts.push(c);
          return c;
        };
        const axeFindings: string[] = [];
        const checkA11y = async (page: Page, what: string) => {
          if (!javaScriptEnabled) return;
          for (const v of await axeViolations(page)) axeFindings.push(`${what}: ${v}`);
        };
        try {
          // 1. The enterprise, on a phone, subscribes with its profile and confirms the e-mailed code.
          const watched = await watchedPage(await context(MOBILE_360));
          const firm = watched.page;
          await firm.goto(`${t.baseUrl}/push`);
          await checkA11y(firm, '/push');
          await screenshot(firm, `push-home-js-${js}`);
          await follow(firm, '企业订阅');
          assert.equal(pathOf(firm), '/push/subscribe');
          assert.equal(await text(firm, 'h1'), '企业订阅政策推送');
          await checkA11y(firm, '/push/subscribe?kind=enterprise');
          await firm.locator('input[name="email"]').fill(email);
          await firm.locator('input[name="name"]').fill('晋江市磁灶建材有限公司');
          await firm
            .locator('input[name="creditCode"]')
            .fill(composeCreditCode('91', '350582', javaScriptEnabled ? '10000001' : '10000002'));
          await firm.locator('input[name="industry"]').fill('C3311 金属结构制造');
          await firm.locator('input[name="staff"]').fill('50');
          await firm.locator('input[name="revenue"]').fill('3000');
          const region = firm.locator('select[name="regionId"] option').filter({ hasText: /^\s*磁灶镇\s*$/ });
          await firm.locator('select[name="regionId"]').selectOption((await region.getAttribute('value'))!);
          assert.ok(await firm.locator('input[name="profiling"]').isChecked(), '按画像推送 is on by default');
          await firm.locator('input[name="agree"]').check();
          await screenshot(firm, `push-subscribe-js-${js}`);
          const mailsBefore = smtp.received.length;
          await submit(firm, '提交并获取验证码');
          // The code goes out by a job (no mail server is waited on while the form is answered).
          await createAppWorker(t.container).drain();
          assert.match(pathOf(firm), /^\/push\/verify\/[0-9a-f-]+$/);
          await checkA11y(firm, '/push/verify');
          await screenshot(firm, `push-verify-js-${js}`);
          const codeMail = (await smtp.waitFor(mailsBefore + 1))[mailsBefore]!;
          assert.equal(codeMail.to, email);
          const code = /验证码是：(\d{6})/.exec(codeMail.text)?.[1];
          assert.ok(code, `a 6-digit code in the e-mail:\n${codeMail.text}`);
          await firm.locator('input[name="code"]').fill(code);
          await submit(firm, '确认');
          assert.equal(pathOf(firm), '/push/me');
          assert.match(await text(firm, '.gk-flash--success'), /订阅成功/);
          active++;
          assert.match(await text(firm, 'main'), /站内信（0）/);
          await checkA11y(firm, '/push/me');
          await screenshot(firm, `push-me-subscribed-js-${js}`);

          // 2. The 磁灶镇 clerk drafts a record and sets its 推送对象 from the record's page.
          const clerk = (await watchedPage(await context(DESKTOP_1280))).page;
          await signIn(clerk, t.baseUrl, 'clerk');
          await clerk.goto(`${t.baseUrl}/admin/records/new`);
          await clerk.locator('select[name="agencyId"]').selectOption({ label: '磁灶镇人民政府' });
          await clerk.locator('input[name="title"]').fill(title);
          await clerk
            .locator('input[name="documentNumber"]')
            .fill(`磁政〔2026〕${javaScriptEnabled ? 21 : 22}号`);
          const item = clerk.locator('select[name="catalogItemId"] optgroup[label*="磁灶镇"] option').first();
          await clerk
            .locator('select[name="catalogItemId"]')
            .selectOption((await item.getAttribute('value'))!);
          await clerk
            .locator('textarea[name="body"]')
            .fill('一、对辖区内小型、微型制造业企业的设备更新给予补助。\n二、申报材料报镇经济发展办。');
          await submit(clerk, '保存草稿');
          assert.match(await text(clerk, '#record-state'), /草稿/);
          const recordPath = pathOf(clerk);
          const recordId = recordPath.split('/').at(-1)!;
          assert.match(await text(clerk, '#links'), /未设置/);
          await follow(clerk, '设置推送对象（精准推送）');
          assert.equal(pathOf(clerk), `/admin/push/records/${recordId}`);
          await clerk.locator('select[name="audience"]').selectOption('enterprise');
          await clerk.locator('input[name="industries"]').fill('C');
          await clerk.locator('input[name="scales"][value="small"]').check();
          await clerk.locator('input[name="scales"][value="micro"]').check();
          await clerk
            .locator('label.gk-checkbox')
            .filter({ has: clerk.locator('input[name="regions"]'), hasText: /^\s*磁灶镇\s*$/ })
            .locator('input')
            .check();
          await submit(clerk, '保存推送对象');
          assert.equal(pathOf(clerk), `/admin/push/records/${recordId}`);
          assert.match(
            await text(clerk, '.gk-flash--success'),
            new RegExp(`已保存。${REASON}；现有 ${active} 个订阅用户符合条件`),
          );
          const notice = await text(clerk, '#rule-now');
          assert.match(notice, new RegExp(`当前规则：${REASON}`));
          assert.match(notice, new RegExp(`符合条件的有 ${active} 人。\\s*发布后自动推送`));
          await screenshot(clerk, `push-rule-js-${js}`);

          // … and takes it through 保密审查 and approval to publication.
          await clerk.goto(`${t.baseUrl}${recordPath}`);
          assert.match(await text(clerk, '#links'), new RegExp(`修改推送对象（精准推送）（${REASON}）`));
          await submit(clerk, '送保密审查');
          const reviewer = (await watchedPage(await context(DESKTOP_1280))).page;
          await signIn(reviewer, t.baseUrl, 'reviewer');
          await reviewer.goto(`${t.baseUrl}${recordPath}`);
          await reviewer.locator('select[name="result"]').selectOption('passed');
          await submit(reviewer, '提交审核结论');
          const head = (await watchedPage(await context(DESKTOP_1280))).page;
          await signIn(head, t.baseUrl, 'head');
          await head.goto(`${t.baseUrl}${recordPath}`);
          await submit(head, '批准发布');
          await clerk.goto(`${t.baseUrl}${recordPath}`);
          await submit(clerk, '立即发布');
          assert.match(await text(clerk, '#record-state'), /已发布/);

          // 3. The worker matches and sends; the e-mail arrives with the reason and the stop link.
          const mailsBeforePush = smtp.received.length;
          await createAppWorker(t.container).drain();
          const pushed = (await smtp.waitFor(mailsBeforePush + active)).slice(mailsBeforePush);
          const mine = pushed.filter((m) => m.to === email);
          assert.equal(
            mine.length,
            1,
            `one e-mail to ${email}: ${pushed.map((m) => `${m.to} ${m.subject}`).join('; ')}`,
          );
          const mail = mine[0]!;
          assert.ok(mail.subject.includes(title), `subject: ${mail.subject}`);
          assert.ok(mail.text.includes(`推送原因：${REASON}`), mail.text);
          assert.ok(
            mail.headerLines.some((l) => /^List-Unsubscribe:\s*<[^>]*\/push\/stop\//i.test(l)),
            mail.headerLines.join('\n'),
          );
          assert.ok(
            mail.headerLines.some((l) => /^List-Unsubscribe-Post:\s*List-Unsubscribe=One-Click/i.test(l)),
          );
          const stopLink = /https?:\/\/\S+\/push\/stop\/\S+/.exec(mail.text)?.[0];
          const openLink = /查看全文：(\S+\/push\/o\/\S+)/.exec(mail.text)?.[1];
          assert.ok(stopLink && openLink, mail.text);

          // 4. The 站内信 lists the policy with its reason; the e-mail's link leads to the record.
          await firm.goto(`${t.baseUrl}/push/me`);
          assert.match(await text(firm, 'main'), /站内信（1）/);
          const inbox = firm.locator('main li').filter({ hasText: title });
          assert.match((await inbox.textContent()) ?? '', new RegExp(`推送原因：${REASON}`));
          assert.equal(
            await inbox.getByRole('link', { name: title }).getAttribute('href'),
            `/records/${recordId}`,
          );
          await checkA11y(firm, '/push/me (with the policy)');
          await screenshot(firm, `push-me-inbox-js-${js}`);
          await firm.goto(onServer(t, openLink));
          assert.equal(pathOf(firm), `/records/${recordId}`);
          assert.match(await text(firm, 'h1'), new RegExp(title.replace(/[()（）]/g, '.')));

          // 5. The stop link, in a browser that never signed in: opening it changes nothing (a mail
          // gateway's link checker opens links too); one button unsubscribes.
          const stranger = (await watchedPage(await context(MOBILE_360))).page;
          await stranger.goto(`${t.baseUrl}/push/me`);
          assert.equal(pathOf(stranger), '/push/login', 'this browser has not signed in');
          await stranger.goto(onServer(t, stopLink));
          assert.equal(await text(stranger, 'h1'), '退订政策推送');
          await checkA11y(stranger, '/push/stop (confirm)');
          await submit(stranger, '确认退订');
          assert.equal(await text(stranger, 'h1'), '已退订政策推送');
          active--;
          await checkA11y(stranger, '/push/stop');
          await screenshot(stranger, `push-stopped-js-${js}`);
          await firm.goto(`${t.baseUrl}/push/me`);
          assert.match(await text(firm, '#stopped-notice'), /您已退订/);
          assert.equal(await firm.getByRole('button', { name: '恢复推送' }).count(), 1);
          await screenshot(firm, `push-me-stopped-js-${js}`);

          // No push page scrolls sideways on the phone.
          for (const path of ['/push', '/push/subscribe?kind=enterprise', '/push/me', '/push/login']) {
            await firm.goto(`${t.baseUrl}${path}`);
            const scroll = (await firm.evaluate('document.documentElement.scrollWidth')) as number;
            assert.ok(scroll <= 360, `${path} scrolls sideways on a phone (${scroll}px)`);
          }
          assert.deepEqual(axeFindings, []);
          assert.deepEqual(watched.allProblems(), []);
        } finally {
          for (const c of contexts) await c.close();
        }
      });
    }
  });
