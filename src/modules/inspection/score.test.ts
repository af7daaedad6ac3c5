import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Veto } from './inspection.js';
import {
  deductionItems,
  deductionLabels,
  defaultRules,
  type DeductionItem,
  type InspectionRules,
} from './rules.js';
import { PASS_MARK, deductionsFor, scoreOf, verdictOf } from './score.js';

// The 100-point sheet after the vetoes (国办秘函〔2019〕19号 parts 1–2).
const aVeto: Veto = {
  code: 'homeStale',
  message: '首页不更新',
  evidence: [{ url: null, at: null, status: null, text: null }],
};

const countsArb = fc.dictionary(fc.constantFrom(...deductionItems), fc.nat(10_000)) as fc.Arbitrary<
  Partial<Record<DeductionItem, number>>
>;
const rulesArb: fc.Arbitrary<InspectionRules> = fc
  .array(
    fc.record({
      points: fc.double({ min: 0, max: 100, noNaN: true }),
      cap: fc.double({ min: 0, max: 100, noNaN: true }),
    }),
    {
      minLength: deductionItems.length,
      maxLength: deductionItems.length,
    },
  )
  .map((list) => ({
    ...defaultRules,
    deductions: Object.fromEntries(
      deductionItems.map((item, i) => [item, list[i]!]),
    ) as InspectionRules['deductions'],
  }));

describe('the 100-point sheet', () => {
  it('takes points per unit up to each item’s cap, naming the item, in the order of the sheet', () => {
    const d = deductionsFor({ brokenLinks: 3, footer: 2, brokenLinksHome: 9, darkLinks: 0 }, defaultRules);
    assert.deepEqual(
      d.map((x) => [x.item, x.points]),
      [
        ['链接可用性（首页）', 5],
        ['链接可用性（其他页面）', 0.3],
        ['网站底部信息', 2],
      ],
    );
    assert.equal(d[0]!.message, '首页上每个无法打开的链接扣 1 分（计 9），本项最多扣 5 分：扣 5 分。');
    assert.equal(d[1]!.message, '其他页面上每个无法打开的链接扣 0.1 分（计 3）：扣 0.3 分。');
    assert.equal(scoreOf(d), 92.7);
  });
  it('keeps decimals exact to the hundredth', () => {
    const d = deductionsFor({ brokenLinks: 7, metaTags: 3 }, defaultRules);
    assert.deepEqual(
      d.map((x) => x.points),
      [0.7, 0.3],
    );
    assert.equal(scoreOf(d), 99);
  });
  it('never leaves 0–100, whatever the counts and the points', () => {
    fc.assert(
      fc.property(countsArb, rulesArb, (counts, rules) => {
        const d = deductionsFor(counts, rules);
        const score = scoreOf(d);
        assert.ok(score >= 0 && score <= 100, String(score));
        for (const x of d) {
          const item = deductionItems.find((i) => deductionLabels[i] === x.item)!;
          assert.ok(x.points > 0 && x.points <= rules.deductions[item].cap + 0.005, JSON.stringify(x));
        }
      }),
    );
  });
  it('more units never give a higher score', () => {
    fc.assert(
      fc.property(countsArb, fc.constantFrom(...deductionItems), fc.nat(50), (counts, item, more) => {
        const before = scoreOf(deductionsFor(counts, defaultRules));
        const after = scoreOf(deductionsFor({ ...counts, [item]: (counts[item] ?? 0) + more }, defaultRules));
        assert.ok(after <= before);
      }),
    );
  });
  it('gives the verdict veto whenever there is a veto, else fails below 60', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.boolean(), (score, vetoed) => {
        const v = verdictOf(vetoed ? [aVeto] : [], score);
        assert.equal(v, vetoed ? 'veto' : score < PASS_MARK ? 'fail' : 'pass');
      }),
    );
    assert.equal(verdictOf([], 59.99), 'fail');
    assert.equal(verdictOf([], 60), 'pass');
    assert.equal(verdictOf([aVeto], 100), 'veto');
  });
});
