import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  REPORT_SCHEMA_ID,
  type ReportData,
  type RequestRow,
  type RequestRowKey,
} from '../contract/report.js';
import { indicatorDefs, indicatorsOf, isSmallSample, receivedChange, roundRate } from './indicators.js';

// Indicators (services.md §7.2) against the hand-checked truth of real published reports
// (test/fixtures/annual-report/corpus/truth): the expected values are written out here by hand
// from the named cells of table 三 and 四, never computed by the code under test.

interface Truth {
  agency: string;
  year: number;
  format: '2019' | '2021';
  requests: Record<string, (number | null)[]>;
  appeals?: ReportData['appeals'];
  proactive?: ReportData['proactive'];
}

function truth(name: string): { t: Truth; data: ReportData } {
  const t = JSON.parse(
    readFileSync(`test/fixtures/annual-report/corpus/truth/${name}.json`, 'utf8'),
  ) as Truth;
  const data: ReportData = {
    schema: REPORT_SCHEMA_ID,
    format: t.format,
    year: t.year,
    agency: t.agency,
    source: { kind: 'markdown' },
    proactive: t.proactive ?? {},
    // A cell the truth gives as null (printed blank, unreadable) stays null: no rate may use it.
    requests: t.requests as ReportData['requests'],
    appeals: t.appeals ?? {},
    narrative: {},
    findings: [],
  };
  return { t, data };
}

/** The 总计 column of a truth row. */
const T = (t: Truth, key: string): number => t.requests[key]![6]!;

describe('indicators of real reports, by hand', () => {
  it('平潭 2019 (2019 format): no appeals decided gives null rates, not 0', () => {
    const { t, data } = truth('2019-pingtan');
    const ind = indicatorsOf(data);
    assert.equal(ind.format, '2019');
    assert.equal(ind.received, 23);
    // 予以公开 7 + 部分公开 1 over 总计 23.
    assert.deepEqual(ind.rates.grantedRate, { numerator: 8, denominator: 23, value: 8 / 23 });
    assert.equal(T(t, 'granted') + T(t, 'partiallyGranted'), 8);
    assert.deepEqual(ind.rates.withheldRate, { numerator: 0, denominator: 23, value: 0 });
    // 本机关不掌握 7 + 补正后仍不明确 5.
    assert.deepEqual(ind.rates.unavailableRate, { numerator: 7 + 0 + 5, denominator: 23, value: 12 / 23 });
    // 重复申请 3.
    assert.deepEqual(ind.rates.notProcessedRate, { numerator: 3, denominator: 23, value: 3 / 23 });
    // 结转 0 over 本年新收 23 + 上年结转 0.
    assert.deepEqual(ind.rates.carriedForwardRate, { numerator: 0, denominator: 23 + 0, value: 0 });
    // 复议 总计 0, 尚未审结 0: nothing decided, no rate.
    assert.deepEqual(ind.rates.reviewCorrectedRate, { numerator: 0, denominator: 0, value: null });
    assert.deepEqual(ind.rates.litigationCorrectedRate, { numerator: 0, denominator: 0, value: null });
    assert.equal(roundRate(ind.rates.grantedRate!.value), 0.3478);
  });

  it('平潭 2021 (2021 format): every rate from the named cells', () => {
    const { t, data } = truth('2021-pingtan');
    const ind = indicatorsOf(data);
    const total = T(t, 'total');
    assert.equal(total, 69);
    assert.equal(ind.received, 70);
    assert.equal(ind.rates.grantedRate!.value, (30 + 5) / 69);
    // 三类内部事务 1 + 行政执法案卷 6 + 行政查询事项 1.
    assert.deepEqual(ind.rates.withheldRate, { numerator: 1 + 6 + 1, denominator: 69, value: 8 / 69 });
    assert.equal(
      ind.rates.withheldRate!.numerator,
      T(t, 'withheld.internalAffairs') +
        T(t, 'withheld.enforcementFile') +
        T(t, 'withheld.administrativeQuery'),
    );
    assert.equal(ind.rates.unavailableRate!.value, 25 / 69);
    assert.equal(ind.rates.notProcessedRate!.value, 0);
    assert.deepEqual(ind.rates.carriedForwardRate, { numerator: 1, denominator: 70 + 0, value: 1 / 70 });
    // 复议: 维持 1, 其他 2, 纠正 0, 尚未审结 0, 总计 3.
    assert.deepEqual(ind.rates.reviewCorrectedRate, { numerator: 0, denominator: 3 - 0, value: 0 });
    // 直接起诉 总计 12 (尚未审结 0) + 复议后起诉 总计 0.
    assert.deepEqual(ind.rates.litigationCorrectedRate, {
      numerator: 0 + 0,
      denominator: 12 - 0 + (0 - 0),
      value: 0,
    });
    assert.equal(roundRate(ind.rates.grantedRate!.value), 0.5072);
    assert.equal(roundRate(ind.rates.carriedForwardRate!.value), 0.0143);
  });

  it('上海市科委 2024: a blank 结转 total makes the 结转率 null, the others stand', () => {
    const { t, data } = truth('kewei-2024-source');
    assert.equal(t.requests.carriedForward![6], null);
    const ind = indicatorsOf(data);
    assert.equal(ind.rates.carriedForwardRate, null);
    assert.deepEqual(ind.rates.grantedRate, { numerator: 9 + 0, denominator: 35, value: 9 / 35 });
    // 内部事务 1 + 过程性信息 1; 不掌握 4 + 需另行制作 6.
    assert.equal(ind.rates.withheldRate!.value, 2 / 35);
    assert.equal(ind.rates.unavailableRate!.value, 10 / 35);
    assert.deepEqual(ind.rates.reviewCorrectedRate, { numerator: 0, denominator: 1, value: 0 });
    assert.equal(ind.rates.litigationCorrectedRate!.value, null);
  });

  it('a report cut off inside table 三: every rate needing a missing row is null', () => {
    const { t, data } = truth('2021-yanbian-xinjiuzhen');
    assert.deepEqual(Object.keys(t.requests), ['received', 'carriedOver', 'granted']);
    const ind = indicatorsOf(data);
    assert.equal(ind.received, 0);
    for (const def of indicatorDefs) assert.equal(ind.rates[def.key], null, def.key);
  });

  it('a missing appeals group makes only the 诉讼纠错率 null', () => {
    const { data } = truth('2021-pingtan');
    const appeals = { ...data.appeals };
    delete appeals.litigationAfterReview;
    const ind = indicatorsOf({ ...data, appeals });
    assert.equal(ind.rates.litigationCorrectedRate, null);
    assert.notEqual(ind.rates.reviewCorrectedRate, null);
  });
});

describe('received change and small samples', () => {
  it('(current − previous) ÷ previous, null without a previous figure or with none received', () => {
    assert.deepEqual(receivedChange(70, 23), { numerator: 47, denominator: 23, value: 47 / 23 });
    assert.deepEqual(receivedChange(5, 10), { numerator: -5, denominator: 10, value: -0.5 });
    assert.equal(receivedChange(70, null), null);
    assert.equal(receivedChange(null, 23), null);
    assert.equal(receivedChange(3, 0)!.value, null);
  });

  it('a rate over fewer cases than the minimum is a small sample; so is one not computed', () => {
    assert.equal(isSmallSample({ numerator: 0, denominator: 3, value: 0 }, 10), true);
    assert.equal(isSmallSample({ numerator: 1, denominator: 10, value: 0.1 }, 10), false);
    assert.equal(isSmallSample({ numerator: 0, denominator: 0, value: null }, 1), true);
    assert.equal(isSmallSample(null, 1), true);
  });
});

const count = fc.integer({ min: 0, max: 5000 });
const outcomeKeys: RequestRowKey[] = [
  'granted',
  'partiallyGranted',
  'withheld.stateSecret',
  'withheld.thirdPartyRights',
  'unavailable.notHeld',
  'unavailable.stillUnclear',
  'notProcessed.repeated',
  'other',
];
const row = (n: number): RequestRow => [n, 0, 0, 0, 0, 0, n];

/** A table 三 whose 勾稽关系 hold, with appeals whose parts add up. */
const balancedReport = fc
  .record({
    outcomes: fc.array(count, { minLength: outcomeKeys.length, maxLength: outcomeKeys.length }),
    carriedForward: count,
    carriedOverShare: fc.double({ min: 0, max: 1, noNaN: true }),
    appeals: fc.array(fc.tuple(count, count, count, count), { minLength: 3, maxLength: 3 }),
    format: fc.constantFrom('2019' as const, '2021' as const),
  })
  .map(({ outcomes, carriedForward, carriedOverShare, appeals, format }): ReportData => {
    const total = outcomes.reduce((s, n) => s + n, 0);
    const carriedOver = Math.floor((total + carriedForward) * carriedOverShare);
    const requests: ReportData['requests'] = {
      received: row(total + carriedForward - carriedOver),
      carriedOver: row(carriedOver),
      total: row(total),
      carriedForward: row(carriedForward),
    };
    outcomeKeys.forEach((k, i) => (requests[k] = row(outcomes[i]!)));
    for (const k of ['withheld.lawProhibited', 'withheld.securityStability', 'withheld.internalAffairs'])
      requests[k as RequestRowKey] = row(0);
    for (const k of [
      'withheld.processInformation',
      'withheld.enforcementFile',
      'withheld.administrativeQuery',
    ])
      requests[k as RequestRowKey] = row(0);
    for (const k of ['unavailable.needsCreation', 'notProcessed.petition', 'notProcessed.publication'])
      requests[k as RequestRowKey] = row(0);
    for (const k of ['notProcessed.excessive', 'notProcessed.confirmation'])
      requests[k as RequestRowKey] = row(0);
    const group = ([upheld, corrected, other, pending]: [number, number, number, number]) => ({
      upheld,
      corrected,
      other,
      pending,
      total: upheld + corrected + other + pending,
    });
    return {
      schema: REPORT_SCHEMA_ID,
      format,
      year: 2022,
      agency: '某县人民政府',
      source: { kind: 'built' },
      proactive: {},
      requests,
      appeals: {
        review: group(appeals[0]!),
        litigationDirect: group(appeals[1]!),
        litigationAfterReview: group(appeals[2]!),
      },
      narrative: {},
      findings: [],
    };
  });

describe('properties', () => {
  it('when the table balances, every rate is in [0, 1] and the outcome rates add up to at most 1', () => {
    fc.assert(
      fc.property(balancedReport, (data) => {
        const ind = indicatorsOf(data);
        let outcomeShare = 0;
        for (const def of indicatorDefs) {
          const rate = ind.rates[def.key];
          assert.ok(rate, `${def.key} computed`);
          if (rate.value === null) {
            assert.equal(rate.denominator, 0);
            continue;
          }
          assert.ok(rate.value >= 0 && rate.value <= 1, `${def.key} = ${rate.value}`);
          if (['grantedRate', 'withheldRate', 'unavailableRate', 'notProcessedRate'].includes(def.key))
            outcomeShare += rate.value;
        }
        assert.ok(outcomeShare <= 1 + 1e-9, `outcomes add to ${outcomeShare}`);
      }),
    );
  });

  it('roundRate keeps 4 decimals, moves a value by at most half a ten-thousandth, and is idempotent', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (v) => {
        const r = roundRate(v)!;
        assert.ok(Math.abs(r - v) <= 0.00005 + 1e-12, `${v} → ${r}`);
        assert.equal(roundRate(r), r);
        assert.ok(Math.abs(r * 10000 - Math.round(r * 10000)) < 1e-6, `${r} has more than 4 decimals`);
        assert.ok(!Object.is(r, -0));
      }),
    );
    assert.equal(roundRate(null), null);
    assert.equal(roundRate(Number.NaN), null);
    assert.equal(roundRate(2 / 3), 0.6667);
    assert.equal(roundRate(1 / 70), 0.0143);
  });
});
