import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { nextSerial } from '../../platform/db/sequence.js';
import { agencyField, withinSubtrees } from '../agencies/index.js';
import type { ApplicantType, DeliveryFormat, DeliveryMethod, IdType, SubmissionChannel } from './request.js';
import type { Outcome } from './request-outcome.js';
import type {
  RequestEventTable,
  RequestFileTable,
  RequestLetterTable,
  RequestTable,
} from './request.tables.js';

/** All SQL of the requests module, except section 三's counts (request.stats.ts). */

/** An application as the module's code sees it; personal data still encrypted (FieldCipher). */
export interface RequestCase {
  id: string;
  agencyId: string;
  year: number;
  seq: number;
  acceptanceNumber: string;
  submissionChannel: SubmissionChannel;
  applicantType: ApplicantType;
  applicantName: string;
  organizationCode: string | null;
  idType: IdType;
  idNumberEnc: string;
  idNumberIndex: string;
  phoneEnc: string;
  addressEnc: string | null;
  /** Encrypted, like the phone (plain in a row stored before 0023, until the next start). */
  emailEnc: string | null;
  description: string;
  deliveryFormat: DeliveryFormat;
  deliveryMethod: DeliveryMethod;
  receivedOn: string;
  submittedAt: string;
  handlerId: string | null;
  repliedOn: string | null;
  withdrawnOn: string | null;
  closedOn: string | null;
  outcome: Outcome | null;
}

export function toCase(r: RequestTable): RequestCase {
  return {
    id: r.id,
    agencyId: r.agency_id,
    year: r.year,
    seq: r.seq,
    acceptanceNumber: r.acceptance_number,
    submissionChannel: r.submission_channel as SubmissionChannel,
    applicantType: r.applicant_type as ApplicantType,
    applicantName: r.applicant_name,
    organizationCode: r.organization_code,
    idType: r.id_type as IdType,
    idNumberEnc: r.id_number_enc,
    idNumberIndex: r.id_number_index,
    phoneEnc: r.phone_enc,
    addressEnc: r.address_enc,
    emailEnc: r.email,
    description: r.description,
    deliveryFormat: r.delivery_format as DeliveryFormat,
    deliveryMethod: r.delivery_method as DeliveryMethod,
    receivedOn: r.received_on,
    submittedAt: r.submitted_at,
    handlerId: r.handler_id,
    repliedOn: r.replied_on,
    withdrawnOn: r.withdrawn_on,
    closedOn: r.closed_on,
    outcome: r.outcome as Outcome | null,
  };
}

/** The next 受理编号 serial of an agency for a year, inside the caller's transaction. */
export async function nextSeq(db: Executor, agencyId: string, year: number): Promise<number> {
  return nextSerial(db, 'request_sequence', agencyId, year);
}

export async function insert(db: Executor, row: RequestTable): Promise<void> {
  await db.insertInto('request').values(row).execute();
}

/** The case with its agency's path, in one query (every policy check needs the path). */
export async function findRequest(
  db: Executor,
  id: string,
): Promise<(RequestCase & { agencyPath: string }) | undefined> {
  const row = await db
    .selectFrom('request')
    .selectAll()
    .select(agencyField<string>('request.agency_id', 'path').as('agency_path'))
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { ...toCase(row), agencyPath: row.agency_path } : undefined;
}

/**
 * The applications with this 受理编号 (year and number) and 查询码, in any agency unless one is
 * given: the random code tells them apart, so at most two rows are read to see whether it is one.
 */
export async function findByLookup(
  db: Executor,
  year: number,
  seq: number,
  lookupHash: string,
  agencyId?: string,
): Promise<RequestCase[]> {
  let q = db
    .selectFrom('request')
    .selectAll()
    .where('lookup_hash', '=', lookupHash)
    .where('year', '=', year)
    .where('seq', '=', seq);
  if (agencyId) q = q.where('agency_id', '=', agencyId);
  return (await q.limit(2).execute()).map(toCase);
}

export async function agencyOf(db: Executor, id: string): Promise<string | undefined> {
  return (await db.selectFrom('request').select('agency_id').where('id', '=', id).executeTakeFirst())
    ?.agency_id;
}

/** 受理编号 of the given cases within the subtrees, for other modules' listings. */
export async function acceptanceNumbers(
  db: Executor,
  ids: readonly string[],
  paths: readonly string[],
): Promise<Array<{ id: string; acceptanceNumber: string }>> {
  if (ids.length === 0 || paths.length === 0) return [];
  return db
    .selectFrom('request')
    .select(['id', 'acceptance_number as acceptanceNumber'])
    .where('id', 'in', [...ids])
    .where(withinSubtrees('request.agency_id', paths))
    .execute();
}

/** Does the agency have an application received before `day`? */
export async function anyReceivedBefore(db: Executor, agencyId: string, day: string): Promise<boolean> {
  const row = await db
    .selectFrom('request')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('received_on', '<', day)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
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

/** The events of many cases in one query, grouped by case (every listed id has an entry). */
export async function eventsOfMany(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, RequestEventTable[]>> {
  const out = new Map<string, RequestEventTable[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('request_event')
    .selectAll()
    .where('request_id', 'in', [...ids])
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
  for (const r of rows) out.get(r.request_id)?.push(r);
  return out;
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

export interface OpenCaseFilter {
  /** Subtrees the actor may see (['/'] for all). */
  paths: readonly string[];
  agencyId?: string;
}

/** Open cases of the agencies within the subtrees, oldest first, each with its agency's name. */
export async function openWithin(
  db: Executor,
  f: OpenCaseFilter,
): Promise<Array<RequestCase & { agencyName: string }>> {
  if (f.paths.length === 0) return [];
  let q = db
    .selectFrom('request')
    .selectAll()
    .select(agencyField<string>('request.agency_id', 'name').as('agency_name'))
    .where('request.closed_on', 'is', null)
    .where(withinSubtrees('request.agency_id', f.paths));
  if (f.agencyId) q = q.where('request.agency_id', '=', f.agencyId);
  const rows = await q.orderBy('request.received_on').orderBy('request.seq').execute();
  return rows.map((r) => ({ ...toCase(r), agencyName: r.agency_name }));
}

/** Cases replied to in [from, to] (dates) within the subtrees, each with its agency's name (supervision). */
export async function repliedWithin(
  db: Executor,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<Array<RequestCase & { agencyName: string }>> {
  if (paths.length === 0) return [];
  const rows = await db
    .selectFrom('request')
    .selectAll()
    .select(agencyField<string>('request.agency_id', 'name').as('agency_name'))
    .where('request.replied_on', '>=', from)
    .where('request.replied_on', '<=', to)
    .where(withinSubtrees('request.agency_id', paths))
    .orderBy('request.replied_on')
    .orderBy('request.seq')
    .execute();
  return rows.map((r) => ({ ...toCase(r), agencyName: r.agency_name }));
}

/** The agencies that have open cases within the subtrees, for the queue's filter. */
export async function agenciesWithOpenCases(
  db: Executor,
  paths: readonly string[],
): Promise<Array<{ id: string; name: string }>> {
  if (paths.length === 0) return [];
  const rows = await db
    .selectFrom('request')
    .select(['request.agency_id as id', agencyField<string>('request.agency_id', 'name').as('name')])
    .where('request.closed_on', 'is', null)
    .where(withinSubtrees('request.agency_id', paths))
    .groupBy('request.agency_id')
    .orderBy(sql`2`)
    .execute();
  return rows;
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
): Promise<RequestCase[]> {
  const rows = await db
    .selectFrom('request')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id_number_index', '=', idNumberIndex)
    .orderBy('received_on', 'desc')
    .limit(50)
    .execute();
  return rows.map(toCase);
}

// ── Files of a case (reply attachments, 补正 files) ────────────────────────────────────────

export type RequestFileInfo = Omit<RequestFileTable, 'content'>;
const fileInfoColumns = [
  'id',
  'request_id',
  'agency_id',
  'event_id',
  'purpose',
  'position',
  'file_name',
  'media_type',
  'byte_size',
  'sha256',
  'created_at',
  'created_by',
] as const;

export async function insertFile(db: Executor, row: RequestFileTable): Promise<void> {
  await db.insertInto('request_file').values(row).execute();
}

/** The files of a case, in the order they came, without their bytes. */
export async function filesOf(db: Executor, requestId: string): Promise<RequestFileInfo[]> {
  return db
    .selectFrom('request_file')
    .select([...fileInfoColumns])
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .orderBy('position')
    .execute();
}

export async function fileById(db: Executor, id: string): Promise<RequestFileTable | undefined> {
  return db.selectFrom('request_file').selectAll().where('id', '=', id).executeTakeFirst();
}
