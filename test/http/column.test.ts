import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/platform/access.js';
import { catalogs } from '../../src/modules/catalog/index.js';
import { records } from '../../src/modules/records/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

describeEachEngine('政府信息公开 专栏 and Atom feeds', (engine) => {
  let t: TestApp;
  let root: { id: string; name: string };
  let town: { id: string };
  let ruleId: string;
  before(async () => {
    t = await startTestApp(engine);
    const db = t.container.database.db;
    root = await db
      .selectFrom('agency')
      .select(['id', 'name'])
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    town = await db
      .selectFrom('agency')
      .select('id')
      .where('short_name', '=', '磁灶镇')
      .executeTakeFirstOrThrow();
    const ctx = t.container.ctx(systemActor('测试'));
    const townCatalog = (await catalogs.list(ctx)).find(
      (c) => c.agencyId === town.id && c.domainCode === 'majorProjects',
    )!;
    const item = (await catalogs.get(ctx, townCatalog.id)).items.find((i) => i.level === 2)!;
    const publish = async (over: Record<string, unknown>) => {
      const r = await records.createDraft(ctx, {
        agencyId: town.id,
        dateFormedOrChanged: '2026-01-05',
        body: '正文',
        ...over,
      });
      await records.submitForReview(ctx, r.id);
      await records.review(ctx, r.id, { result: 'passed' });
      await records.approve(ctx, r.id);
      await records.publish(ctx, r.id);
      return r.id;
    };
    ruleId = await publish({
      title: '磁灶镇政府信息公开保密审查制度',
      genre: '政府信息公开制度',
      subjectCategory: '综合政务\\政务公开',
      summary: '规定信息公开前的保密审查程序 & 责任',
    });
    await publish({
      title: '磁灶镇2026年村道硬化工程招标公告 <第一批>',
      subjectCategory: '城乡建设、环境保护\\其他',
      catalogItemId: item.id,
    });
  });
  after(async () => t.close());

  it('opens each agency’s column with its five parts and the newest records', async () => {
    const c = new Client(t.app);
    const home = await c.get('/');
    assert.match(home.body, new RegExp(`href="/xxgk/${root.id}"`));
    const redirect = await c.get('/xxgk');
    assert.equal(redirect.headers.location, `/xxgk/${root.id}`);
    const column = await c.get(`/xxgk/${root.id}`);
    assert.equal(column.statusCode, 200);
    for (const part of [
      '政府信息公开指南',
      '政府信息公开制度',
      '法定主动公开内容',
      '政府信息公开工作年度报告',
      '依申请公开',
    ])
      assert.match(column.body, new RegExp(part));
    assert.match(column.body, /磁灶镇政府信息公开保密审查制度/, 'a town’s record shows in the city’s column');
    assert.match(column.body, new RegExp(`href="/apply\\?agencyId=${root.id}"`));
    const apply = await c.get(`/apply?agencyId=${town.id}`);
    assert.match(apply.body, new RegExp(`<option value="${town.id}" selected`));
  });

  it('writes the 指南 from the agency’s data and the 条例', async () => {
    const guide = await new Client(t.app).get(`/xxgk/${town.id}/guide`);
    assert.equal(guide.statusCode, 200);
    assert.match(guide.body, /磁灶镇人民政府政府信息公开指南/);
    assert.match(guide.body, /20 个工作日内予以公开/);
    assert.match(guide.body, /国办函〔2020〕109号/);
    assert.match(guide.body, /行政复议/);
  });

  it('lists the 公开制度 and the records of a 主题分类', async () => {
    const c = new Client(t.app);
    const rules = await c.get(`/xxgk/${town.id}/rules`);
    assert.match(rules.body, new RegExp(`href="/records/${ruleId}"`));
    assert.doesNotMatch(rules.body, /村道硬化工程/);
    const content = await c.get(`/xxgk/${town.id}/content`);
    assert.match(content.body, /综合政务<\/a>（\s*1\s*）/);
    assert.match(content.body, /重大建设项目/, 'the town’s catalogs are listed');
    const subject = await c.get(
      `/xxgk/${town.id}/content?subject=${encodeURIComponent('城乡建设、环境保护')}`,
    );
    assert.match(subject.body, /村道硬化工程招标公告/);
    assert.doesNotMatch(subject.body, /保密审查制度<\/a>/);
    assert.match((await c.get(`/xxgk/${town.id}/reports`)).body, /暂无年度报告/);
  });

  it('serves Atom feeds per agency and per catalog domain, escaped', async () => {
    const c = new Client(t.app);
    const feed = await c.get(`/feeds/agencies/${town.id}.atom`);
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(
      feed.body,
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/,
    );
    assert.equal((feed.body.match(/<entry>/g) ?? []).length, 2);
    assert.match(feed.body, /<title>磁灶镇2026年村道硬化工程招标公告 &lt;第一批&gt;<\/title>/);
    assert.match(feed.body, /<summary>规定信息公开前的保密审查程序 &amp; 责任<\/summary>/);
    const domain = await c.get('/feeds/domains/majorProjects.atom');
    assert.equal(domain.statusCode, 200);
    assert.deepEqual(
      [...domain.body.matchAll(/<entry>\s*<id>[^<]+<\/id>\s*<title>([^<]+)<\/title>/g)].map((m) => m[1]),
      ['磁灶镇2026年村道硬化工程招标公告 &lt;第一批&gt;'],
      'only records filed under the domain’s items',
    );
    assert.equal((await c.get('/feeds/domains/noSuchDomain.atom')).statusCode, 404);
    assert.equal((await c.get('/feeds/agencies/not-an-id.atom')).statusCode, 404);
  });

  it('filters search by the catalog domain a record is filed under', async () => {
    const c = new Client(t.app);
    const page = await c.get('/search?q=' + encodeURIComponent('磁灶镇'));
    assert.match(page.body, /<option value="majorProjects">重大建设项目<\/option>/);
    const inDomain = await c.get(`/api/v1/search?q=${encodeURIComponent('磁灶镇')}&domain=majorProjects`);
    assert.deepEqual(
      (JSON.parse(inDomain.body) as { data: Array<{ title: string }> }).data.map((h) => h.title),
      ['磁灶镇2026年村道硬化工程招标公告 <第一批>'],
    );
    const other = await c.get(
      `/api/v1/search?q=${encodeURIComponent('磁灶镇')}&domain=publicResourceTrading`,
    );
    const none = JSON.parse(other.body) as { data: unknown[]; meta: { total: number } };
    assert.equal(none.meta.total, 0);
    assert.deepEqual(none.data, []);
  });
});
