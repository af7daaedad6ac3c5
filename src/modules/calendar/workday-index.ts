import { legalDatesRange } from './legal-dates.data.js';

/**
 * The working-day index of one calendar: for every day of the range the calendar covers (the years
 * of the legal-dates table, 1990–2100, widened to the years its notices and statutory table name),
 * whether it counts, and the number of working days before it. Adding N working days is then a
 * lookup in the list of working days, and counting them between two dates is two lookups.
 *
 * An index is built once per calendar object, the first time it is asked for, and kept with it
 * (a WeakMap): calendars are values, never changed once built, and a new notice makes a new
 * calendar (calendar.service.ts loads one object per stored content), hence a new index. Dates
 * outside the range, and strings that are not a real YYYY-MM-DD date, are left to the day-by-day
 * computation (calendar.ts), which the index reproduces exactly inside it (calendar.test.ts).
 */

const DAY = 86_400_000;

/** What a day is, for the index: a plain working day, one that counts with a reason, a rest day. */
export const WORK = 0;
export const WORK_WITH_REASON = 1;
export const REST = 2;

export interface WorkdayIndex {
  /** Day number (days since 1970-01-01) of the first day of the range. */
  first: number;
  /** Days in the range. */
  length: number;
  /** WORK, WORK_WITH_REASON or REST, by position in the range. */
  kind: Uint8Array;
  /** Working days among the positions [0, i): length + 1 entries. */
  before: Int32Array;
  /** Days of provisional years among the positions [0, i): length + 1 entries. */
  provisionalBefore: Int32Array;
  /** The positions of the working days, in order. */
  workdays: Int32Array;
  /**
   * Why a day does not count or counts as a make-up day: by position, 1 + its place in
   * `reasonTexts`, 0 until first needed (few distinct texts: 周六, 周日, the holidays' names).
   */
  reasonOf: Uint16Array;
  reasonTexts: string[];
}

/** What the index needs of a calendar (calendar.ts's WorkCalendar). */
export interface IndexedCalendar {
  years: ReadonlyMap<number, unknown>;
  days: ReadonlyMap<string, { kind: string }>;
  statutory: ReadonlyMap<string, string>;
}

/** Reads two or four ASCII digits at `at`; NaN when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The day number (days since 1970-01-01) of a real date written YYYY-MM-DD, without going
 * through Date; NaN for anything else (2026-02-30, 2026-3-1, '').
 */
export function dayNumber(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return NaN;
  let y = digits(date, 0, 4);
  const m = digits(date, 5, 2);
  const d = digits(date, 8, 2);
  if (!(m >= 1 && m <= 12 && d >= 1)) return NaN; // also false for NaN
  if (d > (m === 2 && isLeap(y) ? 29 : monthDays[m - 1]!)) return NaN;
  if (Number.isNaN(y)) return NaN;
  // Days from civil (H. Hinnant): the year taken to start in March.
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const dayOfYearStart = (year: number) => Date.UTC(year, 0, 1) / DAY;
/** The widest range an index takes, whatever the calendar names: two centuries and a bit. */
const LOWEST_YEAR = 1900;
const HIGHEST_YEAR = 2200;

function buildIndex(cal: IndexedCalendar): WorkdayIndex {
  let lo: number = legalDatesRange.first;
  let hi: number = legalDatesRange.last;
  const widen = (year: number) => {
    if (!(year >= LOWEST_YEAR && year <= HIGHEST_YEAR)) return;
    if (year < lo) lo = year;
    if (year > hi) hi = year;
  };
  for (const year of cal.years.keys()) widen(year);
  for (const date of cal.days.keys()) widen(Number(date.slice(0, 4)));
  for (const date of cal.statutory.keys()) widen(Number(date.slice(0, 4)));
  const first = dayOfYearStart(lo);
  const length = dayOfYearStart(hi + 1) - first;
  const kind = new Uint8Array(length);
  // Mondays to Fridays count, weekends do not (day 0, 1970-01-01, was a Thursday): one week
  // written, then copied over the range.
  const w0 = (((first + 4) % 7) + 7) % 7;
  for (let i = 0; i < 7; i++) kind[i] = (w0 + i) % 7 === 0 || (w0 + i) % 7 === 6 ? REST : WORK;
  for (let filled = 7; filled < length; filled *= 2)
    kind.copyWithin(filled, 0, Math.min(filled, length - filled));
  const position = (date: string) => {
    const i = dayNumber(date) - first;
    return i >= 0 && i < length ? i : -1;
  };
  // A year without its notice rests on the legal holidays ...
  for (const date of cal.statutory.keys()) {
    const i = position(date);
    if (i >= 0 && !cal.years.has(Number(date.slice(0, 4)))) kind[i] = REST;
  }
  // ... and a notice's holidays and make-up days decide over everything else.
  for (const [date, d] of cal.days) {
    const i = position(date);
    if (i < 0) continue;
    if (d.kind === 'makeupWorkday') kind[i] = WORK_WITH_REASON;
    else if (d.kind === 'holiday') kind[i] = REST;
  }
  const before = new Int32Array(length + 1);
  const provisionalBefore = new Int32Array(length + 1);
  const workdays = new Int32Array(length);
  let count = 0;
  let year = lo;
  let nextYear = dayOfYearStart(lo + 1) - first;
  let provisional = !cal.years.has(year);
  for (let i = 0; i < length; i++) {
    if (i === nextYear) {
      year++;
      nextYear = dayOfYearStart(year + 1) - first;
      provisional = !cal.years.has(year);
    }
    if (kind[i] !== REST) workdays[count++] = i;
    before[i + 1] = count;
    provisionalBefore[i + 1] = provisionalBefore[i]! + (provisional ? 1 : 0);
  }
  return {
    first,
    length,
    kind,
    before,
    provisionalBefore,
    workdays: workdays.slice(0, count),
    reasonOf: new Uint16Array(length),
    reasonTexts: [],
  };
}

const indexes = new WeakMap<object, WorkdayIndex>();

/** The calendar's index, built the first time it is asked for. */
export function indexOf(cal: IndexedCalendar): WorkdayIndex {
  let ix = indexes.get(cal);
  if (!ix) {
    ix = buildIndex(cal);
    indexes.set(cal, ix);
  }
  return ix;
}

/**
 * YYYY-MM-DD by day number over the widest range, written the first time each is needed and
 * shared by every calendar (a date is written the same whatever the calendar).
 */
const FIRST_DAY = dayOfYearStart(LOWEST_YEAR);
const dates: string[] = [];

/** YYYY-MM-DD of the day at position `i` of the index. */
export function dateAt(ix: WorkdayIndex, i: number): string {
  const k = ix.first + i - FIRST_DAY;
  if (dates.length === 0)
    for (let d = dayOfYearStart(HIGHEST_YEAR + 1) - FIRST_DAY; d > 0; d--) dates.push('');
  return (dates[k] ||= new Date((ix.first + i) * DAY).toISOString().slice(0, 10));
}

/** The reason kept for the day at position `i`, if it was computed already. */
export function keptReason(ix: WorkdayIndex, i: number): string | undefined {
  const r = ix.reasonOf[i]!;
  return r ? ix.reasonTexts[r - 1] : undefined;
}

/** Keeps the reason of the day at position `i` (texts are few, each kept once). */
export function keepReason(ix: WorkdayIndex, i: number, text: string): string {
  let at = ix.reasonTexts.indexOf(text);
  if (at < 0) at = ix.reasonTexts.push(text) - 1;
  ix.reasonOf[i] = at + 1;
  return text;
}
