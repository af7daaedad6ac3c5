import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { indicators, outcomes, type Indicator, type Outcome } from './inspection.js';
import { reportDocument, reportWorkbook } from './inspection-export.js';
import type { ResultView, RunReport, RunView } from './inspection-report.service.js';

const run = (over: Partial<RunView> = {}): RunView => ({
  id: '0190a0b0-0000-7000-8000-000000000002',
  trigger: 'manual',
  state: 'done',
  queuedAt: '2026-05-11T01:00:00.000Z',
  startedAt: '2026-05-11T01:00:05.000Z',
  // 2026-05-11 09:12 in Beijing: the second quarter.
  finishedAt: '2026-05-11T01:12:00.000Z',
  pages: 42,
  links: 310,
  verdict: 'veto',
  score: 71.5,
  vetoCodes: ['homeStale'],
  error: null,
  ...over,
});

const result = (
  over: Partial<ResultView> & Pick<ResultView, 'id' | 'indicator' | 'outcome'>,
): ResultView => ({
  rule: 'rule',
  message: '说明',
  evidence: [],
  impact: null,
  review: null,
  reviewedAt: null,
  ...over,
});

function report(over: Partial<RunReport> = {}): RunReport {
  const results: ResultView[] = [
    result({
      id: 'r1',
      indicator: 'homeFreshness',
      outcome: 'violation',
      rule: 'homeStale',
      message: '首页最新信息发布于 2026-04-20，已 21 天未更新',
      evidence: [
        {
          url: 'https://bm.example.gov.cn/',
          at: '2026-05-11T01:00:06.000Z',
          status: 200,
          text: '2026-04-20',
        },
      ],
    }),
    result({
      id: 'r2',
      indicator: 'darkLinks',
      outcome: 'review',
      rule: 'hiddenOffsiteLink',
      message: '疑似暗链：隐藏的站外链接',
      evidence: [{ url: 'https://bm.example.gov.cn/news/', at: null, status: null, text: 'casino' }],
      review: 'confirmed',
      reviewedAt: '2026-05-12T02:00:00.000Z',
    }),
    result({
      id: 'r3',
      indicator: 'darkLinks',
      outcome: 'review',
      rule: 'hiddenOffsiteLink',
      message: '疑似暗链：被驳回的那一条',
      review: 'dismissed',
    }),
    result({ id: 'r4', indicator: 'metaTags', outcome: 'pass', message: '网页标签齐全' }),
    result({
      id: 'r5',
      indicator: 'interaction',
      outcome: 'inapplicable',
      message: '不是本平台门户，不检查互动回应',
    }),
  ];
  const counts = Object.fromEntries(
    indicators.map((i) => [i, Object.fromEntries(outcomes.map((o) => [o, 0]))]),
  ) as Record<Indicator, Record<Outcome, number>>;
  for (const r of results) counts[r.indicator][r.outcome]++;
  return {
    site: {
      id: '0190a0b0-0000-7000-8000-000000000001',
      agencyId: 'a1',
      agencyName: '晋江市某某局',
      agencyPath: '/root/a1/',
      name: '晋江市某某局网站',
      url: 'https://bm.example.gov.cn/',
      siteCode: '3505820001',
      ownPortal: false,
      columnRules: [],
      pageLimit: 200,
      active: true,
    },
    run: run(),
    summary: {
      reachable: true,
      homeUpdated: '2026-04-20',
      homeStale: true,
      columns: [
        {
          title: '工作动态',
          url: 'https://bm.example.gov.cn/gzdt/',
          class: 'dynamic',
          items: 20,
          latest: '2026-04-20',
          stale: true,
          empty: false,
        },
      ],
      brokenLinks: [
        {
          url: 'https://bm.example.gov.cn/missing.html',
          status: 404,
          foundOn: 'https://bm.example.gov.cn/',
          text: '失效的通知',
        },
      ],
      vetoes: [
        {
          code: 'homeStale',
          message: '首页 14 天内没有更新：最新信息发布于 2026-04-20',
          evidence: [
            {
              url: 'https://bm.example.gov.cn/',
              at: '2026-05-11T01:00:06.000Z',
              status: 200,
              text: '2026-04-20',
            },
          ],
        },
      ],
      deductions: [{ item: '链接可用性', points: 3.5, message: '失效链接 1 个' }],
      score: 71.5,
      verdict: 'veto',
    },
    robots: {
      url: 'https://bm.example.gov.cn/robots.txt',
      status: 404,
      decision: 'absent',
      crawlDelayMs: null,
      skipped: [],
    },
    results,
    counts,
    trend: {
      previous: run({
        id: 'prev',
        score: 68,
        vetoCodes: ['unreachable'],
        finishedAt: '2026-04-11T01:12:00.000Z',
      }),
      scoreChange: 3.5,
      newVetoes: ['homeStale'],
      clearedVetoes: ['unreachable'],
      violationsBefore: 4,
      violationsNow: 1,
    },
    availability: { days: 7, probes: 168, failed: 1, failedShare: 1 / 168, recentFailures: [] },
    mayReview: true,
    mayRun: true,
    mayManage: true,
    ...over,
  };
}

const cellText = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));

async function readBook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const ws = wb.getWorksheet(name);
    assert.ok(ws, `工作表“${name}”`);
    const out: string[][] = [];
    ws.eachRow((row) => out.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellText)));
    return { ws, rows: out };
  };
  return { wb, rows };
}

describe('the self-inspection report as XLSX', () => {
  it('has the four sheets, each with a bold frozen header', async () => {
    const { wb, rows } = await readBook(await reportWorkbook(report()));
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['概况', '问题清单', '栏目', '失效链接'],
    );
    for (const name of ['概况', '问题清单', '栏目', '失效链接']) {
      const { ws } = rows(name);
      assert.equal(ws.getRow(1).font?.bold, true, name);
      assert.equal(ws.views[0]?.state, 'frozen', name);
      assert.ok((ws.getColumn(1).width ?? 0) > 5, name);
    }
  });

  it('gives the verdict, the score, the veto with its evidence and the trend on 概况', async () => {
    const { rows } = await readBook(await reportWorkbook(report()));
    const overview = new Map(rows('概况').rows.map(([k, v]) => [k, v]));
    assert.equal(overview.get('检查结论'), '单项否决（不合格）');
    assert.equal(overview.get('得分'), '71.5');
    assert.equal(overview.get('主办单位'), '晋江市某某局');
    assert.equal(overview.get('检查时间'), '2026-05-11 09:12');
    assert.equal(overview.get('爬虫协议'), '未提供 robots.txt');
    assert.equal(overview.get('首页可用率'), '可用率 99.4%（7 天 168 次探测）');
    const stale = overview.get('单项否决：首页不更新')!;
    assert.match(stale, /^是。首页 14 天内没有更新/);
    assert.match(
      stale,
      /https:\/\/bm\.example\.gov\.cn\/ {2}2026-05-11 09:00 {2}状态码 200 {2}依据：“2026-04-20”/,
    );
    assert.match(overview.get('单项否决：站点无法访问')!, /^否/);
    assert.match(overview.get('单项否决：互动回应差')!, /^不适用。不是本平台门户/);
    assert.match(overview.get('扣分：链接可用性')!, /扣 3\.5 分/);
    assert.match(
      overview.get('与上次检查比较')!,
      /比上次检查 \+3\.5 分；新增单项否决：首页不更新；已消除：站点无法访问/,
    );
    assert.match(overview.get('整改要求')!, /请责任单位晋江市某某局/);
  });

  it('lists failures and confirmed reviews as problems, not dismissed ones or passes', async () => {
    const { rows } = await readBook(await reportWorkbook(report()));
    const problems = rows('问题清单').rows;
    assert.deepEqual(problems[0], ['序号', '指标', '问题', '页面地址', '时间', '依据/证据']);
    assert.equal(problems.length, 3);
    assert.equal(problems[1]![1], '首页更新');
    assert.match(problems[1]![2]!, /已 21 天未更新/);
    assert.equal(problems[1]![3], 'https://bm.example.gov.cn/');
    assert.equal(problems[1]![4], '2026-05-11 09:00');
    assert.match(problems[2]![2]!, /疑似暗链.*（已确认是问题）/);
    assert.ok(!problems.some((p) => p.join().includes('被驳回')));
  });

  it('lists the columns and the broken links', async () => {
    const { rows } = await readBook(await reportWorkbook(report()));
    assert.deepEqual(rows('栏目').rows[1], [
      '工作动态',
      'https://bm.example.gov.cn/gzdt/',
      '动态要闻类',
      '20',
      '2026-04-20',
      '超期未更新',
    ]);
    assert.deepEqual(rows('失效链接').rows[1], [
      'https://bm.example.gov.cn/missing.html',
      '404',
      'https://bm.example.gov.cn/',
      '失效的通知',
    ]);
  });

  it('refuses a run that has not finished', async () => {
    await assert.rejects(
      reportWorkbook(report({ summary: null, run: run({ state: 'crawling' }) })),
      /尚未完成/,
    );
    await assert.rejects(
      reportDocument(report({ summary: null, run: run({ state: 'queued' }) })),
      /尚未完成/,
    );
  });
});

describe('the self-inspection report as DOCX', () => {
  const text = async (r: RunReport) =>
    (await mammoth.extractRawText({ buffer: await reportDocument(r) })).value;
  const lines = (t: string) =>
    t
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);

  it('is titled by the site and the quarter of the run, in Beijing time', async () => {
    const l = lines(await text(report()));
    assert.equal(l[0], '晋江市某某局网站自查报告（2026年第2季度）');
    // 2026-03-31 17:00 UTC is already 1 April in Beijing: the second quarter.
    const atEdge = lines(await text(report({ run: run({ finishedAt: '2026-03-31T17:00:00.000Z' }) })));
    assert.equal(atEdge[0], '晋江市某某局网站自查报告（2026年第2季度）');
  });

  it('has the six parts in order with the verdict, the veto, the score, the problems and the agency', async () => {
    const t = await text(report());
    const l = lines(t);
    const at = (s: string) => {
      const i = l.indexOf(s);
      assert.ok(i >= 0, `缺少“${s}”`);
      return i;
    };
    const parts = [
      '一、基本情况',
      '二、单项否决指标',
      '三、扣分指标',
      '四、发现的问题清单',
      '五、与上次检查比较',
      '六、整改要求',
    ].map(at);
    assert.deepEqual(
      parts,
      [...parts].sort((a, b) => a - b),
    );
    assert.ok(l.includes('网站标识码：3505820001'));
    assert.ok(l.includes('主办单位：晋江市某某局'));
    assert.ok(l.includes('检查页面数：42 个（共检查地址 310 个）'));
    assert.match(t, /检查结论：单项否决（不合格），得分 71\.5 分/);
    assert.ok(l.includes('本次检查触及单项否决指标 1 项，网站检查结论为不合格。'));
    assert.ok(l.includes('首页 14 天内没有更新：最新信息发布于 2026-04-20'));
    assert.ok(l.includes('合计扣 3.5 分，得分 71.5 分（满分 100 分）。检查结论：单项否决（不合格）。'));
    assert.ok(l.includes('首页最新信息发布于 2026-04-20，已 21 天未更新'));
    assert.ok(l.includes('疑似暗链：隐藏的站外链接（已确认是问题）'));
    assert.ok(!t.includes('被驳回'));
    assert.ok(l.includes('比上次检查 +3.5 分；新增单项否决：首页不更新；已消除：站点无法访问。'));
    assert.match(l[at('六、整改要求') + 1]!, /^请责任单位晋江市某某局对照本报告/);
  });

  it('says so when nothing was found and there is no earlier run', async () => {
    const r = report();
    const t = await text({
      ...r,
      summary: { ...r.summary!, vetoes: [], deductions: [], score: 100, verdict: 'pass', brokenLinks: [] },
      results: r.results.filter((x) => x.outcome === 'pass'),
      trend: null,
    });
    const l = lines(t);
    assert.ok(l.includes('本次检查未触及单项否决指标。'));
    assert.ok(l.includes('没有扣分项，得分 100 分（满分 100 分）。检查结论：合格。'));
    assert.ok(l.includes('本次检查未发现问题。'));
    assert.ok(l.includes('本次为该网站首次完成的检查，没有可比较的记录。'));
  });
});
