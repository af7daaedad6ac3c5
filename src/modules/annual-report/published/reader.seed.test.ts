import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkPublishedReport } from './read-and-check.js';

/** ../shared/seed/jinjiang-2020-annual-report.md: the report the platform was specified from. */
const seed = 'test/fixtures/annual-report/jinjiang-2020-annual-report.md';

describe('the seed report (晋江市人民政府 2020)', async () => {
  const r = await checkPublishedReport(seed, readFileSync(seed));
  const d = r.data!;

  it('states its agency, year and format', () => {
    assert.equal(d.agency, '晋江市人民政府');
    assert.equal(d.year, 2020);
    assert.equal(d.format, '2019');
    assert.equal(r.status, 'full');
  });

  it('reads every figure of sections 二, 三 and 四 as printed', () => {
    assert.deepEqual(d.proactive, {
      rules: { made: 49, published: 49, totalPublished: 87 },
      normativeDocuments: { made: 61, published: 61, totalPublished: 126 },
      licensing: { previousYearItems: 490, change: 422, decisions: 94335 },
      otherServices: { previousYearItems: 86, change: 44, decisions: 12204 },
      penalties: { previousYearItems: 681, change: 219, decisions: 15833 },
      enforcement: { previousYearItems: 7, change: 0, decisions: 68 },
      fees: { previousYearItems: 4, change: 3 },
      procurement: { projects: 271, amountYuan: 249887966.42 },
    });
    const z = [0, 0, 0, 0, 0, 0, 0];
    assert.deepEqual(d.requests, {
      received: [215, 0, 0, 1, 3, 3, 231],
      carriedOver: z,
      granted: [128, 8, 0, 0, 3, 3, 142],
      partiallyGranted: [21, 0, 0, 0, 0, 0, 21],
      'withheld.stateSecret': z,
      'withheld.lawProhibited': [4, 0, 0, 0, 0, 0, 4],
      'withheld.securityStability': [1, 0, 0, 0, 0, 0, 1],
      'withheld.thirdPartyRights': [1, 0, 0, 0, 0, 0, 1],
      'withheld.internalAffairs': z,
      'withheld.processInformation': z,
      'withheld.enforcementFile': z,
      'withheld.administrativeQuery': z,
      'unavailable.notHeld': [27, 0, 0, 0, 0, 0, 27],
      'unavailable.needsCreation': [21, 1, 0, 1, 0, 0, 23],
      'unavailable.stillUnclear': [6, 0, 0, 0, 0, 0, 6],
      'notProcessed.petition': z,
      'notProcessed.repeated': [4, 0, 0, 0, 0, 0, 4],
      'notProcessed.publication': z,
      'notProcessed.excessive': z,
      'notProcessed.confirmation': [2, 0, 0, 0, 0, 0, 2],
      other: z,
      total: [215, 9, 0, 1, 3, 3, 231],
      carriedForward: z,
    });
    assert.deepEqual(d.appeals, {
      review: { upheld: 2, corrected: 0, other: 0, pending: 0, total: 2 },
      litigationDirect: { upheld: 0, corrected: 0, other: 1, pending: 4, total: 5 },
      litigationAfterReview: { upheld: 1, corrected: 2, other: 2, pending: 0, total: 5 },
    });
  });

  it('finds exactly the seed’s errors, its narrative contradictions and its 规章 for a county-level city', () => {
    assert.deepEqual(
      d.findings.map((f) => [f.check, f.severity, f.where, f.expected ?? null, f.actual ?? null]),
      [
        ['row-sum', 'error', 'requests.received', 231, 222],
        ['balance', 'error', 'requests[commercialEnterprise]', 0, 9],
        ['narrative', 'warning', 'requests.received', 231, 264],
        ['narrative', 'warning', 'requests.total', 231, 259],
        ['narrative', 'warning', 'requests.carriedForward', 0, 5],
        ['plausibility', 'warning', 'proactive.rules', null, null],
        // 结转下年度's 总计 cell is printed blank (the row's other cells are 0): read as 0, said so.
        ['blank', 'warning', 'requests.carriedForward', null, null],
      ],
    );
    const narrative = d.findings.filter((f) => f.check === 'narrative').map((f) => f.message);
    assert.match(narrative[0]!, /“全市各级各部门受理信息公开申请 264 件”/);
    assert.match(narrative[1]!, /“依法办结 259 件”/);
    assert.match(narrative[2]!, /“结转至下年度继续办理数 5 件”/);
  });
});
