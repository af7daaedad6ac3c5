import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import { systemActor } from '../../src/platform/access.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { hotline } from '../../src/modules/hotline/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

// The portal's 12345 page (issue 14 §7), reached from the 便民化 column, public, each figure with
// its definition (the fixture's tickets, test/fixtures/hotline, counted as the service test counts
// them); and the back office's import page, for the office only.

describeEachEngine('12345 hotline pages: the portal’s figures and the office’s import', (engine) => {
  let t: TestApp;
  let cizao: { id: string };
  before(async () => {
    t = await startTestApp(engine);
    await hotline.importTickets(
      t.container.ctx(systemActor('测试')),
      readFileSync('test/fixtures/hotline/tickets-excel.csv'),
    );
    cizao = await t.container.database.db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', '磁灶镇人民政府')
      .executeTakeFirstOrThrow();
  });
  after(async () => t.close());

  it('is listed in the 便民化 column and no longer among what is coming', async () => {
    const res = await new Client(t.app).get('/standardization/convenience');
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal($('a[href="/hotline"]').first().text(), '12345 便民服务热线');
    assert.doesNotMatch($('#coming').text(), /12345/);
  });

  it('shows an agency’s figures for a year with how each is counted, and those of the agencies under it', async () => {
    const res = await new Client(t.app).get(`/hotline?agency=${cizao.id}&year=2026`);
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    const row = (label: string) =>
      $('th[scope=row]')
        .filter((_, el) => $(el).text() === label)
        .first()
        .parent()
        .find('td')
        .map((_, td) => $(td).text())
        .get();
    assert.deepEqual(row('有效工单'), ['4', '有效工单：“是否有效”为“是”的工单']);
    assert.deepEqual(row('办结率'), ['75.00%', '办结率 = 办结 ÷ 有效工单']);
    assert.deepEqual(row('按时办结率'), ['66.67%', '按时办结率 = 按时办结 ÷ 办结']);
    assert.deepEqual(row('满意率'), ['50.00%', '满意率 = 满意 ÷ 评价']);
    // 大埔村 is under 磁灶镇: its one ticket (投诉, closed late, 基本满意).
    assert.deepEqual(row('大埔村'), ['1', '100.00%', '0.00%', '100.00%', '0.00%']);
    // The rule in force, not a hedge: this installation leaves 基本满意 out.
    assert.deepEqual(row('满意'), ['1', '满意：评价为“非常满意”或“满意”的（“基本满意”不计入）']);
    assert.match($('.gk-lead').text(), /磁灶镇人民政府（含下级机构）2026 年受理的 12345 热线工单/);
  });

  it('shows a dash, not 0% or 100%, for a month with nothing to count', async () => {
    const res = await new Client(t.app).get('/hotline?year=2026&month=2');
    assert.equal(res.statusCode, 200);
    const $ = cheerio.load(res.body);
    assert.equal(
      $('th[scope=row]')
        .filter((_, el) => $(el).text() === '办结率')
        .parent()
        .find('td')
        .first()
        .text(),
      '—',
    );
  });

  it('answers a wrong year with a message in Chinese', async () => {
    const res = await new Client(t.app).get('/hotline?year=20x6');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /年份应为四位数字/);
  });

  it('lets the office import an export in the back office, naming a bad row, and no one else', async () => {
    const admin = new Client(t.app);
    await admin.login('admin', DEMO_PASSWORD);
    const page = await admin.get('/admin/hotline');
    assert.equal(page.statusCode, 200);
    assert.match(cheerio.load(page.body)('.gk-summary').text(), /已导入工单7 张/);
    const header = '工单编号,受理时间,诉求类型,诉求内容,承办单位,办理时限,办结时间,回访时间,满意度,是否有效';
    const send = (lines: string[]) =>
      admin.upload(
        '/admin/hotline',
        { _csrf: Client.csrfOf(page.body) },
        {
          field: 'file',
          name: '工单.csv',
          type: 'text/csv',
          bytes: Buffer.from([header, ...lines].join('\r\n')),
        },
      );
    const bad = await send([
      'GD2026070001,2026-07-01 09:00:00,咨询,问题,晋江市教育局,2026-07-08 18:00:00,,,未评价,是',
      'GD2026070002,2026-07-01 09:00:00,咨询,问题,晋江市不存在局,2026-07-08 18:00:00,,,未评价,是',
    ]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /第 3 行 第 E 列（承办单位）：承办单位“晋江市不存在局”不是本平台的机构/);
    // The portal's figures, as an anonymous visitor sees them (cached), change with the import.
    const valid = async () => {
      const $ = cheerio.load(
        (await new Client(t.app).get(`/hotline?agency=${encodeURIComponent('晋江市教育局')}&year=2026`)).body,
      );
      return $('th[scope=row]')
        .filter((_, el) => $(el).text() === '有效工单')
        .first()
        .parent()
        .find('td')
        .first()
        .text();
    };
    const validBefore = Number(await valid());
    const good = await send([
      'GD2026070001,2026-07-01 09:00:00,咨询,问题,晋江市教育局,2026-07-08 18:00:00,,,未评价,是',
    ]);
    assert.equal(good.statusCode, 303, good.body.slice(0, 300));
    assert.equal(Number(await valid()), validBefore + 1);
    assert.match(
      cheerio
        .load((await admin.get('/admin/hotline')).body)('.gk-summary')
        .text(),
      /已导入工单8 张/,
    );

    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    assert.equal((await clerk.get('/admin/hotline')).statusCode, 403);
    assert.doesNotMatch((await clerk.get('/admin')).body, /href="\/admin\/hotline"/);
    assert.match((await admin.get('/admin')).body, /href="\/admin\/hotline"/);
  });
});
