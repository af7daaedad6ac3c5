/**
 * The cross-year checks of the contract (year-chain, stock) over any set of reports: the
 * reports of one agency are ordered by year, and each pair of consecutive years is checked with
 * the contract's own `checkYearChain` and `checkStock`, so a finding here says exactly what the
 * checker says of a report given last year's. Pure.
 */
import { checkStock, checkYearChain } from '../contract/arithmetic-checks.js';
import type { Finding, ReportData } from '../contract/report.js';

/** A report in a comparison: its id (a file, a record), what a person calls it, and its data. */
export interface ChainedReport {
  id: string;
  /** A file name, or e.g. "晋江市人民政府 2020 年年报（平台生成）". */
  label: string;
  data: ReportData;
}

export interface ChainFinding extends Finding {
  /** The agency as the later report names it (whitespace removed). */
  agency: string;
  /** The later report's year. */
  year: number;
  previous: { id: string; label: string };
  current: { id: string; label: string };
}

/**
 * The key reports are grouped by: the agency's name without any whitespace (a name read from a
 * PDF or a table cell may carry spaces or line breaks that a person does not see as a difference).
 * Nothing else is folded: 晋江市人民政府 and 晋江市政府 are different keys, not a fuzzy match.
 */
export function agencyKey(name: string | null): string | null {
  const key = name?.replace(/\s+/g, '') ?? '';
  return key === '' ? null : key;
}

function usableYear(year: number | null): year is number {
  return typeof year === 'number' && Number.isInteger(year);
}

/**
 * Year-chain (table 三, both formats) and stock (规章 and 行政规范性文件, 2021 format on both
 * sides) between the reports of the same agency in consecutive years: 2019 and 2021 are not
 * chained when 2020 is absent, since what happened in between is unknown. A report without an
 * agency or a year is left out. Two reports of the same agency and year are each chained with
 * each report of the year before (the order of `reports` decides the order of findings).
 * Each message names both reports.
 */
export function chainFindings(reports: ChainedReport[]): ChainFinding[] {
  const groups = new Map<string, ChainedReport[]>();
  for (const report of reports) {
    const key = agencyKey(report.data.agency);
    if (key === null || !usableYear(report.data.year)) continue;
    groups.set(key, [...(groups.get(key) ?? []), report]);
  }
  const out: ChainFinding[] = [];
  for (const [agency, group] of groups) {
    const byYear = [...group].sort((a, b) => a.data.year! - b.data.year!);
    for (const current of byYear) {
      const year = current.data.year!;
      for (const previous of byYear.filter((r) => r.data.year === year - 1)) {
        const context = { previous: previous.data };
        for (const f of [...checkYearChain(current.data, context), ...checkStock(current.data, context)]) {
          out.push({
            ...f,
            message: `“${previous.label}”与“${current.label}”不一致：${f.message}`,
            agency,
            year,
            previous: { id: previous.id, label: previous.label },
            current: { id: current.id, label: current.label },
          });
        }
      }
    }
  }
  return out;
}
