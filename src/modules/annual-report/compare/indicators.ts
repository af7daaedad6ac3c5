/**
 * The comparable indicators of an annual report (services.md §7.2; issue 18 deliverable 2): rates
 * computed from table 三 (requests) and table 四 (appeals), the same in the 2019 and the 2021
 * format. Pure functions over `ReportData`.
 *
 * Nothing is guessed: a rate that needs a row the report lacks (a partly-read published report
 * leaves an unreadable row out of `requests`, contract §requests), or a cell that is not a usable
 * count, is `null`; a rate whose denominator is 0 has `value: null` (no cases, no rate), and so has
 * one whose denominator is negative, which only an inconsistent table can produce (e.g. more
 * 尚未审结 than 总计) and which the arithmetic checks report.
 */
import { isCheckable } from '../contract/figure-text.js';
import {
  notProcessedRows,
  unavailableRows,
  withheldRows,
  type AppealGroup,
  type ReportData,
  type RequestRowKey,
} from '../contract/report.js';

/** A rate with the counts it rests on, so that a reader sees n/N and not only a percentage. */
export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, unrounded; null when the denominator is 0 (or negative). */
  value: number | null;
}

export type IndicatorKey =
  | 'grantedRate'
  | 'withheldRate'
  | 'unavailableRate'
  | 'notProcessedRate'
  | 'carriedForwardRate'
  | 'reviewCorrectedRate'
  | 'litigationCorrectedRate';

export interface ReportIndicators {
  agency: string | null;
  year: number | null;
  format: '2019' | '2021';
  /** 本年新收 of the 总计 column; null when the row is missing or its total unreadable. */
  received: number | null;
  /** Each rate, or null when a row or cell it needs was not read. */
  rates: Record<IndicatorKey, Rate | null>;
}

/** The order in which tables and JSON list the indicators. */
export const indicatorKeys: readonly IndicatorKey[] = [
  'grantedRate',
  'withheldRate',
  'unavailableRate',
  'notProcessedRate',
  'carriedForwardRate',
  'reviewCorrectedRate',
  'litigationCorrectedRate',
];

/** What a person reads for each indicator, and how it is computed (labels of table 三 and 四). */
export const indicatorDefs: { key: IndicatorKey; label: string; formula: string }[] = [
  { key: 'grantedRate', label: '公开率', formula: '公开率 = （予以公开 + 部分公开）÷ 总计' },
  { key: 'withheldRate', label: '不予公开率', formula: '不予公开率 = 不予公开（1—8 项之和）÷ 总计' },
  { key: 'unavailableRate', label: '无法提供率', formula: '无法提供率 = 无法提供（1—3 项之和）÷ 总计' },
  { key: 'notProcessedRate', label: '不予处理率', formula: '不予处理率 = 不予处理（1—5 项之和）÷ 总计' },
  {
    key: 'carriedForwardRate',
    label: '结转率',
    formula: '结转率 = 结转下年度继续办理 ÷ （本年新收 + 上年结转）',
  },
  {
    key: 'reviewCorrectedRate',
    label: '复议纠错率',
    formula: '复议纠错率 = 行政复议结果纠正 ÷ （行政复议总计 − 尚未审结）',
  },
  {
    key: 'litigationCorrectedRate',
    label: '诉讼纠错率',
    formula: '诉讼纠错率 = （未经复议直接起诉 + 复议后起诉）结果纠正 ÷ （两者总计 − 两者尚未审结）',
  },
];

/** The label of one indicator: 公开率 for grantedRate. */
export function indicatorLabel(key: IndicatorKey): string {
  return indicatorDefs.find((d) => d.key === key)!.label;
}

const TOTAL_COLUMN = 6;

export function rateOf(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
}

/** A rate rounded to 4 decimals (0.8571 for 6/7), as tables and JSON print it; null stays null. */
export function roundRate(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const rounded = Math.round(value * 10000) / 10000;
  return rounded === 0 ? 0 : rounded; // never -0, which JSON would print as 0 but tests see
}

/** The 总计 column of one row of table 三; undefined when the row or its total was not read. */
function totalOf(data: ReportData, key: RequestRowKey): number | undefined {
  const row: unknown = data.requests[key];
  if (!Array.isArray(row)) return undefined;
  const v: unknown = row[TOTAL_COLUMN];
  return isCheckable(v) ? v : undefined;
}

/** The sum of the 总计 column over rows; undefined when any of them was not read. */
function sumOf(data: ReportData, keys: readonly RequestRowKey[]): number | undefined {
  let sum = 0;
  for (const key of keys) {
    const v = totalOf(data, key);
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
}

/** corrected and decided (total − pending) of an appeals group; undefined when not read. */
function appealOf(data: ReportData, group: AppealGroup): { corrected: number; decided: number } | undefined {
  const counts: unknown = data.appeals[group];
  if (!counts || typeof counts !== 'object') return undefined;
  const { corrected, total, pending } = counts as Record<string, unknown>;
  if (!isCheckable(corrected) || !isCheckable(total) || !isCheckable(pending)) return undefined;
  return { corrected, decided: total - pending };
}

function over(numerator: number | undefined, denominator: number | undefined): Rate | null {
  return numerator === undefined || denominator === undefined ? null : rateOf(numerator, denominator);
}

function add(...values: (number | undefined)[]): number | undefined {
  return values.some((v) => v === undefined) ? undefined : values.reduce<number>((s, v) => s + v!, 0);
}

/**
 * The indicators of one report. The outcome rates divide by （七）总计 (the year's outcomes), the
 * 结转率 by what was to be handled in the year (本年新收 + 上年结转), and the 纠错率 by the cases
 * decided (总计 − 尚未审结). （六）其他处理 has no rate of its own here (services.md §7.2 lists 其他处理率
 * as optional; the issue does not ask for it).
 */
export function indicatorsOf(data: ReportData): ReportIndicators {
  const total = totalOf(data, 'total');
  const received = totalOf(data, 'received');
  const review = appealOf(data, 'review');
  const direct = appealOf(data, 'litigationDirect');
  const afterReview = appealOf(data, 'litigationAfterReview');
  return {
    agency: data.agency,
    year: data.year,
    format: data.format,
    received: received ?? null,
    rates: {
      grantedRate: over(sumOf(data, ['granted', 'partiallyGranted']), total),
      withheldRate: over(sumOf(data, withheldRows), total),
      unavailableRate: over(sumOf(data, unavailableRows), total),
      notProcessedRate: over(sumOf(data, notProcessedRows), total),
      carriedForwardRate: over(totalOf(data, 'carriedForward'), add(received, totalOf(data, 'carriedOver'))),
      reviewCorrectedRate: review ? rateOf(review.corrected, review.decided) : null,
      litigationCorrectedRate:
        direct && afterReview
          ? rateOf(direct.corrected + afterReview.corrected, direct.decided + afterReview.decided)
          : null,
    },
  };
}

/**
 * The change of 本年新收 from the previous year: (current − previous) ÷ previous. Null when either
 * year's figure is unknown; `value` null when the previous year received none.
 */
export function receivedChange(current: number | null, previous: number | null): Rate | null {
  if (current === null || previous === null) return null;
  return rateOf(current - previous, previous);
}

/**
 * A rate over fewer than `minCases` cases (COMPARE_MIN_CASES) is shown with its counts but not
 * ranked (issue 18: rankings guard against tiny samples). A rate that could not be computed at all
 * (null, or no cases) is a small sample too: there is nothing to rank.
 */
export function isSmallSample(rate: Rate | null, minCases: number): boolean {
  return rate === null || rate.value === null || rate.denominator < minCases;
}
