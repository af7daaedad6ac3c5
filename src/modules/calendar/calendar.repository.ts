import type { Executor } from '../../platform/db/database.js';

export async function allYears(db: Executor) {
  return db.selectFrom('calendar_year').selectAll().orderBy('year').execute();
}

export async function allDays(db: Executor) {
  return db.selectFrom('calendar_day').selectAll().orderBy('date').execute();
}

export async function daysOf(db: Executor, year: number) {
  return db.selectFrom('calendar_day').selectAll().where('year', '=', year).orderBy('date').execute();
}

export async function findYear(db: Executor, year: number) {
  return db.selectFrom('calendar_year').selectAll().where('year', '=', year).executeTakeFirst();
}

/** Replaces a year's arrangement: its row and all its days. */
export async function replaceYear(
  db: Executor,
  year: { year: number; notice: string; entered_at: string; entered_by: string | null },
  days: Array<{ date: string; year: number; kind: string; name: string }>,
): Promise<void> {
  await db.deleteFrom('calendar_day').where('year', '=', year.year).execute();
  await db.deleteFrom('calendar_year').where('year', '=', year.year).execute();
  await db.insertInto('calendar_year').values(year).execute();
  if (days.length) await db.insertInto('calendar_day').values(days).execute();
}
