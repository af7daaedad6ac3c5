/**
 * 政务新媒体矩阵 in real Chromium (issue 16): on a 360 px phone a citizen goes from the 专栏's
 * 信息化 column to the matrix, finds the accounts by 主办单位 with their QR codes, narrows them
 * to one platform; without JavaScript the same page shows the same list. axe-core finds no
 * serious or critical violation; the page's CSP is not bypassed, and a QR code as the browser
 * draws it decodes to the account's address. The office head signs in and the 工作台 warns (a
 * notice and a count) that 晋江民政 (last post 11 days ago in the demo) is about to break the
 * 2-week rule, and the registry's
 * account page shows the 负责人's phone in full to the head.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jsqr from 'jsqr';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { cliActor } from '../../src/app/container.js';
import { loadMedia } from '../../src/modules/demo/demo-media.js';
import { FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import {
  axeViolations,
  journeyEngines,
  launchBrowser,
  MOBILE_360,
  screenshot,
  signIn,
  watchedPage,
} from './browser.js';

// jsqr is CommonJS whose function is also its `default`: typed as the default, called as the module.
const jsQR = jsqr as unknown as typeof jsqr.default;

const clock = new FixedClock('2026-03-02T01:00:00Z');

for (const engine of journeyEngines())
  describe(`政务新媒体矩阵: a citizen finds the accounts and their QR codes on a phone [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    before(async () => {
      browser = await launchBrowser();
      t = await startTestApp(engine, { listen: true, clock });
      await loadMedia(t.container.ctx(cliActor()));
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    for (const javaScriptEnabled of [true, false])
      it(`shows the matrix by agency with QR codes at 360 px (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
        // The page's own CSP holds: a QR code or a script it blocks shows up in w.allProblems().
        const context = await browser.newContext({ ...MOBILE_360, javaScriptEnabled });
        try {
          const w = await watchedPage(context);
          const page = w.page;
          await page.goto(`${t.baseUrl}/standardization/digital`);
          await Promise.all([
            page.waitForLoadState('load'),
            page.getByRole('link', { name: '政务新媒体矩阵', exact: true }).click(),
          ]);
          assert.equal(new URL(page.url()).pathname, '/media');
          assert.equal(await page.locator('h1').textContent(), '政务新媒体矩阵');
          // 32 open accounts of the demo; the 注销 and the applied-for ones are not shown.
          assert.match((await page.locator('.gk-lead').textContent()) ?? '', /共 32 个政务新媒体账号/);
          assert.equal(await page.locator('svg[role="img"]').count(), 32);
          const police = page.locator('section', {
            has: page.getByRole('heading', { name: '晋江市公安局', level: 2 }),
          });
          assert.equal(await police.locator('article').count(), 4);
          const body = (await page.locator('main').textContent()) ?? '';
          assert.ok(!body.includes('晋江司法') && !body.includes('晋江农业农村'));
          // No English or internal codes on the page.
          assert.ok(!/wechat|weibo|douyin|applying|closed/i.test(body.replace(/https?:\/\/\S+/g, '')));
          const widths = (await page.evaluate(
            '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
          )) as { scroll: number; client: number };
          assert.ok(
            widths.scroll <= widths.client,
            `the page scrolls sideways: ${widths.scroll} > ${widths.client}`,
          );
          await screenshot(page, `media-matrix-360-js-${javaScriptEnabled ? 'on' : 'off'}`);
          // The QR code as the page shows it (the inline SVG, drawn by the browser) decodes to the
          // account's address: the card's link.
          const card = police
            .locator('article', { has: page.getByRole('heading', { name: '晋江公安' }) })
            .filter({
              hasText: '微信公众号',
            });
          const href = await card.getByRole('link', { name: '访问“晋江公安”' }).getAttribute('href');
          assert.match(href ?? '', /^http:\/\/weixin\.qq\.com\/r\//);
          const shot = PNG.sync.read(await card.locator('svg[role="img"]').screenshot());
          const decoded = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
          assert.equal(decoded?.data, href);
          // One platform: a form that works without script.
          await page.locator('select[name="platform"]').selectOption({ label: '微博' });
          await Promise.all([
            page.waitForLoadState('load'),
            page.getByRole('button', { name: '筛选' }).click(),
          ]);
          assert.match((await page.locator('.gk-lead').textContent()) ?? '', /微博：共 3 个/);
          if (javaScriptEnabled) assert.deepEqual(await axeViolations(page), []);
          if (javaScriptEnabled) {
            await page.goto(`${t.baseUrl}/media`);
            assert.deepEqual(await axeViolations(page), []);
          }
          assert.deepEqual(w.allProblems(), []);
        } finally {
          await context.close();
        }
      });

    it('warns the office head on the 工作台 before the 2-week veto, and shows the 负责人 in full', async () => {
      const context = await browser.newContext(MOBILE_360);
      try {
        const w = await watchedPage(context);
        const page = w.page;
        await signIn(page, t.baseUrl, 'head');
        await page.goto(`${t.baseUrl}/admin`);
        // The demo's daily check told the office heads by name, with the days and the last safe day.
        assert.match(
          (await page.locator('#notices').textContent()) ?? '',
          /晋江市民政局的微信公众号“晋江民政”已 11 天未发布信息（最近一次发布于 2026-02-19），即将超期未更新.*最迟于 2026-03-04 发布信息/,
        );
        const warning = page.locator('a', { hasText: '即将超期未更新' });
        await Promise.all([page.waitForLoadState('load'), warning.click()]);
        assert.equal(await page.locator('tbody tr').count(), 1);
        assert.match((await page.locator('tbody').textContent()) ?? '', /2026-02-19（11 天前）/);
        await Promise.all([
          page.waitForLoadState('load'),
          page.getByRole('link', { name: '晋江民政' }).click(),
        ]);
        const summary = (await page.locator('.gk-summary').textContent()) ?? '';
        assert.match(summary, /1390595\d{4}/);
        assert.match(summary, /2026-02-19/);
        assert.deepEqual(await axeViolations(page), []);
        await screenshot(page, 'media-account-360');
        // The whole list says 今天 and 昨天, not “0 天前”.
        await page.goto(`${t.baseUrl}/admin/media`);
        const list = (await page.locator('tbody').textContent()) ?? '';
        assert.match(list, /（今天）/);
        assert.ok(!/（[01] 天前）/.test(list));
        assert.deepEqual(w.allProblems(), []);
      } finally {
        await context.close();
      }
    });
  });
