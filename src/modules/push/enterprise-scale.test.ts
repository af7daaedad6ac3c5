import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  computeScale,
  formatWan,
  NOT_COVERED,
  SCALE_LABELS,
  SCALE_TABLE,
  scaleRowFor,
  type EnterpriseScale,
  type ScaleInput,
  type ScaleMeasure,
  type ScaleRow,
  type Thresholds,
} from './enterprise-scale.js';
import { allClasses, industryByCode, isWithin } from './industry.js';

const ORDER: Record<EnterpriseScale, number> = { micro: 0, small: 1, medium: 2, large: 3 };

/** A 小类 code for each row, from the GB/T 4754 list. */
const SAMPLE_CLASS: Record<string, string> = {
  agriculture: '0111',
  industry: '1311',
  construction: '4710',
  wholesale: '5111',
  retail: '5212',
  transport: '5431',
  warehousing: '5920',
  postal: '6020',
  accommodation: '6110',
  catering: '6210',
  'information-transmission': '6311',
  'software-it': '6513',
  'real-estate-development': '7010',
  'property-management': '7020',
  'leasing-business': '7211',
  other: '7310',
};

/** Input for a row, measures in persons or 万元 (converted to 元 here). */
function inputFor(row: ScaleRow, values: Partial<Record<ScaleMeasure, number>>): ScaleInput {
  const code = SAMPLE_CLASS[row.id] ?? '';
  const yuan = (wan: number | undefined) => (wan === undefined ? undefined : wan * 10000);
  return {
    industry: code,
    staff: values.staff,
    revenueYuan: yuan(values.revenue),
    assetsYuan: yuan(values.assets),
  };
}

/** Input in raw units: persons and 元. */
function rawInput(row: ScaleRow, raw: Partial<Record<ScaleMeasure, number>>): ScaleInput {
  return {
    industry: SAMPLE_CLASS[row.id] ?? '',
    staff: raw.staff,
    revenueYuan: raw.revenue,
    assetsYuan: raw.assets,
  };
}

function scaleOf(input: ScaleInput): EnterpriseScale {
  const r = computeScale(input);
  assert.equal(r.status, 'classified', JSON.stringify(r));
  if (r.status !== 'classified') throw new Error('unreachable');
  return r.scale;
}

/** A threshold in raw units (persons, or 元). */
const raw = (m: ScaleMeasure, t: Thresholds) => (t[m] ?? 0) * (m === 'staff' ? 1 : 10000);

const anyRow = fc.constantFrom(...SCALE_TABLE);

describe('the 工信部联企业〔2011〕300号 table', () => {
  it('has the sixteen rows of 第四条 in order, and three parts it does not cover', () => {
    assert.deepEqual(
      SCALE_TABLE.map((r) => r.name),
      [
        '农、林、牧、渔业',
        '工业',
        '建筑业',
        '批发业',
        '零售业',
        '交通运输业',
        '仓储业',
        '邮政业',
        '住宿业',
        '餐饮业',
        '信息传输业',
        '软件和信息技术服务业',
        '房地产开发经营',
        '物业管理',
        '租赁和商务服务业',
        '其他未列明行业',
      ],
    );
    assert.deepEqual(
      NOT_COVERED.map((r) => r.scope),
      [['J'], ['S'], ['T']],
    );
    for (const row of SCALE_TABLE) {
      for (const m of row.measures) {
        const [sme, mid, small] = [row.smeBelow[m], row.medium[m], row.small[m]];
        assert.ok(sme !== undefined && mid !== undefined && small !== undefined, `${row.id}.${m}`);
        assert.ok(sme >= mid && mid >= small && small > 0, `${row.id}.${m} thresholds descend`);
      }
    }
  });

  it('words each row as the 规定 does', () => {
    const industry = SCALE_TABLE.find((r) => r.id === 'industry');
    assert.equal(
      industry?.wording,
      '工业。从业人员1000人以下或营业收入40000万元以下的为中小微型企业。其中，从业人员300人及以上，且营业收入2000万元及以上的为中型企业；' +
        '从业人员20人及以上，且营业收入300万元及以上的为小型企业；从业人员20人以下或营业收入300万元以下的为微型企业。',
    );
    assert.equal(
      SCALE_TABLE[0]?.wording,
      '农、林、牧、渔业。营业收入20000万元以下的为中小微型企业。其中，营业收入500万元及以上的为中型企业，' +
        '营业收入50万元及以上的为小型企业，营业收入50万元以下的为微型企业。',
    );
  });

  it('maps every 小类 to exactly one row or a not-covered part, the most specific prefix winning', () => {
    for (const code of allClasses()) {
      const row = scaleRowFor(code);
      assert.ok(row, code);
      const section = industryByCode(code)?.section;
      assert.equal(row.kind === 'not-covered', ['J', 'S', 'T'].includes(section ?? ''), code);
    }
    assert.equal(scaleRowFor('7010')?.id, 'real-estate-development');
    assert.equal(scaleRowFor('K7020')?.id, 'property-management');
    assert.equal(scaleRowFor('7030')?.id, 'other');
    assert.equal(scaleRowFor('5311')?.id, 'other');
    assert.equal(scaleRowFor('5411')?.id, 'transport');
    assert.equal(scaleRowFor('C')?.id, 'industry');
    assert.equal(scaleRowFor('13')?.id, 'industry');
    assert.equal(scaleRowFor('J')?.kind, 'not-covered');
    // Too coarse to decide: G spans four rows, 70 three, I two.
    assert.equal(scaleRowFor('G'), undefined);
    assert.equal(scaleRowFor('70'), undefined);
    assert.equal(scaleRowFor('I'), undefined);
    assert.equal(scaleRowFor('nope'), undefined);
    for (const row of SCALE_TABLE) {
      const sample = SAMPLE_CLASS[row.id] ?? '';
      assert.ok(
        row.scope.some((s) => isWithin(sample, s)),
        row.id,
      );
    }
  });
});

describe('one case per row (amounts in 元)', () => {
  const cases: [string, ScaleInput, EnterpriseScale, string][] = [
    [
      '0111',
      { industry: '0111', revenueYuan: 6_000_000 },
      'medium',
      '农、林、牧、渔业：营业收入 600 万元（≥500 万元），属中型企业',
    ],
    [
      '1311',
      { industry: 'C1311', staff: 350, revenueYuan: 25_000_000 },
      'medium',
      '工业：从业人员 350 人（≥300）且营业收入 2500 万元（≥2000 万元），属中型企业',
    ],
    [
      '4710',
      { industry: '4710', revenueYuan: 3_000_000, assetsYuan: 2_999_999 },
      'micro',
      '建筑业：资产总额 299.9999 万元（<300 万元），属微型企业',
    ],
    [
      '5111',
      { industry: '5111', staff: 5, revenueYuan: 10_000_000 },
      'small',
      '批发业：从业人员 5 人（≥5）且营业收入 1000 万元（≥1000 万元），属小型企业',
    ],
    [
      '5212',
      { industry: '5212', staff: 300, revenueYuan: 200_000_000 },
      'large',
      '零售业：从业人员 300 人（≥300）且营业收入 20000 万元（≥20000 万元），不属于中小微型企业，属大型企业',
    ],
    [
      '5431',
      { industry: '5431', staff: 19, revenueYuan: 50_000_000 },
      'micro',
      '交通运输业：从业人员 19 人（<20），属微型企业',
    ],
    [
      '5920',
      { industry: '5920', staff: 100, revenueYuan: 9_999_999.99 },
      'small',
      '仓储业：从业人员 100 人（≥20）且营业收入 999.999999 万元（≥100 万元），属小型企业',
    ],
    [
      '6020',
      { industry: '6020', staff: 1000, revenueYuan: 300_000_000 },
      'large',
      '邮政业：从业人员 1000 人（≥1000）且营业收入 30000 万元（≥30000 万元），不属于中小微型企业，属大型企业',
    ],
    [
      '6110',
      { industry: '6110', staff: 120, revenueYuan: 20_000_000 },
      'medium',
      '住宿业：从业人员 120 人（≥100）且营业收入 2000 万元（≥2000 万元），属中型企业',
    ],
    [
      '6210',
      { industry: '6210', staff: 9, revenueYuan: 500_000 },
      'micro',
      '餐饮业：从业人员 9 人（<10），营业收入 50 万元（<100 万元），属微型企业',
    ],
    [
      '6311',
      { industry: '6311', staff: 2500, revenueYuan: 999_999_999 },
      'medium',
      '信息传输业：从业人员 2500 人（≥100）且营业收入 99999.9999 万元（≥1000 万元），属中型企业',
    ],
    [
      '6513',
      { industry: '6513', staff: 10, revenueYuan: 500_000 },
      'small',
      '软件和信息技术服务业：从业人员 10 人（≥10）且营业收入 50 万元（≥50 万元），属小型企业',
    ],
    [
      '7010',
      { industry: '7010', revenueYuan: 3_000_000_000, assetsYuan: 50_000_000 },
      'medium',
      '房地产开发经营：营业收入 300000 万元（≥1000 万元）且资产总额 5000 万元（≥5000 万元），属中型企业',
    ],
    [
      '7020',
      { industry: '7020', staff: 150, revenueYuan: 6_000_000 },
      'small',
      '物业管理：从业人员 150 人（≥100）且营业收入 600 万元（≥500 万元），属小型企业',
    ],
    [
      '7211',
      { industry: 'L7211', staff: 8, assetsYuan: 50_000_000 },
      'micro',
      '租赁和商务服务业：从业人员 8 人（<10），属微型企业',
    ],
    [
      '7310',
      { industry: 'M7310', staff: 300 },
      'large',
      '其他未列明行业：从业人员 300 人（≥300），不属于中小微型企业，属大型企业',
    ],
  ];
  for (const [code, input, scale, basis] of cases) {
    it(`${code} → ${SCALE_LABELS[scale]}`, () => {
      const r = computeScale(input);
      assert.equal(r.status, 'classified', JSON.stringify(r));
      if (r.status !== 'classified') return;
      assert.equal(r.scale, scale);
      assert.equal(r.scaleLabel, SCALE_LABELS[scale]);
      assert.equal(r.basis, basis);
      assert.equal(r.row.id, scaleRowFor(code)?.id);
    });
  }
  it('covers all sixteen rows', () => {
    assert.equal(new Set(cases.map(([code]) => scaleRowFor(code)?.id)).size, 16);
  });

  it('does not classify 金融业, 公共管理 or 国际组织, and says why', () => {
    for (const [code, name] of [
      ['6621', '金融业'],
      ['J', '金融业'],
      ['9221', '公共管理、社会保障和社会组织'],
      ['9700', '国际组织'],
    ] as const) {
      const r = computeScale({ industry: code, staff: 10, revenueYuan: 1 });
      assert.equal(r.status, 'not-covered', code);
      if (r.status === 'not-covered') {
        assert.equal(r.row.name, name);
        assert.match(r.reason, /划型/);
      }
    }
    assert.match((computeScale({ industry: '6621' }) as { reason: string }).reason, /银发〔2015〕309号/);
  });
});

describe('inputs', () => {
  it('names the missing measures in Chinese and ignores the ones the row does not use', () => {
    const r = computeScale({ industry: '1311', staff: 10 });
    assert.equal(r.status, 'missing-measure');
    if (r.status === 'missing-measure') {
      assert.deepEqual(r.missing, ['revenue']);
      assert.equal(r.reason, '按“工业”标准划型需要营业收入');
    }
    const both = computeScale({ industry: '7010' });
    assert.equal(
      both.status === 'missing-measure' && both.reason,
      '按“房地产开发经营”标准划型需要营业收入、资产总额',
    );
    assert.equal(scaleOf({ industry: '7310', staff: 50, assetsYuan: 1 }), 'small');
  });

  it('rejects negative or fractional 从业人员 and negative amounts', () => {
    for (const staff of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const r = computeScale({ industry: '1311', staff, revenueYuan: 1 });
      assert.equal(r.status, 'invalid-measure', String(staff));
      assert.equal(r.status === 'invalid-measure' && r.reason, '从业人员应为非负整数');
    }
    const neg = computeScale({ industry: '7010', revenueYuan: 1, assetsYuan: -5n });
    assert.equal(neg.status === 'invalid-measure' && neg.field, 'assets');
    assert.equal(computeScale({ industry: '0111', revenueYuan: Number.NaN }).status, 'invalid-measure');
  });

  it('reports an unknown or too coarse industry', () => {
    assert.equal(computeScale({ industry: '9999', staff: 1 }).status, 'unknown-industry');
    assert.equal(computeScale({ industry: 'G', staff: 1, revenueYuan: 1 }).status, 'unknown-industry');
  });

  it('compares exactly in 元, with bigint too, and prints 万元 exactly', () => {
    const retail = SCALE_TABLE.find((r) => r.id === 'retail');
    assert.ok(retail);
    // One 分 below 100 万元 is below it; 0.29 元 is 29 分, not 28.999…
    assert.equal(scaleOf({ industry: '5212', staff: 50, revenueYuan: 999_999.99 }), 'micro');
    assert.equal(
      computeScale({ industry: '5212', staff: 50, revenueYuan: 999_999.999 }).status,
      'invalid-measure',
    );
    assert.equal(computeScale({ industry: '5212', staff: 50, revenueYuan: 0.29 }).status, 'classified');
    assert.equal(scaleOf({ industry: '5212', staff: 50, revenueYuan: 1_000_000 }), 'small');
    assert.equal(scaleOf({ industry: '5212', staff: 300, revenueYuan: 200_000_000n }), 'large');
    assert.equal(scaleOf({ industry: '5212', staff: 300, revenueYuan: 199_999_999n }), 'medium');
    assert.equal(formatWan(123_456_789n), '123.456789'); // 分 in, 万元 out
    assert.equal(formatWan(100n), '0.0001');
    assert.equal(formatWan(0n), '0');
  });
});

describe('properties', () => {
  /** Random measures for a row: persons up to 5000, amounts up to 500000 万元 in whole 元. */
  const measuresFor = (row: ScaleRow) =>
    fc.record(
      Object.fromEntries(
        row.measures.map((m) => [m, fc.integer({ min: 0, max: m === 'staff' ? 5000 : 5_000_000_000 })]),
      ) as Record<ScaleMeasure, fc.Arbitrary<number>>,
    );

  it('is monotone: raising any one measure never lowers the scale', () => {
    fc.assert(
      fc.property(
        anyRow.chain((row) =>
          fc.tuple(fc.constant(row), measuresFor(row), fc.constantFrom(...row.measures), fc.nat()),
        ),
        ([row, values, m, extra]) => {
          const before = scaleOf(rawInput(row, values));
          const after = scaleOf(rawInput(row, { ...values, [m]: (values[m] ?? 0) + extra }));
          assert.ok(ORDER[after] >= ORDER[before], `${row.id}: ${before} → ${after}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  /**
   * Each threshold exactly as written, at threshold − 1 and threshold (1 person or 1 元), with the
   * other measures held anywhere between the same level's threshold and just below the next one:
   * 且 means every measure must reach the line, 或 that one measure below it is enough.
   */
  it('draws each 且/或 line exactly at the threshold', () => {
    const levels = [
      { at: 'large', below: 'medium', line: (r: ScaleRow) => r.smeBelow, cap: () => undefined },
      { at: 'medium', below: 'small', line: (r: ScaleRow) => r.medium, cap: (r: ScaleRow) => r.smeBelow },
      { at: 'small', below: 'micro', line: (r: ScaleRow) => r.small, cap: (r: ScaleRow) => r.medium },
    ] as const;
    fc.assert(
      fc.property(
        anyRow,
        fc.constantFrom(...levels),
        fc.integer({ min: 0, max: 2 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (row, level, pick, spread) => {
          const m = row.measures[pick % row.measures.length] ?? 'staff';
          const line = level.line(row);
          const cap: Thresholds | undefined = level.cap(row);
          const values: Partial<Record<ScaleMeasure, number>> = {};
          for (const other of row.measures) {
            const lo = raw(other, line);
            const hi = cap ? raw(other, cap) - 1 : lo * 3;
            values[other] = lo + Math.floor((hi - lo) * spread);
          }
          const at = scaleOf(rawInput(row, { ...values, [m]: raw(m, line) }));
          const below = scaleOf(rawInput(row, { ...values, [m]: raw(m, line) - 1 }));
          assert.equal(at, level.at, `${row.id}.${m} at the ${level.at} line`);
          assert.equal(below, level.below, `${row.id}.${m} one below the ${level.at} line`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reaches 大型 only with every measure at the 中小微 ceiling (或)', () => {
    for (const row of SCALE_TABLE) {
      const top = Object.fromEntries(row.measures.map((m) => [m, (row.smeBelow[m] ?? 0) * 10]));
      assert.equal(scaleOf(inputFor(row, top)), 'large', row.id);
      for (const m of row.measures) {
        assert.notEqual(
          scaleOf(inputFor(row, { ...top, [m]: (row.smeBelow[m] ?? 0) - 1 })),
          'large',
          `${row.id}.${m}`,
        );
        assert.equal(scaleOf(inputFor(row, { ...top, [m]: 0 })), 'micro', `${row.id}.${m} at zero`);
      }
    }
  });
});
