/**
 * The village screen in real Chromium (issue 16 §3 and its acceptance): 磁灶镇大埔村's screen turns
 * its slides by itself; the server is stopped and the screen keeps its content and says since
 * when; the server is started again on the same port and database, a notice is published, and
 * the screen shows it at its next refresh. axe-core finds no serious or critical violation, and
 * without JavaScript the screen is one long page with every slide.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { cliActor } from '../../src/app/container.js';
import { buildWeb } from '../../src/app/web.js';
import { agencies } from '../../src/modules/agencies/index.js';
import { loadKiosk } from '../../src/modules/demo/demo-kiosk.js';
import { aPublishedRecord } from '../harness/factories.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { axeViolations, journeyEngines, launchBrowser, screenshot, until, watchedPage } from './browser.js';

const SCREEN = `/kiosk/${encodeURIComponent('大埔村')}`;
const NEW_NOTICE = '磁灶镇关于做好春耕备耕工作的通知';

/** The title of the slide on screen. */
const current = (page: Page) => page.locator('.kiosk-slide:not([hidden]) h2').textContent();

const statusText = async (page: Page) => ((await page.locator('#kiosk-status').textContent()) ?? '').trim();

for (const engine of journeyEngines())
  describe(`village screen: rotates, outlives the server, picks up new content [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    let again: FastifyInstance | null = null;
    before(async () => {
      browser = await launchBrowser();
      t = await startTestApp(engine, { listen: true });
      const ctx = t.container.ctx(cliActor());
      await loadKiosk(ctx, { 大埔村: await agencies.resolvePublic(ctx, '大埔村') });
    });
    after(async () => {
      await browser?.close();
      await again?.close();
      await t?.close();
    });

    it('without JavaScript: one long page with every slide, nothing hidden', async () => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        javaScriptEnabled: false,
      });
      const page = await context.newPage();
      await page.goto(`${t.baseUrl}${SCREEN}`);
      const slides = page.locator('.kiosk-slide');
      assert.ok((await slides.count()) >= 3);
      assert.equal(await page.locator('.kiosk-slide[hidden]').count(), 0);
      assert.equal(await page.locator('#kiosk-controls').isVisible(), false, 'no buttons that cannot work');
      await context.close();
    });

    it('rotates, keeps its content while the server is down, and shows new content when it is back', async () => {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
      const w = await watchedPage(context);
      const { page } = w;
      await page.goto(`${t.baseUrl}${SCREEN}?rotate=2&refresh=1`, { waitUntil: 'domcontentloaded' });
      assert.equal(await page.locator('.kiosk-slide:not([hidden])').count(), 1, 'one slide at a time');
      const first = await current(page);
      assert.equal(first, '大埔村事务公开（1/6）');
      // Legible from two metres: 32 px text, 48 px slide titles on a 1080p screen.
      const px = (sel: string) =>
        page.evaluate(
          `parseFloat(getComputedStyle(document.querySelector(${JSON.stringify(sel)})).fontSize)`,
        ) as Promise<number>;
      const bodyPx = await px('.kiosk-entry__text');
      assert.ok(bodyPx >= 31.9, `body text ${bodyPx} px`);
      const titlePx = await px('.kiosk-slide__title');
      assert.ok(titlePx >= 47.9, `slide title ${titlePx} px`);
      await until(
        page,
        `document.querySelector('.kiosk-slide:not([hidden]) h2')?.textContent !== ${JSON.stringify(first)}`,
      );

      // Paused, the screen stays where it is (and axe sees a still page).
      await page.getByRole('button', { name: '暂停' }).click();
      assert.equal(await page.locator('#kiosk-pause').getAttribute('aria-pressed'), 'true');
      await page.getByRole('button', { name: '下一页' }).click();
      const held = await current(page);
      await page.waitForTimeout(1500);
      assert.equal(await current(page), held);
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, 'kiosk-1080p');

      // The service worker is in charge and holds the page before the server goes away.
      await until(page, 'navigator.serviceWorker.controller !== null');
      await until(
        page,
        `caches.open('gongkai-kiosk-v1').then((c) => c.match(location.href)).then((r) => r !== undefined)`,
      );
      // The server stops answering: the screen keeps what it shows and says since when.
      const port = Number(new URL(t.baseUrl).port);
      const slides = await page.locator('.kiosk-slide').count();
      await t.app.close();
      await until(page, `document.getElementById('kiosk-status').textContent.startsWith('网络中断')`);
      assert.match(await statusText(page), /^网络中断，正在显示 \d{1,2}月\d{1,2}日 \d{2}:\d{2} 更新的内容$/);
      await page.waitForTimeout(1500);
      assert.equal(await page.locator('.kiosk-slide').count(), slides);
      assert.equal(await current(page), held);
      assert.match((await page.locator('#kiosk-slides').textContent()) ?? '', /本月集体收入12\.6万元/);
      assert.ok(
        await page.locator('#kiosk-status').evaluate((e) => e.classList.contains('kiosk__status--offline')),
      );
      assert.deepEqual(await axeViolations(page), [], 'the offline line is legible too');
      await screenshot(page, 'kiosk-offline');

      // Restarted while the network is down (the screen's browser reloads): the service worker's
      // copy opens, with the content this screen last saw, and says the network is down.
      await page.reload();
      await until(page, `document.getElementById('kiosk-status').textContent.startsWith('网络中断')`);
      assert.match((await page.locator('#kiosk-slides').textContent()) ?? '', /本月集体收入12\.6万元/);
      assert.equal(await page.locator('.kiosk-slide').count(), slides);

      // Back on the same port and database, with a new notice of the township.
      const ctx = t.container.ctx(cliActor());
      await aPublishedRecord(ctx, await agencies.resolvePublic(ctx, '磁灶镇'), {
        title: NEW_NOTICE,
        genre: '通知',
      });
      again = await buildWeb(t.container, { logger: false });
      await again.listen({ host: '127.0.0.1', port });
      await until(
        page,
        `document.getElementById('kiosk-status').textContent.startsWith('内容更新于') &&
          document.getElementById('kiosk-slides').textContent.includes(${JSON.stringify(NEW_NOTICE)})`,
      );
      assert.ok(
        !(await page
          .locator('#kiosk-status')
          .evaluate((e) => e.classList.contains('kiosk__status--offline'))),
      );
      // The new notice is on a slide of its own list: 下一页 reaches it.
      let found = false;
      for (let i = 0; i < slides + 2 && !found; i++) {
        found = ((await page.locator('.kiosk-slide:not([hidden])').textContent()) ?? '').includes(NEW_NOTICE);
        if (!found) await page.getByRole('button', { name: '下一页' }).click();
      }
      assert.ok(found, 'the new notice is shown on a slide');
      await screenshot(page, 'kiosk-back');

      // Failed fetches while the server was down are the test's doing; nothing else may fail.
      const problems = w.allProblems().filter((p) => !/content\.json|ERR_CONNECTION_REFUSED/.test(p));
      assert.deepEqual(problems, []);
      await context.close();
    });
  });
