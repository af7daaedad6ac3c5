import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { emit } from '../../platform/events.js';
import { ValidationError, type FieldError } from '../../platform/errors.js';
import type { YearNotice } from './calendar-notices.data.js';
import { agencies } from '../agencies/index.js';
import {
  addDays,
  addWorkdays,
  calendarOf,
  nextDate,
  type DayKind,
  type DueDate,
  type WorkCalendar,
} from './calendar.js';
import { validateNotice } from './calendar-notice.js';
import { holidayLaws, lawInForce, legalHolidays } from './statutory-holidays.js';
import { assertCan, can, type CalendarAction } from './calendar.policy.js';
import * as repo from './calendar.repository.js';

declare module '../../platform/events.js' {
  interface DomainEvents {
    /** A year's holiday arrangement was entered or corrected; `previous` is the calendar before. */
    'calendar.changed': { years: number[]; previous: WorkCalendar };
  }
}

/**
 * The calendars loaded lately, by their content: a calendar (and the working-day index built with
 * it on first use) is reused while the stored notices are unchanged, and a new or corrected notice
 * gives new content, hence a new calendar and a new index. Keyed by what is in the database, so
 * every process of a deployment sees another's notice on its next load.
 */
const loaded = new Map<string, WorkCalendar>();
const LOADED_KEPT = 4;

/** The calendar as stored: every year entered, every exception. Small (a few hundred rows). */
export async function load(ctx: Ctx): Promise<WorkCalendar> {
  const [years, days] = await Promise.all([repo.allYears(ctx.db), repo.allDays(ctx.db)]);
  let key = '';
  for (const y of years) key += `${y.year}\u0001${y.notice}\u0002`;
  key += '\u0003';
  for (const d of days) key += `${d.date}\u0001${d.kind}\u0001${d.name}\u0002`;
  const known = loaded.get(key);
  if (known) return known;
  const cal: WorkCalendar = {
    years: new Map(years.map((y) => [y.year, { notice: y.notice }])),
    days: new Map(days.map((d) => [d.date, { kind: d.kind as DayKind, name: d.name }])),
    statutory: legalHolidays,
  };
  if (loaded.size >= LOADED_KEPT) loaded.delete(loaded.keys().next().value!);
  loaded.set(key, cal);
  return cal;
}

export async function years(ctx: Ctx) {
  return (await repo.allYears(ctx.db)).map((y) => ({
    year: y.year,
    notice: y.notice,
    enteredAt: y.entered_at,
  }));
}

export async function noticeOf(ctx: Ctx, year: number): Promise<YearNotice | null> {
  const y = await repo.findYear(ctx.db, year);
  if (!y) return null;
  const days = await repo.daysOf(ctx.db, year);
  const holidays: YearNotice['holidays'] = [];
  for (const d of days.filter((x) => x.kind === 'holiday')) {
    const last = holidays.at(-1);
    if (last && last.name === d.name && nextDate(last.to) === d.date) last.to = d.date;
    else holidays.push({ name: d.name, from: d.date, to: d.date });
  }
  return {
    year,
    notice: y.notice,
    holidays,
    makeupWorkdays: days
      .filter((x) => x.kind === 'makeupWorkday')
      .map((d) => ({ date: d.date, name: d.name })),
  };
}

/** A real date written YYYY-MM-DD: the engine would roll 2026-02-30 over into March. */
function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

/** A due date, with how it was computed day by day. */
export async function workdays(ctx: Ctx, from: string, n: number): Promise<DueDate> {
  if (!isCalendarDate(from)) throw ValidationError.one('from', '起始日期应为有效的 YYYY-MM-DD');
  if (!Number.isInteger(n) || n < 0 || n > 1000)
    throw ValidationError.one('add', '工作日数应为 0–1000 之间的整数');
  return addWorkdays(await load(ctx), from, n);
}

/**
 * The end of a period of `n` 日 received on `from` (民法典第二百零一条、第二百零三条: from the
 * next day; a last day that is a weekend or holiday moves to the next working day), as the 信访
 * periods are counted: 15日 to tell whether it is accepted, 60日 to handle, 30日 for 复查.
 */
export async function days(ctx: Ctx, from: string, n: number): Promise<DueDate> {
  if (!isCalendarDate(from)) throw ValidationError.one('from', '起始日期应为有效的 YYYY-MM-DD');
  if (!Number.isInteger(n) || n < 0 || n > 3660)
    throw ValidationError.one('add', '天数应为 0–3660 之间的整数');
  return addDays(await load(ctx), from, n);
}

/**
 * Enters (or corrects) a year's arrangement from its State Council notice. The calendar is one
 * for the whole deployment, so only an administrator of a top-level agency may change it.
 */
export async function enterNotice(ctx: Ctx, raw: YearNotice): Promise<{ year: number; replaced: boolean }> {
  assertCan(ctx.actor, 'enterNotice', await agencies.root(ctx));
  const notice = validateNotice(raw);
  return inTransaction(ctx, async (ctx) => {
    const before = await noticeOf(ctx, notice.year);
    const previous = await load(ctx);
    const days = calendarOf([notice]).days;
    await repo.replaceYear(
      ctx.db,
      {
        year: notice.year,
        notice: notice.notice,
        entered_at: ctx.clock.now().toISOString(),
        entered_by: ctx.actor.id,
      },
      [...days].map(([date, d]) => ({ date, year: notice.year, kind: d.kind, name: d.name })),
    );
    await recordAudit(ctx, {
      action: 'calendar.enterNotice',
      subjectType: 'calendarYear',
      subjectId: String(notice.year),
      agencyId: null,
      before: before ?? undefined,
      after: notice,
    });
    // Open cases whose deadlines run through this year are recomputed by their module.
    await emit(ctx, 'calendar.changed', { years: [notice.year], previous });
    return { year: notice.year, replaced: before !== null };
  });
}

/**
 * The back office's 工作日 page: the years entered, a due date computed on request (with the
 * problems of the request shown on its form), and whether the viewer may enter a new year.
 */
export async function adminPage(ctx: Ctx, q: { from?: string | undefined; add?: string | undefined }) {
  const entered = await years(ctx);
  let due: DueDate | null = null;
  let dueErrors: FieldError[] = [];
  if (q.from || q.add) {
    const add = (q.add ?? '').trim();
    try {
      due = await workdays(ctx, (q.from ?? '').trim(), /^\d+$/.test(add) ? Number(add) : NaN);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      dueErrors = e.fields;
    }
  }
  const nextYear = Number(beijingDate(ctx.clock.now()).slice(0, 4)) + 1;
  const root = await agencies.root(ctx);
  const allowed = (['enterNotice'] as const).filter((a: CalendarAction) => can(ctx.actor, a, root));
  return {
    years: entered,
    due,
    dueErrors,
    nextYear,
    /** Deadlines running into a year without its notice are provisional (weekends and legal holidays). */
    nextYearMissing: entered.every((y) => y.year !== nextYear),
    /** What a provisional next year skips besides weekends, and the text that says so. */
    nextYearLegal: {
      law: lawInForce(holidayLaws, `${nextYear}-01-01`)?.title ?? null,
      days: [...legalHolidays]
        .filter(([d]) => d.startsWith(`${nextYear}-`))
        .map(([date, name]) => ({ date, name })),
    },
    allowed,
  };
}
export type CalendarAdminPage = Awaited<ReturnType<typeof adminPage>>;
