import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCsv } from '../../../platform/import/csv.js';
import { csvCell, toCsv } from './comparison.export.js';
import { percent, rateCell, ranksOf, receivedText } from './comparison.presenter.js';
import { indicatorKeys, rateOf, type IndicatorKey, type Rate, type ReportIndicators } from './indicators.js';

function indicators(rates: Partial<Record<IndicatorKey, Rate | null>>): ReportIndicators {
  const all = Object.fromEntries(indicatorKeys.map((k) => [k, rates[k] ?? null])) as Record<
    IndicatorKey,
    Rate | null
  >;
  return { agency: null, year: null, format: '2021', received: null, rates: all };
}

const aRate = fc.tuple(fc.nat(60), fc.nat(60)).map(([n, extra]) => rateOf(Math.min(n, n + extra), n + extra));
const aReport = fc.record({
  year: fc.integer({ min: 2020, max: 2022 }),
  rate: fc.option(aRate, { nil: null }),
});

describe('ranks guard against small samples', () => {
  it('never ranks a rate over fewer than the minimum cases; ranks the rest of a year highest first', () => {
    fc.assert(
      fc.property(fc.array(aReport, { maxLength: 12 }), fc.integer({ min: 1, max: 30 }), (rows, minCases) => {
        const reports = rows.map((r) => ({ year: r.year, indicators: indicators({ grantedRate: r.rate }) }));
        const ranks = ranksOf(reports, minCases);
        const eligible = (i: number) => {
          const rate = rows[i]!.rate;
          return rate !== null && rate.value !== null && rate.denominator >= minCases;
        };
        rows.forEach((r, i) => {
          const rank = ranks[i]!.grantedRate;
          if (!eligible(i)) {
            assert.equal(rank, undefined, 'a small sample has no rank');
            return;
          }
          const peers = rows.map((_, j) => j).filter((j) => eligible(j) && rows[j]!.year === r.year);
          const higher = peers.filter((j) => rows[j]!.rate!.value! > r.rate!.value!).length;
          assert.deepEqual(rank, { rank: higher + 1, of: peers.length });
        });
        // Only the indicator with figures is ranked.
        for (const r of ranks) assert.equal(r.withheldRate, undefined);
      }),
    );
  });

  it('shows a rate as a percentage with n/N, and marks a small sample', () => {
    assert.deepEqual(rateCell(rateOf(163, 231), 10, { rank: 1, of: 2 }), {
      percent: '70.6%',
      counts: '163/231',
      small: false,
      rank: { rank: 1, of: 2 },
    });
    assert.deepEqual(rateCell(rateOf(0, 2), 10, undefined), {
      percent: '0.0%',
      counts: '0/2',
      small: true,
      rank: null,
    });
    assert.deepEqual(rateCell(null, 10, undefined), {
      percent: '未读到',
      counts: '',
      small: true,
      rank: null,
    });
    assert.equal(percent(rateOf(0, 0).value), '—');
  });

  it('writes 本年新收 with its change on the year before', () => {
    const ind = (received: number | null) => ({ ...indicators({}), received });
    assert.equal(
      receivedText({ indicators: ind(231), receivedChange: rateOf(31, 200) }),
      '231（较上年 +15.5%）',
    );
    assert.equal(
      receivedText({ indicators: ind(40), receivedChange: rateOf(-191, 231) }),
      '40（较上年 -82.7%）',
    );
    assert.equal(receivedText({ indicators: ind(5), receivedChange: rateOf(5, 0) }), '5');
    assert.equal(receivedText({ indicators: ind(null), receivedChange: null }), '未读到');
  });
});

describe('CSV downloads', () => {
  const cell = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.integer(), fc.constant(null));

  it('read back as written, a formula never starting a cell (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { maxLength: 6 }), (rows) => {
        const head = ['机构', '年度'];
        const fixed = rows.map((r) => r.slice(0, 2));
        const bytes = toCsv({ name: 't', head, rows: fixed });
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
        const back = parseCsv(bytes.toString('utf8').slice(1));
        assert.deepEqual(back[0], head);
        fixed.forEach((r, i) => {
          assert.deepEqual(back[i + 1], r.map(csvCell));
          for (const c of back[i + 1]!) assert.doesNotMatch(c, /^[=+@]/);
        });
      }),
    );
  });

  it('guards a name that a spreadsheet would run', () => {
    assert.equal(csvCell('=HYPERLINK("x")'), `'=HYPERLINK("x")`);
    assert.equal(csvCell('-1'), `'-1`, 'text, not the number');
    assert.equal(csvCell(-1), '-1');
    assert.equal(csvCell(null), '');
  });
});
