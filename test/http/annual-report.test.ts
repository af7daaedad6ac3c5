import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import * as cheerio from 'cheerio';
import JSZip from 'jszip';
import { runCli } from '../../src/app/cli.js';
import { findingLine, type ReportData } from '../../src/modules/annual-report/index.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

describeEachEngine('the annual report in the back office and on the portal', (engine) => {
  let t: TestApp;
  let root: string;
  before(async () => {
    t = await startTestApp(engine, { operations2020: true });
    root = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t.close());

  it('the office head opens the city’s 2020 report, edits its text, signs it off; the portal shows and serves it', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const index = await head.get('/admin/annual-reports');
    assert.equal(index.statusCode, 200);
    const opened = await head.post('/admin/annual-reports', {
      _csrf: Client.csrfOf(index.body),
      agencyId: root,
      year: '2020',
      scope: 'self',
    });
    assert.equal(opened.statusCode, 303, opened.body.slice(0, 300));
    const path = opened.headers.location as string;
    let page = await head.get(path);
    assert.match(page.body, /id="report-state">编写中/);
    assert.match(page.body, /全年共收到政府信息公开申请 231 件/);
    assert.match(page.body, /94335/, 'section 二 from the entered figures');
    assert.match(page.body, /规章/);

    // A figure in the text that contradicts the table is flagged, and the text kept as typed.
    const csrf = Client.csrfOf(page.body);
    const section1 = /<textarea[^>]*name="section1"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.body)![1]!;
    const wrong = await head.post(`${path}/narrative`, {
      _csrf: csrf,
      section1: section1.replace('申请 231 件', '申请 264 件'),
      section5: '基层工作人员更迭较快。',
      section6: '无。',
    });
    assert.equal(wrong.statusCode, 303);
    page = await head.get(path);
    assert.match(page.body, /提示（文字与表格一致[^<]*264/);
    // The template's prompts still in section 一: the confirmation page names them and offers no
    // button, and a confirmation posted anyway is refused.
    page = await head.get(path);
    assert.match(page.body, /src="\/static\/unsaved-warning.js"/, 'a warning before unsaved text is lost');
    assert.match(page.body, /data-unsaved-warning=/);
    const unfinished = await head.post(`${path}/review`, {
      _csrf: Client.csrfOf(page.body),
      section1,
      section5: '基层工作人员更迭较快。',
      section6: '无。',
    });
    assert.equal(unfinished.statusCode, 303, 'the publish button saves the text first');
    assert.equal(unfinished.headers.location, `${path}/publish`);
    let review = await head.get(`${path}/publish`);
    assert.equal(review.statusCode, 200);
    assert.match(
      review.body,
      /“一、总体情况”第 2 段（“（一）主动公开。[^”]*”）仍有提示“（请填写主动公开的主要内容和渠道。）”/,
    );
    assert.match(review.body, /id="blocking">还有 \d+ 处须改正/);
    assert.doesNotMatch(review.body, /确认发布/);
    const forced = await head.post(`${path}/publish`, {
      _csrf: Client.csrfOf(review.body),
      confirmed: '1',
      reviewedAt: 'x',
    });
    assert.equal(forced.statusCode, 400);
    assert.match(forced.body, /须改正，不能发布：“一、总体情况”第 2 段/);
    assert.match((await head.get(path)).body, /id="report-state">编写中/);

    // Written out: the text typed goes with the publish button (nothing lost), and the
    // confirmation page shows what will become public before the office head confirms.
    const written = section1.replace(/（请[^）]*）/g, '已按要求开展。');
    page = await head.get(path);
    const saved = await head.post(`${path}/review`, {
      _csrf: Client.csrfOf(page.body),
      section1: written,
      section5: '基层工作人员更迭较快。',
      section6: '无。',
    });
    assert.equal(saved.statusCode, 303);
    review = await head.get(`${path}/publish`);
    assert.match(review.body, /将要公开的报告/);
    assert.match(review.body, /晋江市人民政府2020年政府信息公开工作年度报告/);
    assert.match(review.body, /一、总体情况：6 段/);
    assert.match(review.body, /本年新收 231 件/);
    assert.match(review.body, /提示（合理性 · 表二“规章”）/, 'the findings, in Chinese');
    assert.doesNotMatch(review.body, /\sstyle=/);
    const reviewedAt = /name="reviewedAt" value="([^"]+)"/.exec(review.body)![1]!;
    const unconfirmed = await head.post(`${path}/publish`, { _csrf: Client.csrfOf(review.body), reviewedAt });
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /确认发布/);
    const published = await head.post(`${path}/publish`, {
      _csrf: Client.csrfOf(review.body),
      confirmed: '1',
      reviewedAt,
    });
    assert.equal(published.statusCode, 303, published.body.slice(0, 500));
    const after = await head.get(path);
    assert.match(after.body, /id="report-state">已发布/);
    assert.match(after.body, /已按要求开展。/);
    const citizen = new Client(t.app);
    const list = await citizen.get(`/xxgk/${root}/reports`);
    const href = /href="(\/annual-reports\/[^"]+)">晋江市人民政府2020年政府信息公开工作年度报告/.exec(
      list.body,
    )?.[1];
    assert.ok(href, 'listed under 政府信息公开年报');
    const report = await citizen.get(href);
    assert.equal(report.statusCode, 200);
    // Column widths by the served style sheet's rules: no style attribute for the CSP to block.
    assert.doesNotMatch(report.body, /\sstyle=/);
    assert.match(report.body, /<colgroup><col><col>/);
    assert.match(String(report.headers['content-security-policy']), /style-src 'self'/);
    for (const s of [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、',
      '六、',
    ])
      assert.match(report.body, new RegExp(s), s);
    assert.match(report.body, /基层工作人员更迭较快/);
    const docx = await citizen.get(`${href}/download.docx`);
    assert.equal(docx.statusCode, 200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    assert.match(xml, /94335/);
    assert.match(xml, /w:vMerge/);
    assert.equal((await citizen.get(`${path.replace('/admin', '')}/download.docx`)).statusCode, 200);
    assert.equal((await citizen.get(`${path}`)).statusCode, 302, 'the back-office page needs a login');

    // Every annual-report page reads in Chinese: no check name, path or key of the contract.
    const seed = readFileSync('test/fixtures/annual-report/jinjiang-2020-annual-report.md');
    const checker = await head.get('/admin/reports');
    const checkedReport = await head.upload(
      '/admin/reports',
      { _csrf: Client.csrfOf(checker.body) },
      { field: 'file', name: 'jinjiang-2020.md', type: 'text/markdown', bytes: seed },
    );
    const checkedPath = (checkedReport.headers.location as string | undefined) ?? '/admin/reports';
    for (const [client, page] of [
      [head, '/admin'],
      [head, '/admin/annual-reports'],
      [head, path],
      [head, `/admin/annual-reports/figures?agencyId=${root}&year=2020`],
      [head, '/admin/reports'],
      [head, checkedPath],
      [citizen, href],
      [citizen, `/xxgk/${root}/reports`],
    ] as const) {
      const res = await client.get(page);
      assert.equal(res.statusCode, 200, page);
      const $ = cheerio.load(res.body);
      $('script, style').remove();
      const codes =
        $('main')
          .text()
          .match(/[A-Za-z]+(?:[.-][A-Za-z]+)+/g) ?? [];
      assert.deepEqual(codes, [], `${page}: ${codes.join(' ')}`);
    }
    assert.match(
      (await head.get(checkedPath)).body,
      /行合计 · 表三“本年新收”行/,
      'the checker’s findings too',
    );
  });

  it('enters the other systems’ figures by form, naming a bad one', async () => {
    const clerk = new Client(t.app);
    await clerk.login('head', DEMO_PASSWORD);
    const form = await clerk.get(`/admin/annual-reports/figures?agencyId=${root}&year=2021`);
    assert.match(form.body, /行政许可·处理决定数量/);
    const bad = await clerk.post(`/admin/annual-reports/figures?agencyId=${root}&year=2021`, {
      _csrf: Client.csrfOf(form.body),
      'licensing.decisions': '十二',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /行政许可·处理决定数量应为不小于 0 的整数/);
    assert.match(bad.body, /value="十二"/, 'what was typed is kept');
    const good = await clerk.post(`/admin/annual-reports/figures?agencyId=${root}&year=2021`, {
      _csrf: Client.csrfOf(form.body),
      'licensing.decisions': '120',
      'fees.amountTenThousandYuan': '3.5',
    });
    assert.equal(good.statusCode, 303);
    assert.match(
      (await clerk.get(`/admin/annual-reports/figures?agencyId=${root}&year=2021`)).body,
      /value="3.5"/,
    );
  });

  it('keeps a draft from other agencies’ clerks and from the public', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const index = await head.get('/admin/annual-reports');
    const opened = await head.post('/admin/annual-reports', {
      _csrf: Client.csrfOf(index.body),
      agencyId: root,
      year: '2021',
      scope: 'tree',
    });
    const path = opened.headers.location as string;
    const page = await head.get(path);
    assert.match(
      page.body,
      // The report's title is two blocks (it breaks only after the agency's name).
      /晋江市人民政府（含下级机关）(?:<[^>]+>)*2021年政府信息公开工作年度报告/,
      'a 含下级机关 report is titled so',
    );
    const other = new Client(t.app);
    await other.login('gaclerk', DEMO_PASSWORD);
    assert.equal((await other.get(path)).statusCode, 403);
    assert.equal((await other.get(`${path}/download.md`)).statusCode, 403);
    const citizen = new Client(t.app);
    assert.equal((await citizen.get(path.replace('/admin', ''))).statusCode, 404, 'a draft is not public');
    assert.equal((await citizen.get(`${path.replace('/admin', '')}/download.pdf`)).statusCode, 404);
  });

  it('serves the built data and a report over the API, and imports figures from a CSV upload', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const built = await head.get(
      `/api/v1/annual-reports/build?agency=${encodeURIComponent('晋江市人民政府')}&year=2020`,
    );
    assert.equal(built.statusCode, 200);
    const { data } = JSON.parse(built.body) as {
      data: { schema: string; requests: { received: number[] }; findings: unknown[] };
    };
    assert.equal(data.schema, 'gongkai.annual-report/1');
    assert.deepEqual(data.requests.received, [215, 9, 0, 1, 3, 3, 231]);
    assert.equal(
      (await new Client(t.app).get('/api/v1/annual-reports/build?agency=x&year=2020')).statusCode,
      401,
    );
    const form = await head.get('/admin/annual-reports/figures');
    const bad = await head.upload(
      '/admin/annual-reports/figures/import',
      { _csrf: Client.csrfOf(form.body) },
      {
        field: 'file',
        name: 'figures.csv',
        type: 'text/csv',
        bytes: Buffer.from(
          '机构,年度,项目,数值\n晋江市人民政府,2022,行政许可·处理决定数量,88\n晋江市人民政府,2022,行政处罚·处理决定数量,很多\n',
        ),
      },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /第 3 行 第 D 列（数值）/);
    const good = await head.upload(
      '/admin/annual-reports/figures/import',
      { _csrf: Client.csrfOf(form.body) },
      {
        field: 'file',
        name: 'figures.csv',
        type: 'text/csv',
        bytes: Buffer.from('机构,年度,项目,数值\n晋江市人民政府,2022,行政许可·处理决定数量,88\n'),
      },
    );
    assert.equal(good.statusCode, 303, good.body.slice(0, 300));
    assert.match(
      (await head.get(`/admin/annual-reports/figures?agencyId=${root}&year=2022`)).body,
      /value="88"/,
    );
  });

  it('gives the same findings for the same report through the page, `report build --out x.json` and the API', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const index = await head.get('/admin/annual-reports');
    const opened = await head.post('/admin/annual-reports', {
      _csrf: Client.csrfOf(index.body),
      agencyId: root,
      year: '2020',
      scope: 'tree',
    });
    const path = opened.headers.location as string;
    let page = await head.get(path);
    // A deliberate narrative finding besides the template's unfinished sections.
    const section1 = /<textarea[^>]*name="section1"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.body)![1]!;
    const received = Number(/全年共收到政府信息公开申请 (\d+) 件/.exec(section1)![1]);
    const section6 = /<textarea[^>]*name="section6"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.body)![1]!;
    const saved = await head.post(`${path}/narrative`, {
      _csrf: Client.csrfOf(page.body),
      section1: section1.replace(`申请 ${received} 件`, `申请 ${received + 33} 件`),
      section5: '（二）本年度存在的主要问题。（请填写。）',
      section6,
    });
    assert.equal(saved.statusCode, 303);
    page = await head.get(path);

    const unescape = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    const findings = /<section class="gk-section" id="findings">([\s\S]*?)<\/section>/.exec(page.body)![1]!;
    const onPage = [...findings.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => unescape(m[1]!));
    const api = await head.get(
      `/api/v1/annual-reports/build?agency=${encodeURIComponent('晋江市人民政府')}&year=2020&scope=tree`,
    );
    assert.equal(api.statusCode, 200, api.body.slice(0, 300));
    const viaApi = (JSON.parse(api.body) as { data: ReportData }).data;

    const dir = mkdtempSync(join(tmpdir(), 'gongkai-doors-'));
    try {
      const out = join(dir, 'x.json');
      const cli = { code: 0, stdout: '', stderr: '' };
      await runCli(
        ['report', 'build', '--agency', '晋江市人民政府', '--year', '2020', '--scope', 'tree', '--out', out],
        {
          env: {
            LOG_LEVEL: 'silent',
            DATABASE_URL: t.container.config.databaseUrl,
            GONGKAI_SECRET: 'test-secret-test-secret-test-secret-0123',
          },
          out: (l) => (cli.stdout += `${l}\n`),
          err: (l) => (cli.stderr += `${l}\n`),
          setExitCode: (c) => (cli.code = c),
        },
      );
      assert.equal(cli.code, 0, cli.stderr + cli.stdout);
      const viaCli = JSON.parse(readFileSync(out, 'utf8')) as ReportData;
      const printed = cli.stdout
        .split('\n')
        .filter((l) => l.startsWith('  '))
        .map((l) => l.trim());

      assert.ok(
        ['completeness', 'narrative'].every((c) => viaApi.findings.some((f) => f.check === c)),
        `the set is not empty: ${JSON.stringify(viaApi.findings)}`,
      );
      assert.ok(
        viaApi.findings.some((f) => f.check === 'narrative' && f.message.includes(String(received + 33))),
      );
      assert.deepEqual(viaCli.findings, viaApi.findings, 'the CLI’s file and the API');
      assert.deepEqual(viaCli, viaApi, 'and the whole document');
      // What a person reads: the page's list, the command's lines and the API's findings in words.
      assert.deepEqual(onPage, viaApi.findings.map(findingLine), 'the page and the API');
      assert.deepEqual(printed, onPage, 'the command line and the page');
      assert.ok(
        onPage.some((l) => /^提示（完整性 · “五、存在的主要问题及改进情况”）/.test(l)),
        onPage.join('\n'),
      );
      for (const l of [...onPage, ...printed])
        assert.doesNotMatch(l, /[a-z]+\.[a-z]+|row-sum|narrative|requests/i, `no internal code: ${l}`);
      assert.match(cli.stdout, new RegExp(`提示 ${viaApi.findings.length} 项`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
