import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allChecks, type ReportCheckContext } from './checks.js';
import { figureText } from './figure-text.js';
import { findingLine } from './finding-labels.js';
import type { ReadInfo } from './read-info.js';
import {
  appealGroups,
  appealResults,
  printedRowsOf,
  proactiveItems,
  REPORT_SCHEMA_ID,
  type ReportData,
  type ReportFormat,
} from './report.js';

/**
 * Whatever a report's cells hold — huge, negative, fractional, missing, or what JSON made of a
 * figure it could not hold (null) — every finding a person reads is Chinese with digits as a
 * person writes them: never Infinity, NaN, null, undefined, a JavaScript error, 1e+21, or a
 * number rounded past what was printed (99999999999999999999 shown as 100000000000000000000).
 */

/** What no finding line may contain. */
const leaks =
  /Infinity|NaN|null|undefined|\[object|Maximum call stack|Error|\d[eE][+-]?\d|\d{16,}|function|=>/;

/** Any value a cell of a report may hold once it has passed through a reader, a form or JSON. */
const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: -300, max: -1 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      Infinity,
      -Infinity,
      Number.NaN,
      null,
      undefined,
      // eslint-disable-next-line no-loss-of-precision -- the figure as a report printed it
      99999999999999999999,
      1e21,
      -1e21,
      Number.MAX_SAFE_INTEGER,
      2 ** 53 + 2,
      1e12 + 1,
      -0,
      5e-324,
      0.1 + 0.2,
      '12',
      'null',
      'undefined',
      {},
      [],
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1e12, max: Number.MAX_SAFE_INTEGER }) },
);

const row = fc.array(cell, { minLength: 0, maxLength: 8 });

const reportOf = (format: ReportFormat): fc.Arbitrary<ReportData> => {
  const rows = printedRowsOf(format);
  const requests = fc.record(
    Object.fromEntries([...rows, 'other'].map((k) => [k, row])) as Record<string, typeof row>,
    { requiredKeys: [] },
  );
  const counts = fc.record(Object.fromEntries(appealResults.map((r) => [r, cell])), { requiredKeys: [] });
  const appeals = fc.record(Object.fromEntries(appealGroups.map((g) => [g, counts])), { requiredKeys: [] });
  const proactive = fc.record(
    Object.fromEntries(
      Object.entries(proactiveItems[format]).map(([item, def]) => [
        item,
        fc.record(Object.fromEntries(def.fields.map((f) => [f, cell])), { requiredKeys: [] }),
      ]),
    ),
    { requiredKeys: [] },
  );
  const measures = [
    'received',
    'received.naturalPerson',
    'received.commercialEnterprise',
    'carriedOver',
    'closed',
    'carriedForward',
    'grantedOrPartial',
    'partiallyGranted',
    'granted',
    'withheld',
    'unavailable',
    'notProcessed',
    'other',
    'review',
    'litigation',
    'review.upheld',
    'litigation.pending',
    'normativeDocuments.inForce',
    'someMeasureNoTableHas',
  ];
  const figure = fc.record({
    text: fc.constant('全年共收到政府信息公开申请若干件'),
    measure: fc.constantFrom(...measures),
    value: cell,
    section: fc.constant(null),
  });
  const sections = fc.record(
    {
      一: fc.constantFrom('全年工作情况。', '（请填写）', ''),
      五: fc.constantFrom('问题与改进。', 'XX'),
      六: fc.constantFrom('本年度未收取信息处理费。', '无'),
    },
    { requiredKeys: [] },
  );
  return fc.record({
    schema: fc.constant(REPORT_SCHEMA_ID),
    format: fc.constant(format),
    year: fc.oneof(fc.constant(null), fc.integer({ min: 2019, max: 2030 }), cell),
    agency: fc.constantFrom('晋江市人民政府', '某某镇人民政府', '福建省人民政府', null),
    source: fc.constant({ kind: 'markdown' as const }),
    proactive,
    requests,
    appeals,
    narrative: fc.record({ figures: fc.array(figure, { maxLength: 6 }), sections }, { requiredKeys: [] }),
    findings: fc.constant([]),
  }) as unknown as fc.Arbitrary<ReportData>;
};

const report = fc.constantFrom<ReportFormat>('2019', '2021').chain(reportOf);

const readInfo: fc.Arbitrary<ReadInfo> = fc.record({
  blankCells: fc.array(
    fc.record({
      row: fc.constantFrom('received' as const, 'granted' as const),
      columns: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
      line: fc.nat({ max: 500 }),
    }),
    { maxLength: 2 },
  ),
  missingRows: fc.subarray(['received', 'total'] as const),
  unreadable: fc.array(
    fc.record({
      where: fc.constantFrom('requests.received', 'appeals', 'proactive.rules', 'narrative'),
      line: fc.option(fc.nat({ max: 500 })),
      reason: fc.constant('该行的数字“99999999999999…（共 40 位）”过大，无法核对'),
    }),
    { maxLength: 2 },
  ),
  provenance: fc.constant({}),
  sections: fc.record({
    overview: fc.boolean(),
    proactive: fc.boolean(),
    requests: fc.boolean(),
    appeals: fc.boolean(),
    problems: fc.boolean(),
    other: fc.boolean(),
  }),
  otherText: fc.option(fc.constantFrom('无', '本年度未收取信息处理费。')),
  lineCount: fc.nat({ max: 500 }),
});

const context: fc.Arbitrary<ReportCheckContext> = fc.record(
  {
    previous: fc.option(report),
    level: fc.constantFrom(null, 'provincial' as const, 'county' as const, 'township' as const),
    read: fc.option(readInfo),
    written: fc.boolean(),
    facts: fc.record({
      processingFees: fc.record({ notices: cell, noticedYuan: cell, paid: cell, collectedYuan: cell }),
    }) as unknown as fc.Arbitrary<ReportCheckContext['facts']>,
  },
  { requiredKeys: [] },
);

describe('finding messages', () => {
  it('never show Infinity, NaN, null, undefined, an error, 1e+21 or a rounded huge number', () => {
    fc.assert(
      fc.property(report, context, (data, ctx) => {
        for (const f of allChecks(data, ctx)) {
          const line = findingLine(f);
          assert.doesNotMatch(line, leaks, line);
          assert.match(f.message, /[\u4e00-\u9fff]/, line);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('print a figure as a person writes it', () => {
    assert.equal(figureText(231), '231');
    assert.equal(figureText(-3), '-3');
    assert.equal(figureText(-0), '0');
    assert.equal(figureText(120.5), '120.5');
    assert.equal(figureText(0.1 + 0.2), '0.3');
    assert.equal(figureText(5e-324), '接近 0 的小数');
    assert.equal(figureText(9999999999999.99), '9999999999999.99');
    assert.equal(figureText(Number.MAX_SAFE_INTEGER), '过大的数字');
    assert.equal(figureText(1e21), '过大的数字');
    assert.equal(figureText(-Infinity), '过小的负数');
    assert.equal(figureText(Number.NaN), '非数字');
    assert.equal(figureText(null), '空白');
    assert.equal(figureText(undefined), '空白');
    assert.equal(figureText('null'), '非数字');
  });

  it('name a count too large to check instead of adding it up', () => {
    const data: ReportData = {
      schema: REPORT_SCHEMA_ID,
      format: '2021',
      year: 2021,
      agency: '晋江市人民政府',
      source: { kind: 'markdown' },
      proactive: {},
      requests: { received: [1e20, 0, 0, 0, 0, 0, 1e20] },
      appeals: {},
      narrative: {},
      findings: [],
    };
    const lines = allChecks(data).map(findingLine);
    assert.deepEqual(lines, [
      '错误（非负整数 · 表三“本年新收”自然人列）：三、本年新收 自然人列的数字过大（超过一万亿），无法核对',
      '错误（非负整数 · 表三“本年新收”总计列）：三、本年新收 总计列的数字过大（超过一万亿），无法核对',
    ]);
  });
});
