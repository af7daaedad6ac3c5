import type { Executor } from '../../platform/db/database.js';
import { nextSerial } from '../../platform/db/sequence.js';
import type { RequestTable } from './request.tables.js';

/** The next 受理编号 serial of an agency for a year, inside the caller's transaction. */
export async function nextSeq(db: Executor, agencyId: string, year: number): Promise<number> {
  return nextSerial(db, 'request_sequence', agencyId, year);
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
