import { sql, type RawBuilder } from 'kysely';
import { likeEscape, startsWith, type Executor } from '../../platform/db/database.js';
import { isPostgres } from '../../platform/db/dialect/postgres.js';
import { withinSubtree } from '../agencies/index.js';
import { SCORE, documentTokens, normalize, normalizeDocNumber, type QueryPlan } from './search.js';
import type { SearchDocTable } from './search.tables.js';

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
  search(db: Executor, query: IndexQuery): Promise<{ total: number; hits: IndexHit[] }>;
  size(db: Executor): Promise<number>;
  clear(db: Executor): Promise<void>;
}

/** A search_doc row before each engine writes its words (FTS5 text, or a tsvector). */
type Row = Omit<SearchDocTable, 'words'> & { words: string[] };

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
    words: documentTokens(d.title, d.body, d.docNumber ?? '', d.subjectCategory ?? ''),
  };
}

/** What differs between the engines: how words and phrases are matched, and a substring test. */
interface Dialect {
  position(column: string, needle: string): RawBuilder<number>;
  /**
   * The records a query finds: every word among the record's tokens, or the phrase (three or
   * more characters, as trigram indexes need) in title or body, or the exact 文号 or 索引号.
   */
  matches(plan: QueryPlan): RawBuilder<boolean>;
  insert(db: Executor, rows: readonly Row[]): Promise<void>;
  delete(db: Executor, recordIds: readonly string[]): Promise<void>;
  clear(db: Executor): Promise<void>;
}

const columns = sql`(record_id, agency_id, title, body, doc_number, index_number, subject_category,
  year, validity, published_at, words)`;

function values(r: Row, words: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(${r.record_id}, ${r.agency_id}, ${r.title}, ${r.body}, ${r.doc_number}, ${r.index_number},
    ${r.subject_category}, ${r.year}, ${r.validity}, ${r.published_at}, ${words})`;
}

const sqlite: Dialect = {
  position: (column, needle) => sql<number>`instr(${sql.ref(column)}, ${needle})`,
  // One IN over a union, so SQLite looks the matching rows up by rowid instead of scanning.
  matches: (plan) => {
    const sets: RawBuilder<unknown>[] = [
      sql`select rowid from search_word where search_word match ${plan.tokens.map((t) => `"${t}"`).join(' AND ')}`,
    ];
    if ([...plan.phrase].length >= 3)
      sets.push(
        sql`select rowid from search_trigram where search_trigram match ${`"${plan.phrase.replace(/"/g, '""')}"`}`,
      );
    if (plan.docNumber) sets.push(sql`select seq from search_doc where doc_number = ${plan.docNumber}`);
    if (plan.indexNumber) sets.push(sql`select seq from search_doc where index_number = ${plan.indexNumber}`);
    return sql<boolean>`d.seq in (${sql.join(sets, sql` union `)})`;
  },
  async insert(db, rows) {
    const { rows: inserted } = await sql<{ seq: number }>`
      insert into search_doc ${columns}
      values ${sql.join(rows.map((r) => values(r, sql`${r.words.join(' ')}`)))}
      returning seq`.execute(db);
    const seqs = inserted.map((r) => r.seq);
    // The FTS5 tables read their text from search_doc (external content); they are filled here.
    await sql`insert into search_word (rowid, words)
              select seq, words from search_doc where seq in (${sql.join(seqs)})`.execute(db);
    await sql`insert into search_trigram (rowid, title, body)
              select seq, title, body from search_doc where seq in (${sql.join(seqs)})`.execute(db);
  },
  async delete(db, recordIds) {
    const { rows } = await sql<{ seq: number }>`
      select seq from search_doc where record_id in (${sql.join(recordIds)})`.execute(db);
    if (!rows.length) return;
    const seqs = sql.join(rows.map((r) => r.seq));
    // External-content FTS5 tables are told what they indexed, so they can take it out again.
    await sql`insert into search_word (search_word, rowid, words)
              select 'delete', seq, words from search_doc where seq in (${seqs})`.execute(db);
    await sql`insert into search_trigram (search_trigram, rowid, title, body)
              select 'delete', seq, title, body from search_doc where seq in (${seqs})`.execute(db);
    await sql`delete from search_doc where seq in (${seqs})`.execute(db);
  },
  async clear(db) {
    await sql`delete from search_doc`.execute(db);
    await sql`insert into search_word (search_word) values ('delete-all')`.execute(db);
    await sql`insert into search_trigram (search_trigram) values ('delete-all')`.execute(db);
  },
};

const postgres: Dialect = {
  position: (column, needle) => sql<number>`strpos(${sql.ref(column)}, ${needle})`,
  // Lexemes are quoted, so the tsquery parser takes each token as it is (no stemming, no stop words).
  matches: (plan) => {
    const any: RawBuilder<unknown>[] = [
      sql`d.words @@ ${plan.tokens.map((t) => `'${t}'`).join(' & ')}::tsquery`,
    ];
    if ([...plan.phrase].length >= 3) {
      const pattern = `%${likeEscape(plan.phrase)}%`;
      any.push(sql`d.title like ${pattern} escape '\\'`, sql`d.body like ${pattern} escape '\\'`);
    }
    if (plan.docNumber) any.push(sql`d.doc_number = ${plan.docNumber}`);
    if (plan.indexNumber) any.push(sql`d.index_number = ${plan.indexNumber}`);
    return sql<boolean>`(${sql.join(any, sql` or `)})`;
  },
  async insert(db, rows) {
    await sql`insert into search_doc ${columns}
      values ${sql.join(rows.map((r) => values(r, sql`array_to_tsvector(${r.words}::text[])`)))}`.execute(db);
  },
  async delete(db, recordIds) {
    await sql`delete from search_doc where record_id in (${sql.join(recordIds)})`.execute(db);
  },
  async clear(db) {
    await sql`delete from search_doc`.execute(db);
  },
};

function conditions(d: Dialect, q: IndexQuery): RawBuilder<unknown>[] {
  const { plan, filters } = q;
  const where: RawBuilder<unknown>[] = [d.matches(plan)];
  if (filters.agencyPath) where.push(withinSubtree('d.agency_id', filters.agencyPath));
  if (filters.recordIdIn) where.push(sql`d.record_id in (${filters.recordIdIn})`);
  if (filters.subjectCategory) {
    const c = filters.subjectCategory;
    // A first-level class takes its sub-classes (`一级\二级`): the backslash is matched literally.
    where.push(
      c.includes('\\')
        ? sql`d.subject_category = ${c}`
        : sql`(d.subject_category = ${c} or ${startsWith('d.subject_category', `${c}\\`)})`,
    );
  }
  if (filters.year !== undefined) where.push(sql`d.year = ${filters.year}`);
  if (filters.validity) where.push(sql`d.validity = ${filters.validity}`);
  return where;
}

function score(d: Dialect, plan: QueryPlan): RawBuilder<number> {
  const parts: RawBuilder<number>[] = [];
  const exact: RawBuilder<unknown>[] = [];
  if (plan.docNumber) exact.push(sql`d.doc_number = ${plan.docNumber}`);
  if (plan.indexNumber) exact.push(sql`d.index_number = ${plan.indexNumber}`);
  if (exact.length)
    parts.push(sql<number>`case when ${sql.join(exact, sql` or `)} then ${SCORE.exact} else 0 end`);
  parts.push(
    sql<number>`case when ${d.position('d.title', plan.phrase)} > 0 then ${SCORE.phraseInTitle} else 0 end`,
  );
  parts.push(
    sql<number>`case when ${d.position('d.body', plan.phrase)} > 0 then ${SCORE.phraseInBody} else 0 end`,
  );
  for (const t of plan.tokens)
    parts.push(sql<number>`case when ${d.position('d.title', t)} > 0 then ${SCORE.wordInTitle} else 0 end`);
  return sql<number>`(${sql.join(parts, sql` + `)})`;
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
  }

  async remove(db: Executor, recordIds: readonly string[]): Promise<void> {
    for (let i = 0; i < recordIds.length; i += batch) await this.d.delete(db, recordIds.slice(i, i + batch));
  }

  async search(db: Executor, q: IndexQuery): Promise<{ total: number; hits: IndexHit[] }> {
    const where = sql.join(conditions(this.d, q), sql` and `);
    const order =
      q.sort === 'date'
        ? sql`published_at desc, record_id desc`
        : sql`score desc, published_at desc, record_id desc`;
    // The matches are found once (a materialized CTE): the total and the page come from the same
    // set, and PostgreSQL cannot pick a plan that walks the date index probing every row.
    const { rows } = await sql<{ record_id: string; score: number; total: number }>`
      with m as materialized (
        select d.record_id, d.published_at, ${score(this.d, q.plan)} as score
        from search_doc d where ${where}
      )
      select (select count(*) from m) as total, record_id, score from m
      order by ${order} limit ${q.limit} offset ${q.offset}`.execute(db);
    let total = rows[0]?.total ?? 0;
    if (!rows.length && q.offset > 0) {
      const { rows: count } = await sql<{ n: number }>`
        select count(*) as n from search_doc d where ${where}`.execute(db);
      total = count[0]?.n ?? 0;
    }
    return { total, hits: rows.map((r) => ({ recordId: r.record_id, score: r.score })) };
  }

  async size(db: Executor): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from search_doc`.execute(db);
    return rows[0]?.n ?? 0;
  }

  async clear(db: Executor): Promise<void> {
    await this.d.clear(db);
  }
}

const engines = { sqlite: new SqlSearchIndex(sqlite), postgres: new SqlSearchIndex(postgres) };

/** The engine for the database at hand. */
export function searchIndexFor(db: Executor): SearchIndex {
  return isPostgres(db) ? engines.postgres : engines.sqlite;
}
