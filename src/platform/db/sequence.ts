import { sql } from 'kysely';
import type { Executor } from './database.js';
import type { Database } from './schema.js';

/** The shape of a per-agency, per-year counter table: (agency_id, year) → last_value. */
export interface SequenceRow {
  agency_id: string;
  year: number;
  last_value: number;
}

/** Any table of that shape, declared by whichever module numbers something (受理编号, 索引号 …). */
export type SequenceTable = {
  [T in keyof Database]: Database[T] extends SequenceRow
    ? SequenceRow extends Database[T]
      ? T
      : never
    : never;
}[keyof Database];

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
  // The table is one of the counter tables (checked by SequenceTable); Kysely cannot narrow a
  // union of table names to their common columns, so the queries go through a plain reference.
  const t = sql.table(table);
  await sql`insert into ${t} (agency_id, year, last_value) values (${agencyId}, ${year}, 0)
    on conflict (agency_id, year) do nothing`.execute(db);
  const { rows } = await sql<{ last_value: number | string }>`update ${t} set last_value = last_value + 1
    where agency_id = ${agencyId} and year = ${year} returning last_value`.execute(db);
  return Number(rows[0]!.last_value);
}
