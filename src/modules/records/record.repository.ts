import type { Executor } from '../../platform/db/database.js';
import { nextSerial } from '../../platform/db/sequence.js';
import type { RecordEventTable, RecordTable } from './record.tables.js';

/** The next 索引号 serial of an agency for a year, inside the caller's transaction. */
export async function nextSeq(db: Executor, agencyId: string, year: number): Promise<number> {
  return nextSerial(db, 'record_sequence', agencyId, year);
}

export async function insert(db: Executor, row: RecordTable): Promise<void> {
  await db.insertInto('record').values(row).execute();
}

/**
 * Changes a record only if it is still in one of `from`: of two clerks pressing 发布 at once, one
 * wins and the other is told, instead of both taking a 索引号.
 */
export async function updateIfIn(
  db: Executor,
  id: string,
  from: readonly string[],
  patch: Partial<RecordTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('record')
    .set(patch)
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findById(db: Executor, id: string): Promise<RecordTable | undefined> {
  return db.selectFrom('record').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEvent(db: Executor, row: RecordEventTable): Promise<void> {
  await db.insertInto('record_event').values(row).execute();
}

export async function eventsOf(db: Executor, recordId: string): Promise<RecordEventTable[]> {
  return db
    .selectFrom('record_event')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}
