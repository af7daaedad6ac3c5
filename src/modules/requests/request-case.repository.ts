import type { Executor } from '../../platform/db/database.js';
import type { RequestEventTable, RequestLetterTable, RequestTable } from './request.tables.js';

export async function findRequest(db: Executor, id: string): Promise<RequestTable | undefined> {
  return db.selectFrom('request').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function eventsOf(db: Executor, requestId: string): Promise<RequestEventTable[]> {
  return db
    .selectFrom('request_event')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
}

export async function appendEvent(db: Executor, row: RequestEventTable): Promise<void> {
  await db.insertInto('request_event').values(row).execute();
}

export async function close(
  db: Executor,
  id: string,
  set: Pick<RequestTable, 'replied_on' | 'withdrawn_on' | 'closed_on' | 'outcome'>,
): Promise<void> {
  await db.updateTable('request').set(set).where('id', '=', id).where('closed_on', 'is', null).execute();
}

export async function openCases(db: Executor): Promise<RequestTable[]> {
  return db.selectFrom('request').selectAll().where('closed_on', 'is', null).execute();
}

/** Open cases of the agencies within the given subtrees. */
export async function openWithin(
  db: Executor,
  paths: string[],
): Promise<Array<RequestTable & { agency_name: string }>> {
  if (paths.length === 0) return [];
  let q = db
    .selectFrom('request')
    .innerJoin('agency', 'agency.id', 'request.agency_id')
    .selectAll('request')
    .select('agency.name as agency_name')
    .where('request.closed_on', 'is', null);
  if (!paths.includes('/')) q = q.where((eb) => eb.or(paths.map((p) => eb('agency.path', 'like', `${p}%`))));
  return q.orderBy('request.received_on').orderBy('request.seq').execute();
}

export async function setHandler(
  db: Executor,
  id: string,
  handlerId: string | null,
  at: string,
): Promise<void> {
  await db
    .updateTable('request')
    .set({ handler_id: handlerId, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function insertLetter(db: Executor, row: RequestLetterTable): Promise<void> {
  await db.insertInto('request_letter').values(row).execute();
}

export async function lettersOf(db: Executor, requestId: string): Promise<RequestLetterTable[]> {
  return db
    .selectFrom('request_letter')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('issued_on')
    .orderBy('id')
    .execute();
}

export async function letterById(db: Executor, id: string): Promise<RequestLetterTable | undefined> {
  return db.selectFrom('request_letter').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function byApplicant(
  db: Executor,
  agencyId: string,
  idNumberIndex: string,
): Promise<RequestTable[]> {
  return db
    .selectFrom('request')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id_number_index', '=', idNumberIndex)
    .orderBy('received_on', 'desc')
    .limit(50)
    .execute();
}
