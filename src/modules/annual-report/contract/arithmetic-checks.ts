/**
 * The arithmetic checks of an annual report (../shared/reference/annual-report-data.md, `findings`):
 * row-sum, balance, outcome-sum, other-sum, appeals-sum, integer, year-chain and stock. Pure
 * functions over `ReportData`; each returns the findings of one check, and `runArithmeticChecks`
 * runs them all in the contract's order.
 *
 * Orientation of `expected` / `actual`: for a sum check, `expected` is the printed total and
 * `actual` the sum of the printed parts; for balance, `expected` is 本年新收 + 上年结转 and
 * `actual` is 办理结果总计 + 结转下年度; for year-chain, `expected` is last year's figure and
 * `actual` this year's; for stock, `expected` is the figure computed from last year and `actual`
 * the printed one.
 *
 * A row that is absent from `requests`, or named in `skipRows` (a row the reader could not trust),
 * is treated as absent by every check here: a check that needs it is not run. A cell that is not a
 * finite number is reported by the integer check only; the sum checks leave alone any relation that
 * involves it rather than report a meaningless NaN. So is a count beyond MAX_COUNT (a misprint, and
 * beyond what a number holds exactly it cannot even be printed back): the integer check names it
 * as too large, and no sum adds it. Every figure a message shows goes through `figureText`.
 */
import {
  appealGroupLabels,
  appealGroups,
  appealResultLabels,
  balanceRows,
  applicantColumnLabels,
  applicantColumns,
  checkSeverity,
  notProcessedRows,
  unavailableRows,
  withheldRows,
  proactiveItems,
  requestRows,
  rowDef,
  type AppealCounts,
  type ApplicantColumn,
  type CheckName,
  type Finding,
  type Proactive,
  type ReportData,
  type RequestRow,
  type RequestRowKey,
} from './report.js';
import { figureText, isCheckable, isOutOfRange, MAX_AMOUNT, MAX_COUNT, yearText } from './figure-text.js';

export interface CheckContext {
  /** Last year's report of the same agency, when known (year-chain, stock). */
  previous?: ReportData | null;
  /** Rows of `requests` not to be relied on: treated as absent. */
  skipRows?: readonly RequestRowKey[];
}

/** The order in which `runArithmeticChecks` reports its checks (the contract's table order). */
export const arithmeticCheckOrder = [
  'row-sum',
  'balance',
  'outcome-sum',
  'other-sum',
  'appeals-sum',
  'integer',
  'year-chain',
  'stock',
] as const satisfies readonly CheckName[];

const APPLICANT_INDEXES = [0, 1, 2, 3, 4, 5] as const;
const TOTAL_INDEX = 6;

/** Rows that together make up （七）总计, apart from （六）其他处理. */
const OUTCOME_ROWS_BEFORE_OTHER: readonly RequestRowKey[] = [
  'granted',
  'partiallyGranted',
  ...withheldRows,
  ...unavailableRows,
  ...notProcessedRows,
];
const OTHER_SUB_ROWS: readonly RequestRowKey[] = [
  'other.supplementOverdue',
  'other.feeUnpaid',
  'other.other',
];
const APPEAL_PARTS = ['upheld', 'corrected', 'other', 'pending'] as const;

/** Printed names of the section-二 fields, for messages. */
const proactiveFieldLabels: Record<string, string> = {
  made: '本年新制作数量',
  published: '本年新公开数量',
  totalPublished: '对外公开总数量',
  previousYearItems: '上一年项目数量',
  change: '本年增/减',
  decisions: '处理决定数量',
  projects: '采购项目数量',
  amountYuan: '采购总金额',
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  amountTenThousandYuan: '本年收费金额（万元）',
};

function finding(
  check: CheckName,
  where: string,
  expected: number | null,
  actual: number | null,
  message: string,
): Finding {
  return { check, severity: checkSeverity[check], where, expected, actual, message };
}

/** A figure the sums can use (finite, within MAX_COUNT); anything else only the integer check names. */
function isNum(v: unknown): v is number {
  return isCheckable(v);
}

function allNum(values: readonly unknown[]): values is number[] {
  return values.every(isNum);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

const show = figureText;

/** A limit in words: 一万亿, 十万亿. */
function limitText(limit: number = MAX_COUNT): string {
  return limit === MAX_AMOUNT ? '十万亿' : '一万亿';
}

/** The row, unless it is absent or to be skipped. */
function rowOf(data: ReportData, key: RequestRowKey, ctx: CheckContext): RequestRow | undefined {
  if (ctx.skipRows?.includes(key)) return undefined;
  const row: unknown = data.requests[key];
  return Array.isArray(row) ? (row as RequestRow) : undefined;
}

function rowsPresent(
  data: ReportData,
  keys: readonly RequestRowKey[],
  ctx: CheckContext,
): RequestRow[] | undefined {
  const out: RequestRow[] = [];
  for (const key of keys) {
    const row = rowOf(data, key, ctx);
    if (!row) return undefined;
    out.push(row);
  }
  return out;
}

/** The name of a row in a message; the 总计 row is called 办理结果总计 so as not to read as the 总计 column. */
function rowName(key: RequestRowKey): string {
  return key === 'total' ? '办理结果总计' : rowDef(key).short;
}

function columnName(c: ApplicantColumn): string {
  return c === 'total' ? '总计列' : `${applicantColumnLabels[c]}列`;
}

function cell(row: RequestRow, index: number): unknown {
  return row[index];
}

/** Present row keys in the official order (rows of the other format too, when a reader put them there). */
function presentRowKeys(data: ReportData, ctx: CheckContext): RequestRowKey[] {
  return requestRows.map((r): RequestRowKey => r.key).filter((k) => rowOf(data, k, ctx) !== undefined);
}

/** row-sum: in every present row of table 三, 总计 (index 6) = the sum of the six applicant columns. */
export function checkRowSums(data: ReportData, ctx: CheckContext = {}): Finding[] {
  const out: Finding[] = [];
  for (const key of presentRowKeys(data, ctx)) {
    const row = rowOf(data, key, ctx)!;
    const parts = APPLICANT_INDEXES.map((i) => cell(row, i));
    const printed = cell(row, TOTAL_INDEX);
    if (!allNum(parts) || !isNum(printed)) continue;
    const s = sum(parts);
    if (s !== printed) {
      out.push(
        finding(
          'row-sum',
          `requests.${key}`,
          printed,
          s,
          `三、${rowName(key)}：六类申请人之和为 ${show(s)}，总计列为 ${show(printed)}`,
        ),
      );
    }
  }
  return out;
}

/** balance: in every column, 本年新收 + 上年结转 = 办理结果总计 + 结转下年度 (the table's own 勾稽关系). */
export function checkBalance(data: ReportData, ctx: CheckContext = {}): Finding[] {
  const rows = rowsPresent(data, balanceRows, ctx);
  if (!rows) return [];
  const [received, carriedOver, total, carriedForward] = rows as [
    RequestRow,
    RequestRow,
    RequestRow,
    RequestRow,
  ];
  const out: Finding[] = [];
  applicantColumns.forEach((c, i) => {
    const r = cell(received, i);
    const o = cell(carriedOver, i);
    const t = cell(total, i);
    const f = cell(carriedForward, i);
    if (!isNum(r) || !isNum(o) || !isNum(t) || !isNum(f)) return;
    const left = r + o;
    const right = t + f;
    if (left !== right) {
      out.push(
        finding(
          'balance',
          `requests[${c}]`,
          left,
          right,
          `${columnName(c)}：${rowName('received')} ${show(r)} + ${rowName('carriedOver')} ${show(o)} = ${show(left)}，` +
            `应等于 ${rowName('total')} ${show(t)} + ${rowName('carriedForward')} ${show(f)} = ${show(right)}`,
        ),
      );
    }
  });
  return out;
}

/**
 * The rows whose sum is （六）其他处理 for the outcome sum: the `other` row when it can be used
 * (always in the 2019 format), otherwise in the 2021 format its three sub-rows.
 */
function otherRowsForOutcome(
  data: ReportData,
  ctx: CheckContext,
): { rows: RequestRow[]; label: string } | undefined {
  const other = rowOf(data, 'other', ctx);
  if (other) return { rows: [other], label: '（六）其他处理' };
  if (data.format !== '2021') return undefined;
  const subs = rowsPresent(data, OTHER_SUB_ROWS, ctx);
  return subs ? { rows: subs, label: '（六）其他处理三个分项' } : undefined;
}

/**
 * outcome-sum: in every column, （七）总计 = 予以公开 + 部分公开 + all 不予公开 + 无法提供 + 不予处理
 * rows + （六）其他处理 (2021 without an `other` row: the sum of its three sub-rows).
 */
export function checkOutcomeSum(data: ReportData, ctx: CheckContext = {}): Finding[] {
  const total = rowOf(data, 'total', ctx);
  const before = rowsPresent(data, OUTCOME_ROWS_BEFORE_OTHER, ctx);
  const other = otherRowsForOutcome(data, ctx);
  if (!total || !before || !other) return [];
  const parts = [...before, ...other.rows];
  const out: Finding[] = [];
  applicantColumns.forEach((c, i) => {
    const values = parts.map((row) => cell(row, i));
    const printed = cell(total, i);
    if (!allNum(values) || !isNum(printed)) return;
    const s = sum(values);
    if (s !== printed) {
      out.push(
        finding(
          'outcome-sum',
          `requests.total[${c}]`,
          printed,
          s,
          `${columnName(c)}：办理结果（一）至（六）各项之和为 ${show(s)}，（七）总计为 ${show(printed)}`,
        ),
      );
    }
  });
  return out;
}

/** other-sum (2021 format only): in every column, （六）其他处理 = the sum of its three sub-rows. */
export function checkOtherSum(data: ReportData, ctx: CheckContext = {}): Finding[] {
  if (data.format !== '2021') return [];
  const other = rowOf(data, 'other', ctx);
  const subs = rowsPresent(data, OTHER_SUB_ROWS, ctx);
  if (!other || !subs) return [];
  const out: Finding[] = [];
  applicantColumns.forEach((c, i) => {
    const values = subs.map((row) => cell(row, i));
    const printed = cell(other, i);
    if (!allNum(values) || !isNum(printed)) return;
    const s = sum(values);
    if (s !== printed) {
      out.push(
        finding(
          'other-sum',
          `requests.other[${c}]`,
          printed,
          s,
          `${columnName(c)}：其他处理三个分项（逾期不补正、逾期未缴费、其他）之和为 ${show(s)}，（六）其他处理为 ${show(printed)}`,
        ),
      );
    }
  });
  return out;
}

/** appeals-sum: in each group of section 四, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
export function checkAppealsSum(data: ReportData, _ctx: CheckContext = {}): Finding[] {
  const out: Finding[] = [];
  for (const group of appealGroups) {
    const counts: AppealCounts | undefined = data.appeals[group];
    if (!counts) continue;
    const parts = APPEAL_PARTS.map((p) => counts[p] as unknown);
    const printed: unknown = counts.total;
    if (!allNum(parts) || !isNum(printed)) continue;
    const s = sum(parts);
    if (s !== printed) {
      out.push(
        finding(
          'appeals-sum',
          `appeals.${group}`,
          printed,
          s,
          `${appealGroupLabels[group]}：${APPEAL_PARTS.map((p) => appealResultLabels[p]).join('、')}之和为 ${show(s)}，总计为 ${show(printed)}`,
        ),
      );
    }
  }
  return out;
}

function proactiveRecord(p: Proactive, item: string): Record<string, unknown> | undefined {
  const v: unknown = (p as Record<string, unknown>)[item];
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

/**
 * integer: every count in requests, appeals and proactive is a non-negative integer; money amounts
 * (amountYuan, amountTenThousandYuan) are non-negative finite numbers; a 2019-format 本年增/减
 * (`change`) is an integer and may be negative.
 */
export function checkIntegers(data: ReportData, ctx: CheckContext = {}): Finding[] {
  const out: Finding[] = [];
  const tooLarge = (v: unknown, where: string, name: string, limit?: number): boolean => {
    if (!isOutOfRange(v, limit)) return false;
    out.push(finding('integer', where, null, null, `${name}的数字过大（超过${limitText(limit)}），无法核对`));
    return true;
  };
  const count = (v: unknown, where: string, name: string): void => {
    if (isNum(v) && Number.isInteger(v) && v >= 0) return;
    if (tooLarge(v, where, name)) return;
    out.push(finding('integer', where, null, isNum(v) ? v : null, `${name}为 ${show(v)}，应为非负整数`));
  };

  for (const key of presentRowKeys(data, ctx)) {
    const row = rowOf(data, key, ctx)!;
    applicantColumns.forEach((c, i) =>
      count(cell(row, i), `requests.${key}[${c}]`, `三、${rowName(key)} ${columnName(c)}`),
    );
  }

  for (const group of appealGroups) {
    const counts = data.appeals[group];
    if (!counts) continue;
    for (const r of ['upheld', 'corrected', 'other', 'pending', 'total'] as const) {
      count(
        counts[r] as unknown,
        `appeals.${group}.${r}`,
        `四、${appealGroupLabels[group]}“${appealResultLabels[r]}”`,
      );
    }
  }

  for (const [item, def] of Object.entries(proactiveItems[data.format])) {
    const rec = proactiveRecord(data.proactive, item);
    if (!rec) continue;
    for (const field of def.fields) {
      const v = rec[field];
      const where = `proactive.${item}.${field}`;
      const name = `二、${def.label}“${proactiveFieldLabels[field] ?? field}”`;
      if (def.money?.includes(field)) {
        const amount = typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_AMOUNT;
        if (!(amount && v >= 0) && !tooLarge(v, where, name, MAX_AMOUNT))
          out.push(finding('integer', where, null, amount ? v : null, `${name}为 ${show(v)}，应为非负数`));
      } else if (def.signed?.includes(field)) {
        if (!(isNum(v) && Number.isInteger(v)) && !tooLarge(v, where, name)) {
          out.push(
            finding(
              'integer',
              where,
              null,
              isNum(v) ? v : null,
              `${name}为 ${show(v)}，应为整数（减少用负数表示）`,
            ),
          );
        }
      } else {
        count(v, where, name);
      }
    }
  }
  return out;
}

/** year-chain: this year's 上年结转 = last year's 结转下年度, column by column (when last year's report is known). */
export function checkYearChain(data: ReportData, ctx: CheckContext = {}): Finding[] {
  const previous = ctx.previous;
  if (!previous) return [];
  const carriedOver = rowOf(data, 'carriedOver', ctx);
  const lastForward = previous.requests.carriedForward;
  if (!carriedOver || !lastForward) return [];
  const year = yearText(previous.year);
  const lastYear = year !== null ? `${year} 年报告` : '上年报告';
  const out: Finding[] = [];
  applicantColumns.forEach((c, i) => {
    const now = cell(carriedOver, i);
    const before = cell(lastForward, i);
    if (!isNum(now) || !isNum(before)) return;
    if (now !== before) {
      out.push(
        finding(
          'year-chain',
          `requests.carriedOver[${c}]`,
          before,
          now,
          `${columnName(c)}：本年“上年结转”为 ${show(now)}，${lastYear}“结转下年度继续办理”为 ${show(before)}，两者应相等`,
        ),
      );
    }
  });
  return out;
}

/**
 * stock (2021 format, warning): for 规章 and 行政规范性文件, 现行有效件数 = last year's 现行有效件数
 * + 本年制发件数 − 本年废止件数. Run only when both reports are in the 2021 format and state the item.
 */
export function checkStock(data: ReportData, ctx: CheckContext = {}): Finding[] {
  const previous = ctx.previous;
  if (!previous || data.format !== '2021' || previous.format !== '2021') return [];
  const out: Finding[] = [];
  for (const item of ['rules', 'normativeDocuments'] as const) {
    const now = proactiveRecord(data.proactive, item);
    const before = proactiveRecord(previous.proactive, item);
    if (!now || !before) continue;
    const { issued, repealed, inForce } = now;
    const lastInForce = before.inForce;
    if (!isNum(issued) || !isNum(repealed) || !isNum(inForce) || !isNum(lastInForce)) continue;
    const computed = lastInForce + issued - repealed;
    if (computed !== inForce) {
      const label = proactiveItems['2021'][item]?.label ?? item;
      out.push(
        finding(
          'stock',
          `proactive.${item}`,
          computed,
          inForce,
          `二、${label}：上年现行有效 ${show(lastInForce)} + 本年制发 ${show(issued)} − 本年废止 ${show(repealed)} = ${show(computed)}，` +
            `本年现行有效件数为 ${show(inForce)}`,
        ),
      );
    }
  }
  return out;
}

/** All the arithmetic checks, in the contract's order (`arithmeticCheckOrder`). */
export function runArithmeticChecks(data: ReportData, ctx: CheckContext = {}): Finding[] {
  return [
    ...checkRowSums(data, ctx),
    ...checkBalance(data, ctx),
    ...checkOutcomeSum(data, ctx),
    ...checkOtherSum(data, ctx),
    ...checkAppealsSum(data, ctx),
    ...checkIntegers(data, ctx),
    ...checkYearChain(data, ctx),
    ...checkStock(data, ctx),
  ];
}
