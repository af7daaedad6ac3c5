// Dates printed on Chinese government pages (issue 17): the date beside a link in a list, the
// 发布时间 line of an article, the 47号 `PubDate` meta tag. Pure functions, no clock: the reference
// day for a month-day without a year is always passed in.
//
// Read forms (a time `HH:MM` or `HH:MM:SS` may follow any full date, after spaces or `T`):
//   2026-12-01   2026/12/01   2026.12.01   (one- or two-digit month and day)
//   2026年12月1日 (spaces allowed between the parts; 日 or 号; time as `10:30` or `10时30分`)
// Only with `monthDay: true` (a list item, where the year is implied):
//   [12-01] 【12-01】 (12-01) with one- or two-digit parts and `-`, `/` or `.` between them,
//   12-01 or 12/01 standing alone with two-digit parts, and 12月1日 with no year.
// A month-day takes its year from the reference day (the Beijing date the page was read): the
// reference year, or the year before when that month-day is later than the reference day — a
// list never shows items from the future, so `12-30` read on 2027-01-05 is 2026-12-30.
//
// Years 1900–2099 only; a date that does not exist (2026-02-30, 2026-13-01) is not a date. Digits
// glued to the match (a longer number, a version 2026.1.2.3, 1-5月份) keep it from being a date.

export interface FoundDate {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM` when a valid time followed the date, else null. */
  time: string | null;
  /** Where the match starts in the text, and its length. */
  index: number;
  length: number;
  /** The text as printed. */
  text: string;
  /** The year was not printed and was taken from the reference day. */
  yearImplied: boolean;
}

export interface FindDatesOptions {
  /** Also read month-days without a year (list items). Default false. */
  monthDay?: boolean;
  /** The reference day (`YYYY-MM-DD`, Beijing) that gives a month-day its year. Required for `monthDay`. */
  today?: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` when year, month and day make a real calendar date (years 1900–2099), else null. */
export function validDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return null;
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function validTime(h: string | undefined, m: string | undefined, s: string | undefined): string | null {
  if (h === undefined || m === undefined) return null;
  const hh = Number(h);
  const mm = Number(m);
  if (hh > 23 || mm > 59 || (s !== undefined && Number(s) > 59)) return null;
  return `${pad2(hh)}:${pad2(mm)}`;
}

/** The year a month-day printed without one belongs to, seen on `today` (`YYYY-MM-DD`). */
export function impliedYear(month: number, day: number, today: string): number {
  const year = Number(today.slice(0, 4));
  const monthDay = `${pad2(month)}-${pad2(day)}`;
  return monthDay > today.slice(5, 10) ? year - 1 : year;
}

const TIME = String.raw`(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:]))?`;
/** 2026-12-01, 2026/12/01, 2026.12.01 (same separator twice), optionally with a time. */
const SEPARATED = new RegExp(
  String.raw`(?<![\d./-])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?!\d|[./-]\d)` + TIME,
  'g',
);
/** 2026年12月1日, optionally with 10:30 or 10时30分. */
const CHINESE =
  /(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?!\d)(?:\s*分)?)?/g;
/** [12-01], 【12-01】, (12-01), （12/1）. */
const BRACKETED = /[[【(（]\s*(\d{1,2})[-/.](\d{1,2})\s*[\]】)）]/g;
/** 12-01 or 12/01 standing alone, two-digit parts. */
const BARE_MONTH_DAY = /(?<![\d./:年-])(\d{2})[-/](\d{2})(?![\d./:月日%-])/g;
/** 12月1日 without a year. */
const CHINESE_MONTH_DAY = /(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g;

/** Every date printed in `text`, in the order they appear. */
export function findDates(text: string, options: FindDatesOptions = {}): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(SEPARATED)) {
    const date = validDate(Number(m[1]), Number(m[3]), Number(m[4]));
    if (!date) continue;
    const time = validTime(m[5], m[6], m[7]);
    // A time that does not exist is not part of the date.
    const printed = time || m[5] === undefined ? m[0] : m[0].slice(0, m[0].search(/(?:\s+|T)\d{1,2}:\d{2}/));
    found.push({ date, time, index: m.index, length: printed.length, text: printed, yearImplied: false });
  }
  for (const m of text.matchAll(CHINESE)) {
    const date = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!date) continue;
    found.push({
      date,
      time: validTime(m[4], m[5], undefined),
      index: m.index,
      length: m[0].length,
      text: m[0],
      yearImplied: false,
    });
  }
  if (options.monthDay && options.today) {
    const today = options.today;
    const taken = (start: number, end: number) =>
      found.some((f) => start < f.index + f.length && f.index < end);
    for (const re of [BRACKETED, BARE_MONTH_DAY, CHINESE_MONTH_DAY]) {
      for (const m of text.matchAll(re)) {
        if (taken(m.index, m.index + m[0].length)) continue;
        const month = Number(m[1]);
        const day = Number(m[2]);
        if (month < 1 || month > 12) continue;
        const date = validDate(impliedYear(month, day, today), month, day);
        if (!date) continue;
        found.push({ date, time: null, index: m.index, length: m[0].length, text: m[0], yearImplied: true });
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The first date printed in `text` (`YYYY-MM-DD`), or null. */
export function firstDate(text: string, options: FindDatesOptions = {}): string | null {
  return findDates(text, options)[0]?.date ?? null;
}

/** The last date printed in `text` (`YYYY-MM-DD`), or null: list items print the date after the title. */
export function lastDate(text: string, options: FindDatesOptions = {}): string | null {
  return findDates(text, options).at(-1)?.date ?? null;
}

/** Whether `value` is the 47号 `PubDate` form `YYYY-MM-DD HH:MM` (or `HH:MM:SS`) of a real date and time. */
export function isPubDateFormat(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return false;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3])) !== null && validTime(m[4], m[5], m[6]) !== null;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** `date` (`YYYY-MM-DD`) moved by `days`. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}
