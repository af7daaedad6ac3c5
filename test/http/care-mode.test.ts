// The 关怀模式 switch and what the portal tells a site inspector (issue 17 §4): a plain GET link
// sets a year-long preference cookie and comes back only to a path of this site; the public page
// cache keeps the two modes apart; every portal page carries the 47号 网页标签 and every listed
// item its date in a <time datetime>.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { systemActor } from '../../src/platform/access.js';
import type { Ctx } from '../../src/platform/context.js';
import { sameSitePath } from '../../src/platform/http/care-mode.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { aPublishedRecord } from '../harness/factories.js';

it('sends the 关怀模式 switch back to a path of this site only', () => {
  const origin = 'https://gov.example';
  for (const [back, expected] of [
    ['/records/1?page=2', '/records/1?page=2'],
    ['/search?q=%E6%95%99%E8%82%B2', '/search?q=%E6%95%99%E8%82%B2'],
    ['/search?q=教育', '/search?q=%E6%95%99%E8%82%B2'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/ /evil.example', '/'],
    ['/care?on=1', '/'],
    ['', '/'],
  ])
    assert.equal(sameSitePath(back), expected, back);
  assert.equal(sameSitePath(undefined), '/');
  assert.equal(sameSitePath(['/a', '/b']), '/');
  fc.assert(
    fc.property(
      fc.oneof(fc.string(), fc.webUrl(), fc.webPath(), fc.constantFrom('//', '/\\', '\\\\')),
      (s) => {
        const to = sameSitePath(s);
        assert.match(to, /^\/(?![/\\])/);
        assert.match(to, /^[\x21-\x7e]+$/, 'a Location header holds printable ASCII');
        assert.equal(new URL(to, origin).origin, origin);
      },
    ),
    { numRuns: 2000 },
  );
});

describeEachEngine('the 关怀模式 and the 网页标签 of the portal', (engine) => {
  let t: TestApp;
  let ctx: Ctx;
  let root: { id: string };
  let recordId: string;
  before(async () => {
    // Behind one proxy that says the visitor came over https.
    t = await startTestApp(engine, { env: { PUBLIC_URL: 'https://www.jinjiang.gov.cn', TRUST_PROXY: '1' } });
    ctx = t.container.ctx(systemActor('测试'));
    root = await t.container.database.db
      .selectFrom('agency')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    recordId = (
      await aPublishedRecord(ctx, root, {
        title: '关于关怀模式测试的通知',
        genre: '通知',
        keywords: '适老化 关怀',
        body: '<p>为方便老年人浏览，本站提供关怀模式。</p>',
      })
    ).id;
  });
  after(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('switches on with a GET link: a year-long, HttpOnly, SameSite=Lax cookie, then back with 303', async () => {
    const on = await get(`/care?on=1&back=${encodeURIComponent(`/records/${recordId}?x=1`)}`);
    assert.equal(on.statusCode, 303);
    assert.equal(on.headers.location, `/records/${recordId}?x=1`);
    const cookie = String(on.headers['set-cookie']);
    assert.match(cookie, /^gk_care=1;/);
    assert.match(cookie, /Max-Age=31536000/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http: no Secure flag');
    const https = await get('/care?on=1&back=/', { 'x-forwarded-proto': 'https' });
    assert.match(String(https.headers['set-cookie']), /; Secure/, 'over https: Secure');
    const off = await get('/care?on=0&back=//evil.example');
    assert.equal(off.headers.location, '/', 'never to another site');
    assert.match(String(off.headers['set-cookie']), /^gk_care=;.*Max-Age=0/);
  });

  it('marks the page and names the switch in the header; the cache keeps the two modes apart', async () => {
    const path = `/records/${recordId}`;
    const plain = await get(path);
    const care = await get(path, { cookie: 'gk_care=1' });
    for (const res of [plain, care]) {
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['cache-control']), /^public/, 'a care page is still shared');
      assert.equal(res.headers.vary, 'Cookie');
      assert.equal(res.headers['set-cookie'], undefined);
    }
    const $plain = cheerio.load(plain.body);
    const $care = cheerio.load(care.body);
    assert.equal($plain('html').attr('class'), undefined);
    assert.equal($care('html').attr('class'), 'gk-care');
    assert.equal($care('link[href="/static/care.css"]').length, 1);
    assert.equal($plain('link[href="/static/care.css"]').length, 0);
    assert.equal($plain('header a.gk-care-switch').text(), '关怀模式');
    assert.equal(
      $plain('header a.gk-care-switch').attr('href'),
      `/care?on=1&back=${encodeURIComponent(path)}`,
    );
    assert.equal($care('header a.gk-care-switch').text(), '退出关怀模式');
    assert.equal(
      $care('header a.gk-care-switch').attr('href'),
      `/care?on=0&back=${encodeURIComponent(path)}`,
    );
    // Both renderings are kept: a change written behind the services' back reaches neither.
    await t.container.database.db
      .updateTable('record')
      .set({ title: '改过标题的关怀通知' })
      .where('id', '=', recordId)
      .execute();
    const plainAgain = await get(path);
    const careAgain = await get(path, { cookie: 'other=1; gk_care=1' });
    assert.equal(plainAgain.body, plain.body, 'the ordinary page came from the cache');
    assert.equal(careAgain.body, care.body, 'the care page came from the cache, not the ordinary one');
    assert.notEqual(careAgain.headers.etag, plainAgain.headers.etag);
    await t.container.database.db
      .updateTable('record')
      .set({ title: '关于关怀模式测试的通知' })
      .where('id', '=', recordId)
      .execute();
  });

  it('gives portal pages the 47号 网页标签, and an article its own', async () => {
    const tags = (html: string) => {
      const $ = cheerio.load(html);
      return Object.fromEntries(
        $('head meta[name]')
          .map((_, m) => [[$(m).attr('name')!, $(m).attr('content') ?? '']])
          .get() as Array<[string, string]>,
      );
    };
    const record = tags((await get(`/records/${recordId}`)).body);
    assert.equal(record.SiteName, '晋江市人民政府');
    assert.equal(record.SiteDomain, 'www.jinjiang.gov.cn');
    assert.equal(record.ColumnName, '政府信息公开');
    assert.equal(record.ColumnType, '信息公开');
    assert.equal(record.ArticleTitle, '关于关怀模式测试的通知');
    assert.match(record.PubDate!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    assert.equal(record.ContentSource, '晋江市人民政府');
    assert.equal(record.Keywords, '适老化 关怀');
    assert.equal(record.Description, '为方便老年人浏览，本站提供关怀模式。');
    assert.equal(record.Url, `https://www.jinjiang.gov.cn/records/${recordId}`);
    const home = tags((await get('/')).body);
    assert.equal(home.ColumnName, '首页');
    assert.equal(home.ArticleTitle, undefined, 'a column page is no article');
    assert.equal(tags((await get('/policies')).body).ColumnName, '政策文件');
    assert.equal(tags((await get(`/xxgk/${root.id}/guide`)).body).ColumnType, '信息公开指南');
    // A page without its own tags is named after its navigation item.
    assert.equal(tags((await get('/search?q=关怀')).body).ColumnName, '全文检索');
    assert.equal(tags((await get('/admin/login')).body).SiteName, undefined, 'the back office has none');
  });

  it('prints the publication date in a <time datetime> beside every listed record', async () => {
    for (const path of ['/', '/policies', `/xxgk/${root.id}`, '/search?q=关怀模式']) {
      const $ = cheerio.load((await get(path)).body);
      const items = $(`main li:has(a[href="/records/${recordId}"])`);
      assert.ok(items.length > 0, `${path} lists the record`);
      items.each((_, li) => {
        const time = $(li).find('time[datetime]');
        assert.equal(time.length, 1, path);
        assert.match(time.attr('datetime')!, /^\d{4}-\d{2}-\d{2}$/, path);
        assert.equal(time.text(), time.attr('datetime'), path);
      });
    }
  });
});
