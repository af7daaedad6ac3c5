import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

// The places' pages (issue 16 §1–2): the 磁灶镇 clerk registers a 查阅点 by the form (every bad
// field named, nothing lost), adds a photo, and it appears on the public list, which is rendered
// for each visit (its "今天开放" changes with the hour) and needs no third-party host; with a
// 天地图 key the page allows 天地图's hosts and shows the 审图号.

// The smallest valid PNG (1×1, grey).
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b550000000a49444154789c63600000000200015e2e28a80000000049454e44ae426082',
  'hex',
);

const fields = {
  agency: '',
  kind: 'readingRoom',
  name: '磁灶镇政务公开查阅点',
  address: '福建省晋江市磁灶镇镇区中心路 1 号 便民服务中心二楼',
  lat: '24.851100',
  lng: '118.505300',
  coordSystem: 'wgs84',
  coordSource: 'map',
  phone: '0595-85790001',
  services: 'query,apply',
  weekly: '周一至周五 08:00-12:00,14:30-17:30',
  followCalendar: 'true',
  exceptions: '',
  description: '',
};

describeEachEngine('places pages: the clerk’s form and the public list', (engine) => {
  let t: TestApp;
  let cizaoId: string;
  let placeId = '';
  before(async () => {
    t = await startTestApp(engine);
    cizaoId = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('name', '=', '磁灶镇人民政府')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t.close());

  it('is in the 信息化 column, no longer among what is coming', async () => {
    const $ = cheerio.load((await new Client(t.app).get('/standardization/digital')).body);
    assert.equal($('a[href="/places"]').first().text(), '信息公开查阅点地图');
    assert.doesNotMatch($('#coming').text(), /查阅点地图/);
  });

  it('names each bad field, then saves the place, which the public list shows with its links', async () => {
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const form = await clerk.get('/admin/places/new');
    assert.equal(form.statusCode, 200);
    const csrf = Client.csrfOf(form.body);
    const bad = await clerk.post('/admin/places/new', {
      ...fields,
      _csrf: csrf,
      agency: cizaoId,
      name: '',
      lat: '24,85',
      weekly: '周一至周五',
    });
    assert.equal(bad.statusCode, 400);
    const $bad = cheerio.load(bad.body);
    const messages = $bad('.gk-error-message')
      .map((_, e) => $bad(e).text())
      .get();
    assert.ok(messages.includes('请填写名称'), messages.join('|'));
    assert.ok(
      messages.some((m) => /纬度“24,85”应为十进制度数/.test(m)),
      messages.join('|'),
    );
    assert.ok(
      messages.some((m) => /开放时间：“周一至周五”后面请写开放时段/.test(m)),
      messages.join('|'),
    );
    // What was typed is kept in the form.
    assert.equal($bad('#f-address').val(), fields.address);
    const ok = await clerk.post('/admin/places/new', { ...fields, _csrf: csrf, agency: cizaoId });
    assert.equal(ok.statusCode, 303);
    placeId = ok.headers.location!.toString().split('/').pop()!;
    const edit = await clerk.get(`/admin/places/${placeId}`);
    const up = await clerk.upload(
      `/admin/places/${placeId}/photos`,
      { _csrf: Client.csrfOf(edit.body), caption: '查阅点入口' },
      { field: 'photo', name: 'door.png', type: 'image/png', bytes: png },
    );
    assert.equal(up.statusCode, 303);
    const renamed = await clerk.upload(
      `/admin/places/${placeId}/photos`,
      { _csrf: Client.csrfOf(edit.body), caption: '' },
      { field: 'photo', name: 'door.png', type: 'image/png', bytes: Buffer.from('not a picture') },
    );
    assert.equal(renamed.statusCode, 400);
    assert.match(renamed.body, /照片应为 JPEG 或 PNG 图片/);

    const list = await new Client(t.app).get('/places');
    assert.equal(list.statusCode, 200);
    assert.equal(list.headers['cache-control'], 'no-cache');
    assert.doesNotMatch(String(list.headers['content-security-policy']), /tianditu/);
    const $ = cheerio.load(list.body);
    const item = $(`#place-${placeId}`);
    assert.match(item.text(), /磁灶镇政务公开查阅点/);
    assert.match(
      item.text(),
      /开放时间：周一至周五 08:00–12:00、14:30–17:30；周六至周日 不开放；法定节假日不开放，调休上班日开放/,
    );
    assert.deepEqual(
      item
        .find('.gk-place__nav a')
        .map((_, a) => $(a).text())
        .get(),
      // Each link says where it leads, for a screen reader reading the links alone.
      ['高德地图', '百度地图', '腾讯地图', '手机自带地图'].map((l) => `${l}导航到磁灶镇政务公开查阅点`),
    );
    assert.equal(item.find('a[href^="tel:"]').attr('href'), 'tel:059585790001');
    assert.match($('.gk-hint').text(), /示意图/);
    // The page's scripts and styles are the platform's own.
    for (const src of $('script[src], link[rel=stylesheet]')
      .map((_, e) => $(e).attr('src') ?? $(e).attr('href'))
      .get())
      assert.ok(src.startsWith('/'), src);
    for (const asset of [
      'maplibre-gl.js',
      'maplibre-gl-csp-worker.js',
      'maplibre-gl.css',
      'places-map.js',
      'places.css',
    ])
      assert.equal((await new Client(t.app).get(`/places/assets/${asset}`)).statusCode, 200, asset);
    const page = cheerio.load((await new Client(t.app).get(`/places/${placeId}`)).body);
    const photo = page('.gk-place__photos img').attr('src')!;
    assert.equal(page('.gk-place__photos img').attr('alt'), '查阅点入口');
    const img = await new Client(t.app).get(photo);
    assert.equal(img.headers['content-type'], 'image/png');
  });

  it('a place closed by its clerk leaves the public pages', async () => {
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const edit = await clerk.get(`/admin/places/${placeId}`);
    assert.equal(
      (await clerk.post(`/admin/places/${placeId}/close`, { _csrf: Client.csrfOf(edit.body) })).statusCode,
      303,
    );
    assert.equal((await new Client(t.app).get(`/places/${placeId}`)).statusCode, 404);
    // The police clerk cannot open it.
    const other = new Client(t.app);
    await other.login('gaclerk', DEMO_PASSWORD);
    assert.equal((await other.get(`/admin/places/${placeId}`)).statusCode, 403);
  });
});

describe('places pages with a 天地图 key', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite', {
      env: { PLACES_TIANDITU_KEY: 'abc123', PLACES_MAP_REVIEW_NUMBER: 'GS(2024)0568号' },
    });
  });
  after(async () => t.close());

  it('allows 天地图’s hosts for tiles and shows the 审图号', async () => {
    const res = await new Client(t.app).get('/places');
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /img-src 'self' data: https:\/\/\*\.tianditu\.gov\.cn blob:/);
    assert.match(csp, /connect-src 'self' https:\/\/\*\.tianditu\.gov\.cn/);
    const $ = cheerio.load(res.body);
    assert.match(
      $('.gk-hint').text(),
      /底图来源：天地图（国家地理信息公共服务平台），审图号：GS\(2024\)0568号/,
    );
    assert.equal(JSON.parse($('#gk-map').attr('data-map')!).basemap.key, 'abc123');
  });
});
