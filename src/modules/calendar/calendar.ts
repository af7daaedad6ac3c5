import { legalHolidays } from './statutory-holidays.js';

/**
 * Working days (工作日) under the State Council's yearly arrangements: weekends are rest days
 * unless a notice makes them 调休 working days; holidays are rest days. A year whose notice has
 * not been entered is `provisional`: its weekends and the holidays the law itself fixes
 * (statutory-holidays.ts: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆 by their legal dates) are
 * rest days, no 调休 is guessed, and every date computed through it says so. An entered notice
 * replaces all of that for its year. Pure functions over an in-memory calendar; no I/O.
 */

export type DayKind = 'holiday' | 'makeupWorkday';
export type YearStatus = 'official' | 'provisional';

export interface WorkCalendar {
  /** Years whose notice is entered, with the notice. */
  years: Map<number, { notice: string }>;
  /** Exceptions to Mon–Fri: holidays and make-up working days, by YYYY-MM-DD. */
  days: Map<string, { kind: DayKind; name: string }>;
  /** The legal holidays by date (name), used for the years without a notice. */
  statutory: ReadonlyMap<string, string>;
}

export interface SkippedDay {
  date: string;
  /** Why it does not count: 周六、周日, 春节 …, with 尚未公布 for a day of a provisional year. */
  reason: string;
}

export interface DueDate {
  from: string;
  add: number;
  due: string;
  /** The count ran into a year whose arrangement is not yet official. */
  provisional: boolean;
  /** Every day between `from` and `due` that did not count, with the reason. */
  skipped: SkippedDay[];
  /** Make-up weekend days that did count. */
  makeupDays: SkippedDay[];
}

const DAY = 86_400_000;

export function parseDate(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function nextDate(date: string, days = 1): string {
  return formatDate(parseDate(date) + days * DAY);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday, for the UTC midnight `t` (1970-01-01 was a Thursday). */
const weekday = (t: number) => (Math.floor(t / DAY) + 4) % 7;

export function yearStatus(cal: WorkCalendar, year: number): YearStatus {
  return cal.years.has(year) ? 'official' : 'provisional';
}

const notYetPublished = '该年节假日安排尚未公布';

/** dayInfo for `date` at UTC midnight `t` (both given: the loops below step them together). */
function infoAt(
  cal: WorkCalendar,
  date: string,
  t: number,
): { workday: boolean; reason: string | null; provisional: boolean } {
  const provisional = !cal.years.has(yearOf(date));
  const special = cal.days.get(date);
  if (special?.kind === 'makeupWorkday')
    return { workday: true, reason: `${special.name}调休上班`, provisional };
  if (special?.kind === 'holiday') return { workday: false, reason: special.name, provisional };
  if (provisional) {
    const legal = cal.statutory.get(date);
    if (legal) return { workday: false, reason: `${legal}（法定节假日；${notYetPublished}）`, provisional };
  }
  const d = weekday(t);
  if (d === 0 || d === 6) {
    const day = d === 6 ? '周六' : '周日';
    return {
      workday: false,
      reason: provisional ? `${day}（${notYetPublished}，暂按周末计）` : day,
      provisional,
    };
  }
  return { workday: true, reason: null, provisional };
}

/** Whether `date` is a working day, and why not when it is not. */
export function dayInfo(
  cal: WorkCalendar,
  date: string,
): { workday: boolean; reason: string | null; provisional: boolean } {
  return infoAt(cal, date, parseDate(date));
}

export function isWorkday(cal: WorkCalendar, date: string): boolean {
  return dayInfo(cal, date).workday;
}

/**
 * The date `n` working days after `from`. The day of receipt itself is not counted (条例第三十三条
 * counts 工作日 from the day after receipt), so the first day that can count is `from` + 1.
 */
export function addWorkdays(cal: WorkCalendar, from: string, n: number): DueDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  const skipped: SkippedDay[] = [];
  const makeupDays: SkippedDay[] = [];
  let provisional = false;
  let date = from;
  let t = parseDate(from);
  let counted = 0;
  while (counted < n) {
    t += DAY;
    date = formatDate(t);
    const info = infoAt(cal, date, t);
    if (info.provisional) provisional = true;
    if (info.workday) {
      counted++;
      if (info.reason) makeupDays.push({ date, reason: info.reason });
    } else skipped.push({ date, reason: info.reason! });
  }
  return { from, add: n, due: date, provisional, skipped, makeupDays };
}

/** Working days in (from, to]: the count `addWorkdays` would need to reach `to` from `from`. */
export function workdaysBetween(cal: WorkCalendar, from: string, to: string): number {
  if (to <= from) return 0;
  let count = 0;
  for (let t = parseDate(from) + DAY, date = formatDate(t); date <= to; t += DAY, date = formatDate(t))
    if (infoAt(cal, date, t).workday) count++;
  return count;
}

/**
 * Builds a calendar from notices (as shipped or as entered), with the legal holidays for the
 * years they do not cover (statutory-holidays.ts; another revision table may be given).
 */
export function calendarOf(
  notices: Array<{
    year: number;
    notice: string;
    holidays: Array<{ name: string; from: string; to: string }>;
    makeupWorkdays: Array<{ date: string; name: string }>;
  }>,
  statutory: ReadonlyMap<string, string> = legalHolidays,
): WorkCalendar {
  const cal: WorkCalendar = { years: new Map(), days: new Map(), statutory };
  for (const y of notices) {
    cal.years.set(y.year, { notice: y.notice });
    for (const h of y.holidays)
      for (let d = h.from; d <= h.to; d = nextDate(d)) cal.days.set(d, { kind: 'holiday', name: h.name });
    for (const m of y.makeupWorkdays) cal.days.set(m.date, { kind: 'makeupWorkday', name: m.name });
  }
  return cal;
}
