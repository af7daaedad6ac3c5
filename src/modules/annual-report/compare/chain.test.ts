import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReportData } from '../contract/report.js';
import { chainFindings, type ChainedReport } from './chain.js';
import { threeYears } from './samples.js';

const reportsOf = (data: ReportData[]): ChainedReport[] =>
  data.map((d) => ({ id: `id-${d.year}`, label: `${d.year}.md`, data: d }));

describe('chainFindings', () => {
  const [y2021, y2022, y2023] = threeYears().map((r) => r.data) as [ReportData, ReportData, ReportData];

  it('three years of one agency: the stock break and the year-chain break, each naming both reports', () => {
    // Given out of order: the chain orders by year.
    const findings = chainFindings(reportsOf([y2023, y2021, y2022]));
    assert.deepEqual(
      findings.map((f) => [f.check, f.year, f.where, f.expected, f.actual, f.previous.id, f.current.id]),
      [
        ['stock', 2022, 'proactive.normativeDocuments', 130 + 18 - 6, 150, 'id-2021', 'id-2022'],
        ['year-chain', 2023, 'requests.carriedOver[commercialEnterprise]', 1, 0, 'id-2022', 'id-2023'],
        ['year-chain', 2023, 'requests.carriedOver[total]', 2, 1, 'id-2022', 'id-2023'],
      ],
    );
    for (const f of findings) {
      assert.equal(f.agency, '丽水市人民政府');
      assert.ok(f.message.includes(`“${f.previous.label}”`), f.message);
      assert.ok(f.message.includes(`“${f.current.label}”`), f.message);
    }
    assert.match(findings[0]!.message, /^“2021\.md”与“2022\.md”不一致：二、行政规范性文件：/);
    assert.equal(findings[0]!.severity, 'warning');
    assert.equal(findings[1]!.severity, 'error');
  });

  it('chains consecutive years only: 2021 and 2023 are not compared when 2022 is absent', () => {
    assert.deepEqual(chainFindings(reportsOf([y2021, y2023])), []);
    // The same two reports as 2022 and 2023 disagree (2021 carried [3,0,0,0,1,0,4] forward).
    const asConsecutive = chainFindings(reportsOf([{ ...y2021, year: 2022 }, y2023]));
    assert.ok(asConsecutive.some((f) => f.check === 'year-chain'));
  });

  it('groups by agency name with whitespace ignored, and never across agencies', () => {
    const spaced = { ...y2023, agency: ' 丽水市 人民政府\n' };
    assert.equal(chainFindings(reportsOf([y2022, spaced])).length, 2);
    const other = { ...y2023, agency: '丽水市教育局' };
    assert.deepEqual(chainFindings(reportsOf([y2022, other])), []);
    assert.deepEqual(chainFindings(reportsOf([y2022, { ...y2023, agency: null }])), []);
    assert.deepEqual(chainFindings(reportsOf([y2022, { ...y2023, year: null }])), []);
  });

  it('runs the stock check only when both years are in the 2021 format', () => {
    const as2019: ReportData = { ...y2021, format: '2019' };
    // 2021 → 2022 has a stock break (the first test); with 2021 in the 2019 format it is not run.
    assert.deepEqual(chainFindings(reportsOf([as2019, y2022])), []);
    // The year chain of table 三 runs across formats (2020 → 2021).
    const broken2020: ReportData = {
      ...y2021,
      year: 2020,
      format: '2019',
      requests: { ...y2021.requests, carriedForward: [9, 0, 0, 0, 0, 0, 9] },
    };
    assert.deepEqual(
      chainFindings(reportsOf([broken2020, { ...y2022, year: 2021 }])).map((f) => [f.check, f.where]),
      [
        ['year-chain', 'requests.carriedOver[naturalPerson]'],
        ['year-chain', 'requests.carriedOver[legalServiceOrganization]'],
        ['year-chain', 'requests.carriedOver[total]'],
      ],
    );
  });
});
