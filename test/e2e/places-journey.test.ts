/**
 * The map of 查阅点 and 公开栏 in real Chromium (issue 16 §2): on a 360 px phone a citizen opens
 * the map, asks for the places nearest to where she stands (the browser's geolocation, set to a
 * point by 大埔村), finds the nearest by the list, and its navigation links carry the point
 * converted for each provider; the same page without JavaScript is the list, and a town is chosen
 * with the filter instead. axe-core finds no serious or critical violation on the map and a place.
 * The map itself needs WebGL: this browser is started with SwiftShader (software WebGL).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { cliActor } from '../../src/app/container.js';
import { FixedClock } from '../../src/platform/clock.js';
import { convert } from '../../src/modules/places/coords.js';
import { importPlaces } from '../../src/modules/places/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import {
  axeViolations,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  journeyEngines,
  MOBILE_360,
  screenshot,
  watchedPage,
} from './browser.js';

// A Monday morning in Beijing (09:00): the service centres are open.
const clock = new FixedClock('2026-03-02T01:00:00Z');
const header =
  '所属机构,类型,名称,地址,纬度,经度,坐标系,坐标来源,联系电话,开放时间,按法定节假日和调休安排,提供服务';
const sheet = [
  header,
  '晋江市人民政府,政务公开专区,晋江市行政服务中心政务公开专区,福建省晋江市青阳街道世纪大道 1 号,24.8068,118.5697,wgs84,map,0595-85681234,"周一至周五 08:00-12:00,14:30-17:30",是,政府信息查询、受理信息公开申请',
  '磁灶镇人民政府,综合便民服务中心,磁灶镇综合便民服务中心,福建省晋江市磁灶镇镇区中心路 1 号,24.8511,118.5053,wgs84,map,0595-85790001,"周一至周五 08:00-12:00,14:30-17:30",是,政府信息查询',
  '大埔村,便民服务站,大埔村便民服务站,福建省晋江市磁灶镇大埔村村委会一楼,24.8581,118.4971,wgs84,map,0595-85790011,"周一至周五 08:00-12:00,14:30-17:30",是,办事咨询和政策解答',
  '安海镇人民政府,综合便民服务中心,安海镇综合便民服务中心,福建省晋江市安海镇成功街 2 号,24.7132,118.4662,wgs84,map,,"周一至周五 08:00-12:00,14:30-17:30",是,政府信息查询',
].join('\r\n');
/** Where the citizen stands: by 大埔村's village committee. */
const here = { latitude: 24.8575, longitude: 118.4965 };

for (const engine of journeyEngines())
  describe(`查阅点地图: a citizen on a phone finds the nearest place and navigates to it [${engine}]`, () => {
    let t: TestApp;
    let browser: Browser;
    before(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [
          ...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'),
          '--use-gl=swiftshader',
          '--enable-unsafe-swiftshader',
          '--ignore-gpu-blocklist',
        ],
      });
      t = await startTestApp(engine, { listen: true, clock });
      await importPlaces(t.container.ctx(cliActor()), Buffer.from(sheet, 'utf8'));
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    it('JavaScript on: the map, 离我最近, and links with the converted point', async () => {
      const context = await browser.newContext({
        ...MOBILE_360,
        geolocation: here,
        permissions: ['geolocation'],
      });
      const w = await watchedPage(context);
      const page = w.page;
      await page.goto(`${t.baseUrl}/places`);
      await page.locator('#gk-map canvas').waitFor({ state: 'visible' });
      assert.equal(await page.locator('.gk-map-marker').count(), 4);
      const axe = await axeViolations(page);
      await Promise.all([page.waitForURL(/near=/), page.getByRole('button', { name: '离我最近' }).click()]);
      const first = page.locator('#gk-places > li').first();
      assert.match((await first.locator('h3').textContent()) ?? '', /大埔村便民服务站/);
      assert.match((await first.textContent()) ?? '', /距您约 \d+ 米/);
      assert.match((await page.locator('#gk-near-status').textContent()) ?? '', /已按与您所在位置的距离排序/);
      // No horizontal scroll on a 360 px phone.
      assert.ok(
        (await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')) as boolean,
      );
      const href = async (name: string) => (await first.getByRole('link', { name }).getAttribute('href'))!;
      const gcj = convert({ lat: 24.8581, lng: 118.4971 }, 'wgs84', 'gcj02');
      const bd = convert({ lat: 24.8581, lng: 118.4971 }, 'wgs84', 'bd09');
      const amap = new URL(await href('高德地图'));
      assert.equal(amap.searchParams.get('position'), `${gcj.lng.toFixed(6)},${gcj.lat.toFixed(6)}`);
      const baidu = new URL(await href('百度地图'));
      assert.equal(baidu.searchParams.get('location'), `${bd.lat.toFixed(6)},${bd.lng.toFixed(6)}`);
      const qq = new URL(await href('腾讯地图'));
      assert.match(
        qq.searchParams.get('marker')!,
        new RegExp(`^coord:${gcj.lat.toFixed(6)},${gcj.lng.toFixed(6)};`),
      );
      await screenshot(page, `places-nearest-360-${engine}`);
      // A marker opens a popup that leads to the place in the list.
      await page.locator('#gk-map canvas').waitFor({ state: 'visible' });
      const marker = page.getByRole('button', { name: '1. 大埔村便民服务站' });
      await marker.click();
      await page.locator('.maplibregl-popup').getByRole('link', { name: '查看详情和导航' }).waitFor();
      await first.getByRole('link', { name: '大埔村便民服务站', exact: true }).click();
      await page.waitForURL(/\/places\/[^/?]+$/);
      assert.match(
        (await page.locator('.gk-place--page').textContent()) ?? '',
        /今天（3月2日）08:00–12:00、14:30–17:30/,
      );
      axe.push(...(await axeViolations(page)));
      assert.deepEqual(axe, []);
      assert.deepEqual(w.allProblems(), []);
      await context.close();
    });

    it('JavaScript off: the same page is the list, and a town is chosen with the filter', async () => {
      const context = await browser.newContext({ ...MOBILE_360, javaScriptEnabled: false });
      const w = await watchedPage(context);
      const page = w.page;
      await page.goto(`${t.baseUrl}/places`);
      assert.equal(await page.locator('#gk-map').isVisible(), false);
      assert.equal(await page.getByRole('button', { name: '离我最近' }).isVisible(), false);
      assert.equal(await page.locator('#gk-places > li').count(), 4);
      await page.selectOption('#f-agency', { label: '　磁灶镇人民政府' });
      await Promise.all([page.waitForURL(/agency=/), page.getByRole('button', { name: '查看' }).click()]);
      const names = await page.locator('#gk-places h3').allTextContents();
      assert.deepEqual(
        names.map((n) => n.replace(/^\d+/, '').trim()),
        ['磁灶镇综合便民服务中心', '大埔村便民服务站'],
      );
      const amap = new URL(
        (await page
          .locator('#gk-places > li')
          .first()
          .getByRole('link', { name: '高德地图' })
          .getAttribute('href'))!,
      );
      const gcj = convert({ lat: 24.8511, lng: 118.5053 }, 'wgs84', 'gcj02');
      assert.equal(amap.searchParams.get('position'), `${gcj.lng.toFixed(6)},${gcj.lat.toFixed(6)}`);
      await screenshot(page, `places-nojs-360-${engine}`);
      assert.deepEqual(w.allProblems(), []);
      await context.close();
    });
  });
