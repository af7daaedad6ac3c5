import { legalHolidays } from './statutory-holidays.js';
import {
  dateAt,
  dayNumber,
  indexOf,
  keepReason,
  keptReason,
  REST,
  WORK,
  type WorkdayIndex,
} from './workday-index.js';

/**
 * Working days (工作日) under the State Council's yearly arrangements: weekends are rest days
 * unless a notice makes them 调休 working days; holidays are rest days. A year whose notice has
 * not been entered is `provisional`: its weekends and the holidays the law itself fixes
 * (statutory-holidays.ts: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆 by their legal dates) are
 * rest days, no 调休 is guessed, and every date computed through it says so. An entered notice
 * replaces all of that for its year. Pure functions over an in-memory calendar; no I/O. Due dates
 * and counts are read from the calendar's working-day index (workday-index.ts) inside 1990–2100.
 */

export type DayKind = 'holiday' | 'makeupWorkday';
export type YearStatus = 'official' | 'provisional';

/**
 * A calendar is a value: never changed once built, since its working-day index (workday-index.ts)
 * is built from it on first use and kept with it. A new notice makes a new calendar.
 */
export interface WorkCalendar {
  /** Years whose notice is entered, with the notice. */
  years: ReadonlyMap<number, { notice: string }>;
  /** Exceptions to Mon–Fri: holidays and make-up working days, by YYYY-MM-DD. */
  days: ReadonlyMap<string, { kind: DayKind; name: string }>;
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

/**
 * What kind of day `date` is for a place's opening hours (places/hours.ts): an ordinary working
 * day, a 调休 working weekend day, an ordinary weekend day, or a holiday (an entered notice's, or
 * for a year without one the law's own dates), with the holiday's name.
 */
export function calendarDay(
  cal: WorkCalendar,
  date: string,
): { kind: 'workday' | 'makeupWorkday' | 'weekend' | 'holiday'; name: string | null } {
  const special = cal.days.get(date);
  if (special?.kind === 'makeupWorkday') return { kind: 'makeupWorkday', name: special.name };
  if (special?.kind === 'holiday') return { kind: 'holiday', name: special.name };
  if (!cal.years.has(yearOf(date))) {
    const legal = cal.statutory.get(date);
    if (legal) return { kind: 'holiday', name: legal };
  }
  const d = weekday(parseDate(date));
  return d === 0 || d === 6 ? { kind: 'weekend', name: null } : { kind: 'workday', name: null };
}

export function isWorkday(cal: WorkCalendar, date: string): boolean {
  return dayInfo(cal, date).workday;
}

/**
 * The date `n` working days after `from`. The day of receipt itself is not counted (条例第三十三条
 * counts 工作日 from the day after receipt), so the first day that can count is `from` + 1.
 * Read from the calendar's working-day index (workday-index.ts); day by day outside its range.
 */
export function addWorkdays(cal: WorkCalendar, from: string, n: number): DueDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  const ix = indexOf(cal);
  const a = dayNumber(from) - ix.first;
  if (!(a >= 0 && a < ix.length)) return addWorkdaysDayByDay(cal, from, n);
  if (n === 0) return { from, add: n, due: from, provisional: false, skipped: [], makeupDays: [] };
  const k = ix.before[a + 1]! + n - 1;
  if (k >= ix.workdays.length) return addWorkdaysDayByDay(cal, from, n);
  const b = ix.workdays[k]!;
  const skipped: SkippedDay[] = [];
  const makeupDays: SkippedDay[] = [];
  for (let i = a + 1; i <= b; i++) {
    const kind = ix.kind[i];
    if (kind === WORK) continue;
    const day = { date: dateAt(ix, i), reason: reasonOf(cal, ix, i) };
    if (kind === REST) skipped.push(day);
    else makeupDays.push(day);
  }
  const provisional = ix.provisionalBefore[b + 1]! - ix.provisionalBefore[a + 1]! > 0;
  return { from, add: n, due: dateAt(ix, b), provisional, skipped, makeupDays };
}

/**
 * The end of a period of `n` 日 (calendar days) received on `from`, as 民法典第二百零一条 and
 * 第二百零三条 count it: the period starts the day after `from`, so its last day is `from` + n;
 * when that day is not a working day in the calendar (a weekend or a holiday, 调休 taken into
 * account: a make-up Saturday is a working day), the period ends on the next working day. The days
 * passed over for that are `skipped`, with their reasons. The 信访 periods (15日 to accept, 60日 to
 * handle, 30日 for 复查) are counted this way; periods in 工作日 use `addWorkdays`.
 */
export function addDays(cal: WorkCalendar, from: string, n: number): DueDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  if (n === 0) return { from, add: n, due: from, provisional: false, skipped: [], makeupDays: [] };
  let due = nextDate(from, n);
  const skipped: SkippedDay[] = [];
  let info = dayInfo(cal, due);
  let provisional = info.provisional;
  while (!info.workday) {
    skipped.push({ date: due, reason: info.reason ?? '' });
    due = nextDate(due);
    info = dayInfo(cal, due);
    provisional ||= info.provisional;
  }
  return { from, add: n, due, provisional, skipped, makeupDays: [] };
}

/**
 * Only the due date of `addWorkdays(cal, from, n)`, for the dates a computation needs on its way
 * (补正 notice, consultation answer, payment) without the days skipped.
 */
export function workdaysAfter(cal: WorkCalendar, from: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  const ix = indexOf(cal);
  const a = dayNumber(from) - ix.first;
  if (a >= 0 && a < ix.length) {
    if (n === 0) return from;
    const k = ix.before[a + 1]! + n - 1;
    if (k < ix.workdays.length) return dateAt(ix, ix.workdays[k]!);
  }
  return addWorkdaysDayByDay(cal, from, n).due;
}

/** Working days in (from, to]: the count `addWorkdays` would need to reach `to` from `from`. */
export function workdaysBetween(cal: WorkCalendar, from: string, to: string): number {
  if (to <= from) return 0;
  const ix = indexOf(cal);
  const a = dayNumber(from) - ix.first;
  const b = dayNumber(to) - ix.first;
  if (a >= 0 && b < ix.length) return ix.before[b + 1]! - ix.before[a + 1]!;
  return workdaysBetweenDayByDay(cal, from, to);
}

/** The reason `infoAt` gives for the day at position `i` of the index, kept once computed. */
function reasonOf(cal: WorkCalendar, ix: WorkdayIndex, i: number): string {
  const kept = keptReason(ix, i);
  if (kept !== undefined) return kept;
  const date = dateAt(ix, i);
  return keepReason(ix, i, infoAt(cal, date, parseDate(date)).reason ?? '');
}

/**
 * `addWorkdays` stepping day by day: the computation outside the index's range, and the reference
 * the index is tested against.
 */
export function addWorkdaysDayByDay(cal: WorkCalendar, from: string, n: number): DueDate {
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

/** `workdaysBetween` stepping day by day (outside the index's range, and as its reference). */
export function workdaysBetweenDayByDay(cal: WorkCalendar, from: string, to: string): number {
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
  const years = new Map<number, { notice: string }>();
  const days = new Map<string, { kind: DayKind; name: string }>();
  for (const y of notices) {
    years.set(y.year, { notice: y.notice });
    for (const h of y.holidays)
      for (let d = h.from; d <= h.to; d = nextDate(d)) days.set(d, { kind: 'holiday', name: h.name });
    for (const m of y.makeupWorkdays) days.set(m.date, { kind: 'makeupWorkday', name: m.name });
  }
  return { years, days, statutory };
}
