import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { staffActor } from '../../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../../test/harness/engines.js';
import { systemActor, type Actor } from '../../../platform/access.js';
import { FixedClock } from '../../../platform/clock.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import { agencies, type Agency } from '../../agencies/index.js';
import { demo } from '../../demo/index.js';
import * as annualReports from '../compile/annual-report.service.js';
import type { ReportData } from '../contract/report.js';
import * as publishedReports from '../published/published-report.service.js';
import type { Comparison } from './comparison.js';
import * as comparisons from './comparison.service.js';

const seed = readFileSync('test/fixtures/annual-report/jinjiang-2020-annual-report.md', 'utf8');

/**
 * A short published report of the city as a reader finds it on the web: table 三 with a given
 * 本年新收, 上年结转, 予以公开 and 结转下年度 (all by natural persons), consistent in itself.
 */
function cityReport(
  year: number,
  f: { received: number; carriedOver: number; carriedForward: number },
): Buffer {
  const done = f.received + f.carriedOver - f.carriedForward;
  const row = (label: string, n: number) => `| ${label} | ${n} | 0 | 0 | 0 | 0 | 0 | ${n} |`;
  const proactive =
    year >= 2021
      ? `| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 5 | 1 | 130 |`
      : `| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
| 规章 | 1 | 1 | 10 |
| 规范性文件 | 2 | 2 | 20 |`;
  return Buffer.from(
    `晋江市人民政府${year}年政府信息公开工作年度报告
一、总体情况
二、主动公开政府信息情况
第二十条第（一）项
${proactive}
三、收到和处理政府信息公开申请情况
${row('一、本年新收政府信息公开申请数量', f.received)}
${row('二、上年结转政府信息公开申请数量', f.carriedOver)}
${row('（一）予以公开', done)}
${row('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 0)}
${row('（七）总计', done)}
${row('四、结转下年度继续办理', f.carriedForward)}
四、政府信息公开行政复议、行政诉讼情况
| 1 | 1 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
五、存在的主要问题及改进情况
六、其他需要报告的事项
未收取信息处理费。
`,
    'utf8',
  );
}

const total = (d: ReportData, row: keyof ReportData['requests']) => d.requests[row]![6];

describeEachEngine('annual reports side by side', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  const clock = new FixedClock('2026-12-06T02:00:00Z');
  const ctx = (actor: Actor = systemActor('测试')) => testCtx(h, actor, clock);
  let root: Agency;
  let cizao: Agency;
  let head: Actor;
  let built2020: ReportData;
  let builtId: string;
  const recorded: Record<number, string> = {};

  before(async () => {
    h = await openTestDatabase(engine);
    await demo.load(ctx(), { content: true, operations2020: true });
    root = (await agencies.root(ctx()))!;
    cizao = (await agencies.listPublic(ctx())).find((a) => a.shortName === '磁灶镇')!;
    head = staffActor('officeHead', root, null);
    const [published] = await annualReports.publishedOf(ctx(), root.id);
    builtId = published!.id;
    built2020 = (await annualReports.publicView(ctx(), builtId))!.data;
    // The city's reports published before the platform, read by the checker and recorded: 2019,
    // 2021 (whose 上年结转 of 5 contradicts the 2020 report's 结转下年度 of 0), and 2020's too.
    const files: Array<[number, string, Buffer]> = [
      [2019, '晋江市2019年报.md', cityReport(2019, { received: 200, carriedOver: 0, carriedForward: 0 })],
      [2021, '晋江市2021年报.md', cityReport(2021, { received: 40, carriedOver: 5, carriedForward: 0 })],
      [2020, '晋江市2020年报.md', Buffer.from(seed, 'utf8')],
    ];
    for (const [year, name, bytes] of files) {
      const checked = await publishedReports.check(ctx(head), { name, bytes });
      await publishedReports.attach(ctx(head), checked.id, { agencyId: root.id, year: String(year) });
      recorded[year] = checked.id;
    }
  });
  after(async () => h.cleanup());

  const cityOver = (from: number, to: number, actor = head) =>
    comparisons.compare(ctx(actor), { agencyIds: [root.id, cizao.id], from: String(from), to: String(to) });

  it('computes the demo city’s 2020 indicators as the named cells of its published report give them', async () => {
    const c = await cityOver(2020, 2020);
    const r = c.reports.find((x) => x.agencyId === root.id && x.year === 2020)!;
    assert.equal(r.report.source, 'built', 'the platform’s own report');
    assert.equal(r.report.id, builtId);
    const d = built2020;
    // The seed's table 三, as the demo's 231 applications rebuild it.
    assert.equal(total(d, 'received'), 231);
    assert.equal(total(d, 'granted'), 142);
    assert.equal(total(d, 'partiallyGranted'), 21);
    const outcomes = total(d, 'total');
    assert.equal(outcomes, 231);
    const withheld =
      total(d, 'withheld.stateSecret') +
      total(d, 'withheld.lawProhibited') +
      total(d, 'withheld.securityStability') +
      total(d, 'withheld.thirdPartyRights') +
      total(d, 'withheld.internalAffairs') +
      total(d, 'withheld.processInformation') +
      total(d, 'withheld.enforcementFile') +
      total(d, 'withheld.administrativeQuery');
    const unavailable =
      total(d, 'unavailable.notHeld') +
      total(d, 'unavailable.needsCreation') +
      total(d, 'unavailable.stillUnclear');
    const notProcessed =
      total(d, 'notProcessed.petition') +
      total(d, 'notProcessed.repeated') +
      total(d, 'notProcessed.publication') +
      total(d, 'notProcessed.excessive') +
      total(d, 'notProcessed.confirmation');
    assert.deepEqual(
      [withheld, unavailable, notProcessed],
      [6, 56, 6],
      'the seed’s 不予公开, 无法提供, 不予处理',
    );
    const rates = r.indicators.rates;
    assert.deepEqual(rates.grantedRate, { numerator: 163, denominator: 231, value: (142 + 21) / 231 });
    assert.deepEqual(rates.withheldRate, { numerator: 6, denominator: 231, value: 6 / 231 });
    assert.deepEqual(rates.unavailableRate, { numerator: 56, denominator: 231, value: 56 / 231 });
    assert.deepEqual(rates.notProcessedRate, { numerator: 6, denominator: 231, value: 6 / 231 });
    const handled = total(d, 'received') + total(d, 'carriedOver');
    assert.deepEqual(rates.carriedForwardRate, {
      numerator: total(d, 'carriedForward'),
      denominator: handled,
      value: total(d, 'carriedForward') / handled,
    });
    // 复议: 2 upheld, none corrected; 诉讼: 直接起诉 1 other and 4 pending of 5, 复议后起诉 2 corrected of 5.
    const review = d.appeals.review!;
    assert.deepEqual(rates.reviewCorrectedRate, {
      numerator: review.corrected,
      denominator: review.total - review.pending,
      value: 0 / 2,
    });
    const direct = d.appeals.litigationDirect!;
    const after = d.appeals.litigationAfterReview!;
    assert.deepEqual(rates.litigationCorrectedRate, {
      numerator: direct.corrected + after.corrected,
      denominator: direct.total - direct.pending + (after.total - after.pending),
      value: 2 / 6,
    });
    assert.equal(r.indicators.received, 231);
    assert.equal(c.minCases, 10);
  });

  it('uses the platform’s own report where a published text is recorded too, and says so', async () => {
    const c = await cityOver(2020, 2020);
    const r = c.reports.find((x) => x.year === 2020)!;
    assert.equal(r.report.href, `/admin/annual-reports/${builtId}`);
    assert.equal(r.setAside?.id, recorded[2020]);
    assert.equal(r.setAside?.href, `/admin/reports/${recorded[2020]}`);
    assert.match(r.setAside!.label, /晋江市人民政府2020年年报（已发布文本“晋江市2020年报\.md”）/);
  });

  it('takes the recorded texts for the other years: received, its change, and the year-chain naming both', async () => {
    const c = await cityOver(2019, 2021);
    const city = c.reports.filter((r) => r.agencyId === root.id);
    assert.deepEqual(
      city.map((r) => [r.year, r.report.source]),
      [
        [2019, 'published'],
        [2020, 'built'],
        [2021, 'published'],
      ],
    );
    const [y2019, y2020, y2021] = city;
    assert.equal(y2019!.indicators.received, 200);
    assert.equal(y2019!.receivedChange, null, 'no report of 2018');
    assert.deepEqual(y2020!.receivedChange, { numerator: 231 - 200, denominator: 200, value: 31 / 200 });
    assert.deepEqual(y2021!.receivedChange, { numerator: 40 - 231, denominator: 231, value: -191 / 231 });
    assert.deepEqual(y2021!.indicators.rates.carriedForwardRate, { numerator: 0, denominator: 45, value: 0 });
    assert.deepEqual(y2021!.indicators.rates.grantedRate, { numerator: 45, denominator: 45, value: 1 });
    // The text prints no 不予公开 rows: that rate is not read, rather than taken as 0 of 45.
    assert.equal(y2021!.indicators.rates.withheldRate, null);
    // 磁灶镇 has no report in any year: listed as missing, not guessed.
    assert.deepEqual(
      c.missing.map((m) => [m.agencyName, m.year]),
      [2019, 2020, 2021].map((y) => [cizao.name, y]),
    );
    // 2020's 结转下年度 (0) against 2021's 上年结转 (5): one year-chain finding per column that
    // differs, naming the built 2020 report and the recorded 2021 text.
    const chain = c.findings.filter((f) => f.check === 'year-chain');
    assert.ok(chain.length >= 1, JSON.stringify(c.findings));
    for (const f of chain) {
      assert.equal(f.year, 2021);
      assert.equal(f.previous.id, builtId);
      assert.equal(f.current.id, recorded[2021]);
      assert.match(
        f.message,
        /晋江市人民政府2020年年报（平台生成）”?与“?晋江市人民政府2021年年报（已发布文本/,
      );
    }
    assert.ok(
      chain.some((f) => [f.expected, f.actual].sort().join() === '0,5'),
      'the 5 carried over against the 0 carried forward',
    );
    assert.equal(
      c.findings.filter((f) => f.previous.id === recorded[2019] && f.check === 'year-chain').length,
      0,
      '2019 → 2020 is consistent (0 carried forward, 0 carried over)',
    );
  });

  it('lets a clerk compare only their own agency', async () => {
    const clerk = staffActor('clerk', cizao, null);
    await assert.rejects(cityOver(2020, 2020, clerk), ForbiddenError);
    await assert.rejects(
      comparisons.compare(ctx(clerk), { agencyIds: root.id, from: '2020', to: '2020' }),
      ForbiddenError,
    );
    const own = await comparisons.compare(ctx(clerk), { agencyIds: cizao.id, from: '2020', to: '2020' });
    assert.deepEqual(own.agencies, [{ id: cizao.id, name: cizao.name }]);
    const page = await comparisons.comparePage(ctx(clerk), {});
    assert.ok(page.choices.length >= 1);
    for (const a of page.choices) assert.ok(a.path.startsWith(cizao.path), `${a.name} is within 磁灶镇`);
    // The supervisor (监督员) of the city compares the whole city.
    const supervisor = staffActor('supervisor', root, null);
    const all = await cityOver(2020, 2020, supervisor);
    assert.equal(all.reports.length, 1);
  });

  it('names the field of bad input, in Chinese', async () => {
    const fieldsOf = async (raw: Record<string, unknown>) => {
      try {
        await comparisons.compare(ctx(head), raw);
      } catch (e) {
        if (e instanceof ValidationError) return e.fields;
        throw e;
      }
      assert.fail('accepted');
    };
    assert.deepEqual(await fieldsOf({ from: '2020', to: '2020' }), [
      { field: 'agencyIds', message: '请选择至少一个机构' },
    ]);
    assert.deepEqual(await fieldsOf({ agencyIds: [root.id], from: '2021', to: '2019' }), [
      { field: 'to', message: '截止年度不能早于起始年度' },
    ]);
    assert.deepEqual(await fieldsOf({ agencyIds: ['x'], from: '二〇二〇', to: '2020' }), [
      { field: 'agencyIds', message: '机构中有无法识别的选项，请重新选择' },
      { field: 'from', message: '起始年度应为整数' },
    ]);
    assert.deepEqual(
      await fieldsOf({ agencyIds: ['0190a0b0-0000-7000-8000-000000000000'], from: '2020', to: '2020' }),
      [{ field: 'agencyIds', message: '所选机构不存在，请重新选择' }],
    );
    const page = await comparisons.comparePage(ctx(head), { agencyIds: [root.id], from: '2021', to: '2000' });
    assert.equal(page.comparison, null);
    assert.deepEqual(
      page.errors.map((e) => e.field),
      ['to'],
    );
  });

  it('downloads every table as CSV with a byte-order mark and as a workbook of numbers', async () => {
    const query = { agencyIds: [root.id, cizao.id], from: '2019', to: '2021' };
    const c: Comparison = await comparisons.compare(ctx(head), query);
    const csv = await comparisons.download(ctx(head), { ...query, table: 'indicators', format: 'csv' });
    assert.equal(csv.mediaType, 'text/csv; charset=utf-8');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
    assert.match(
      lines[0]!,
      /^机构,年度,报告,来源,格式,本年新收,上年新收,新收变化率,公开率,公开率分子,公开率分母,公开率样本过少,公开率排名,/,
    );
    assert.equal(lines.length, c.reports.length + 2, 'a header, a line per report, and the final line end');
    const line2020 = lines.find((l) => l.startsWith(`${root.name},2020,`))!;
    assert.ok(line2020.includes(`,231,200,0.155,0.7056,163,231,否,1/1,`), line2020);
    const findings = await comparisons.download(ctx(head), { ...query, table: 'findings', format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(findings.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    assert.equal(sheet.name, '跨年度检查');
    assert.equal(sheet.rowCount, c.findings.length + 1);
    assert.equal(sheet.getCell(2, 2).value, 2021, 'a year as a number');
    assert.match(String(sheet.getCell(2, 10).value), /2021年年报（已发布文本/);
    await assert.rejects(
      comparisons.download(ctx(head), { ...query, table: 'people', format: 'csv' }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'table',
    );
  });
});
