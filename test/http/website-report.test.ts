import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import ExcelJS from 'exceljs';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { beijingDate } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

// The 政府网站工作年度报表 (issue 18 deliverable 6) over the demo with its content: last year's
// report published, this year's a draft. The portal's page and its XLSX show the same table; the
// office's form refuses bad input field by field and keeps what was typed; a 镇 clerk cannot open it.

const thisYear = Number(beijingDate(new Date()).slice(0, 4));
const last = thisYear - 1;

/** The table's rows as [指标, 数值] pairs, read from the page's grid (the last-but-one heading is the 指标). */
function htmlRows(html: string): Array<[string, string]> {
  const $ = cheerio.load(html);
  return $('.gk-ar-scroll tbody tr')
    .toArray()
    .map((tr) => {
      const ths = $(tr).find('th');
      const tds = $(tr).find('td');
      return [
        $(ths[ths.length - 1])
          .text()
          .trim(),
        $(tds[0]).text().trim(),
      ] as [string, string];
    });
}

async function xlsxRows(bytes: Buffer): Promise<Array<[string, string]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: Array<[string, string]> = [];
  const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));
  for (let r = 3; r <= ws.rowCount; r++) {
    // The 指标 is the rightmost heading of the row: column C, else (merged from A or B) its master.
    const label = text(ws.getCell(r, 3).value);
    out.push([label, text(ws.getCell(r, 4).value)]);
  }
  return out;
}

describeEachEngine('the 政府网站工作年度报表 on the portal and in the back office', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(engine, { content: true });
  });
  after(async () => t.close());

  it('the portal lists last year’s published report, linked from the home page, and its page and XLSX agree', async () => {
    const visitor = new Client(t.app);
    const home = await visitor.get('/');
    assert.match(home.body, /href="\/website-report"/);
    const list = await visitor.get('/website-report');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`href="/website-report/${last}"`));
    assert.doesNotMatch(
      list.body,
      new RegExp(`href="/website-report/${thisYear}"`),
      'the draft is not public',
    );
    assert.equal((await visitor.get(`/website-report/${thisYear}`)).statusCode, 404);

    const page = await visitor.get(`/website-report/${last}`);
    assert.equal(page.statusCode, 200);
    const region = cheerio.load(page.body)('.gk-ar-scroll');
    assert.equal(region.attr('tabindex'), '0', 'the table scrolls inside a focusable region');
    assert.equal(region.attr('role'), 'region');
    const html = htmlRows(page.body);
    const find = (rows: Array<[string, string]>, label: string) => rows.find(([l]) => l === label)?.[1];
    assert.equal(find(html, '独立用户访问总量（个）'), '1862450');
    assert.equal(find(html, '办件量总数（件）'), String(482337 + 96215), 'a sum is the sum of its parts');
    assert.equal(find(html, '网站名称'), '晋江市人民政府');
    assert.match(page.body, /人工填报：网站设置中尚未填写/, 'an override is shown as such, with its reason');
    assert.match(page.body, /计算口径/);

    const file = await visitor.get(`/website-report/${last}/download.xlsx`);
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['content-type']), /spreadsheetml/);
    const xlsx = await xlsxRows(file.rawPayload);
    assert.equal(xlsx.length, html.length, 'as many rows in the file as on the page');
    assert.deepEqual(
      xlsx.map(([, v]) => v),
      html.map(([, v]) => v),
      'every value of the file equals the page’s, row by row',
    );
    // The rows with their own 指标 cell (column C) name it alike in both.
    for (let i = 0; i < html.length; i++) if (xlsx[i]![0]) assert.equal(xlsx[i]![0], html[i]![0]);
  });

  it('the office head’s form refuses bad input field by field in Chinese and keeps what was typed; a correction needs its reason', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const form = await head.get(`/admin/website-report?year=${thisYear}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /填报中/);
    assert.match(form.body, /以下 \d+ 项填齐、改正后才能发布/, 'the draft lacks fields, named');
    assert.match(form.body, /请填写“网站总访问量（次）”/);
    const bad = await head.post(`/admin/website-report/save?year=${thisYear}`, {
      _csrf: Client.csrfOf(form.body),
      pageViews: '十万',
      smartQa: '也许',
      infoTotalOverride: '12',
      contactPhone: '0595-85682345',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /“网站总访问量（次）”应为不小于 0 的整数/);
    assert.match(bad.body, /互动交流“是否提供智能问答功能”应选择“是”或“否”/);
    assert.match(bad.body, /更改平台计算的信息发布“总数（条）”须写明理由/);
    assert.match(
      bad.body,
      /name="pageViews"[^>]*value="十万"|value="十万"[^>]*name="pageViews"/,
      'kept as typed',
    );
    // Nothing was stored: the form shows the draft as saved before.
    const again = await head.get(`/admin/website-report?year=${thisYear}`);
    assert.doesNotMatch(again.body, /value="十万"/);

    // Last year's is published: no form, a correction with its reason makes version 2, the portal
    // keeps showing version 1 until that is signed off.
    const published = await head.get(`/admin/website-report?year=${last}`);
    assert.match(published.body, /已发布（第 1 版）/);
    assert.doesNotMatch(published.body, /action="\/admin\/website-report\/save/);
    const noReason = await head.post(`/admin/website-report/correct?year=${last}`, {
      _csrf: Client.csrfOf(published.body),
      reason: '',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /请写明更正理由/);
    const corrected = await head.post(`/admin/website-report/correct?year=${last}`, {
      _csrf: Client.csrfOf(published.body),
      reason: '网站总访问量统计口径调整',
    });
    assert.equal(corrected.statusCode, 303);
    const v2 = await head.get(`/admin/website-report?year=${last}`);
    assert.match(v2.body, /填报中（第 2 版）/);
    assert.match(v2.body, /更正理由：网站总访问量统计口径调整/);
    const still = await new Client(t.app).get(`/website-report/${last}`);
    assert.doesNotMatch(still.body, /更正版本/);

    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    assert.equal((await clerk.get('/admin/website-report')).statusCode, 403);
  });
});
