import type { Executor } from '../../platform/db/database.js';
import { nextSerial } from '../../platform/db/sequence.js';
import { withinSubtrees } from '../agencies/index.js';
import type {
  MessageEventTable,
  MessageFileTable,
  MessageRatingTable,
  MessageTable,
} from './message.tables.js';

export type MessageRow = MessageTable;

export async function nextSeq(db: Executor, agencyId: string, year: number): Promise<number> {
  return nextSerial(db, 'message_sequence', agencyId, year);
}

export async function insert(db: Executor, row: MessageTable): Promise<void> {
  await db.insertInto('message_case').values(row).execute();
}

export async function find(db: Executor, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('message_case').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function update(
  db: Executor,
  id: string,
  set: Partial<Omit<MessageTable, 'id' | 'number' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('message_case').set(set).where('id', '=', id).execute();
}

export async function findByNumber(
  db: Executor,
  receivedBy: string,
  number: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('message_case')
    .selectAll()
    .where('received_by', '=', receivedBy)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** The 来信 a 来信编号 and 查询码 open (numbers repeat across receiving agencies; the code picks). */
export async function findByLookup(
  db: Executor,
  number: string,
  lookupHash: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('message_case')
    .selectAll()
    .where('number', '=', number)
    .where('lookup_hash', '=', lookupHash)
    .executeTakeFirst();
}

export async function appendEvent(db: Executor, row: MessageEventTable): Promise<void> {
  await db.insertInto('message_event').values(row).execute();
}

export async function eventsOf(db: Executor, messageId: string): Promise<MessageEventTable[]> {
  return db
    .selectFrom('message_event')
    .selectAll()
    .where('message_id', '=', messageId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function eventsOfMany(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, MessageEventTable[]>> {
  const out = new Map<string, MessageEventTable[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('message_event')
      .selectAll()
      .where('message_id', 'in', ids.slice(i, i + 500))
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const r of rows) out.set(r.message_id, [...(out.get(r.message_id) ?? []), r]);
  }
  return out;
}

/**
 * The 来信 handled by or received by an agency within `paths`, received in [from, to) when given;
 * the queue and the statistics filter further on the derived stage.
 */
export async function within(
  db: Executor,
  paths: readonly string[],
  opts: { from?: string; to?: string; agencyId?: string } = {},
): Promise<MessageRow[]> {
  let q = db
    .selectFrom('message_case')
    .selectAll()
    .where((eb) =>
      eb.or([
        withinSubtrees('message_case.agency_id', paths),
        withinSubtrees('message_case.received_by', paths),
      ]),
    );
  if (opts.from) q = q.where('received_on', '>=', opts.from);
  if (opts.to) q = q.where('received_on', '<', opts.to);
  if (opts.agencyId) q = q.where('agency_id', '=', opts.agencyId);
  return q.orderBy('received_on').orderBy('number').execute();
}

/** The 来信 handled within `paths` (the statistics: counted where they are handled). */
export async function handledWithin(
  db: Executor,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<MessageRow[]> {
  return db
    .selectFrom('message_case')
    .selectAll()
    .where(withinSubtrees('message_case.agency_id', paths))
    .where('received_on', '>=', from)
    .where('received_on', '<', to)
    .execute();
}

/** Published 来信 handled within an agency's subtree, newest reply first. */
export async function published(db: Executor, agencyPath: string, limit: number, offset: number) {
  return db
    .selectFrom('message_case')
    .select([
      'id',
      'number',
      'agency_id',
      'ticket_type',
      'regime',
      'received_on',
      'replied_on',
      'public_subject',
      'public_content',
      'public_reply',
      'published_at',
    ])
    .where(withinSubtrees('message_case.agency_id', [agencyPath]))
    .where('published_at', 'is not', null)
    .orderBy('replied_on', 'desc')
    .orderBy('number', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countPublished(db: Executor, agencyPath: string): Promise<number> {
  const r = await db
    .selectFrom('message_case')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(withinSubtrees('message_case.agency_id', [agencyPath]))
    .where('published_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertRating(db: Executor, row: MessageRatingTable): Promise<void> {
  await db.insertInto('message_rating').values(row).execute();
}

export async function findRating(db: Executor, id: string) {
  return db.selectFrom('message_rating').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function ratingOf(db: Executor, subjectType: string, subjectId: string) {
  return db
    .selectFrom('message_rating')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
}

export async function ratingsOfMany(db: Executor, subjectType: string, ids: readonly string[]) {
  const out = new Map<string, MessageRatingTable>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('message_rating')
      .selectAll()
      .where('subject_type', '=', subjectType)
      .where('subject_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.subject_id, r);
  }
  return out;
}

export async function updateRating(
  db: Executor,
  id: string,
  set: Partial<Omit<MessageRatingTable, 'id' | 'subject_type' | 'subject_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('message_rating').set(set).where('id', '=', id).execute();
}

/** Ratings of agencies within `paths` given in [from, to). */
export async function ratingsWithin(db: Executor, paths: readonly string[], from: string, to: string) {
  return db
    .selectFrom('message_rating')
    .selectAll()
    .where(withinSubtrees('message_rating.agency_id', paths))
    .where('rated_on', '>=', from)
    .where('rated_on', '<', to)
    .execute();
}

/** Years with 来信, newest first. */
export async function years(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom('message_case')
    .select('year')
    .distinct()
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => Number(r.year));
}

/** The 来信 made from an application (条例第三十九条), if any. */
export async function fromRequest(db: Executor, requestId: string): Promise<MessageRow | undefined> {
  return db
    .selectFrom('message_case')
    .selectAll()
    .where('from_request_id', '=', requestId)
    .executeTakeFirst();
}

/** The 来信 linked to an application either way: passed from it, or turned into it. */
export async function linkedToRequest(db: Executor, requestId: string) {
  return db
    .selectFrom('message_case')
    .select(['id', 'number', 'request_id', 'from_request_id'])
    .where((eb) => eb.or([eb('request_id', '=', requestId), eb('from_request_id', '=', requestId)]))
    .execute();
}

export async function insertFile(db: Executor, row: MessageFileTable): Promise<void> {
  await db.insertInto('message_file').values(row).execute();
}

/** The files of a 来信, without their content. */
export async function filesOf(db: Executor, messageId: string) {
  return db
    .selectFrom('message_file')
    .select(['id', 'file_name', 'media_type', 'byte_size'])
    .where('message_id', '=', messageId)
    .orderBy('position')
    .execute();
}

export async function findFile(db: Executor, id: string): Promise<MessageFileTable | undefined> {
  return db.selectFrom('message_file').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * 信箱留言 (政务咨询建言, not 信访) of the portal's channels received on or after `from` within
 * `paths`, not merged into another: the site inspector's interaction backlog reads them.
 */
export async function mailboxSince(db: Executor, paths: readonly string[], from: string) {
  return db
    .selectFrom('message_case')
    .select(['number', 'received_on', 'replied_on', 'channel'])
    .where(withinSubtrees('message_case.received_by', paths))
    .where('regime', '=', 'mailbox')
    .where('merged_into', 'is', null)
    .where('received_on', '>=', from)
    .orderBy('received_on')
    .execute();
}

/**
 * The dates of the 来信 received through some channels in a span of days, of an agency's
 * subtree: when received, replied and their reply published — nothing about the writer.
 */
export async function datesReceivedVia(
  db: Executor,
  f: { paths: readonly string[]; channels: readonly string[]; from: string; to: string },
): Promise<Array<{ received_on: string; replied_on: string | null; published_at: string | null }>> {
  return db
    .selectFrom('message_case')
    .select(['received_on', 'replied_on', 'published_at'])
    .where(withinSubtrees('message_case.agency_id', f.paths))
    .where('channel', 'in', [...f.channels])
    .where('received_on', '>=', f.from)
    .where('received_on', '<', f.to)
    .execute();
}
