/**
 * Browser journeys of the portal home and of staff login/logout, in real Chromium, with
 * JavaScript on and with JavaScript off (the site must work as plain HTML forms).
 *
 *   node --import tsx --test test/e2e/login.test.ts
 *   GONGKAI_E2E_ENGINES=sqlite,postgres node --import tsx --test test/e2e/login.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.service.js';
import type { Engine } from '../../src/platform/db/database.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import {
  DESKTOP_1280,
  journeyEngines,
  launchBrowser,
  MOBILE_360,
  pathOf,
  screenshot,
  watchedPage,
  type WatchedPage,
} from './browser.js';

const CLERK = { username: 'clerk', displayName: '李经办' };
const ROOT_AGENCY = '晋江市人民政府';
const TRANSPARENT = new Set(['rgba(0, 0, 0, 0)', 'transparent']);

/** Submits the login form already on screen. */
async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.locator('form.gk-form input[name="username"]').fill(username);
  await page.locator('form.gk-form input[name="password"]').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** From signed-out to 工作台 through the redirect of /admin. */
async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  assert.equal(pathOf(page), '/admin/login', 'signed out, /admin must redirect to the login page');
  await submitLogin(page, username, password);
  await page.waitForURL((u) => u.pathname === '/admin');
}

async function h1(page: Page): Promise<string> {
  return ((await page.locator('h1').first().textContent()) ?? '').trim();
}

function assertClean(w: WatchedPage, what: string): void {
  assert.deepEqual(w.allProblems(), [], `${what}: the page reported problems`);
}

function journeys(engine: Engine): void {
  describe(`login journeys [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    const contexts: BrowserContext[] = [];

    before(async () => {
      browser = await launchBrowser();
      t = await startTestApp(engine, { listen: true });
    });

    after(async () => {
      for (const c of contexts) await c.close().catch(() => {});
      await browser?.close();
      await t?.close();
    });

    async function open(
      javaScriptEnabled: boolean,
      options: BrowserContextOptions = DESKTOP_1280,
    ): Promise<WatchedPage> {
      const context = await browser.newContext({ ...options, javaScriptEnabled, locale: 'zh-CN' });
      contexts.push(context);
      return watchedPage(context);
    }

    for (const js of [true, false]) {
      describe(`JavaScript ${js ? 'on' : 'off'}`, () => {
        it(`the portal home shows ${ROOT_AGENCY}`, async () => {
          const w = await open(js);
          const res = await w.page.goto(`${t.baseUrl}/`);
          assert.equal(res?.status(), 200);
          assert.match(await h1(w.page), new RegExp(ROOT_AGENCY));
          assert.equal(await w.page.getByRole('heading', { level: 1 }).count(), 1, 'one h1 on the page');
          assertClean(w, 'home');
        });

        it('/admin leads to the login form; the clerk signs in to 工作台 with the site styled', async () => {
          const w = await open(js);
          const { page } = w;
          await page.goto(`${t.baseUrl}/admin`);
          assert.equal(pathOf(page), '/admin/login');
          assert.equal(await h1(page), '工作人员登录');
          assert.equal(await page.locator('input[name="username"]').count(), 1);
          assert.equal(await page.locator('input[name="password"]').getAttribute('type'), 'password');

          await submitLogin(page, CLERK.username, DEMO_PASSWORD);
          await page.waitForURL((u) => u.pathname === '/admin');
          assert.equal(await h1(page), '工作台');
          const user = (await page.locator('.gk-header__user').textContent()) ?? '';
          assert.match(user, new RegExp(`${CLERK.displayName}（${CLERK.username}）`));
          assert.match(user, /退出登录/);
          assert.match((await page.locator('main').textContent()) ?? '', /磁灶镇人民政府/);

          // The stylesheet arrived and applies: a CSP or static-path mistake leaves the header unstyled.
          assert.ok(
            w.statusesOf('/static/gongkai.css').includes(200) ||
              w.statusesOf('/static/gongkai.css').includes(304),
            'gongkai.css was served',
          );
          const headerBg = await page.evaluate<string>(
            "getComputedStyle(document.querySelector('.gk-header')).backgroundColor",
          );
          assert.ok(
            typeof headerBg === 'string' && headerBg !== '' && !TRANSPARENT.has(headerBg),
            `header background should come from the stylesheet, got ${String(headerBg)}`,
          );
          const brandColour = await page.evaluate<string>(
            "getComputedStyle(document.querySelector('.gk-brand')).color",
          );
          assert.equal(
            brandColour,
            'rgb(255, 255, 255)',
            'the brand link is white on the header, not default link blue',
          );

          if (js) await screenshot(page, 'workbench-1280');
          assertClean(w, '工作台');
        });

        it('a wrong password shows 用户名或密码错误 and stays on the login page', async () => {
          const w = await open(js);
          const { page } = w;
          await page.goto(`${t.baseUrl}/admin/login`);
          await submitLogin(page, CLERK.username, 'Wrong-password-1');
          const summary = page.locator('.gk-error-summary');
          await summary.waitFor({ state: 'visible' });
          assert.match((await summary.textContent()) ?? '', /用户名或密码错误/);
          assert.equal(pathOf(page), '/admin/login');
          assert.equal(await h1(page), '工作人员登录');
          assert.equal(
            await page.locator('input[name="username"]').inputValue(),
            CLERK.username,
            'the username is kept',
          );
          assert.equal(
            await page.locator('input[name="password"]').inputValue(),
            '',
            'the password is not echoed back',
          );
          assert.equal(await page.getByRole('button', { name: '退出登录' }).count(), 0, 'not signed in');
          assert.deepEqual(w.statusesOf('/admin/login').slice(-1), [400]);
          assertClean(w, 'login with errors');

          // Still signed out: /admin sends us back to the form.
          await page.goto(`${t.baseUrl}/admin`);
          assert.equal(pathOf(page), '/admin/login');
        });

        it('退出登录 returns to the login page, and /admin then redirects to login again', async () => {
          const w = await open(js);
          const { page } = w;
          await signIn(page, t.baseUrl, CLERK.username, DEMO_PASSWORD);
          await page.getByRole('button', { name: '退出登录' }).click();
          await page.waitForURL((u) => u.pathname === '/admin/login');
          assert.equal(await h1(page), '工作人员登录');
          assert.match((await page.locator('.gk-flash').textContent()) ?? '', /您已安全退出/);
          assert.equal(await page.getByRole('button', { name: '退出登录' }).count(), 0);

          await page.goto(`${t.baseUrl}/admin`);
          assert.equal(pathOf(page), '/admin/login', 'after logout /admin must not be reachable');
          assertClean(w, 'logout');
        });

        it('at 360px the portal pages and the login page do not scroll sideways', async () => {
          const w = await open(js, MOBILE_360);
          const { page } = w;
          const portal = ['/search?q=%E4%BD%8E%E4%BF%9D', '/xxgk', '/catalogs', '/agencies'];
          for (const path of ['/', '/admin/login', ...portal]) {
            const res = await page.goto(`${t.baseUrl}${path}`);
            assert.equal(res?.status(), 200);
            const widths = (await page.evaluate(
              '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
            )) as {
              scroll: number;
              client: number;
            };
            assert.equal(widths.client, 360, 'the viewport is 360 CSS pixels wide');
            assert.ok(
              widths.scroll <= 360,
              `${path}: scrollWidth ${widths.scroll} > 360, the page scrolls sideways`,
            );
            if (js && path === '/') await screenshot(page, 'home-360');
          }
          // The city's column, its 指南, and its catalog tables (wide: they scroll inside their box).
          await page.goto(`${t.baseUrl}/xxgk`);
          const rootId = new URL(page.url()).pathname.split('/').at(-1)!;
          for (const path of [`/xxgk/${rootId}/guide`, `/xxgk/${rootId}/content`, `/catalogs/${rootId}`]) {
            assert.equal((await page.goto(`${t.baseUrl}${path}`))?.status(), 200, path);
            const scroll = (await page.evaluate('document.documentElement.scrollWidth')) as number;
            assert.ok(scroll <= 360, `${path}: scrollWidth ${scroll} > 360, the page scrolls sideways`);
          }
          assertClean(w, 'mobile');
        });
      });
    }
  });
}

for (const engine of journeyEngines()) journeys(engine);
