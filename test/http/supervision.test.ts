import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import { agencies } from '../../src/modules/agencies/index.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { anonymous, systemActor } from '../../src/platform/access.js';
import { FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { aPublishedRecord, aRequest } from '../harness/factories.js';
import { Client } from '../harness/http.js';

// The supervision dashboard over the demo (晋江市, its 2020 operations), read a year later: every
// figure is a link to a list of as many rows, and the list's CSV holds the same rows.

describeEachEngine('the supervision dashboard over the demo', (engine) => {
  let t: TestApp;
  before(async () => {
    const clock = new FixedClock('2021-06-30T02:00:00Z');
    t = await startTestApp(engine, { operations2020: true, clock });
    // This year's cases to oversee, besides the demo's: an application to 磁灶镇 past its time, a
    // record of the city published after its 20 working days.
    const ctx = t.container.ctx(systemActor('测试'));
    const byName = new Map((await agencies.listPublic(ctx)).map((a) => [a.name, a]));
    clock.set('2021-05-06T02:00:00Z');
    await aRequest(t.container.ctx(anonymous), byName.get('磁灶镇人民政府')!);
    clock.set('2021-06-01T02:00:00Z');
    await aPublishedRecord(ctx, byName.get('晋江市人民政府')!, {
      title: '关于晋江市 2021 年政务公开工作的通知',
      writtenDate: '2021-04-01',
      dateFormedOrChanged: '2021-04-01',
    });
    clock.set('2021-06-30T02:00:00Z');
  });
  after(async () => t.close());

  const signIn = async (username: string) => {
    const c = new Client(t.app);
    await c.login(username, DEMO_PASSWORD);
    return c;
  };
  const csvRows = (body: string) => {
    assert.ok(body.startsWith('\ufeff'), 'UTF-8 with a BOM');
    return body.slice(1).split('\r\n').filter(Boolean);
  };

  for (const period of ['lastYear', 'thisYear']) {
    it(`${period}: every figure opens a list of as many rows, and its CSV has the same rows`, async () => {
      const c = await signIn('supervisor');
      const page = await c.get(`/admin/supervision?period=${period}`);
      assert.equal(page.statusCode, 200);
      const $ = cheerio.load(page.body);
      const figures = $('a[data-figure]')
        .map((_, a) => [[$(a).attr('data-figure')!, Number($(a).text()), $(a).attr('href')!]])
        .get() as Array<[string, number, string]>;
      assert.equal(figures.length, 9, 'nine figures');
      let nonZero = 0;
      for (const [key, count, href] of figures) {
        const list = await c.get(href);
        assert.equal(list.statusCode, 200, href);
        const l = cheerio.load(list.body);
        const rows = l('tr[data-row]');
        assert.equal(rows.length, count, `${key}: the list behind ${count}`);
        assert.equal(l('[data-count]').text(), String(count), `${key}: the list says how many`);
        const csvHref = l('a[download]').attr('href')!;
        const csv = await c.get(csvHref);
        assert.equal(csv.statusCode, 200);
        assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
        const lines = csvRows(csv.body);
        assert.equal(lines.length - 1, count, `${key}: the CSV's rows`);
        const firstCells = rows.map((_, tr) => l(tr).find('th').text()).get();
        assert.deepEqual(
          lines.slice(1).map((line) => line.split(',')[0]!.replace(/^"|"$/g, '')),
          firstCells,
          `${key}: the same rows`,
        );
        // Nothing personal: no 身份证号 or mobile number anywhere in the list or its CSV.
        for (const text of [l('main').text(), csv.body])
          assert.doesNotMatch(text, /\d{17}[\dXx]|(?<!\d)1[3-9]\d{9}(?!\d)/, key);
        if (count > 0) nonZero++;
      }
      // The demo's 2020 was on time but for the reports nobody published on the platform in 2020;
      // this year has the application and the record added above.
      const n = Object.fromEntries(figures.map(([k, count]) => [k, count]));
      if (period === 'thisYear') {
        assert.equal(n.requestsOverdue, 1);
        assert.equal(n.recordsLate, 1);
      } else assert.ok(nonZero > 0);
      assert.doesNotMatch($('main').text(), /requestsLate|recordsLate|undefined|NaN/);
    });
  }

  it('shows the rankings with small samples marked and unranked', async () => {
    const c = await signIn('supervisor');
    const $ = cheerio.load((await c.get('/admin/supervision?period=lastYear')).body);
    const rows = $('table')
      .first()
      .find('tbody tr')
      .map((_, tr) => [[$(tr).find('td').first().text(), $(tr).text()]])
      .get() as Array<[string, string]>;
    assert.ok(rows.length > 0);
    for (const [rank, text] of rows) assert.equal(rank === '—', text.includes('样本过少'), text);
  });

  it('puts the non-zero figures on the supervisor’s 工作台, each the number its list shows', async () => {
    const c = await signIn('supervisor');
    const $ = cheerio.load((await c.get('/admin')).body);
    const panel = $('#panel-supervision');
    const items = panel
      .find('li')
      .map((_, li) => [
        [
          $(li).find('strong').text() || $(li).find('.gk-workbench-item__count').text(),
          $(li).find('a').attr('href')!,
        ],
      ])
      .get() as Array<[string, string]>;
    const dashboard = cheerio.load((await c.get('/admin/supervision')).body);
    const nonZero = dashboard('a[data-figure]').filter((_, a) => dashboard(a).text() !== '0').length;
    assert.equal(items.length, nonZero);
    for (const [count, href] of items) {
      assert.notEqual(count.trim(), '0');
      const l = cheerio.load((await c.get(href)).body);
      assert.equal(l('tr[data-row]').length, Number(count.trim()), href);
    }
  });

  it('gives the clerk of 磁灶镇 only 磁灶镇 and its villages, and the reviewer nothing', async () => {
    const clerk = await signIn('clerk');
    const page = await clerk.get('/admin/supervision?period=lastYear');
    assert.equal(page.statusCode, 200);
    const options = cheerio
      .load(page.body)('select[name=agency] option')
      .map((_, o) => cheerio.load(page.body)(o).text().trim())
      .get()
      .filter((o) => o !== '全部');
    assert.ok(options.length > 0);
    assert.ok(
      options.every((o) => o.startsWith('磁灶镇')),
      options.join('、'),
    );
    const other = await clerk.get('/admin/supervision?agency=nope');
    assert.equal(other.statusCode, 400);
    assert.match(other.body, /所选机构不在您的监督范围内/);
    assert.equal((await clerk.get('/admin/supervision/nothing')).statusCode, 404);
    const range = await clerk.get('/admin/supervision?from=2020-12-01&to=2020-01-01');
    assert.equal(range.statusCode, 400);
    assert.match(range.body, /截止日期应不早于起始日期/);
    const reviewer = await signIn('reviewer');
    assert.equal((await reviewer.get('/admin/supervision')).statusCode, 403);
    assert.equal((await reviewer.get('/admin/supervision/requestsLate.csv')).statusCode, 403);
  });
});
