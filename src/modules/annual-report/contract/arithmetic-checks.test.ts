import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sample2020 } from '../render/samples.js';
import fc from 'fast-check';
import {
  appealGroups,
  appealResults,
  applicantColumns,
  REPORT_SCHEMA_ID,
  requestRows,
  rowsOf,
  type AppealCounts,
  type AppealGroup,
  type Appeals,
  type Finding,
  type Proactive2019,
  type Proactive2021,
  type ReportData,
  type ReportFormat,
  type RequestRow,
  type RequestRowKey,
  type Requests,
} from './report.js';
import {
  arithmeticCheckOrder,
  checkAppealsSum,
  checkBalance,
  checkIntegers,
  checkOtherSum,
  checkOutcomeSum,
  checkRowSums,
  checkStock,
  checkYearChain,
  runArithmeticChecks,
} from './arithmetic-checks.js';

// ---------------------------------------------------------------------------------------------
// The seed: 晋江市人民政府 2020 年政府信息公开工作年度报告 (../shared/seed/jinjiang-2020-annual-report.md),
// tables typed in by hand exactly as printed.

const z: RequestRow = [0, 0, 0, 0, 0, 0, 0];

/** The seed's tables as printed: the render samples' 2020 report with its 本年新收 row as the seed has it. */
function seedReport(): ReportData {
  const data = structuredClone(sample2020().data);
  return {
    ...data,
    source: { file: 'jinjiang-2020-annual-report.md', kind: 'markdown' },
    requests: { ...data.requests, received: [215, 0, 0, 1, 3, 3, 231] },
  };
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function row(data: ReportData, key: RequestRowKey): RequestRow {
  const r = data.requests[key];
  assert.ok(r, `row ${key} should be present`);
  return r;
}

const errors = (fs: Finding[]): Finding[] => fs.filter((f) => f.severity === 'error');
const brief = (fs: Finding[]) =>
  fs.map((f) => ({ check: f.check, where: f.where, expected: f.expected, actual: f.actual }));

describe('the seed (晋江市 2020, 2019 format)', () => {
  it('has exactly two errors: row-sum on 本年新收 and balance in the 商业企业 column', () => {
    const findings = runArithmeticChecks(seedReport(), {});
    assert.deepEqual(brief(findings), [
      { check: 'row-sum', where: 'requests.received', expected: 231, actual: 222 },
      { check: 'balance', where: 'requests[commercialEnterprise]', expected: 0, actual: 9 },
    ]);
    assert.ok(findings.every((f) => f.severity === 'error'));
  });

  it('says what is wrong in words a clerk reads', () => {
    const [rowSum, balance] = runArithmeticChecks(seedReport(), {});
    assert.equal(rowSum?.message, '三、本年新收：六类申请人之和为 222，总计列为 231');
    assert.equal(
      balance?.message,
      '商业企业列：本年新收 0 + 上年结转 0 = 0，应等于 办理结果总计 9 + 结转下年度 0 = 9',
    );
  });

  it('does not touch the document it checks', () => {
    const data = seedReport();
    const before = clone(data);
    runArithmeticChecks(data, { previous: seedReport() });
    assert.deepEqual(data, before);
  });

  it('skips the checks that need a row listed in skipRows', () => {
    const findings = runArithmeticChecks(seedReport(), { skipRows: ['received'] });
    assert.deepEqual(findings, []);
    // Without carriedForward the balance cannot be checked; row-sum still runs.
    const data = seedReport();
    delete data.requests.carriedForward;
    assert.deepEqual(
      runArithmeticChecks(data, {}).map((f) => f.check),
      ['row-sum'],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Valid reports by construction.

const cnt = fc.integer({ min: 0, max: 40 });
const six = fc.tuple(cnt, cnt, cnt, cnt, cnt, cnt);

function withTotal(parts: readonly number[]): RequestRow {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = parts;
  return [a, b, c, d, e, f, a + b + c + d + e + f];
}

function addRows(rows: readonly RequestRow[]): RequestRow {
  const out: RequestRow = [0, 0, 0, 0, 0, 0, 0];
  for (const r of rows) for (let i = 0; i < 7; i++) out[i] = (out[i] ?? 0) + (r[i] ?? 0);
  return out;
}

const appealCountsArb: fc.Arbitrary<AppealCounts> = fc
  .tuple(cnt, cnt, cnt, cnt)
  .map(([upheld, corrected, other, pending]) => ({
    upheld,
    corrected,
    other,
    pending,
    total: upheld + corrected + other + pending,
  }));

const appealsArb: fc.Arbitrary<Partial<Appeals>> = fc.record(
  { review: appealCountsArb, litigationDirect: appealCountsArb, litigationAfterReview: appealCountsArb },
  { requiredKeys: [] },
);

const big = fc.integer({ min: 0, max: 100_000 });
const signed = fc.integer({ min: -500, max: 500 });
const money = fc.integer({ min: 0, max: 10_000_000_000 }).map((cents) => cents / 100);

const proactive2019Arb: fc.Arbitrary<Proactive2019> = fc.record(
  {
    rules: fc.record({ made: big, published: big, totalPublished: big }),
    normativeDocuments: fc.record({ made: big, published: big, totalPublished: big }),
    licensing: fc.record({ previousYearItems: big, change: signed, decisions: big }),
    otherServices: fc.record({ previousYearItems: big, change: signed, decisions: big }),
    penalties: fc.record({ previousYearItems: big, change: signed, decisions: big }),
    enforcement: fc.record({ previousYearItems: big, change: signed, decisions: big }),
    fees: fc.record({ previousYearItems: big, change: signed }),
    procurement: fc.record({ projects: big, amountYuan: money }),
  },
  { requiredKeys: [] },
);

const proactive2021Arb: fc.Arbitrary<Proactive2021> = fc.record(
  {
    rules: fc.record({ issued: big, repealed: big, inForce: big }),
    normativeDocuments: fc.record({ issued: big, repealed: big, inForce: big }),
    licensing: fc.record({ decisions: big }),
    penalties: fc.record({ decisions: big }),
    enforcement: fc.record({ decisions: big }),
    fees: fc.record({ amountTenThousandYuan: money }),
  },
  { requiredKeys: [] },
);

/** Rows that are outcomes of the year, other than （六）其他处理 itself in the 2021 format. */
function outcomeKeys(format: ReportFormat): RequestRowKey[] {
  const keys = rowsOf(format).map((r) => r.key);
  const from = keys.indexOf('granted');
  const to = keys.indexOf('total');
  return keys.slice(from, to).filter((k) => !(format === '2021' && k === 'other'));
}

/**
 * Section 三 with every relation holding: outcome rows and 结转下年度 free, 总计 derived, 上年结转
 * at most 总计 + 结转下年度 in each column, 本年新收 derived (so never negative).
 */
function requestsArb(format: ReportFormat): fc.Arbitrary<Requests> {
  const keys = outcomeKeys(format);
  return fc
    .record({
      outcomes: fc.array(six, { minLength: keys.length, maxLength: keys.length }),
      forward: six,
      overRaw: six,
      withOtherRow: fc.boolean(),
    })
    .map(({ outcomes, forward, overRaw, withOtherRow }) => {
      const requests: Requests = {};
      keys.forEach((k, i) => (requests[k] = withTotal(outcomes[i] ?? [])));
      const outcomeRows = keys.map((k) => requests[k] as RequestRow);
      if (format === '2021' && withOtherRow) {
        requests.other = addRows([
          requests['other.supplementOverdue'] as RequestRow,
          requests['other.feeUnpaid'] as RequestRow,
          requests['other.other'] as RequestRow,
        ]);
      }
      const total = addRows(outcomeRows);
      const carriedForward = withTotal(forward);
      const over = overRaw.map((r, i) => r % ((total[i] ?? 0) + (carriedForward[i] ?? 0) + 1));
      const carriedOver = withTotal(over);
      const received = withTotal(over.map((o, i) => (total[i] ?? 0) + (carriedForward[i] ?? 0) - o));
      Object.assign(requests, { received, carriedOver, total, carriedForward });
      return requests;
    });
}

function reportArb(format: ReportFormat): fc.Arbitrary<ReportData> {
  return fc
    .record({
      year: fc.option(
        format === '2019' ? fc.integer({ min: 2019, max: 2020 }) : fc.integer({ min: 2021, max: 2030 }),
      ),
      agency: fc.option(fc.constantFrom('晋江市人民政府', '某某市生态环境局', '某某镇人民政府')),
      requests: requestsArb(format),
      appeals: appealsArb,
      proactive: format === '2019' ? proactive2019Arb : proactive2021Arb,
    })
    .map(({ year, agency, requests, appeals, proactive }): ReportData => ({
      schema: REPORT_SCHEMA_ID,
      format,
      year,
      agency,
      source: { kind: 'built' },
      proactive,
      requests,
      appeals,
      narrative: {},
      findings: [],
    }));
}

const validReportArb: fc.Arbitrary<ReportData> = fc.oneof(reportArb('2019'), reportArb('2021'));

describe('valid reports', () => {
  it('the generator really produces both formats, 2021 with and without the （六） row', () => {
    const samples = fc.sample(validReportArb, { numRuns: 200, seed: 42 });
    assert.ok(samples.some((r) => r.format === '2019'));
    assert.ok(samples.some((r) => r.format === '2021' && r.requests.other));
    assert.ok(samples.some((r) => r.format === '2021' && !r.requests.other));
    assert.ok(samples.some((r) => (r.requests.carriedOver?.[6] ?? 0) > 0));
  });

  it('give no findings at all', () => {
    fc.assert(
      fc.property(validReportArb, (data) => {
        assert.deepEqual(runArithmeticChecks(data, {}), []);
      }),
    );
  });

  it('give no findings with rows left out or skipped', () => {
    const keys = requestRows.map((r): RequestRowKey => r.key);
    fc.assert(
      fc.property(validReportArb, fc.subarray(keys), fc.subarray(keys), (generated, dropped, skipRows) => {
        const data = clone(generated);
        for (const k of dropped) delete data.requests[k];
        assert.deepEqual(runArithmeticChecks(data, { skipRows }), []);
      }),
    );
  });

  it('changing one cell of section 三 gives an error that names its row or its column', () => {
    fc.assert(
      fc.property(
        validReportArb.chain((data) =>
          fc.record({
            data: fc.constant(data),
            key: fc.constantFrom(...(Object.keys(data.requests) as RequestRowKey[])),
            col: fc.integer({ min: 0, max: 6 }),
            delta: fc.integer({ min: -30, max: 30 }).filter((d) => d !== 0),
          }),
        ),
        ({ data: generated, key, col, delta }) => {
          const data = clone(generated);
          const r = row(data, key);
          const old = r[col] ?? 0;
          r[col] = old + delta >= 0 ? old + delta : old + Math.abs(delta);
          const column = applicantColumns[col];
          const found = errors(runArithmeticChecks(data, {}));
          assert.ok(
            found.some((f) => f.where === `requests.${key}` || f.where.endsWith(`[${column}]`)),
            `no error names requests.${key} or [${column}]: ${JSON.stringify(brief(found))}`,
          );
        },
      ),
    );
  });

  it('changing one cell of section 四 gives an error that names its group', () => {
    const withAppeals = validReportArb.filter((d) => Object.keys(d.appeals).length > 0);
    fc.assert(
      fc.property(
        withAppeals.chain((data) =>
          fc.record({
            data: fc.constant(data),
            group: fc.constantFrom(...(Object.keys(data.appeals) as AppealGroup[])),
            result: fc.constantFrom(...appealResults),
            delta: fc.integer({ min: -30, max: 30 }).filter((d) => d !== 0),
          }),
        ),
        ({ data: generated, group, result, delta }) => {
          const data = clone(generated);
          const counts = data.appeals[group] as AppealCounts;
          const old = counts[result];
          counts[result] = old + delta >= 0 ? old + delta : old + Math.abs(delta);
          const found = errors(runArithmeticChecks(data, {}));
          assert.ok(
            found.some((f) => f.where === `appeals.${group}`),
            `no error names appeals.${group}: ${JSON.stringify(brief(found))}`,
          );
        },
      ),
    );
  });

  it('reports its checks in the contract order', () => {
    fc.assert(
      fc.property(
        validReportArb,
        fc.array(
          fc.tuple(
            fc.constantFrom(...requestRows.map((r): RequestRowKey => r.key)),
            fc.integer({ min: 0, max: 6 }),
          ),
        ),
        (generated, edits) => {
          const data = clone(generated);
          for (const [k, c] of edits) {
            const r = data.requests[k];
            if (r) r[c] = (r[c] ?? 0) + 1;
          }
          const first = appealGroups.find((g) => data.appeals[g]);
          if (first) (data.appeals[first] as AppealCounts).total += 1;
          const order = runArithmeticChecks(data, {}).map((f) =>
            (arithmeticCheckOrder as readonly string[]).indexOf(f.check),
          );
          assert.ok(order.every((o) => o >= 0));
          assert.deepEqual(
            order,
            [...order].sort((a, b) => a - b),
          );
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Each check on its own.

/** A clean 2021-format report with the （六） row and its sub-rows, and 上年结转 in every column. */
function clean2021(): ReportData {
  const requests: Requests = {};
  for (const k of outcomeKeys('2021')) requests[k] = [...z];
  requests.granted = [5, 1, 0, 0, 1, 0, 7];
  requests['other.supplementOverdue'] = [1, 0, 0, 0, 0, 0, 1];
  requests['other.other'] = [0, 2, 0, 0, 0, 0, 2];
  requests.other = [1, 2, 0, 0, 0, 0, 3];
  requests.total = [6, 3, 0, 0, 1, 0, 10];
  requests.carriedForward = [2, 0, 0, 0, 0, 1, 3];
  requests.carriedOver = [1, 1, 0, 0, 0, 0, 2];
  requests.received = [7, 2, 0, 0, 1, 1, 11];
  return {
    schema: REPORT_SCHEMA_ID,
    format: '2021',
    year: 2022,
    agency: '某某市人民政府',
    source: { kind: 'built' },
    proactive: {
      rules: { issued: 2, repealed: 1, inForce: 30 },
      normativeDocuments: { issued: 10, repealed: 4, inForce: 56 },
      licensing: { decisions: 100 },
      fees: { amountTenThousandYuan: 0.35 },
    },
    requests,
    appeals: { review: { upheld: 1, corrected: 1, other: 0, pending: 1, total: 3 } },
    narrative: {},
    findings: [],
  };
}

describe('each check', () => {
  it('the 2021 fixture is clean', () => {
    assert.deepEqual(runArithmeticChecks(clean2021(), {}), []);
  });

  it('balance: 本年新收 raised in one column and its total, only balance fails, in that column and 总计', () => {
    const data = clean2021();
    row(data, 'received')[0] += 4;
    row(data, 'received')[6] += 4;
    assert.deepEqual(checkRowSums(data), []);
    assert.deepEqual(brief(runArithmeticChecks(data, {})), [
      { check: 'balance', where: 'requests[naturalPerson]', expected: 12, actual: 8 },
      { check: 'balance', where: 'requests[total]', expected: 17, actual: 13 },
    ]);
    assert.match(
      checkBalance(data)[1]?.message ?? '',
      /^总计列：本年新收 15 \+ 上年结转 2 = 17，应等于 办理结果总计 10 \+ 结转下年度 3 = 13$/,
    );
  });

  it('outcome-sum: an outcome row raised consistently breaks （七）总计 only', () => {
    const data = clean2021();
    row(data, 'withheld.thirdPartyRights')[2] = 2;
    row(data, 'withheld.thirdPartyRights')[6] = 2;
    assert.deepEqual(brief(runArithmeticChecks(data, {})), [
      { check: 'outcome-sum', where: 'requests.total[researchInstitution]', expected: 0, actual: 2 },
      { check: 'outcome-sum', where: 'requests.total[total]', expected: 10, actual: 12 },
    ]);
    assert.match(checkOutcomeSum(data)[0]?.message ?? '', /科研机构列.*2.*（七）总计为 0/);
  });

  it('outcome-sum: 2021 uses the （六） row when present, its sub-rows when it is absent or skipped', () => {
    const data = clean2021();
    row(data, 'other.feeUnpaid')[1] = 1;
    row(data, 'other.feeUnpaid')[6] = 1;
    // With the （六） row: other-sum fails, the outcome sum (which uses the row) holds.
    assert.deepEqual(
      brief(runArithmeticChecks(data, {})).map((f) => `${f.check} ${f.where}`),
      ['other-sum requests.other[commercialEnterprise]', 'other-sum requests.other[total]'],
    );
    assert.equal(checkOtherSum(data)[0]?.expected, 2);
    assert.equal(checkOtherSum(data)[0]?.actual, 3);
    // Without it: the sub-rows go into the outcome sum, which now fails.
    const skipped = brief(runArithmeticChecks(data, { skipRows: ['other'] })).map(
      (f) => `${f.check} ${f.where}`,
    );
    assert.deepEqual(skipped, [
      'outcome-sum requests.total[commercialEnterprise]',
      'outcome-sum requests.total[total]',
    ]);
    delete data.requests.other;
    assert.deepEqual(
      brief(runArithmeticChecks(data, {})).map((f) => `${f.check} ${f.where}`),
      skipped,
    );
  });

  it('outcome-sum and other-sum are not run when a needed row is missing', () => {
    const data = clean2021();
    row(data, 'granted')[0] += 1;
    row(data, 'granted')[6] += 1;
    row(data, 'other.other')[1] += 1;
    row(data, 'other.other')[6] += 1;
    assert.equal(checkOutcomeSum(data).length, 2);
    assert.equal(checkOtherSum(data).length, 2);
    assert.deepEqual(checkOutcomeSum(data, { skipRows: ['notProcessed.excessive'] }), []);
    assert.deepEqual(checkOtherSum(data, { skipRows: ['other.feeUnpaid'] }), []);
    delete data.requests['other.feeUnpaid'];
    assert.deepEqual(checkOtherSum(data), []);
    // With the （六） row still there, the outcome sum can run.
    assert.equal(checkOutcomeSum(data).length, 2);
  });

  it('other-sum applies to the 2021 format only', () => {
    const data = seedReport(); // （六）其他处理 all zeros
    data.requests['other.supplementOverdue'] = [1, 0, 0, 0, 0, 0, 1];
    data.requests['other.feeUnpaid'] = [...z];
    data.requests['other.other'] = [...z];
    assert.deepEqual(checkOtherSum(data), []);
    assert.equal(checkOtherSum({ ...data, format: '2021' }).length, 2);
  });

  it('appeals-sum names the group, printed total as expected', () => {
    const data = clean2021();
    (data.appeals.review as AppealCounts).pending = 3;
    const found = checkAppealsSum(data);
    assert.deepEqual(brief(found), [
      { check: 'appeals-sum', where: 'appeals.review', expected: 3, actual: 5 },
    ]);
    assert.match(found[0]?.message ?? '', /^行政复议：.*之和为 5，总计为 3$/);
  });

  it('row-sum is reported for the 总计 row under its own name', () => {
    const data = clean2021();
    row(data, 'total')[5] = 1;
    const found = checkRowSums(data);
    assert.deepEqual(brief(found), [{ check: 'row-sum', where: 'requests.total', expected: 10, actual: 11 }]);
    assert.match(found[0]?.message ?? '', /办理结果总计/);
  });
});

describe('integer', () => {
  it('a negative count and a fraction are errors at the exact cell', () => {
    const data = seedReport();
    row(data, 'carriedOver')[0] = -1;
    row(data, 'granted')[2] = 0.5;
    (data.appeals.review as AppealCounts).corrected = 1.5;
    (data.proactive as Proactive2019).licensing!.decisions = -3;
    const found = checkIntegers(data);
    assert.deepEqual(brief(found), [
      { check: 'integer', where: 'requests.carriedOver[naturalPerson]', expected: null, actual: -1 },
      { check: 'integer', where: 'requests.granted[researchInstitution]', expected: null, actual: 0.5 },
      { check: 'integer', where: 'appeals.review.corrected', expected: null, actual: 1.5 },
      { check: 'integer', where: 'proactive.licensing.decisions', expected: null, actual: -3 },
    ]);
    assert.ok(found.every((f) => f.severity === 'error'));
    assert.match(found[0]?.message ?? '', /上年结转.*自然人列.*-1.*非负整数/);
    assert.match(found[3]?.message ?? '', /行政许可.*处理决定数量.*-3/);
  });

  it('a 2019 本年增/减 may be negative but not a fraction', () => {
    const data = seedReport();
    (data.proactive as Proactive2019).licensing!.change = -40;
    (data.proactive as Proactive2019).fees!.change = -2;
    assert.deepEqual(checkIntegers(data), []);
    (data.proactive as Proactive2019).penalties!.change = 2.5;
    assert.deepEqual(brief(checkIntegers(data)), [
      { check: 'integer', where: 'proactive.penalties.change', expected: null, actual: 2.5 },
    ]);
  });

  it('money may have a fraction but not be negative', () => {
    const data = clean2021();
    (data.proactive as Proactive2021).fees!.amountTenThousandYuan = 12.3456;
    assert.deepEqual(checkIntegers(data), []);
    (data.proactive as Proactive2021).fees!.amountTenThousandYuan = -1;
    assert.deepEqual(
      checkIntegers(data).map((f) => f.where),
      ['proactive.fees.amountTenThousandYuan'],
    );
    const seed = seedReport();
    (seed.proactive as Proactive2019).procurement!.amountYuan = -0.01;
    assert.deepEqual(
      checkIntegers(seed).map((f) => f.where),
      ['proactive.procurement.amountYuan'],
    );
  });

  it('a cell that is not a number is reported by integer, not by the sums', () => {
    const data = clean2021();
    row(data, 'granted')[1] = Number.NaN;
    const found = runArithmeticChecks(data, {});
    assert.deepEqual(brief(found), [
      { check: 'integer', where: 'requests.granted[commercialEnterprise]', expected: null, actual: null },
    ]);
  });

  it('a row in skipRows is not checked', () => {
    const data = clean2021();
    row(data, 'granted')[0] = -5;
    assert.equal(checkIntegers(data).length, 1);
    assert.deepEqual(checkIntegers(data, { skipRows: ['granted'] }), []);
  });
});

describe('year-chain', () => {
  it('this year 上年结转 must equal last year 结转下年度, column by column', () => {
    const previous = clean2021();
    previous.year = 2021;
    previous.proactive = {};
    const data = clean2021();
    data.requests.carriedOver = [...row(previous, 'carriedForward')];
    // Keep this year's table balanced: 本年新收 = 总计 + 结转 − 上年结转.
    data.requests.received = row(data, 'total').map(
      (t, i) => t + (row(data, 'carriedForward')[i] ?? 0) - (row(data, 'carriedOver')[i] ?? 0),
    ) as RequestRow;
    assert.deepEqual(runArithmeticChecks(data, { previous }), []);

    row(previous, 'carriedForward')[1] = 4;
    row(previous, 'carriedForward')[6] = 7;
    const found = runArithmeticChecks(data, { previous });
    assert.deepEqual(brief(found), [
      { check: 'year-chain', where: 'requests.carriedOver[commercialEnterprise]', expected: 4, actual: 0 },
      { check: 'year-chain', where: 'requests.carriedOver[total]', expected: 7, actual: 3 },
    ]);
    assert.ok(found.every((f) => f.severity === 'error'));
    assert.match(found[0]?.message ?? '', /商业企业列.*上年结转.*0.*2021 年报告.*结转下年度.*4/);
  });

  it('runs across formats (a 2020 report before a 2021 one) and not without the rows', () => {
    const previous = seedReport(); // 结转下年度 all zeros
    const data = clean2021(); // 上年结转 [1, 1, 0, 0, 0, 0, 2]
    assert.deepEqual(
      checkYearChain(data, { previous }).map((f) => f.where),
      [
        'requests.carriedOver[naturalPerson]',
        'requests.carriedOver[commercialEnterprise]',
        'requests.carriedOver[total]',
      ],
    );
    assert.deepEqual(checkYearChain(data, {}), []);
    assert.deepEqual(checkYearChain(data, { previous: null }), []);
    assert.deepEqual(checkYearChain(data, { previous, skipRows: ['carriedOver'] }), []);
    delete previous.requests.carriedForward;
    assert.deepEqual(checkYearChain(data, { previous }), []);
  });
});

describe('stock', () => {
  it('现行有效 = last year 现行有效 + 制发 − 废止, as a warning', () => {
    const previous = clean2021();
    previous.year = 2021;
    (previous.proactive as Proactive2021).rules = { issued: 0, repealed: 0, inForce: 29 };
    (previous.proactive as Proactive2021).normativeDocuments = { issued: 0, repealed: 0, inForce: 50 };
    const data = clean2021(); // rules 29 + 2 − 1 = 30 ✓; normativeDocuments 50 + 10 − 4 = 56 ✓
    data.requests.carriedOver = [...row(previous, 'carriedForward')];
    data.requests.received = [6, 3, 0, 0, 1, 0, 10];
    assert.deepEqual(runArithmeticChecks(data, { previous }), []);

    (data.proactive as Proactive2021).normativeDocuments!.inForce = 60;
    const found = runArithmeticChecks(data, { previous });
    assert.deepEqual(
      found.map((f) => ({ ...f, message: undefined })),
      [
        {
          check: 'stock',
          severity: 'warning',
          where: 'proactive.normativeDocuments',
          expected: 56,
          actual: 60,
          message: undefined,
        },
      ],
    );
    assert.match(
      found[0]?.message ?? '',
      /行政规范性文件：上年现行有效 50 \+ 本年制发 10 − 本年废止 4 = 56，本年现行有效件数为 60/,
    );
    assert.equal(errors(found).length, 0);
  });

  it('is not run for the 2019 format, without last year, or when an item is missing', () => {
    const data = clean2021();
    assert.deepEqual(checkStock(data, {}), []);
    assert.deepEqual(checkStock(data, { previous: seedReport() }), []);
    const previous = clean2021();
    previous.proactive = { rules: { issued: 0, repealed: 0, inForce: 0 } };
    assert.deepEqual(
      checkStock(data, { previous }).map((f) => f.where),
      ['proactive.rules'],
    );
    delete (previous.proactive as Proactive2021).rules;
    assert.deepEqual(checkStock(data, { previous }), []);
  });
});
