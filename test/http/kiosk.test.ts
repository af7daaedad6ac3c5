// The village screens over HTTP (issue 16 §3): the screens' index, a screen found by its short
// name, answered no-cache and never kept by the public page cache, and content.json whose version
// (and ETag) follows what the screen shows.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { cliActor } from '../../src/app/container.js';
import { agencies } from '../../src/modules/agencies/index.js';
import { loadKiosk } from '../../src/modules/demo/demo-kiosk.js';
import { aPublishedRecord } from '../harness/factories.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';

const SCREEN = `/kiosk/${encodeURIComponent('大埔村')}`;

describeEachEngine('village screens over HTTP', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(engine);
    const ctx = t.container.ctx(cliActor());
    await loadKiosk(ctx, { 大埔村: await agencies.resolvePublic(ctx, '大埔村') });
  });
  after(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('lists the screens, and the portal’s 信息化 column links to them', async () => {
    const res = await get('/kiosk');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<a href="\/kiosk\/[0-9a-f-]{36}">大埔村信息公开屏<\/a>（含村（社区）事务公开）/);
    assert.match((await get('/standardization/digital')).body, /href="\/kiosk"/);
  });

  it('serves the screen by short name: large-text page of its own, its script, no-cache', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await get(`${SCREEN}?rotate=3&refresh=5`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-cache', 'the page cache must not keep a screen');
      assert.equal(res.headers['set-cookie'], undefined);
      assert.match(res.body, /<h1 class="kiosk__title">大埔村信息公开<\/h1>/);
      assert.match(
        res.body,
        /<h2 class="kiosk-slide__title" id="kiosk-slide-1">大埔村事务公开（1\/6）<\/h2>/,
      );
      assert.match(res.body, /村级财务收支/);
      assert.match(res.body, /本月集体收入12\.6万元/);
      // The village's accounts in full, not cut after three lines.
      assert.match(res.body, /月末结余4\.5万元。明细账目可到村委会财务室查阅。/);
      assert.match(res.body, /data-rotate="3"/);
      assert.match(res.body, /data-refresh="5"/);
      assert.match(res.body, /<script src="\/static\/kiosk\.js" defer=""><\/script>/);
      assert.doesNotMatch(res.body, /style=|<script>|gk-header|undefined|null/);
    }
    assert.equal((await get('/kiosk/不存在村')).statusCode, 404);
    assert.equal((await get('/static/kiosk.js')).statusCode, 200);
    assert.equal((await get('/static/kiosk.css')).statusCode, 200);
  });

  it('answers content.json with a version that changes when something is published', async () => {
    const page = (await get(SCREEN)).body;
    const first = await get(`${SCREEN}/content.json`);
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['cache-control'], 'no-cache');
    const body = first.json<{ version: string; html: string; updatedLabel: string }>();
    assert.ok(page.includes(`data-version="${body.version}"`), 'the page and its content agree');
    assert.equal(first.headers.etag, `"${body.version}"`);
    assert.match(body.html, /^<section class="kiosk-slide"/);
    assert.match(body.updatedLabel, /^\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    assert.equal(
      (await get(`${SCREEN}/content.json`, { 'if-none-match': `"${body.version}"` })).statusCode,
      304,
    );

    const ctx = t.container.ctx(cliActor());
    await aPublishedRecord(ctx, await agencies.resolvePublic(ctx, '磁灶镇'), {
      title: '磁灶镇关于开展春季爱国卫生运动的通知',
      genre: '通知',
    });
    const next = (await get(`${SCREEN}/content.json`)).json<{ version: string; html: string }>();
    assert.notEqual(next.version, body.version);
    assert.match(next.html, /磁灶镇关于开展春季爱国卫生运动的通知/);
  });
});
