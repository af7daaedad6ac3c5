import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import { cliActor } from '../../src/app/container.js';
import { agencies } from '../../src/modules/agencies/index.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

describeEachEngine('培训考核与问题整改 in the back office', (engine) => {
  let t: TestApp;
  let city: string;
  before(async () => {
    t = await startTestApp(engine, { operations2020: true, content: true });
    city = (await agencies.root(t.container.ctx(cliActor())))!.id;
  });
  after(async () => t.close());

  it('shows the demo’s 2020 sessions and the seed’s section 五 problem; a bad entry names its fields and keeps what was typed', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const url = `/admin/annual-reports/followup?agencyId=${city}&year=2020&scope=self`;
    let page = await head.get(url);
    assert.equal(page.statusCode, 200);
    let $ = cheerio.load(page.body);
    assert.match($('#training').text(), /共组织培训 3 场，参训 267 人次；考核 1 次，参加 41 人次/);
    assert.equal($('#training tbody tr').length, 4);
    const problems = $('#problems tbody tr');
    assert.equal(problems.length, 1, 'the seed’s prose is one problem');
    assert.match(problems.text(), /基层政务公开工作人员更迭较快/);
    assert.match(problems.text(), /尚未整改/);

    const bad = await head.post(
      `/admin/annual-reports/followup/training?agencyId=${city}&year=2020&scope=self`,
      {
        _csrf: Client.csrfOf(page.body),
        kind: 'training',
        title: '保密审查培训',
        heldOn: '2020-13-01',
        attendees: '三十',
      },
    );
    assert.equal(bad.statusCode, 400);
    $ = cheerio.load(bad.body);
    assert.match($('.gk-error-summary').text(), /日期/);
    assert.match($('.gk-error-summary').text(), /参加人次应为整数/);
    assert.equal($('input[name="title"]').val(), '保密审查培训', 'what was typed is kept');
    const good = await head.post(
      `/admin/annual-reports/followup/training?agencyId=${city}&year=2020&scope=self`,
      {
        _csrf: Client.csrfOf(page.body),
        kind: 'training',
        title: '保密审查培训',
        heldOn: '2020-12-01',
        attendees: '30',
      },
    );
    assert.equal(good.statusCode, 303);
    page = await head.get(url);
    assert.match(cheerio.load(page.body)('#training').text(), /共组织培训 4 场，参训 297 人次/);

    // The problem's 整改: 已整改 without measures is refused on its page, then saved with them.
    const edit = cheerio.load(page.body)('#problems a[href*="/problems/"]').attr('href')!;
    const form = await head.get(edit);
    assert.equal(form.statusCode, 200);
    const text = cheerio.load(form.body)('textarea[name="text"]').text();
    const refused = await head.post(edit, { _csrf: Client.csrfOf(form.body), text, status: 'fixed' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /已整改的问题请填写整改措施/);
    const saved = await head.post(edit, {
      _csrf: Client.csrfOf(form.body),
      text,
      status: 'fixed',
      measures: '设立政务公开中心，增配专职工作人员',
      fixedOn: '2021-03-01',
    });
    assert.equal(saved.statusCode, 303);
    page = await head.get(url);
    assert.match(cheerio.load(page.body)('#problems').text(), /已整改（2021-03-01）/);

    // Next year's draft offers the 整改 in section 五 and beside it.
    const index = await head.get('/admin/annual-reports');
    const opened = await head.post('/admin/annual-reports', {
      _csrf: Client.csrfOf(index.body),
      agencyId: city,
      year: '2021',
      scope: 'self',
    });
    assert.equal(opened.statusCode, 303);
    const draft = await head.get(opened.headers.location as string);
    const section5 = cheerio.load(draft.body)('textarea[name="section5"]').text();
    assert.match(section5, /1\. 随着基层政务公开.*整改情况：已整改，设立政务公开中心，增配专职工作人员。/);
    assert.match(draft.body, /上年度报告所述问题的整改情况/);
  });

  it('lets a clerk of 磁灶镇 read and record only their own town', async () => {
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const page = await clerk.get(`/admin/annual-reports/followup?agencyId=${city}&year=2020`);
    assert.equal(page.statusCode, 200);
    const $ = cheerio.load(page.body);
    assert.doesNotMatch($('h2').first().text(), /晋江市人民政府/);
    const options = $('select[name="agencyId"] option')
      .map((_, o) => $(o).text().trim())
      .get();
    assert.equal(options[0], '磁灶镇人民政府', 'their town first, and only what lies within it');
    assert.ok(!options.some((o) => /晋江市/.test(o)), options.join('、'));
    const denied = await clerk.post(`/admin/annual-reports/followup/training?agencyId=${city}&year=2020`, {
      _csrf: Client.csrfOf(page.body),
      kind: 'training',
      title: '越权登记',
      heldOn: '2020-12-01',
      attendees: '3',
    });
    assert.equal(denied.statusCode, 403);
  });
});
