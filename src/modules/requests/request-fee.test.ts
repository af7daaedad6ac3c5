import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { processingFeeByCount, processingFeeByPages, perRequestRate } from './request-fee.js';

describe('信息处理费 (国办函〔2020〕109号)', () => {
  it('按件: the examples of legal.md §4', () => {
    assert.equal(processingFeeByCount(35).total, 3000, 'n=35 → 20×100 + 5×200');
    assert.equal(processingFeeByCount(50).total, 7000, 'n=50 → 2000 + 2000 + 3000');
    assert.equal(processingFeeByCount(10).total, 0);
    assert.deepEqual(
      processingFeeByCount(35).lines.map((l) => [l.band, l.units, l.rate, l.amount]),
      [
        ['第 1–10 件', 10, 0, 0],
        ['第 11–30 件', 20, 100, 2000],
        ['第 31–40 件', 5, 200, 1000],
      ],
    );
  });

  it('按件: one request is charged at the band of its place in the month', () => {
    assert.equal(processingFeeByCount(11, 11).total, 100);
    assert.equal(processingFeeByCount(41, 41).total, 300);
  });

  it('按量: the examples of legal.md §4', () => {
    assert.equal(processingFeeByPages(250).total, 4700, 'p=250 → 700 + 2000 + 2000');
    assert.equal(processingFeeByPages(30).total, 0);
    assert.equal(processingFeeByPages(31).total, 10);
  });

  it('property: fees never fall as the count or the pages grow, and the lines add up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (n) => {
        const a = processingFeeByCount(n);
        assert.ok(processingFeeByCount(n + 1).total >= a.total);
        assert.equal(
          a.lines.reduce((s, l) => s + l.units, 0),
          n,
        );
        assert.equal(
          a.total,
          a.lines.reduce((s, l) => s + l.units * l.rate, 0),
        );
        const p = processingFeeByPages(n);
        assert.ok(processingFeeByPages(n + 1).total >= p.total);
      }),
    );
    assert.equal(perRequestRate(31), 200);
    assert.equal(perRequestRate(40), 200);
  });
});
