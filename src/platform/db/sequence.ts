import { sql } from 'kysely';
import type { Executor } from './database.js';

/** Tables of per-agency, per-year counters: (agency_id, year) → last_value. */
export type SequenceTable = 'request_sequence' | 'record_sequence';

/**
 * The next serial of an agency for a year (受理编号, 索引号), taken inside the caller's transaction:
 * the row lock of the UPDATE serialises concurrent callers (PostgreSQL), SQLite has one writer,
 * and a rolled-back transaction gives its serial back — no gaps, no duplicates.
 */
export async function nextSerial(
  db: Executor,
  table: SequenceTable,
  agencyId: string,
  year: number,
): Promise<number> {
  await db
    .insertInto(table)
    .values({ agency_id: agencyId, year, last_value: 0 })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doNothing())
    .execute();
  const row = await db
    .updateTable(table)
    .set({ last_value: sql<number>`last_value + 1` })
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}
