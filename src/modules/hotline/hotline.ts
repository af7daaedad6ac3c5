// 12345 hotline figures (issue 14; services.md §3.3): the 工单 the hotline's own system exports,
// and the rates computed from them. Pure rules: the counts come from the repository.
import { ValidationError } from '../../platform/errors.js';

/** 诉求类型 (DB12/T 1438-2025 §3.1). */
export const ticketTypes = ['consultation', 'help', 'complaint', 'tipOff', 'suggestion', 'praise'] as const;
export type TicketType = (typeof ticketTypes)[number];
export const ticketTypeLabels: Record<TicketType, string> = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  tipOff: '举报',
  suggestion: '建议',
  praise: '表扬',
};

/** 满意度: the five grades of 好差评, and 未评价. */
export const satisfactions = [
  'verySatisfied',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  'veryDissatisfied',
  'unrated',
] as const;
export type Satisfaction = (typeof satisfactions)[number];
export const satisfactionLabels: Record<Satisfaction, string> = {
  verySatisfied: '非常满意',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  veryDissatisfied: '非常不满意',
  unrated: '未评价',
};

const TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A time as the export writes it, `YYYY-MM-DD HH:MM:SS`, or as Excel writes it back when a clerk
 * opens and saves the CSV (`2026/3/5 9:30`, no seconds): the canonical text, or null when it is
 * not a real time.
 */
export function parseTicketTime(text: string): string | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  const at = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  if (
    at.getUTCFullYear() !== y ||
    at.getUTCMonth() !== mo! - 1 ||
    at.getUTCDate() !== d ||
    h! > 23 ||
    mi! > 59 ||
    s! > 59
  )
    return null;
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/** The counts of a period, each a subset of the one before it (see `hotlineFigures`). */
export interface HotlineCounts {
  valid: number;
  closed: number;
  closedOnTime: number;
  visited: number;
  rated: number;
  satisfied: number;
}

export interface HotlineFigures extends HotlineCounts {
  closedRate: number | null;
  onTimeRate: number | null;
  visitRate: number | null;
  satisfactionRate: number | null;
}

export const noCounts: HotlineCounts = {
  valid: 0,
  closed: 0,
  closedOnTime: 0,
  visited: 0,
  rated: 0,
  satisfied: 0,
};

/** Counts added together (an agency's with those of the agencies under it). */
export function sumCounts(list: readonly HotlineCounts[]): HotlineCounts {
  const out = { ...noCounts };
  for (const c of list) for (const k of Object.keys(out) as Array<keyof HotlineCounts>) out[k] += c[k];
  return out;
}

/** A rate rounded to 4 decimals; null when nothing was there to count. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * The figures the issue defines: 办结率 = closed / valid, 按时办结率 = closedOnTime / closed,
 * 回访率 (反馈率) = visited / closed, 满意率 = satisfied / rated.
 */
export function hotlineFigures(c: HotlineCounts): HotlineFigures {
  return {
    ...c,
    closedRate: rate(c.closed, c.valid),
    onTimeRate: rate(c.closedOnTime, c.closed),
    visitRate: rate(c.visited, c.closed),
    satisfactionRate: rate(c.satisfied, c.rated),
  };
}

/** How each figure is counted, shown next to it on the statistics pages and by the CLI. */
export function figureDefinitions(basicallySatisfiedCounts: boolean): Record<keyof HotlineFigures, string> {
  return {
    ...definitions,
    satisfied: basicallySatisfiedCounts
      ? '满意：评价为“非常满意”“满意”或“基本满意”的'
      : '满意：评价为“非常满意”或“满意”的（“基本满意”不计入）',
  };
}

const definitions: Record<keyof HotlineFigures, string> = {
  valid: '有效工单：“是否有效”为“是”的工单',
  closed: '办结：有效工单中有办结时间的',
  closedOnTime: '按时办结：办结时间不晚于办理时限的',
  visited: '回访：办结工单中有回访时间的',
  rated: '评价：回访工单中满意度不是“未评价”的',
  satisfied: '',
  closedRate: '办结率 = 办结 ÷ 有效工单',
  onTimeRate: '按时办结率 = 按时办结 ÷ 办结',
  visitRate: '回访率（反馈率）= 回访 ÷ 办结',
  satisfactionRate: '满意率 = 满意 ÷ 评价',
};

/**
 * The days [from, to) of a year, or of one of its months, as YYYY-MM-DD; a year or month out of
 * range is named (ValidationError on `year` or `month`).
 */
export function periodDates(year: number, month?: number): [string, string] {
  if (!Number.isInteger(year) || year < 1990 || year > 2100)
    throw ValidationError.one('year', '年份应为 1990–2100 之间的整数');
  if (month !== undefined && (!Number.isInteger(month) || month < 1 || month > 12))
    throw ValidationError.one('month', '月份应为 1–12 之间的整数');
  const pad = (n: number) => String(n).padStart(2, '0');
  if (month === undefined) return [`${year}-01-01`, `${year + 1}-01-01`];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${pad(month + 1)}`;
  return [`${year}-${pad(month)}-01`, `${next}-01`];
}
