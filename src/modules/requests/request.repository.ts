import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { RequestTable } from '../../platform/db/schema.js';

/**
 * The next 受理编号 of an agency for a year, taken inside the caller's transaction: the row lock
 * of the UPDATE serialises concurrent submissions (PostgreSQL), SQLite has one writer, and a
 * rolled-back submission gives its number back — no gaps, no duplicates.
 */
export async function nextSeq(db: Executor, agencyId: string, year: number): Promise<number> {
  await db
    .insertInto('request_sequence')
    .values({ agency_id: agencyId, year, last_value: 0 })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doNothing())
    .execute();
  const row = await db
    .updateTable('request_sequence')
    .set({ last_value: sql<number>`last_value + 1` })
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

export async function insert(db: Executor, row: RequestTable): Promise<void> {
  await db.insertInto('request').values(row).execute();
}

export async function findById(db: Executor, id: string): Promise<RequestTable | undefined> {
  return db.selectFrom('request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByLookup(
  db: Executor,
  agencyId: string,
  year: number,
  seq: number,
  lookupHash: string,
): Promise<RequestTable | undefined> {
  return db
    .selectFrom('request')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .where('seq', '=', seq)
    .where('lookup_hash', '=', lookupHash)
    .executeTakeFirst();
}

export async function listFor(db: Executor, agencyId: string, year: number): Promise<RequestTable[]> {
  return db
    .selectFrom('request')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .orderBy('seq')
    .execute();
}
