import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { outcomes } from '../../requests/index.js';
import { withheldReasonLabels } from '../../records/index.js';
import { checkPublishedReport } from '../published/read-and-check.js';
import { sample2020, sample2022 } from '../render/samples.js';
import { runArithmeticChecks } from './arithmetic-checks.js';
import { allChecks, checked } from './checks.js';
import { findingLine, whereLabel } from './finding-labels.js';
import { blocksPublication } from './review-checks.js';
import {
  balanceRows,
  checkLabels,
  groupTitle,
  itemName,
  outcomeName,
  outcomeRowsOf,
  printedRowsOf,
  requestRows,
  rowDef,
  type CheckName,
  type ReportData,
} from './report.js';
import { parseStoredReport, StoredReportInvalid } from './schema.js';

const seedFile = 'test/fixtures/annual-report/jinjiang-2020-annual-report.md';

/** A 2022 report as written on the platform: the tables, and the narrative sections as typed. */
function written(sections: { 一: string; 五: string; 六: string }): ReportData {
  const data = structuredClone(sample2022().data);
  return { ...data, narrative: { sections } };
}

describe('allChecks: every check of the contract, whichever door asks', () => {
  it('gives the checker of published reports exactly what it gave before (read: completeness, blank)', async () => {
    const r = await checkPublishedReport(seedFile, readFileSync(seedFile));
    const fresh = allChecks({ ...r.data!, findings: [] }, { read: r.info });
    assert.deepEqual(fresh, r.data!.findings);
    assert.deepEqual(
      fresh.filter((f) => f.severity === 'error').map((f) => `${f.check} ${f.where}`),
      ['row-sum requests.received', 'balance requests[commercialEnterprise]'],
    );
  });

  it('runs the arithmetic checks first, in their order, then the review checks', () => {
    const data = sample2020().data;
    data.requests.received = [215, 0, 0, 1, 3, 3, 231];
    const all = allChecks(data, { level: 'county' });
    assert.deepEqual(all.slice(0, runArithmeticChecks(data).length), runArithmeticChecks(data));
    assert.deepEqual(
      all.map((f) => f.check),
      ['row-sum', 'balance', 'plausibility'],
      'a county-level city printing 规章 figures is flagged after the sums',
    );
  });

  it('flags a report written on the platform whose sections still hold the template’s prompts', () => {
    const done = written({ 一: '全年工作情况。', 五: '问题与改进。', 六: '本年度未收取信息处理费。' });
    assert.deepEqual(
      allChecks(done, { written: true }).filter((f) => f.check === 'completeness'),
      [],
    );
    const draft = written({ 一: '（一）主动公开。（请填写主动公开的主要内容和渠道。）', 五: '', 六: '无。' });
    const found = allChecks(draft, {
      written: true,
      facts: { processingFees: { notices: 2, noticedYuan: 120.5, paid: 1, collectedYuan: 60 } },
    }).filter((f) => f.check === 'completeness');
    assert.deepEqual(
      found.map((f) => f.where),
      ['narrative.section1', 'narrative.section5', 'narrative.section6'],
    );
    assert.match(found[2]!.message, /发出收费通知 2 件，总金额 120.5 元；实际收取 60 元（1 件）/);
    assert.deepEqual(
      allChecks(draft).filter((f) => f.check === 'completeness'),
      [],
      'a report read from its text is not asked for the template’s sections',
    );
  });

  it('makes an unfinished paragraph block publication, naming its section and paragraph: prompt, placeholder, cut off', () => {
    const draft = written({
      一: '全年工作情况良好。\n（二）依申请公开。（请写明办理情况）\n（三）平台建设。政务新媒体 XX 个。',
      五: '（一）问题。人员不足，',
      六: '本年度未收取信息处理费。\n主要做法如下：',
    });
    const found = allChecks(draft, { written: true }).filter((f) => f.check === 'completeness');
    assert.deepEqual(
      found.map((f) => [blocksPublication(f), f.where]),
      [
        [true, 'narrative.section1'],
        [true, 'narrative.section1'],
        [true, 'narrative.section5'],
        [true, 'narrative.section6'],
      ],
    );
    assert.match(
      found[0]!.message,
      /^“一、总体情况”第 2 段（“（二）依申请公开。（请写明办理情况）”）仍有提示“（请写明办理情况）”/,
    );
    assert.match(found[1]!.message, /第 3 段.*仍有待填的“XX”/);
    assert.match(found[2]!.message, /“五、存在的主要问题及改进情况”第 1 段.*段落没有写完/);
    assert.match(found[3]!.message, /“六、其他需要报告的事项”第 2 段/);
    const fine = written({
      一: '主要做法如下：\n一是公开及时。网址 http://www.jinjiang.gov.cn/xxgk/。',
      五: '无。',
      六: '本年度未收取信息处理费。',
    });
    assert.deepEqual(
      allChecks(fine, { written: true }).filter((f) => f.check === 'completeness'),
      [],
      'a colon before the next paragraph and a web address are finished text',
    );
  });

  it('replaces the findings a report carried', () => {
    const data = {
      ...sample2020().data,
      findings: [{ check: 'blank', severity: 'warning', where: 'x', message: 'x' }],
    };
    assert.deepEqual(checked(data as ReportData).findings, allChecks(data as ReportData));
  });

  it('names every finding’s place in Chinese, never by its path', () => {
    const cases: Array<[string, string]> = [
      ['requests.received', '表三“本年新收”行'],
      ['requests[commercialEnterprise]', '表三商业企业列'],
      ['requests.total[naturalPerson]', '表三“总计”自然人列'],
      ['requests.withheld', '表三“不予公开”行'],
      ['requests.carriedOver[total]', '表三“上年结转”总计列'],
      ['appeals.review', '表四行政复议'],
      ['appeals.litigationDirect.pending', '表四行政诉讼（未经复议直接起诉）尚未审结'],
      ['proactive.rules', '表二“规章”'],
      ['proactive.licensing.decisions', '表二“行政许可”处理决定数量'],
      ['narrative.section1', '“一、总体情况”'],
      ['narrative.other', '“六、其他需要报告的事项”'],
      ['narrative', '正文'],
      ['appeals', '表四'],
      ['x', '报告'],
    ];
    for (const [where, label] of cases) assert.equal(whereLabel(where), label, where);
    const r = allChecks(sample2020().data, { level: 'county' });
    for (const f of r) assert.doesNotMatch(findingLine(f), /[a-z]+\.[a-z]+|[a-z]+-[a-z]+/i, findingLine(f));
  });

  it('names every check in Chinese for the pages', () => {
    const names = Object.keys(checkLabels) as CheckName[];
    assert.equal(names.length, 12);
    for (const n of names) assert.match(checkLabels[n], /^[\u4e00-\u9fff]+$/, n);
  });
});

describe('table 三 has one vocabulary', () => {
  it('lists the rows that are not outcomes once, and derives the printed and outcome rows', () => {
    assert.deepEqual(balanceRows, ['received', 'carriedOver', 'total', 'carriedForward']);
    assert.ok(!printedRowsOf('2021').includes('other'), 'in 2021 （六） is a heading');
    assert.ok(printedRowsOf('2019').includes('other'));
    assert.ok(!printedRowsOf('2019').includes('other.other'));
    for (const f of ['2019', '2021'] as const) {
      assert.deepEqual(
        [...outcomeRowsOf(f), ...balanceRows].sort(),
        [...printedRowsOf(f)].sort(),
        `${f}: every printed row is an outcome or in the balance`,
      );
    }
  });

  it('names groups and items from the rows: （三）不予公开, 属于国家秘密, 不予公开：属于国家秘密', () => {
    assert.equal(groupTitle('withheld.stateSecret'), '（三）不予公开');
    assert.equal(groupTitle('other.feeUnpaid'), '（六）其他处理');
    assert.equal(itemName('withheld.stateSecret'), '属于国家秘密');
    assert.equal(outcomeName('withheld.stateSecret'), '不予公开：属于国家秘密');
    assert.equal(outcomeName('granted'), '予以公开');
  });

  it('gives the requests module its outcome labels and articles, and records its withheld grounds', () => {
    for (const [key, o] of Object.entries(outcomes)) {
      const row = rowDef(key as keyof typeof outcomes);
      assert.ok(o.label.startsWith(outcomeName(row.key)), `${key}: ${o.label}`);
      assert.equal(o.basis, row.basis, key);
    }
    assert.equal(outcomes['withheld.stateSecret'].label, '不予公开：属于国家秘密');
    assert.equal(outcomes['withheld.thirdPartyRights'].basis, '第十五条、第三十二条');
    assert.equal(outcomes.partiallyGranted.label, '部分公开（区分处理）');
    assert.equal(withheldReasonLabels['withheld.stateSecret'], '属于国家秘密（第十四条）');
    assert.equal(withheldReasonLabels['withheld.processInformation'], '属于四类过程性信息（第十六条第二款）');
    const outcomeRowsWithBasis = requestRows.filter((r) => 'basis' in r).map((r) => r.key);
    assert.deepEqual(
      outcomeRowsWithBasis.sort(),
      Object.keys(outcomes).sort(),
      'every outcome row has its article',
    );
  });
});

describe('report data read back from the database', () => {
  it('is validated against the contract, not trusted', () => {
    const good = sample2020().data;
    assert.deepEqual(parseStoredReport(JSON.stringify(good), '测试'), good);
    assert.throws(() => parseStoredReport('{"schema":', '年度报告 1'), StoredReportInvalid);
    assert.throws(
      () => parseStoredReport(JSON.stringify({ ...good, requests: { received: [1, 2] } }), '年度报告 1'),
      (e: unknown) => e instanceof StoredReportInvalid && /年度报告 1：.*requests/.test(e.message),
    );
  });
});
