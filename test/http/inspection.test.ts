import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { createAppWorker } from '../../src/app/worker.js';
import type { DemoSiteSpec } from '../../src/modules/demo/index.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { serveGovSite, type GovSite } from '../harness/gov-site.js';
import { Client } from '../harness/http.js';

// The site inspector's pages (issue 17 §3): the office head adds a department's site by the form
// (every bad field named, what was typed kept), starts an inspection, and reads the report — the
// 单项否决 with their evidence, the columns, the broken link — on the page, in the quarterly
// self-inspection report (DOCX) and the workbook (XLSX); the 工作台 shows the site at risk; a
// township clerk can neither add a site nor read another agency's.

const neglected: DemoSiteSpec = {
  name: '晋江市民政局',
  agency: '晋江市民政局',
  siteCode: '3505820031',
  phone: '0595-85610000',
  homeAges: [40],
  footer: 'partial',
  extraHome: '<p><a href="/gone.html">社会组织年检结果</a></p>',
  columns: [
    { slug: 'gzdt', title: '工作动态', ages: [40] },
    { slug: 'ztzl', title: '专题专栏', ages: [] },
  ],
};

describeEachEngine('site inspector pages, exports and the 工作台', (engine) => {
  let t: TestApp;
  let site: GovSite;
  let head: Client;
  let siteId = '';
  let runId = '';
  before(async () => {
    t = await startTestApp(engine, { env: { INSPECTION_BROWSER: 'none', INSPECTION_DELAY_MS: '0' } });
    site = await serveGovSite(neglected, { now: () => new Date() });
    head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
  });
  after(async () => {
    await site.close();
    await t.close();
  });

  it('names each bad field of the form and keeps what was typed, then adds the site', async () => {
    const form = await head.get('/admin/inspection/sites/new');
    assert.equal(form.statusCode, 200);
    const csrf = Client.csrfOf(form.body);
    const agencyId = cheerio.load(form.body)('select[name=agencyId] option').first().attr('value')!;
    const fields = {
      _csrf: csrf,
      agencyId,
      name: '晋江市民政局网站',
      url: site.url,
      siteCode: '',
      pageLimit: '30',
      columnRules: '',
    };
    const bad = await head.post('/admin/inspection/sites/new', {
      ...fields,
      url: 'www.mz.jinjiang.gov.cn',
      pageLimit: '十',
      columnRules: '工作动态 动态',
    });
    assert.equal(bad.statusCode, 400);
    const $bad = cheerio.load(bad.body);
    const messages = $bad('.gk-error-message')
      .map((_, e) => $bad(e).text())
      .get()
      .join('|');
    assert.match(messages, /首页地址“www\.mz\.jinjiang\.gov\.cn”不是完整的网址/);
    assert.match(messages, /每次最多检查页面数/);
    assert.match(messages, /栏目规则第 1 行/);
    assert.equal($bad('[name=name]').val(), '晋江市民政局网站');
    const ok = await head.post('/admin/inspection/sites/new', fields);
    assert.equal(ok.statusCode, 303, ok.body);
    siteId = String(ok.headers.location).split('/').pop()!;
  });

  it('inspects the site on demand and shows the report with its evidence', async () => {
    const page = await head.get(`/admin/inspection/sites/${siteId}`);
    const run = await head.post(`/admin/inspection/sites/${siteId}/run`, { _csrf: Client.csrfOf(page.body) });
    assert.equal(run.statusCode, 303);
    await createAppWorker(t.container).drain();
    const shown = await head.get(`/admin/inspection/sites/${siteId}`);
    const $ = cheerio.load(shown.body);
    runId = $('a[href^="/admin/inspection/runs/"]').first().attr('href')!.split('/').pop()!;
    const report = await head.get(`/admin/inspection/runs/${runId}`);
    assert.equal(report.statusCode, 200);
    const text = cheerio.load(report.body)('main').text();
    assert.match(text, /单项否决（不合格）/);
    assert.match(text, /首页不更新/);
    assert.match(text, /专题专栏/);
    assert.ok(report.body.includes(`${site.url}gone.html`), 'the broken link is listed');
    assert.match(text, /晋江市/, 'the responsible agency is named');
  });

  it('exports the quarterly self-inspection report as DOCX and XLSX', async () => {
    const docx = await head.get(`/admin/inspection/runs/${runId}/report.docx`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-disposition']), /filename\*=UTF-8''/);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    assert.match(text, /自查报告（\d{4}年第[一二三四1-4]季度）/);
    assert.match(text, /首页不更新/);
    assert.match(text, /gone\.html/);
    const xlsx = await head.get(`/admin/inspection/runs/${runId}/report.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join('|');
    assert.match(cells, /gone\.html/);
    assert.match(cells, /专题专栏/);
  });

  it('puts the site at risk on the office head’s 工作台, and keeps it from a township clerk', async () => {
    const $ = cheerio.load((await head.get('/admin')).body);
    assert.match($('main').text(), /有风险的网站/);
    assert.ok($(`a[href="/admin/inspection/sites/${siteId}"]`).length > 0);
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    assert.equal((await clerk.get('/admin/inspection/sites/new')).statusCode, 403);
    assert.equal((await clerk.get(`/admin/inspection/runs/${runId}`)).statusCode, 403);
  });
});
