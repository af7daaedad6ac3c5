import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import ExcelJS from 'exceljs';
import { cliActor } from '../../src/app/container.js';
import { agencies, type Agency } from '../../src/modules/agencies/index.js';
import { publishedReports } from '../../src/modules/annual-report/index.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

const hostile = '<script>alert(1)</script>&局';

const row = (label: string, n: number) => `| ${label} | ${n} | 0 | 0 | 0 | 0 | 0 | ${n} |`;
const report2021 = Buffer.from(
  [
    '晋江市人民政府2021年政府信息公开工作年度报告',
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    row('一、本年新收政府信息公开申请数量', 20),
    row('二、上年结转政府信息公开申请数量', 3),
    row('（一）予以公开', 23),
    row('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 0),
    row('（七）总计', 23),
    row('四、结转下年度继续办理', 0),
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
    '',
  ].join('\n'),
  'utf8',
);

describeEachEngine('annual reports side by side in the back office', (engine) => {
  let t: TestApp;
  let root: Agency;
  let cizao: Agency;
  let odd: Agency;
  let query: string;
  let recordedId: string;

  before(async () => {
    // The demo's content publishes the city's 2020 report (built from its 231 applications).
    t = await startTestApp(engine, {
      operations2020: true,
      content: true,
      clock: new FixedClock('2026-12-06T02:00:00Z'),
    });
    const ctx = t.container.ctx(cliActor());
    root = (await agencies.root(ctx))!;
    cizao = (await agencies.listPublic(ctx)).find((a) => a.shortName === '磁灶镇')!;
    odd = await agencies.create(ctx, {
      parentId: root.id,
      name: hostile,
      level: 'county',
      kind: 'governmentDepartment',
    });
    // The city's 2021 report as published before the platform, read by the checker and recorded:
    // its 上年结转 (3) contradicts the 2020 report's 结转下年度 (0).
    const checked = await publishedReports.check(ctx, { name: '晋江市2021年报.md', bytes: report2021 });
    await publishedReports.attach(ctx, checked.id, { agencyId: root.id, year: '2021' });
    recordedId = checked.id;
    const q = new URLSearchParams();
    for (const id of [root.id, cizao.id, odd.id]) q.append('agencyIds', id);
    q.set('from', '2019');
    q.set('to', '2021');
    query = q.toString();
  });
  after(async () => t.close());

  it('is linked from the annual reports page, and offers the agencies of the viewer’s subtree', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const index = await head.get('/admin/annual-reports');
    assert.match(index.body, /href="\/admin\/annual-reports\/compare"/);
    const form = await head.get('/admin/annual-reports/compare');
    assert.equal(form.statusCode, 200);
    const $ = cheerio.load(form.body);
    assert.equal($('form[method="get"] input[type="checkbox"][name="agencyIds"]').length > 20, true);
    assert.equal($('input[name="from"]').attr('value'), '2023', 'the last three years by default');
    assert.equal($('#indicators').length, 0, 'no comparison before agencies are chosen');
  });

  it('shows the indicators with n/N, small samples marked, charts as inert SVG beside their tables', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const page = await head.get(`/admin/annual-reports/compare?${query}`);
    assert.equal(page.statusCode, 200, page.body.slice(0, 500));
    assert.doesNotMatch(
      page.body,
      /<script/i,
      'no script at all: the charts need none, and a name cannot add one',
    );
    const $ = cheerio.load(page.body);
    const rows = $('#indicators tbody tr').filter((_, tr) => $(tr).find('th').text().trim() === root.name);
    assert.equal(rows.length, 2, 'the city has two reports in 2019–2021: 2020 built, 2021 recorded');
    assert.match(rows.eq(1).text(), /2021年已发布文本/);
    assert.match(rows.eq(1).text(), /20（较上年 -91\.3%）/, '20 received against 231');
    const text = rows.eq(0).text();
    assert.match(text, /2020年/);
    assert.match(text, /平台生成/);
    assert.match(text, /70\.6%163\/231/, '公开率 with its counts');
    assert.match(text, /0\.0%0\/2样本过少/, '复议纠错率 over 2 decided reviews is a small sample');
    assert.match(text, /33\.3%2\/6样本过少/, '诉讼纠错率 over 6');
    assert.match(text, /第 1 名（共 1）/);
    assert.match($('#missing').text(), /磁灶镇人民政府2019年/);
    // Three charts: two trends (公开率, 本年新收) and the agencies side by side.
    const figures = $('#charts figure.gk-chart');
    assert.equal(figures.length, 3);
    figures.each((_, f) => {
      const svg = $(f).find('svg');
      assert.equal(svg.attr('role'), 'img');
      const title = svg.find('title').text();
      assert.equal(title, $(f).find('figcaption').text());
      assert.equal(
        $(f).find('.gk-table-wrap[tabindex="0"][role="region"]').length,
        2,
        'the chart and its table scroll',
      );
      assert.ok($(f).find('table tbody tr').length >= 1, 'the figures beside the chart');
    });
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&amp;局/, 'the odd name, escaped');
    assert.doesNotMatch(page.body, /\sstyle=/, 'nothing the CSP would block');
    // People read Chinese: no identifier of the code (grantedRate, year-chain, requests.total).
    const readable = cheerio.load(page.body);
    readable('code, script, style').remove();
    const words = readable('body').text();
    assert.doesNotMatch(words, /\b[a-z]+[A-Z][A-Za-z]*\b/, 'no camelCase');
    assert.doesNotMatch(words, /\b[a-z]\w*(?:[.-][a-z]\w*)+\b/, 'no dotted or hyphenated code');
    // The year-chain between the two, naming both reports with a link to each.
    const finding = $('#findings-list li').first();
    assert.match(finding.text(), /年度衔接/);
    assert.match(
      finding.text(),
      /晋江市人民政府2020年年报（平台生成）.*晋江市人民政府2021年年报（已发布文本/,
    );
    const hrefs = finding
      .find('a')
      .map((_, a) => $(a).attr('href'))
      .get();
    assert.equal(hrefs.length, 2);
    assert.match(hrefs[0]!, /^\/admin\/annual-reports\/[0-9a-f-]{36}$/);
    assert.equal(hrefs[1], `/admin/reports/${recordedId}`);
    assert.equal((await head.get(hrefs[0]!)).statusCode, 200, 'the built report opens');
    assert.equal((await head.get(hrefs[1]!)).statusCode, 200, 'the recorded text opens');
    // Every table downloads as CSV and XLSX.
    const links = $('#downloads a')
      .map((_, a) => $(a).attr('href'))
      .get();
    assert.equal(links.length, 6);
    assert.ok(links.every((l) => l.startsWith('/admin/annual-reports/compare/') && l.includes(`?${query}`)));
  });

  it('downloads the indicators as CSV that Excel and WPS open as UTF-8, and as XLSX', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const csv = await head.get(`/admin/annual-reports/compare/indicators.csv?${query}`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(csv.headers['content-disposition']), /attachment; .*filename\*=UTF-8''/);
    assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = csv.rawPayload.toString('utf8').slice(1).trimEnd().split('\r\n');
    assert.equal(lines.length, 3, 'a header and the city’s 2020 and 2021 reports');
    assert.match(lines[1]!, new RegExp(`^${root.name},2020,.*,231,,,0\\.7056,163,231,否,1/1,`));
    const xlsx = await head.get(`/admin/annual-reports/compare/reports.xlsx?${query}`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    assert.equal(sheet.getCell(1, 1).value, '机构');
    const names = sheet.getColumn(1).values.slice(2);
    assert.ok(names.includes(hostile), 'names kept as they are in a workbook');
    assert.equal((await head.get(`/admin/annual-reports/compare/people.csv?${query}`)).statusCode, 400);
  });

  it('refuses a clerk another agency’s reports, and shows bad input on the form', async () => {
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const refused = await clerk.get(`/admin/annual-reports/compare?${query}`);
    assert.equal(refused.statusCode, 403);
    const csv = await clerk.get(`/admin/annual-reports/compare/indicators.csv?${query}`);
    assert.equal(csv.statusCode, 403);
    const own = await clerk.get(`/admin/annual-reports/compare?agencyIds=${cizao.id}&from=2020&to=2020`);
    assert.equal(own.statusCode, 200);
    const form = cheerio.load(own.body);
    assert.ok(
      form('input[name="agencyIds"]')
        .map((_, i) => form(i).attr('value'))
        .get()
        .every((id) => id !== root.id),
      'the city is not offered to the town’s clerk',
    );
    const bad = await clerk.get(`/admin/annual-reports/compare?agencyIds=&from=2021&to=2019`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /请选择至少一个机构/);
    assert.match(bad.body, /截止年度不能早于起始年度|href="#f-agencyIds"/);
  });
});
