import type { Kysely } from 'kysely';
import { shippedCalendarRows } from '../calendar-notices.data.js';

// The working-day calendar: one row per year whose State Council notice is entered, one row per
// exception to Mon–Fri. Reference data shared by every agency (no agency_id on purpose).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_year')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text')
    .execute();
  await db.schema
    .createTable('calendar_day')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull().references('calendar_year.year'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendar_day_year').on('calendar_day').column('year').execute();
  const { years, days } = shippedCalendarRows();
  await (db as Kysely<{ calendar_year: (typeof years)[number] }>)
    .insertInto('calendar_year')
    .values(years)
    .execute();
  await (db as Kysely<{ calendar_day: (typeof days)[number] }>)
    .insertInto('calendar_day')
    .values(days)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_day').ifExists().execute();
  await db.schema.dropTable('calendar_year').ifExists().execute();
}
