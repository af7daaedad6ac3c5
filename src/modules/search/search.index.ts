import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { isPostgres } from '../../platform/db/dialect/postgres.js';
import { documentTokens, normalize, normalizeDocNumber, titleGrams, type QueryPlan } from './search.js';
import { postgres, sqlite, type Dialect, type Row } from './search.dialect.js';
import { SAMPLE_BUCKETS, searchTiered } from './search.query.js';

/** A published record as handed to the index. */
export interface SearchDocument {
  recordId: string;
  agencyId: string;
  title: string;
  /** Plain text: the body and any text taken from attachments. */
  body: string;
  docNumber: string | null;
  indexNumber: string | null;
  subjectCategory: string | null;
  validity: string;
  /** ISO instant; its year (in Beijing) is the record's year for the filter. */
  publishedAt: string;
  year: number;
}

/**
 * A subquery of record ids (`select <record id> from …`), written by the module that owns the
 * tables it reads: the catalog's links for a domain, say. The index filters by it without
 * knowing whose tables those are.
 */
export type RecordIdQuery = RawBuilder<unknown>;

export interface SearchFilters {
  /** The agency's tree path: the agency and everything under it. */
  agencyPath?: string;
  /** Only these records (e.g. those filed under a catalog domain's items). */
  recordIdIn?: RecordIdQuery;
  /** A first-level class (综合政务: every class under it) or a full `一级\\二级` class. */
  subjectCategory?: string;
  year?: number;
  validity?: string;
}

export interface IndexQuery {
  plan: QueryPlan;
  filters: SearchFilters;
  sort: 'relevance' | 'date';
  offset: number;
  limit: number;
}

export interface SearchOutcome {
  /** How many records match: exact, or an estimate beyond EXACT_COUNT_CAP (`approximate`). */
  total: number;
  approximate: boolean;
  hits: IndexHit[];
}

export interface IndexHit {
  recordId: string;
  score: number;
}

/**
 * The search index (DESIGN.md): one interface, an engine per database. Both engines match the
 * same records for a query — every query word among the record's jieba tokens, or the whole
 * phrase inside title or body, or an exact 文号 / 索引号 — and rank them by the same integer
 * score (search.ts SCORE), so SQLite and PostgreSQL give the same results for the same data.
 */
export interface SearchIndex {
  put(db: Executor, docs: readonly SearchDocument[]): Promise<void>;
  remove(db: Executor, recordIds: readonly string[]): Promise<void>;
  search(db: Executor, query: IndexQuery): Promise<SearchOutcome>;
  /**
   * Empties the index and loads these documents through the engine's bulk path (indexes built
   * once at the end), in the caller's transaction: a rebuild.
   */
  rebuild(db: Executor, docs: AsyncIterable<readonly SearchDocument[]>): Promise<number>;
  size(db: Executor): Promise<number>;
  clear(db: Executor): Promise<void>;
}

function toRow(d: SearchDocument): Row {
  return {
    record_id: d.recordId,
    agency_id: d.agencyId,
    title: normalize(d.title),
    body: normalize(d.body),
    doc_number: d.docNumber ? normalizeDocNumber(d.docNumber) : null,
    index_number: d.indexNumber,
    subject_category: d.subjectCategory,
    year: d.year,
    validity: d.validity,
    published_at: d.publishedAt,
    bucket: bucketOf(d.recordId),
    words: documentTokens(d.title, d.body, d.docNumber ?? '', d.subjectCategory ?? ''),
    title_grams: titleGrams(d.title),
  };
}

/** A record's sample bucket: FNV-1a of its id, so both engines put it in the same bucket. */
export function bucketOf(recordId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < recordId.length; i++) h = Math.imul(h ^ recordId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SAMPLE_BUCKETS;
}

/** A new version of the index: cached counts of the old one are no longer used. */
async function touch(db: Executor): Promise<void> {
  await db.updateTable('search_state').set({ version: randomUUID() }).where('id', '=', 1).execute();
}

/** Rows per statement: 11 parameters each stays far below SQLite's and PostgreSQL's limits. */
const batch = 200;

class SqlSearchIndex implements SearchIndex {
  constructor(private readonly d: Dialect) {}

  /** Replaces what the index holds for these records, in batches small enough for any driver. */
  async put(db: Executor, docs: readonly SearchDocument[]): Promise<void> {
    for (let i = 0; i < docs.length; i += batch) {
      const part = docs.slice(i, i + batch);
      await this.d.delete(
        db,
        part.map((d) => d.recordId),
      );
      await this.d.insert(db, part.map(toRow));
    }
    if (docs.length) await touch(db);
  }

  async remove(db: Executor, recordIds: readonly string[]): Promise<void> {
    for (let i = 0; i < recordIds.length; i += batch) await this.d.delete(db, recordIds.slice(i, i + batch));
    if (recordIds.length) await touch(db);
  }

  search(db: Executor, q: IndexQuery): Promise<SearchOutcome> {
    return searchTiered(db, this.d, q);
  }

  /**
   * Tokenizing is the application's work and inserting the database's: each statement is sent
   * before the next rows are cut, so on PostgreSQL (another process) the two overlap.
   */
  async rebuild(db: Executor, docs: AsyncIterable<readonly SearchDocument[]>): Promise<number> {
    await this.d.bulkBegin(db);
    let n = 0;
    let pending: Promise<void> = Promise.resolve();
    let rows: Row[] = [];
    const flush = async () => {
      await pending;
      pending = this.d.bulkInsert(db, rows);
      // Awaited at the next flush; until then a failure must not count as unhandled.
      pending.catch(() => undefined);
      rows = [];
    };
    for await (const part of docs) {
      for (const doc of part) {
        rows.push(toRow(doc));
        if (rows.length >= this.d.bulkRows) await flush();
      }
      n += part.length;
    }
    if (rows.length) await flush();
    await pending;
    await this.d.bulkEnd(db);
    await touch(db);
    return n;
  }

  async size(db: Executor): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from search_doc`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }

  async clear(db: Executor): Promise<void> {
    await this.d.clear(db);
    await touch(db);
  }
}

const engines = { sqlite: new SqlSearchIndex(sqlite), postgres: new SqlSearchIndex(postgres) };

/** The engine for the database at hand. */
export function searchIndexFor(db: Executor): SearchIndex {
  return isPostgres(db) ? engines.postgres : engines.sqlite;
}
