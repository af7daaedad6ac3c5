/**
 * The 来信 journey of issue 14 in real Chromium, with JavaScript on and off: a citizen writes to
 * the 市长信箱 on a phone and consents to publication; the office dispatches it to 磁灶镇; the
 * 磁灶镇 clerk replies; the citizen rates the reply 不满意; the clerk records the 回访 and the 整改
 * and publishes the letter; it appears de-identified in the public list and the figures change.
 * With JavaScript on, axe-core checks every new public page for serious or critical violations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import {
  DESKTOP_1280,
  launchBrowser,
  MOBILE_360,
  screenshot,
  watchedPage,
  axeViolations,
  signIn,
  submit,
} from './browser.js';

const clock = new FixedClock('2026-03-02T01:00:00Z');

async function figure(page: Page, baseUrl: string, key: string): Promise<string> {
  await page.goto(`${baseUrl}/letters/stats?agency=${encodeURIComponent('磁灶镇人民政府')}&year=2026`);
  return ((await page.locator(`#fig-${key}`).textContent()) ?? '').trim();
}

describe('a letter to the 市长信箱, from writing to the public list [sqlite]', () => {
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
      const citizenCtx = await browser.newContext({ ...MOBILE_360, javaScriptEnabled, bypassCSP: true });
      const officeCtx = await browser.newContext({
        ...DESKTOP_1280,
        javaScriptEnabled,
        acceptDownloads: true,
      });
      const clerkCtx = await browser.newContext({ ...DESKTOP_1280, javaScriptEnabled });
      const axeFindings: string[] = [];
      const checkA11y = async (page: Page, what: string) => {
        if (!javaScriptEnabled) return;
        for (const v of await axeViolations(page)) axeFindings.push(`${what}: ${v}`);
      };
      try {
        const watchedCitizen = await watchedPage(citizenCtx);
        const citizen = watchedCitizen.page;
        const subject = `大埔村路灯损坏（JS ${js}）`;
        const receivedBefore = Number(await figure(citizen, t.baseUrl, 'received'));
        const resolvedBefore = Number(await figure(citizen, t.baseUrl, 'badResolved'));

        // The citizen finds the 市长信箱 in the 便民化 column and writes, consenting to publication.
        await citizen.goto(`${t.baseUrl}/standardization/convenience`);
        await Promise.all([
          citizen.waitForLoadState('load'),
          citizen.getByRole('link', { name: '领导信箱', exact: true }).click(),
        ]);
        await checkA11y(citizen, '/letters/write');
        await citizen.locator('select[name="agencyId"]').selectOption({ label: '晋江市人民政府' });
        await citizen.locator('select[name="ticketType"]').selectOption('complaint');
        await citizen.locator('input[name="subject"]').fill(subject);
        await citizen
          .locator('textarea[name="content"]')
          .fill(
            '磁灶镇大埔村村口至小学一段路灯坏了两个月，晚上学生放学很危险。我叫李明华，电话 13905951234。',
          );
        await citizen.locator('input[name="writerName"]').fill('李明华');
        await citizen.locator('input[name="phone"]').fill('13905951234');
        await citizen.locator('input[name="consentPublish"]').check();
        await submit(citizen, '提交');
        await citizen.waitForURL(/\/letters\/done$/);
        await checkA11y(citizen, '/letters/done');
        const number = ((await citizen.locator('#letter-number').textContent()) ?? '').trim();
        const code = ((await citizen.locator('#lookup-code').textContent()) ?? '').trim();
        assert.match(number, /^2026XX\d{5}$/);
        assert.match(((await citizen.locator('#due').textContent()) ?? '').trim(), /^2026-03-11$/);

        // The office (the city's 公开办) dispatches it to 磁灶镇.
        const office = (await watchedPage(officeCtx)).page;
        await signIn(office, t.baseUrl, 'head');
        await office.goto(`${t.baseUrl}/admin/letters`);
        await Promise.all([
          office.waitForLoadState('load'),
          office.getByRole('link', { name: number }).click(),
        ]);
        const letterUrl = office.url();
        await office.locator('#step-dispatch summary').click();
        await office
          .locator('#step-dispatch select[name="agencyId"]')
          .selectOption({ label: '　磁灶镇人民政府' });
        await office.locator('#step-dispatch select[name="kind"]').selectOption('transfer');
        await Promise.all([
          office.waitForLoadState('load'),
          office.locator('#step-dispatch').getByRole('button', { name: '转办' }).click(),
        ]);
        assert.match((await office.locator('#stage').textContent()) ?? '', /办理中/);

        // The 磁灶镇 clerk replies.
        const clerk = (await watchedPage(clerkCtx)).page;
        await signIn(clerk, t.baseUrl, 'clerk');
        await clerk.goto(letterUrl);
        assert.match(
          (await clerk.locator('main').textContent()) ?? '',
          /139\*\*\*\*1234/,
          'the phone is masked for a clerk who has not taken it',
        );
        await clerk.locator('#step-replied summary').click();
        await clerk
          .locator('#step-replied textarea[name="text"]')
          .fill('李明华您好！经核查，大埔村该路段路灯线路老化，镇政府已安排维修，一周内修复。');
        await Promise.all([
          clerk.waitForLoadState('load'),
          clerk.locator('#step-replied').getByRole('button', { name: '答复' }).click(),
        ]);
        assert.match((await clerk.locator('#stage').textContent()) ?? '', /已答复/);

        // The citizen opens the letter with its number and code and rates the reply 不满意.
        await citizen.goto(`${t.baseUrl}/letters/track`);
        await checkA11y(citizen, '/letters/track');
        await citizen.locator('input[name="number"]').fill(number);
        await citizen.locator('input[name="code"]').fill(code);
        await submit(citizen, '查询');
        assert.match((await citizen.locator('#reply').textContent()) ?? '', /路灯线路老化/);
        await checkA11y(citizen, '/letters/track (the letter)');
        await citizen.locator('#rate input[name="grade"][value="dissatisfied"]').check();
        await citizen.locator('#rate select[name="speed"]').selectOption('2');
        await submit(citizen, '提交评价');
        assert.match((await citizen.locator('#my-rating').textContent()) ?? '', /不满意[\s\S]*回访核实/);
        await screenshot(citizen, `letter-rated-js-${js}`);

        // The clerk records the 回访, then the 整改, and publishes the letter de-identified.
        await clerk.goto(letterUrl);
        await clerk.locator('#rating-visit summary').click();
        await clerk.locator('#rating-visit textarea[name="note"]').fill('电话回访，来信人反映维修进度慢');
        await Promise.all([
          clerk.waitForLoadState('load'),
          clerk.locator('#rating-visit').getByRole('button', { name: '回访核实' }).click(),
        ]);
        await clerk.locator('#rating-resolve summary').click();
        await clerk.locator('#rating-resolve select[name="action"]').selectOption('fix');
        await clerk.locator('#rating-resolve textarea[name="note"]').fill('已更换全部路灯，来信人现场确认');
        await Promise.all([
          clerk.waitForLoadState('load'),
          clerk.locator('#rating-resolve').getByRole('button', { name: '整改或解释说明' }).click(),
        ]);
        assert.match((await clerk.locator('#rating').textContent()) ?? '', /整改：已更换全部路灯/);
        const draft = await clerk.locator('#publish textarea[name="publicContent"]').inputValue();
        assert.doesNotMatch(draft, /李明华|13905951234/);
        await Promise.all([
          clerk.waitForLoadState('load'),
          clerk.locator('#publish').getByRole('button', { name: '公开' }).click(),
        ]);
        await screenshot(clerk, `letter-clerk-js-${js}`);
        const clerkText = (await clerk.locator('main').textContent()) ?? '';
        assert.doesNotMatch(clerkText, /\b(dispatched|replied|ratingVisit|handling|mailbox)\b|message\.\w+/);

        // The public list shows it without the writer's name or phone; the figures changed.
        await citizen.goto(`${t.baseUrl}/letters/public`);
        await checkA11y(citizen, '/letters/public');
        const item = citizen.locator(`#letter-${number}`);
        const published = (await item.textContent()) ?? '';
        assert.match(published, /路灯/);
        assert.doesNotMatch(published, /李明华|13905951234/);
        assert.equal(Number(await figure(citizen, t.baseUrl, 'received')), receivedBefore + 1);
        assert.equal(Number(await figure(citizen, t.baseUrl, 'badResolved')), resolvedBefore + 1);
        await checkA11y(citizen, '/letters/stats');
        await citizen.goto(`${t.baseUrl}/letters`);
        await checkA11y(citizen, '/letters');
        await screenshot(citizen, `letter-public-js-${js}`);
        // No page of the journey scrolls sideways on the phone.
        for (const path of [
          '/letters',
          '/letters/write',
          '/letters/public',
          '/letters/stats',
          '/letters/track',
        ]) {
          await citizen.goto(`${t.baseUrl}${path}`);
          const scroll = (await citizen.evaluate('document.documentElement.scrollWidth')) as number;
          assert.ok(scroll <= 360, `${path} scrolls sideways on a phone (${scroll}px)`);
        }
        assert.deepEqual(axeFindings, []);
        assert.deepEqual(watchedCitizen.allProblems(), []);
      } finally {
        await citizenCtx.close();
        await officeCtx.close();
        await clerkCtx.close();
      }
    });
  }
});
