import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluate } from './indicators.js';
import {
  FETCHED,
  HOME,
  NOW,
  TODAY,
  ago,
  columnUrl,
  healthy,
  page,
  site,
  type ColumnSpec,
  type SiteSpec,
} from './indicators.test-support.js';
import type { Evaluation } from './inspection.js';
import { defaultRules } from './rules.js';

// The 单项否决 items and the freshness rules of the inspector (issue 17 §2 and its acceptance).
const codes = (e: Evaluation) => e.vetoes.map((v) => v.code);
const stale = (title: string, age: number): ColumnSpec => ({ title, kind: 'dated', ages: [age] });
const many = (n: number, make: (i: number) => ColumnSpec) => Array.from({ length: n }, (_, i) => make(i));
const withColumns = (columns: ColumnSpec[]): SiteSpec => ({
  ...healthy,
  columns: [...healthy.columns, ...columns],
});

describe('a healthy site', () => {
  const e = evaluate(site(healthy));
  it('has no veto, no deduction, and every result carries evidence', () => {
    assert.deepEqual(codes(e), []);
    assert.deepEqual(e.deductions, []);
    assert.equal(e.score, 100);
    assert.equal(e.verdict, 'pass');
    assert.equal(e.reachable, true);
    assert.equal(e.homeUpdated, ago(1));
    assert.equal(e.homeStale, false);
    assert.ok(
      e.results.every((r) => r.evidence.length > 0 && r.outcome !== 'violation'),
      JSON.stringify(e.results),
    );
  });
  it('judges each nav column by its class, and leaves a static page out', () => {
    assert.deepEqual(e.columns, [
      {
        title: '工作动态',
        url: columnUrl(0),
        class: 'dynamic',
        items: 2,
        latest: ago(2),
        stale: false,
        empty: false,
      },
      {
        title: '通知公告',
        url: columnUrl(1),
        class: 'noticePolicy',
        items: 1,
        latest: ago(30),
        stale: false,
        empty: false,
      },
      {
        title: '政策解读',
        url: columnUrl(2),
        class: 'other',
        items: 1,
        latest: ago(100),
        stale: false,
        empty: false,
      },
    ]);
  });
  it('lists its results in the order of the report, not-applicable ones with their reason', () => {
    const order = e.results.map((r) => r.indicator);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => indicatorsIndex(a) - indicatorsIndex(b)),
    );
  });
});
import { indicators } from './inspection.js';
const indicatorsIndex = (i: (typeof indicators)[number]) => indicators.indexOf(i);

describe('站点无法访问', () => {
  it('one-shot: an unanswered home page is the veto, with the fetch as evidence, and nothing else is', () => {
    const e = evaluate(site({ ...healthy, homeStatus: null, homeError: '连接超时（15 秒）' }));
    assert.deepEqual(codes(e), ['unreachable']);
    assert.deepEqual(e.vetoes[0]!.evidence, [
      { url: HOME, at: FETCHED, status: null, text: '连接超时（15 秒）' },
    ]);
    assert.equal(e.reachable, false);
    assert.equal(e.homeUpdated, null);
    assert.equal(e.homeStale, false, 'not judged: the home page was not read');
    assert.deepEqual(e.columns, []);
    assert.equal(e.verdict, 'veto');
    const homeFreshness = e.results.find((r) => r.indicator === 'homeFreshness')!;
    assert.equal(homeFreshness.outcome, 'inapplicable');
  });
  it('one-shot: a 5xx home page is unreachable too', () => {
    const e = evaluate(site({ ...healthy, homeStatus: 503 }));
    assert.deepEqual(codes(e), ['unreachable']);
    assert.equal(e.vetoes[0]!.evidence[0]!.status, 503);
  });
  it('probes: 7 days × 24 — 6 or 8 failures (3.6%, 4.8%) pass, 9 (5.4%) fail', () => {
    for (const [failed, vetoed] of [
      [0, false],
      [6, false],
      [8, false],
      [9, true],
      [168, true],
    ] as const) {
      const e = evaluate(site({ ...healthy, probes: { perDay: 24, failed } }));
      assert.deepEqual(codes(e), vetoed ? ['unreachable'] : [], `${failed} failures`);
      assert.equal(e.reachable, !vetoed);
      if (vetoed) {
        const evidence = e.vetoes[0]!.evidence;
        assert.match(evidence[0]!.text!, new RegExp(`监测首页 168 次，失败 ${failed} 次`));
        assert.equal(evidence.length, 1 + Math.min(failed, 20));
        assert.equal(evidence[1]!.text, '连接超时（15 秒）');
      }
    }
  });
  it('probes: exactly 5% (7 of 140) is a veto, 6 of 140 is not', () => {
    assert.deepEqual(codes(evaluate(site({ ...healthy, probes: { perDay: 20, failed: 7 } }))), [
      'unreachable',
    ]);
    assert.deepEqual(codes(evaluate(site({ ...healthy, probes: { perDay: 20, failed: 6 } }))), []);
  });
  it('probes: failures below the veto line take points, all probes answered take none', () => {
    const e = evaluate(site({ ...healthy, probes: { perDay: 24, failed: 6 } }));
    assert.deepEqual(
      e.deductions.map((d) => [d.item, d.points]),
      [['首页可用性', 4]],
    );
    assert.deepEqual(evaluate(site({ ...healthy, probes: { perDay: 24, failed: 0 } })).deductions, []);
  });
  it('probes: fewer than 20 a day is "监测次数不足" — needs review, neither pass nor veto', () => {
    const e = evaluate(site({ ...healthy, probes: { perDay: 19, failed: 60 } }));
    assert.deepEqual(codes(e), []);
    const r = e.results.find((x) => x.indicator === 'availability')!;
    assert.equal(r.outcome, 'review');
    assert.match(r.message, /^监测次数不足/);
    assert.equal(e.reachable, true, 'the home page answered this run');
  });
});

describe('首页不更新', () => {
  it('13 and 14 days old is fresh, 15 days old is stale and a veto with the newest item as evidence', () => {
    for (const [age, isStale] of [
      [13, false],
      [14, false],
      [15, true],
    ] as const) {
      const e = evaluate(site({ ...healthy, homeAges: [age, age + 20] }));
      assert.equal(e.homeStale, isStale, `${age} days`);
      assert.equal(e.homeUpdated, ago(age));
      assert.deepEqual(codes(e), isStale ? ['homeStale'] : []);
      if (isStale) {
        assert.match(e.vetoes[0]!.message, new RegExp(`${ago(15)}，距检查日 15 天，超过 14 天`));
        assert.equal(e.vetoes[0]!.evidence[0]!.text, `「信息0」${ago(15)}（${HOME}news/0.htm）`);
      }
    }
  });
  it('an undated home page is stale (未注明发布时间的视为不更新)', () => {
    const e = evaluate(site({ ...healthy, homeAges: [], homeUndated: 12 }));
    assert.equal(e.homeStale, true);
    assert.equal(e.homeUpdated, null);
    assert.deepEqual(codes(e), ['homeStale']);
    assert.match(e.vetoes[0]!.message, /未注明发布时间的视为不更新/);
    assert.match(e.vetoes[0]!.evidence[0]!.text!, /另有 12 条未注明日期/);
  });
  it('counts the PubDate of a page linked from the home page', () => {
    const input = site({ ...healthy, homeAges: [] });
    const article = page(`${HOME}news/t20261210_1.htm`, { title: '晋江市召开常务会议', pubDate: ago(4) });
    input.home.facts!.links.push({ url: article.url, text: '晋江市召开常务会议', hidden: false, date: null });
    input.crawled.push(article);
    const e = evaluate(input);
    assert.equal(e.homeUpdated, ago(4));
    assert.deepEqual(codes(e), []);
  });
  it('does not let a date after the check day make the home page fresh, and asks a person to look', () => {
    const e = evaluate(site({ ...healthy, homeAges: [-3, 20] }));
    assert.equal(e.homeUpdated, ago(20));
    assert.deepEqual(codes(e), ['homeStale']);
    const review = e.results.find((r) => r.rule === 'futureDate')!;
    assert.equal(review.outcome, 'review');
  });
  it('a navigation-hub home page is judged by its second-level pages only when the rules say so', () => {
    const hub = { ...healthy, homeAges: [] };
    assert.deepEqual(codes(evaluate(site(hub))), ['homeStale']);
    const input = { ...site(hub), rules: { ...defaultRules, homeNavigationHub: true } };
    const e = evaluate(input);
    assert.deepEqual(codes(e), []);
    assert.equal(e.homeUpdated, ago(2));
  });
});

describe('栏目不更新 and 空白栏目', () => {
  it('4 stale 动态/通知/政策 columns pass, 5 are a veto naming each column', () => {
    const key = (i: number) => stale(i % 2 ? `通知公告${i}` : `工作动态${i}`, i % 2 ? 184 : 15);
    const four = evaluate(site(withColumns(many(4, key))));
    assert.deepEqual(codes(four), []);
    assert.equal(four.columns.filter((c) => c.stale).length, 4);
    const five = evaluate(site(withColumns(many(5, key))));
    assert.deepEqual(codes(five), ['columnsStale']);
    assert.equal(five.vetoes[0]!.evidence.length, 5);
    assert.match(five.vetoes[0]!.message, /超期未更新 5 个/);
    assert.deepEqual(
      five.vetoes[0]!.evidence.map((x) => x.url),
      [4, 5, 6, 7, 8].map(columnUrl),
    );
    assert.match(
      five.vetoes[0]!.evidence[0]!.text!,
      /「工作动态0」（动态要闻类）1 条，最新 .*，距检查日 15 天，期限 14 天/,
    );
  });
  it('a dynamic column 13 days old is fresh, 15 days old stale; a notice column 183 fresh, 184 stale', () => {
    const e = evaluate(
      site(
        withColumns([
          stale('要闻', 13),
          stale('新闻发布', 15),
          stale('公告', 183),
          stale('政策文件', 184),
          stale('人事信息', 365),
          stale('统计数据', 366),
        ]),
      ),
    );
    assert.deepEqual(
      e.columns.slice(3).map((c) => [c.title, c.class, c.stale]),
      [
        ['要闻', 'dynamic', false],
        ['新闻发布', 'dynamic', true],
        ['公告', 'noticePolicy', false],
        ['政策文件', 'noticePolicy', true],
        ['人事信息', 'other', false],
        ['统计数据', 'other', true],
      ],
    );
  });
  it('9 stale columns of any class pass, 10 are a veto', () => {
    const other = (i: number) => stale(`专题${i}`, 400);
    assert.deepEqual(codes(evaluate(site(withColumns(many(9, other))))), []);
    const ten = evaluate(site(withColumns(many(10, other))));
    assert.deepEqual(codes(ten), ['columnsStale']);
    assert.equal(ten.vetoes[0]!.evidence.length, 10);
  });
  it('4 empty columns pass, 5 are a veto; a list of undated items is no column but a question for a person', () => {
    const empty = (i: number): ColumnSpec => ({ title: `空栏目${i}`, kind: 'empty', ages: [] });
    const four = evaluate(site(withColumns(many(4, empty))));
    assert.deepEqual(codes(four), []);
    assert.equal(four.columns.filter((c) => c.empty).length, 4);
    const five = evaluate(site(withColumns(many(5, empty))));
    assert.deepEqual(codes(five), ['emptyColumns']);
    assert.deepEqual(
      five.vetoes[0]!.evidence.map((x) => x.text),
      [0, 1, 2, 3, 4].map((i) => `「空栏目${i}」显示无信息（如"暂无信息"）`),
    );
    assert.ok(
      five.columns.filter((c) => c.empty).every((c) => !c.stale && c.items === 0 && c.latest === null),
    );
    // Five pages listing only undated items (a directory, a list without dates): not columns, no
    // veto, each a 待人工确认 result.
    const undated = evaluate(
      site(withColumns(many(5, (i) => ({ title: `目录${i}`, kind: 'undated', ages: [] })))),
    );
    assert.deepEqual(codes(undated), []);
    assert.ok(!undated.columns.some((c) => c.title.startsWith('目录')));
    assert.equal(
      undated.results.filter((r) => r.rule === 'columnUndated' && r.outcome === 'review').length,
      5,
    );
  });
  it('follows the site’s column rules: a class by title or URL, or ignore', () => {
    const input = site(withColumns(many(5, (i) => stale(`专项工作${i}`, 20))));
    assert.deepEqual(codes(evaluate(input)), []);
    const overrides = [
      { title: '专项工作0', class: 'dynamic' as const },
      { title: '专项工作1', class: 'dynamic' as const },
      { url: columnUrl(6), class: 'dynamic' as const },
      { url: columnUrl(7).slice(0, -1), class: 'noticePolicy' as const },
      { title: '专项工作4', class: 'dynamic' as const },
      { title: '工作动态', class: 'ignore' as const },
    ];
    const e = evaluate({ ...input, siteColumns: overrides });
    assert.deepEqual(
      e.columns.map((c) => [c.title, c.class, c.stale]),
      [
        ['通知公告', 'noticePolicy', false],
        ['政策解读', 'other', false],
        ['专项工作0', 'dynamic', true],
        ['专项工作1', 'dynamic', true],
        ['专项工作2', 'dynamic', true],
        ['专项工作3', 'noticePolicy', false],
        ['专项工作4', 'dynamic', true],
      ],
    );
    assert.deepEqual(codes(e), []);
    const all = evaluate({ ...input, siteColumns: [...overrides, { title: '专项工作3', class: 'dynamic' }] });
    assert.deepEqual(codes(all), ['columnsStale']);
  });
  it('takes the title from the nav link, else the ColumnName tag; leaves out pages not crawled', () => {
    const input = site(healthy);
    input.home.facts!.navLinks[0]!.text = '';
    input.home.facts!.navLinks.push({ url: `${HOME}never/`, text: '未抓取', hidden: false, date: null });
    const e = evaluate(input);
    assert.deepEqual(
      e.columns.map((c) => c.title),
      ['工作动态', '通知公告', '政策解读'],
    );
  });
});

describe('互动回应差', () => {
  const msg = (age: number) => ({
    title: `咨询${age}`,
    url: `${HOME}hdjl/${age}`,
    receivedAt: `${ago(age)}T02:00:00.000Z`,
  });
  it('a message unanswered for 91 days is a veto, 90 days is not, one from over a year ago is not counted', () => {
    assert.deepEqual(codes(evaluate(site({ ...healthy, unanswered: [msg(90), msg(366)] }))), []);
    const e = evaluate(site({ ...healthy, unanswered: [msg(90), msg(91), msg(200)] }));
    assert.deepEqual(codes(e), ['interactionBacklog']);
    assert.deepEqual(
      e.vetoes[0]!.evidence.map((x) => [x.url, x.text]),
      [
        [`${HOME}hdjl/91`, `「咨询91」${ago(91)} 收到，已 91 天未答复`],
        [`${HOME}hdjl/200`, `「咨询200」${ago(200)} 收到，已 200 天未答复`],
      ],
    );
  });
  it('counts a message answered after more than 90 days, by the day of its answer', () => {
    const late = { ...msg(200), answeredAt: `${ago(105)}T02:00:00.000Z` };
    const inTime = { ...msg(150), answeredAt: `${ago(65)}T02:00:00.000Z` };
    const e = evaluate(site({ ...healthy, unanswered: [late, inTime] }));
    assert.deepEqual(codes(e), ['interactionBacklog']);
    assert.deepEqual(
      e.vetoes[0]!.evidence.map((x) => x.text),
      [`「咨询200」${ago(200)} 收到，${ago(105)} 才答复（95 天）`],
    );
  });
  it('is not applicable to a site whose messages the platform does not hold', () => {
    const e = evaluate(site({ ...healthy, unanswered: null }));
    const r = e.results.find((x) => x.indicator === 'interaction')!;
    assert.equal(r.outcome, 'inapplicable');
  });
});

// Random sites for the properties: columns of every class and state, home items, broken links.
const columnArb: fc.Arbitrary<ColumnSpec> = fc.record({
  title: fc.constantFrom(
    '工作动态',
    '要闻',
    '通知公告',
    '政策文件',
    '政策解读',
    '人事信息',
    '统计数据',
    '财政预决算',
  ),
  kind: fc.constantFrom('dated', 'dated', 'empty', 'undated', 'static'),
  ages: fc.array(fc.integer({ min: -2, max: 500 }), { minLength: 1, maxLength: 4 }),
});
const siteArb: fc.Arbitrary<SiteSpec> = fc.record({
  homeAges: fc.array(fc.integer({ min: -2, max: 60 }), { maxLength: 4 }),
  homeUndated: fc.nat(5),
  columns: fc.array(columnArb, { maxLength: 16 }),
  brokenOnHome: fc.nat(12),
  brokenElsewhere: fc.nat(120),
  footer: fc.constantFrom(undefined, '', '主办单位：晋江市人民政府办公室'),
  probes: fc.option(fc.record({ perDay: fc.constantFrom(19, 24), failed: fc.nat(30) }), { nil: null }),
  unanswered: fc.constant(null),
});

const worse = (before: Evaluation, after: Evaluation) =>
  after.vetoes.some((v) => !codes(before).includes(v.code)) ||
  after.score < before.score ||
  after.columns.filter((c) => c.stale || c.empty).length >
    before.columns.filter((c) => c.stale || c.empty).length ||
  (!before.homeStale && after.homeStale);

describe('properties', () => {
  it('adding a fresh item (0–13 days old) anywhere never makes a site worse', () => {
    fc.assert(
      fc.property(
        siteArb,
        fc.integer({ min: -1, max: 15 }),
        fc.integer({ min: 0, max: 13 }),
        (spec, where, age) => {
          const before = evaluate(site(spec));
          const next: SiteSpec = structuredClone(spec);
          const col = next.columns[where];
          if (where < 0 || !col) next.homeAges.push(age);
          else
            next.columns[where] = {
              ...col,
              kind: 'dated',
              ages: col.kind === 'dated' ? [...col.ages, age] : [age],
            };
          const after = evaluate(site(next));
          assert.ok(
            !worse(before, after),
            JSON.stringify({ spec, where, age, before: codes(before), after: codes(after) }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
  it('the score stays within 0–100, a veto always gives the verdict veto, and below 60 fails', () => {
    fc.assert(
      fc.property(siteArb, (spec) => {
        const e = evaluate(site(spec));
        assert.ok(e.score >= 0 && e.score <= 100, String(e.score));
        if (e.vetoes.length) assert.equal(e.verdict, 'veto');
        else assert.equal(e.verdict, e.score < 60 ? 'fail' : 'pass');
        assert.ok(e.results.every((r) => r.evidence.length > 0));
        assert.ok(e.vetoes.every((v) => v.evidence.length > 0));
      }),
      { numRuns: 150 },
    );
  });
  it('judges days in Beijing: just after 16:00 UTC is already the next day', () => {
    const input = site({ ...healthy, homeAges: [14] });
    assert.deepEqual(codes(evaluate(input)), []);
    const late = { ...input, now: new Date(`${TODAY}T16:00:00Z`) };
    assert.deepEqual(codes(evaluate(late)), ['homeStale']);
    assert.equal(NOW.toISOString(), `${TODAY}T04:00:00.000Z`);
  });
});
