/**
 * The comparison of any set of reports (issue 18 deliverable 4): what each is, its indicators
 * rounded as JSON prints them, and the cross-year findings between the reports of one agency in
 * consecutive years. Pure: the door reads the files, this decides what the comparison says.
 */
import type { ReportData } from '../contract/report.js';
import { agencyKey, chainFindings, type ChainedReport, type ChainFinding } from './chain.js';
import {
  indicatorKeys,
  indicatorsOf,
  roundRate,
  type IndicatorKey,
  type ReportIndicators,
} from './indicators.js';

/** A report in a comparison: where it came from (a file as named), and what was read. */
export interface ComparedReport {
  file: string;
  data: ReportData;
}

export type IndicatorRow = { agency: string | null; year: number | null } & Record<
  IndicatorKey,
  number | null
> & { received: number | null };

export interface ComparisonFinding {
  check: 'year-chain' | 'stock';
  agency: string;
  year: number;
  where: string;
  expected: number | null;
  actual: number | null;
  message: string;
}

/** The document `gongkai report compare --json` prints (issue 18 §4), keys in this order. */
export interface Comparison {
  reports: Array<{ file: string; agency: string | null; year: number | null; format: '2019' | '2021' }>;
  /** One row per report, in the order of `reports`. */
  indicators: IndicatorRow[];
  findings: ComparisonFinding[];
}

/** The row of one report's indicators, rates rounded to 4 decimals, null where not computable. */
export function indicatorRow(ind: ReportIndicators, agency: string | null): IndicatorRow {
  const row: Record<string, number | string | null> = { agency, year: ind.year };
  for (const key of indicatorKeys) row[key] = roundRate(ind.rates[key]?.value ?? null);
  row.received = ind.received;
  return row as IndicatorRow;
}

function comparisonFinding(f: ChainFinding): ComparisonFinding {
  return {
    check: f.check as 'year-chain' | 'stock',
    agency: f.agency,
    year: f.year,
    where: f.where,
    expected: f.expected ?? null,
    actual: f.actual ?? null,
    message: f.message,
  };
}

/**
 * Compares reports: agencies are named as the reports state them, without whitespace (the key
 * the chain groups by), so a row and a finding of the same agency carry the same name.
 */
export function compare(reports: ComparedReport[]): { comparison: Comparison; findings: ChainFinding[] } {
  const chained: ChainedReport[] = reports.map((r) => ({ id: r.file, label: r.file, data: r.data }));
  const findings = chainFindings(chained);
  return {
    comparison: {
      reports: reports.map((r) => ({
        file: r.file,
        agency: agencyKey(r.data.agency),
        year: r.data.year,
        format: r.data.format,
      })),
      indicators: reports.map((r) => indicatorRow(indicatorsOf(r.data), agencyKey(r.data.agency))),
      findings: findings.map(comparisonFinding),
    },
    findings,
  };
}
