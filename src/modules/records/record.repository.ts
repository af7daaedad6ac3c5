import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { startsWith, type Executor } from '../../platform/db/database.js';
import { nextSerial } from '../../platform/db/sequence.js';
import { agencyField, withinSubtree, withinSubtrees } from '../agencies/index.js';
import type { RecordIdQuery } from '../search/index.js';
import type { RecordState } from './record.js';
import type { RecordEventTable, RecordTable } from './record.tables.js';

/** All SQL of the `record` and `record_event` tables. */

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

// ── References between published documents ────────────────────────────────────────────────

/** The published record with this 索引号. */
export async function publishedIdByIndexNumber(db: Executor, indexNumber: string): Promise<string | null> {
  const r = await db
    .selectFrom('record')
    .select('id')
    .where('state', '=', 'published')
    .where('index_number', '=', indexNumber)
    .executeTakeFirst();
  return r?.id ?? null;
}

/** The published records with this 文号, newest first (more than one means the 文号 is ambiguous). */
export async function publishedIdsByDocumentNumber(db: Executor, documentNumber: string): Promise<string[]> {
  const rows = await db
    .selectFrom('record')
    .select('id')
    .where('state', '=', 'published')
    .where('document_number', '=', documentNumber)
    .orderBy('published_at', 'desc')
    .execute();
  return rows.map((r) => r.id);
}

export interface RecordLink {
  id: string;
  title: string;
}

/** Id and title of a record, if it is published. */
export async function publishedLink(db: Executor, id: string): Promise<RecordLink | null> {
  return (
    (await db
      .selectFrom('record')
      .select(['id', 'title'])
      .where('id', '=', id)
      .where('state', '=', 'published')
      .executeTakeFirst()) ?? null
  );
}

/** The published 政策解读 of a document, oldest first. */
export async function publishedInterpretationsOf(db: Executor, id: string): Promise<RecordLink[]> {
  return db
    .selectFrom('record')
    .select(['id', 'title'])
    .where('interprets_record_id', '=', id)
    .where('state', '=', 'published')
    .orderBy('published_at')
    .execute();
}

/** The published documents that repeal or amend a document, oldest first. */
export async function publishedChangesOf(
  db: Executor,
  id: string,
): Promise<Array<RecordLink & { repeals: boolean }>> {
  const rows = await db
    .selectFrom('record')
    .select(['id', 'title', 'repeals_record_id'])
    .where((eb) => eb.or([eb('repeals_record_id', '=', id), eb('amends_record_id', '=', id)]))
    .where('state', '=', 'published')
    .orderBy('published_at')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, repeals: r.repeals_record_id === id }));
}

// ── Publication ──────────────────────────────────────────────────────────────────────────

/** Approved records whose set publication time is `now` or earlier, earliest first. */
export async function dueForPublication(db: Executor, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom('record')
    .select('id')
    .where('state', '=', 'approved')
    .where('scheduled_at', 'is not', null)
    .where('scheduled_at', '<=', now)
    .orderBy('scheduled_at')
    .execute();
  return rows.map((r) => r.id);
}

// ── Listings ─────────────────────────────────────────────────────────────────────────────

export interface RecordListItem {
  id: string;
  title: string;
  state: RecordState;
  agencyName: string;
  indexNumber: string | null;
  documentNumber: string | null;
  updatedAt: string;
}

/** Records of agencies within these subtrees, newest change first, optionally in one state. */
export async function staffList(
  db: Executor,
  f: { scopes: readonly string[]; state?: RecordState },
): Promise<RecordListItem[]> {
  let q = db
    .selectFrom('record as r')
    .select([
      'r.id',
      'r.title',
      'r.state',
      agencyField('r.agency_id', 'name').as('agencyName'),
      'r.index_number as indexNumber',
      'r.document_number as documentNumber',
      'r.updated_at as updatedAt',
    ])
    .where(withinSubtrees('r.agency_id', f.scopes))
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.id', 'desc');
  if (f.state) q = q.where('r.state', '=', f.state);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, state: r.state as RecordState }));
}

/** How many records within `scopes` are in `state` (the 工作台's counts). */
export async function countInState(
  db: Executor,
  f: { scopes: readonly string[]; state: RecordState },
): Promise<number> {
  if (f.scopes.length === 0) return 0;
  const row = await db
    .selectFrom('record as r')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(withinSubtrees('r.agency_id', f.scopes))
    .where('r.state', '=', f.state)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type PublishedRecord = RecordTable & { agencyName: string };

/** A published record with its issuing agency's name. */
export async function publishedWithAgency(db: Executor, id: string): Promise<PublishedRecord | undefined> {
  return db
    .selectFrom('record as r')
    .selectAll('r')
    .select(agencyField('r.agency_id', 'name').as('agencyName'))
    .where('r.id', '=', id)
    .where('r.state', '=', 'published')
    .executeTakeFirst();
}

/** Records by id with their issuing agency's name, in no particular order (search hits). */
export async function withAgencyByIds(db: Executor, ids: readonly string[]): Promise<PublishedRecord[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('record as r')
    .selectAll('r')
    .select(agencyField('r.agency_id', 'name').as('agencyName'))
    .where('r.id', 'in', [...ids])
    .execute();
}

export interface PublicListItem {
  id: string;
  title: string;
  indexNumber: string | null;
  documentNumber: string | null;
  publishedAt: string | null;
  agencyName: string;
  subjectCategory: string | null;
  summary: string | null;
}

export interface PublicListFilter {
  agencyPath?: string;
  subjectCategory?: string;
  genres?: readonly string[];
}

/** A 主题分类 filter: a full `一级\二级` class exactly; a first-level class with its sub-classes. */
function inSubject(column: string, c: string) {
  return c.includes('\\')
    ? sql<SqlBool>`${sql.ref(column)} = ${c}`
    : sql<SqlBool>`(${sql.ref(column)} = ${c} or ${startsWith(column, `${c}\\`)})`;
}

/** One page of published records, newest first, and how many there are in all. */
export async function publicList(
  db: Executor,
  f: PublicListFilter,
  page: { offset: number; limit: number },
): Promise<{ total: number; rows: PublicListItem[] }> {
  let q = db.selectFrom('record as r').where('r.state', '=', 'published');
  if (f.agencyPath) q = q.where(withinSubtree('r.agency_id', f.agencyPath));
  if (f.subjectCategory) q = q.where(inSubject('r.subject_category', f.subjectCategory));
  if (f.genres?.length) q = q.where('r.genre', 'in', [...f.genres]);
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'r.id',
      'r.title',
      'r.index_number as indexNumber',
      'r.document_number as documentNumber',
      'r.published_at as publishedAt',
      agencyField('r.agency_id', 'name').as('agencyName'),
      'r.subject_category as subjectCategory',
      'r.summary',
    ])
    .orderBy('r.published_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total: count.n, rows };
}

/** Published records of an agency's subtree per 主题分类. */
export async function subjectCounts(
  db: Executor,
  agencyPath: string,
): Promise<Array<{ category: string; count: number }>> {
  const rows = await db
    .selectFrom('record as r')
    .select(['r.subject_category as category', (eb) => eb.fn.countAll<number>().as('count')])
    .where('r.state', '=', 'published')
    .where('r.subject_category', 'is not', null)
    .where(withinSubtree('r.agency_id', agencyPath))
    .groupBy('r.subject_category')
    .execute();
  return rows.map((r) => ({ category: r.category!, count: r.count }));
}

export interface PublishedRecordSummary {
  id: string;
  title: string;
  indexNumber: string | null;
  documentNumber: string | null;
  publishedAt: string;
  agencyName: string;
}

/** Published records, newest first, by id (a list or another module's subquery) and subtree. */
export async function publishedSummaries(
  db: Executor,
  opts: { idIn?: RecordIdQuery; ids?: readonly string[]; agencyPath?: string; limit?: number },
): Promise<PublishedRecordSummary[]> {
  if (opts.ids && opts.ids.length === 0) return [];
  let q = db
    .selectFrom('record as r')
    .select([
      'r.id as id',
      'r.title as title',
      'r.index_number as indexNumber',
      'r.document_number as documentNumber',
      sql<string>`r.published_at`.as('publishedAt'),
      agencyField('r.agency_id', 'name').as('agencyName'),
    ])
    .where('r.state', '=', 'published');
  if (opts.idIn) q = q.where(sql<SqlBool>`r.id in (${opts.idIn})`);
  if (opts.ids) q = q.where('r.id', 'in', [...opts.ids]);
  if (opts.agencyPath) q = q.where(withinSubtree('r.agency_id', opts.agencyPath));
  q = q.orderBy('r.published_at', 'desc').orderBy('r.id');
  if (opts.limit !== undefined) q = q.limit(Math.max(0, Math.floor(opts.limit)));
  return q.execute();
}

/** A subquery that names no record: a filter by a catalog domain when no catalog is installed. */
export function noRecords(): RecordIdQuery {
  return sql`select id from record where 1 = 0`;
}

/** The metadata (legal.md §7) of one published record, for open data: no text, no files. */
export interface PublishedMetadata {
  id: string;
  indexNumber: string | null;
  title: string;
  documentNumber: string | null;
  agencyId: string;
  agencyName: string;
  writtenDate: string | null;
  publishedAt: string;
  validity: string;
  subjectCategory: string | null;
  genre: string | null;
}

/** Every published record's metadata, oldest publication first (a stable order for downloads). */
export async function publishedMetadata(db: Executor): Promise<PublishedMetadata[]> {
  return db
    .selectFrom('record as r')
    .select([
      'r.id as id',
      'r.index_number as indexNumber',
      'r.title as title',
      'r.document_number as documentNumber',
      'r.agency_id as agencyId',
      agencyField('r.agency_id', 'name').as('agencyName'),
      'r.written_date as writtenDate',
      sql<string>`r.published_at`.as('publishedAt'),
      'r.validity as validity',
      'r.subject_category as subjectCategory',
      'r.genre as genre',
    ])
    .where('r.state', '=', 'published')
    .orderBy('r.published_at')
    .orderBy('r.id')
    .execute();
}

// ── The search index's source ────────────────────────────────────────────────────────────

export async function countPublished(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('record')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'published')
    .executeTakeFirstOrThrow();
  return r.n;
}

/** The next `limit` published records by id after `afterId` (a rebuild walks them in batches). */
export async function publishedAfter(db: Executor, afterId: string, limit: number): Promise<RecordTable[]> {
  return db
    .selectFrom('record')
    .selectAll()
    .where('state', '=', 'published')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

// ── Section 二 of the annual report ──────────────────────────────────────────────────────

/** Section 二's counts of one genre: every figure of both formats, before they are chosen. */
export interface GenreCounts {
  genre: string;
  made: number;
  published: number;
  totalPublished: number;
  repealed: number;
  inForce: number;
}

/**
 * Section 二's counts of 规章 and 规范性文件 ever published (withdrawn ones too), of one agency or
 * of its subtree, for a year, one row per genre: counted in SQL, so a province's documents come
 * back as a handful of rows instead of being read one by one.
 *
 * A document's day of publication is the Beijing date of `published_at` (UTC instants stored as
 * `toISOString()` text), so "published in the year" is an instant between the UTC instants at
 * which the year begins and ends in Beijing (`yearStarts`, `yearEnds`); dates (成文日期, 废止
 * date) are `YYYY-MM-DD` text compared as text.
 */
export async function section2Counts(
  db: Executor,
  f: { genres: readonly string[]; year: number; yearStarts: string; yearEnds: string } & (
    { agencyId: string } | { agencyPath: string }
  ),
): Promise<GenreCounts[]> {
  const y = `${f.year}%`;
  const yearEnd = `${f.year}-12-31`;
  const inYear = sql<SqlBool>`(published_at >= ${f.yearStarts} and published_at < ${f.yearEnds})`;
  const byYearEnd = sql<SqlBool>`published_at < ${f.yearEnds}`;
  const count = (when: RawBuilder<SqlBool>) => sql<number>`sum(case when ${when} then 1 else 0 end)`;
  const q = db
    .selectFrom('record')
    .select([
      sql<string>`genre`.as('genre'),
      // Made (制发/制作) in the year of its 成文日期, else of its publication.
      count(sql`(written_date like ${y} or (written_date is null and ${inYear}))`).as('made'),
      count(inYear).as('published'),
      count(byYearEnd).as('totalPublished'),
      count(sql`(validity = 'repealed' and validity_date like ${y})`).as('repealed'),
      // In force at the year's end: published by then, and not ended (repealed, expired …) by then.
      count(
        sql`(${byYearEnd} and (validity = 'inForce' or (validity_date is not null and validity_date > ${yearEnd})))`,
      ).as('inForce'),
    ])
    .where('genre', 'in', [...f.genres])
    .where('state', 'in', ['published', 'withdrawn'])
    .where('published_at', 'is not', null)
    .groupBy('genre');
  return (
    'agencyId' in f
      ? q.where('agency_id', '=', f.agencyId)
      : q.where(withinSubtree('agency_id', f.agencyPath))
  ).execute();
}

/**
 * Timeliness of publication (条例第二十六条), for the supervision figures. `cutoffs` maps each
 * 形成或者变更日期 to the first instant that is too late (the day after its 20th working day, 00:00
 * Beijing, as UTC text): the calendar stays in code, the counting in SQL.
 */
export interface PublicationWindow {
  paths: readonly string[];
  /** Published at or after this instant, and before `before` (UTC ISO text). */
  since: string;
  before: string;
}

const lateCutoff = (cutoffs: ReadonlyMap<string, string>): RawBuilder<string> =>
  sql<string>`case r.date_formed_or_changed ${sql.join(
    [...cutoffs].map(([formed, cutoff]) => sql`when ${formed} then ${cutoff}`),
    sql` `,
  )} end`;

/** The distinct 形成或者变更日期 of the records published in the window (one row a date). */
export async function formedDatesPublishedWithin(db: Executor, w: PublicationWindow): Promise<string[]> {
  if (w.paths.length === 0) return [];
  const rows = await db
    .selectFrom('record as r')
    .select('r.date_formed_or_changed as d')
    .where(withinSubtrees('r.agency_id', w.paths))
    .where('r.published_at', '>=', w.since)
    .where('r.published_at', '<', w.before)
    .groupBy('r.date_formed_or_changed')
    .execute();
  return rows.map((r) => r.d);
}

/** Per agency: records published in the window, and those published after their cutoff. */
export async function publicationTimeliness(
  db: Executor,
  w: PublicationWindow,
  cutoffs: ReadonlyMap<string, string>,
): Promise<Array<{ agencyId: string; published: number; late: number }>> {
  if (w.paths.length === 0 || cutoffs.size === 0) return [];
  const rows = await db
    .selectFrom('record as r')
    .select([
      'r.agency_id as agency_id',
      (eb) => eb.fn.countAll<number | string>().as('published'),
      sql<number | string>`sum(case when r.published_at >= ${lateCutoff(cutoffs)} then 1 else 0 end)`.as(
        'late',
      ),
    ])
    .where(withinSubtrees('r.agency_id', w.paths))
    .where('r.published_at', '>=', w.since)
    .where('r.published_at', '<', w.before)
    .groupBy('r.agency_id')
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, published: Number(r.published), late: Number(r.late) }));
}

/** The records published in the window after their cutoff, oldest publication first. */
export async function publishedLate(
  db: Executor,
  w: PublicationWindow,
  cutoffs: ReadonlyMap<string, string>,
) {
  if (w.paths.length === 0 || cutoffs.size === 0) return [];
  return db
    .selectFrom('record as r')
    .select([
      'r.id',
      'r.agency_id',
      'r.index_number',
      'r.title',
      'r.date_formed_or_changed',
      'r.published_at',
      agencyField<string>('r.agency_id', 'name').as('agency_name'),
    ])
    .where(withinSubtrees('r.agency_id', w.paths))
    .where('r.published_at', '>=', w.since)
    .where('r.published_at', '<', w.before)
    .where(sql<SqlBool>`r.published_at >= ${lateCutoff(cutoffs)}`)
    .orderBy('r.published_at')
    .orderBy('r.id')
    .execute();
}

// ── The 政府网站工作年度报表 (website-report) ──────────────────────────────────────────────

/**
 * Records first published in a span (UTC instants), of an agency's subtree, counted per 体裁 and
 * by whether they are a 解读 of a document (`interprets_record_id`): a handful of rows, grouped
 * in SQL. Withdrawn records count too — they were published in the span.
 */
export async function publishedCountsByGenre(
  db: Executor,
  f: { agencyPath: string; from: string; to: string },
): Promise<Array<{ genre: string | null; interprets: number; total: number }>> {
  const rows = await db
    .selectFrom('record')
    .select([
      'genre',
      sql<number>`sum(case when interprets_record_id is not null then 1 else 0 end)`.as('interprets'),
      sql<number>`count(*)`.as('total'),
    ])
    .where('state', 'in', ['published', 'withdrawn'])
    .where('published_at', '>=', f.from)
    .where('published_at', '<', f.to)
    .where(withinSubtree('agency_id', f.agencyPath))
    .groupBy('genre')
    .execute();
  return rows.map((r) => ({ genre: r.genre, interprets: Number(r.interprets), total: Number(r.total) }));
}
