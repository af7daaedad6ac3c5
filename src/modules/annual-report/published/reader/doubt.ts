import {
  checkBalance,
  checkOtherSum,
  checkOutcomeSum,
  checkRowSums,
} from '../../contract/arithmetic-checks.js';
import {
  applicantColumnLabels,
  applicantColumns,
  REPORT_SCHEMA_ID,
  rowDef,
  type ReportData,
  type ReportFormat,
  type Requests,
  type RequestRowKey,
} from '../../contract/report.js';
import type { ReadRow } from './table3.js';

/**
 * Table 三's own relations as a test of its reading. One misprinted cell contradicts its row's
 * sum and its column's relations: two places, and the checks report it. Figures that the
 * relations contradict in more places than that are rather a table read wrongly (a row taken for
 * its neighbour, a header's digits taken as figures, cells shifted by a lost blank): the rows
 * whose reading was a guess (figures without their label, cells split or placed by the row's
 * sum) are left out; if the relations still fail in several columns, the whole table is
 * reported as unreadable, with the places named, and no error is raised on it.
 */

/** Places (a row's sum, a column's relations) beyond which a reading is doubted. */
export const SEVERAL_PLACES = 3;

function contradictions(
  requests: Requests,
  format: ReportFormat,
): { rows: Set<string>; columns: Set<number> } {
  const data: ReportData = {
    schema: REPORT_SCHEMA_ID,
    format,
    year: null,
    agency: null,
    source: { kind: 'text' },
    proactive: {},
    requests,
    appeals: {},
    narrative: {},
    findings: [],
  };
  const rows = new Set(checkRowSums(data).map((f) => f.where.slice('requests.'.length)));
  const columns = new Set<number>();
  for (const f of [...checkBalance(data), ...checkOutcomeSum(data), ...checkOtherSum(data)]) {
    const column = /\[(\w+)\]$/.exec(f.where)?.[1];
    const i = applicantColumns.indexOf(column as (typeof applicantColumns)[number]);
    if (i >= 0) columns.add(i);
  }
  return { rows, columns };
}

const places = (c: { rows: Set<string>; columns: Set<number> }) => c.rows.size + c.columns.size;

const describe = (c: { rows: Set<string>; columns: Set<number> }) =>
  [
    ...[...c.rows].map((k) => `${rowDef(k as RequestRowKey).short}行`),
    ...[...c.columns].map((i) => `${applicantColumnLabels[applicantColumns[i]!]}列`),
  ].join('、');

export interface Doubt {
  /** Rows no longer relied on, with the reason. */
  rows: Array<{ key: RequestRowKey; line: number; reason: string }>;
  /** The whole table doubted: the reason. */
  table: string | null;
}

export function doubtTable3(read: ReadRow[], format: ReportFormat): Doubt {
  const requests: Requests = Object.fromEntries(read.map((r) => [r.key, r.values]));
  const first = contradictions(requests, format);
  const out: Doubt = { rows: [], table: null };
  if (places(first) < SEVERAL_PLACES) return out;
  const guessed = read.filter((r) => r.byPosition || r.how === 'reconstructed');
  const inRowSums = guessed.filter((r) => first.rows.has(r.key));
  const suspects = inRowSums.length ? inRowSums : guessed;
  for (const r of suspects) {
    delete requests[r.key];
    out.rows.push({
      key: r.key,
      line: r.line,
      reason: `${r.byPosition ? '该行未找到行名，按顺序' : '该行数字经拆分或推算'}读出，但表内勾稽关系在 ${places(first)} 处不成立（${describe(first)}），可能读错`,
    });
  }
  const after = contradictions(requests, format);
  if (after.columns.size >= SEVERAL_PLACES)
    out.table = `表三的勾稽关系在 ${places(after)} 处不成立（${describe(after)}），更可能是行或列读错了，而不是原表有误；表三未计入检查`;
  return out;
}
