import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { periodOf, rankByRate, reportYearsOf, toCsv, type RateInput } from './supervision.js';

// The pure rules of the supervision dashboard: the ranking that leaves small samples out, the
// period, and the CSV as Excel opens it.

const rateInput = fc
  .record({
    agencyId: fc.uuid(),
    agencyName: fc.string({ minLength: 1, maxLength: 6 }),
    cases: fc.integer({ min: 0, max: 40 }),
    met: fc.integer({ min: 0, max: 40 }),
  })
  .map((r): RateInput => ({ ...r, met: Math.min(r.met, r.cases) }));

describe('ranking of agencies by a rate', () => {
  it('ranks only rates over at least N cases, best first, and shows the others as too few', () => {
    fc.assert(
      fc.property(fc.array(rateInput, { maxLength: 12 }), fc.integer({ min: 1, max: 30 }), (rows, n) => {
        const out = rankByRate(rows, n);
        assert.equal(out.length, rows.length);
        for (const r of out) {
          assert.equal(r.tooFew, r.cases < n);
          assert.equal(r.rank === null, r.tooFew, 'ranked exactly when the sample is large enough');
        }
        const ranked = out.filter((r) => r.rank !== null);
        assert.deepEqual(
          out.slice(0, ranked.length).map((r) => r.agencyId),
          ranked.map((r) => r.agencyId),
          'the ranked come first',
        );
        for (let i = 1; i < ranked.length; i++) {
          const [a, b] = [ranked[i - 1]!, ranked[i]!];
          assert.ok(a.rate! >= b.rate!, 'best first');
          assert.equal(b.rank, a.rate === b.rate ? a.rank : i + 1, 'equal rates share a rank');
        }
      }),
    );
  });

  it('one late reply of two is not a rank of 50%: with N = 10 the agency is shown 1/2, unranked', () => {
    const [big, small] = rankByRate(
      [
        { agencyId: 's', agencyName: '磁灶镇', cases: 2, met: 1 },
        { agencyId: 'b', agencyName: '公安局', cases: 10, met: 9 },
      ],
      10,
    );
    assert.deepEqual([big!.agencyId, big!.rank, big!.rate], ['b', 1, 0.9]);
    assert.deepEqual([small!.agencyId, small!.rank, small!.tooFew, small!.rate], ['s', null, true, 0.5]);
  });
});

describe('the period', () => {
  it('this year runs to today, last year is the whole year, and the reports due in it are on the year before', () => {
    assert.deepEqual(periodOf('thisYear', '2026-06-30'), {
      kind: 'thisYear',
      from: '2026-01-01',
      to: '2026-06-30',
    });
    assert.deepEqual(periodOf('lastYear', '2026-06-30'), {
      kind: 'lastYear',
      from: '2025-01-01',
      to: '2025-12-31',
    });
    assert.deepEqual(periodOf('range', '2026-06-30', { from: '2024-12-01', to: '2026-02-01' }), {
      kind: 'range',
      from: '2024-12-01',
      to: '2026-02-01',
    });
    assert.deepEqual(reportYearsOf({ from: '2024-12-01', to: '2026-02-01' }), [2023, 2024, 2025]);
  });
});

describe('CSV', () => {
  it('is UTF-8 with a BOM and CRLF, quoting what Excel would split', () => {
    const text = toCsv(['受理编号', '机关'], [['晋政〔2026〕第1号', '晋江市, "公安局"']]);
    assert.equal(text, '\ufeff受理编号,机关\r\n晋政〔2026〕第1号,"晋江市, ""公安局"""\r\n');
  });
});
