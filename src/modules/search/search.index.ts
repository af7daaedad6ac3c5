import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { isPostgres } from '../../platform/db/dialect/postgres.js';
import type { QueryPlan } from './search.js';
import {
  postgres,
  sqlite,
  type BulkLoad,
  type BulkOptions,
  type Dialect,
  type Row,
} from './search.dialect.js';
import { searchTiered } from './search.query.js';
import { SAMPLE_BUCKETS, toRow } from './search.rows.js';
import { sibling, threadCount, withThreads, type Threads } from '../../platform/sandbox/index.js';

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
   * in large steps, not row by row), in the caller's transaction: a rebuild.
   */
  rebuild(db: Executor, docs: AsyncIterable<readonly SearchDocument[]>, opts?: BulkOptions): Promise<number>;
  size(db: Executor): Promise<number>;
  clear(db: Executor): Promise<void>;
}

/**
 * A new version of the index (cached counts of the old one are no longer used), and its size:
 * moved by `delta` records, or counted afresh after a rebuild.
 */
async function touch(db: Executor, delta: number | 'recount'): Promise<void> {
  await db
    .updateTable('search_state')
    .set({
      version: randomUUID(),
      doc_count:
        delta === 'recount'
          ? sql<number>`(select count(*) from search_doc)`
          : sql<number>`doc_count + ${delta}`,
    })
    .where('id', '=', 1)
    .execute();
}

const sampleColumns = sql`record_id, agency_id, title, body, doc_number, index_number, subject_category,
  year, validity, published_at, words, bucket`;

/**
 * Copies these records' rows into the sample, those that belong to it (the first buckets); in
 * bucket order, so a rebuilt sample's first part lies together.
 */
async function sampleFrom(db: Executor, where: RawBuilder<unknown>): Promise<void> {
  await sql`insert into search_sample (${sampleColumns})
    select ${sampleColumns} from search_doc where bucket < ${SAMPLE_BUCKETS} and ${where}
    order by bucket`.execute(db);
}

async function unsample(db: Executor, recordIds: readonly string[]): Promise<void> {
  await sql`delete from search_sample where record_id in (${sql.join(recordIds)})`.execute(db);
}

/** A rebuild of this many documents or more cuts its words in threads. */
const THREADED_REBUILD = 2_000;
/** Documents per thread task. */
const THREAD_BATCH = 1_000;
/** Thread tasks queued per thread: about a second of cutting words. */
const IN_FLIGHT = 8;
const rowsModule = sibling(import.meta.url, './search.rows');

/** Rows per statement: 11 parameters each stays far below SQLite's and PostgreSQL's limits. */
const batch = 200;

class SqlSearchIndex implements SearchIndex {
  constructor(private readonly d: Dialect) {}

  /** Replaces what the index holds for these records, in batches small enough for any driver. */
  async put(db: Executor, docs: readonly SearchDocument[]): Promise<void> {
    let delta = 0;
    for (let i = 0; i < docs.length; i += batch) {
      const part = docs.slice(i, i + batch);
      const ids = part.map((d) => d.recordId);
      delta -= await this.d.delete(db, ids);
      await unsample(db, ids);
      const rows = part.map(toRow);
      await this.d.insert(db, rows);
      delta += rows.length;
      const sampled = rows.filter((r) => r.bucket < SAMPLE_BUCKETS).map((r) => r.record_id);
      if (sampled.length) await sampleFrom(db, sql`record_id in (${sql.join(sampled)})`);
    }
    if (docs.length) await touch(db, delta);
  }

  async remove(db: Executor, recordIds: readonly string[]): Promise<void> {
    let delta = 0;
    for (let i = 0; i < recordIds.length; i += batch) {
      const ids = recordIds.slice(i, i + batch);
      delta -= await this.d.delete(db, ids);
      await unsample(db, ids);
    }
    if (recordIds.length) await touch(db, delta);
  }

  search(db: Executor, q: IndexQuery): Promise<SearchOutcome> {
    return searchTiered(db, this.d, q);
  }

  /**
   * Cutting words is the application's work and inserting the database's. Each statement is sent
   * before the next rows are awaited, so the two overlap; a rebuild of THREADED_REBUILD documents
   * or more cuts its words in threads, one per core, in batches whose order is kept.
   */
  async rebuild(
    db: Executor,
    docs: AsyncIterable<readonly SearchDocument[]>,
    opts: BulkOptions = {},
  ): Promise<number> {
    const load = await this.d.bulk(db, opts);
    let n: number;
    try {
      n = await this.fill(load, docs);
      await load.end();
    } catch (e) {
      await load.abort();
      throw e;
    }
    await sql`delete from search_sample`.execute(db);
    await sampleFrom(db, sql`true`);
    await touch(db, 'recount');
    return n;
  }

  /** Loads every document (see `rebuild`); answers how many. */
  private async fill(load: BulkLoad, docs: AsyncIterable<readonly SearchDocument[]>): Promise<number> {
    // Batches are gathered until there are enough documents to be worth threads (or no more).
    const it = docs[Symbol.asyncIterator]();
    const head: (readonly SearchDocument[])[] = [];
    let seen = 0;
    let done = false;
    while (seen < THREADED_REBUILD && !done) {
      const r = await it.next();
      if (r.done) done = true;
      else {
        head.push(r.value);
        seen += r.value.length;
      }
    }
    const parts = (async function* () {
      yield* head;
      if (!done) for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    })();
    return seen >= THREADED_REBUILD
      ? withThreads(threadCount(), (threads) => this.load(load, parts, threads))
      : this.load(load, parts);
  }

  private async load(load: BulkLoad, parts: AsyncIterable<readonly SearchDocument[]>, threads?: Threads) {
    let n = 0;
    let pending: Promise<void> = Promise.resolve();
    const insert = async (rows: readonly Row[]) => {
      await pending;
      pending = load.insert(rows);
      // Awaited at the next insert; until then a failure must not count as unhandled.
      pending.catch(() => undefined);
    };
    // Rows cut in threads, in order: up to IN_FLIGHT batches per thread in flight, so the threads
    // go on cutting while the engine indexes a chunk (SQLite's FTS5 tables, see Dialect.bulk).
    const inFlight: Promise<Row[]>[] = [];
    const drain = async (most: number) => {
      while (inFlight.length > most) {
        const rows = await inFlight.shift()!;
        for (let i = 0; i < rows.length; i += this.d.bulkRows)
          await insert(rows.slice(i, i + this.d.bulkRows));
      }
    };
    for await (const part of parts) {
      n += part.length;
      if (threads) {
        for (let i = 0; i < part.length; i += THREAD_BATCH) {
          const rows = threads.run<Row[]>(rowsModule, 'toRows', [part.slice(i, i + THREAD_BATCH)]);
          // Awaited in order by drain; a later batch failing meanwhile must not count as unhandled.
          rows.catch(() => undefined);
          inFlight.push(rows);
          await drain(threads.size * IN_FLIGHT);
        }
      } else {
        const rows = part.map(toRow);
        for (let i = 0; i < rows.length; i += this.d.bulkRows)
          await insert(rows.slice(i, i + this.d.bulkRows));
      }
    }
    await drain(0);
    await pending;
    return n;
  }

  /** Counted, not read from search_state: this is how a start finds an index out of step. */
  async size(db: Executor): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from search_doc`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }

  async clear(db: Executor): Promise<void> {
    await this.d.clear(db);
    await sql`delete from search_sample`.execute(db);
    await touch(db, 'recount');
  }
}

const engines = { sqlite: new SqlSearchIndex(sqlite), postgres: new SqlSearchIndex(postgres) };

/** The engine for the database at hand. */
export function searchIndexFor(db: Executor): SearchIndex {
  return isPostgres(db) ? engines.postgres : engines.sqlite;
}
