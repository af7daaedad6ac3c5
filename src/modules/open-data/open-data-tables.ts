// The open-data tables filled from what the other modules publish. Pure: the service reads the
// modules (through their index.ts) and hands their figures in.
import {
  appealGroupLabels,
  appealGroups,
  applicantColumnLabels,
  applicantColumns,
  proactiveItems,
  rowsOf,
  type ReportData,
} from '../annual-report/index.js';
import { table, type Cell, type OpenTable } from './open-data.js';

/** A published annual report as open data lists it. */
export interface OpenReport {
  /** The platform's report id, or the id of the checked report recorded for the agency and year. */
  id: string;
  agencyId: string;
  agencyName: string;
  year: number;
  scope: 'self' | 'tree';
  source: 'platform' | 'recorded';
  version: number;
  /** YYYY-MM-DD (Beijing). */
  publishedOn: string | null;
  title: string;
  /** The contract document (`gongkai.annual-report/1`), as the annual-report module gives it. */
  data: ReportData;
}

/** Section 二's measures, by field name of the contract. */
export const measureLabels: Record<string, string> = {
  made: '本年新制作数量',
  published: '本年新公开数量',
  totalPublished: '对外公开总数量',
  previousYearItems: '上一年项目数量',
  change: '本年增/减',
  decisions: '本年处理决定数量',
  projects: '采购项目数量',
  amountYuan: '采购总金额（元）',
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  amountTenThousandYuan: '本年收费金额（万元）',
};

const keyOf = (r: OpenReport): Cell[] => [r.id, r.agencyId, r.agencyName, r.year];

/** The four annual-report tables: the reports, and sections 三, 四 and 二 of each. */
export function annualReportTables(reports: readonly OpenReport[]): OpenTable[] {
  const index: Cell[][] = [];
  const requests: Cell[][] = [];
  const appeals: Cell[][] = [];
  const proactive: Cell[][] = [];
  for (const r of reports) {
    const d = r.data;
    index.push([...keyOf(r), r.scope, r.source, d.format, r.version, r.publishedOn, r.title]);
    for (const def of rowsOf(d.format)) {
      const row = d.requests[def.key];
      if (!row) continue;
      applicantColumns.forEach((col, i) =>
        requests.push([...keyOf(r), def.key, def.label, col, applicantColumnLabels[col], row[i] ?? null]),
      );
    }
    for (const g of appealGroups) {
      const c = d.appeals[g];
      if (c)
        appeals.push([
          ...keyOf(r),
          g,
          appealGroupLabels[g],
          c.upheld,
          c.corrected,
          c.other,
          c.pending,
          c.total,
        ]);
    }
    for (const [item, spec] of Object.entries(proactiveItems[d.format])) {
      const values = (d.proactive as Record<string, Record<string, unknown> | undefined>)[item];
      if (!values) continue;
      for (const m of spec.fields) {
        const v = values[m];
        if (typeof v === 'number')
          proactive.push([...keyOf(r), item, spec.label, m, measureLabels[m] ?? m, v]);
      }
    }
  }
  return [
    table('annual_reports', index),
    table('annual_report_requests', requests),
    table('annual_report_appeals', appeals),
    table('annual_report_proactive', proactive),
  ];
}

/** Rows sorted by their leading cells (agency name, then the numbers), so a download is stable. */
export function sorted(rows: Cell[][]): Cell[][] {
  return rows.sort((a, b) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i] ?? '';
      const y = b[i] ?? '';
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return String(x) < String(y) ? -1 : 1;
    }
    return 0;
  });
}
