import { legalDates, legalDatesRange } from './legal-dates.data.js';

/**
 * The holidays the law itself fixes (《全国年节及纪念日放假办法》 第二条), revision by revision,
 * for the years whose State Council notice (放假安排) is not yet entered. A notice decides which
 * weekend days are worked and how holidays are joined; the law only says which days are holidays,
 * and those are all a provisional year skips besides weekends (docs: shared/reference/legal.md §7a).
 * Pure data and functions; the lunar dates and 清明 come from legal-dates.data.ts (1990–2100).
 */

export type HolidayRule =
  /** Fixed Gregorian days: `days` days from month/day. */
  | { kind: 'fixed'; month: number; day: number; days: number }
  /** 春节: 正月初一 and the `days - 1` days after it, with 除夕 before them when `eve`. */
  | { kind: 'springFestival'; eve: boolean; days: number }
  /** The day of the 清明 solar term, 农历五月初五, 农历八月十五. */
  | { kind: 'qingming' | 'dragonBoat' | 'midAutumn' };

export interface HolidayLaw {
  /** The day the revision came into force (YYYY-MM-DD). */
  effective: string;
  /** The text, as cited on the calendar page. */
  title: string;
  holidays: Array<{ name: string; rule: HolidayRule }>;
}

const newYear = { name: '元旦', rule: { kind: 'fixed', month: 1, day: 1, days: 1 } } as const;
const qingming = { name: '清明节', rule: { kind: 'qingming' } } as const;
const dragonBoat = { name: '端午节', rule: { kind: 'dragonBoat' } } as const;
const midAutumn = { name: '中秋节', rule: { kind: 'midAutumn' } } as const;
const labourDay = (days: number) =>
  ({ name: '劳动节', rule: { kind: 'fixed', month: 5, day: 1, days } }) as const;
const nationalDay = (days: number) =>
  ({ name: '国庆节', rule: { kind: 'fixed', month: 10, day: 1, days } }) as const;
const springFestival = (eve: boolean, days: number) =>
  ({ name: '春节', rule: { kind: 'springFestival', eve, days } }) as const;

/**
 * The revisions in force since 1990, oldest first. The 2014 and 2025 texts are those of
 * legal.md §7a; the earlier ones are from the 国务院令 that made them (not in legal.md).
 */
export const holidayLaws: readonly HolidayLaw[] = [
  {
    effective: '1949-12-23',
    title: '《全国年节及纪念日放假办法》（1949年12月23日政务院发布）',
    holidays: [newYear, springFestival(false, 3), labourDay(1), nationalDay(2)],
  },
  {
    effective: '1999-09-18',
    title: '《全国年节及纪念日放假办法》（国务院令第270号修订）',
    holidays: [newYear, springFestival(false, 3), labourDay(3), nationalDay(3)],
  },
  {
    effective: '2008-01-01',
    title: '《全国年节及纪念日放假办法》（国务院令第513号修订）',
    // 除夕、正月初一、初二.
    holidays: [
      newYear,
      springFestival(true, 2),
      qingming,
      labourDay(1),
      dragonBoat,
      midAutumn,
      nationalDay(3),
    ],
  },
  {
    effective: '2014-01-01',
    title: '《全国年节及纪念日放假办法》（国务院令第644号修订）',
    holidays: [
      newYear,
      springFestival(false, 3),
      qingming,
      labourDay(1),
      dragonBoat,
      midAutumn,
      nationalDay(3),
    ],
  },
  {
    effective: '2025-01-01',
    title: '《全国年节及纪念日放假办法》（国务院令第798号修订）',
    // 农历除夕、正月初一至初三; 5月1日、2日.
    holidays: [
      newYear,
      springFestival(true, 3),
      qingming,
      labourDay(2),
      dragonBoat,
      midAutumn,
      nationalDay(3),
    ],
  },
];

const DAY = 86_400_000;
const at = (year: number, mmdd: string) =>
  Date.UTC(year, Number(mmdd.slice(0, 2)) - 1, Number(mmdd.slice(3)));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The law in force on `date` (null before the first one listed). */
export function lawInForce(laws: readonly HolidayLaw[], date: string): HolidayLaw | null {
  let found: HolidayLaw | null = null;
  for (const law of laws) if (law.effective <= date) found = law;
  return found;
}

/** The days one rule makes holidays in `year` (empty where the lunar table does not reach). */
function ruleDays(rule: HolidayRule, year: number): string[] {
  if (rule.kind === 'fixed')
    return Array.from({ length: rule.days }, (_, i) =>
      iso(Date.UTC(year, rule.month - 1, rule.day) + i * DAY),
    );
  const row = legalDates[year];
  if (!row) return [];
  const [spring, qm, boat, autumn] = row;
  switch (rule.kind) {
    case 'springFestival': {
      const first = at(year, spring) - (rule.eve ? DAY : 0);
      return Array.from({ length: rule.days + (rule.eve ? 1 : 0) }, (_, i) => iso(first + i * DAY));
    }
    case 'qingming':
      return [iso(at(year, qm))];
    case 'dragonBoat':
      return [iso(at(year, boat))];
    case 'midAutumn':
      return [iso(at(year, autumn))];
  }
}

/**
 * Every legal holiday from `first` to `last` (years), by date, each under the revision in force
 * on that day (a revision in force from 18 September counts from then on).
 */
export function statutoryHolidays(
  laws: readonly HolidayLaw[] = holidayLaws,
  first: number = legalDatesRange.first,
  last: number = legalDatesRange.last,
): Map<string, string> {
  const days = new Map<string, string>();
  for (let year = first; year <= last; year++)
    for (const law of laws)
      for (const h of law.holidays)
        for (const date of ruleDays(h.rule, year)) {
          if (lawInForce(laws, date) !== law) continue;
          days.set(date, h.name);
        }
  return days;
}

/** The legal holidays as the law stands, 1990–2100: built once, shared by every calendar. */
export const legalHolidays: ReadonlyMap<string, string> = statutoryHolidays();
