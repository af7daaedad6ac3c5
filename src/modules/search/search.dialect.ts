import { sql, type RawBuilder } from 'kysely';
import { likeEscape, type Executor } from '../../platform/db/database.js';
import { checkpointAfterCommit } from '../../platform/db/dialect/sqlite.js';
import { piecesWithin, type QueryPlan } from './search.js';
import type { SearchDocTable } from './search.tables.js';
import { postgresBulk } from './search.postgres-bulk.js';

// What differs between the engines: how words and phrases are matched through the indexes and
// row by row, how rows are written one at a time and in bulk. Engine-specific SQL for search lives
// here and in the module's migrations (ADR 0006).

/**
 * A search_doc row before each engine writes its words (FTS5 text, or a tsvector): the words and
 * the title's pieces each one string, separated by single spaces (none holds a space), which is
 * also what a rebuild's threads send back cheaply.
 */
export type Row = SearchDocTable;

/**
 * Where an index finds candidates: every query word among the jieba tokens; the phrase (three or
 * more characters, as trigram indexes need) inside the title or the body; one query word inside
 * the title. On SQLite the title's text is in the trigram table with the body's; on PostgreSQL
 * the title is found through its one- and two-character pieces (`titleContains`).
 */
export type Source =
  { kind: 'tokens' } | { kind: 'phrase'; column: 'title' | 'body' } | { kind: 'titleHas'; token: string };

export const sourceKey = (s: Source) =>
  s.kind === 'tokens' ? 'tokens' : s.kind === 'phrase' ? s.column : `title:${s.token}`;

export interface Dialect {
  position(column: string, needle: string): RawBuilder<number>;
  /**
   * The records a query finds, through the indexes: every word among the record's tokens, or the
   * phrase in title or body, or the exact 文号 or 索引号.
   */
  matches(plan: QueryPlan): RawBuilder<boolean>;
  /** The same condition tested on the row's own columns, for walking the date index. */
  rowMatches(plan: QueryPlan): RawBuilder<boolean>;
  /** The same as `inSource`, tested on the row's own columns (for the sample). */
  rowSource(plan: QueryPlan, source: Source): RawBuilder<boolean>;
  /** The records one index source finds (a condition on `d`, answered by that index). */
  inSource(plan: QueryPlan, source: Source): RawBuilder<boolean>;
  /** How many records one source finds that also pass `where`, counted only up to `cap`. */
  countSource(
    db: Executor,
    plan: QueryPlan,
    source: Source,
    where: RawBuilder<unknown> | undefined,
    cap: number,
  ): Promise<number>;
  insert(db: Executor, rows: readonly Row[]): Promise<void>;
  /** Takes these records out of the index; answers how many it held. */
  delete(db: Executor, recordIds: readonly string[]): Promise<number>;
  clear(db: Executor): Promise<void>;
  /**
   * A rebuild: empties the index and answers a load that takes rows in large statements, without
   * upkeep row by row, and builds the indexes over everything at its end.
   */
  bulk(db: Executor, opts?: BulkOptions): Promise<BulkLoad>;
  /** Rows per INSERT statement in a bulk load (SQLite: 13 parameters each, below its limit). */
  bulkRows: number;
}

export interface BulkOptions {
  /** SQLite: rows loaded between two fillings of the word and trigram tables (FTS_CHUNK). */
  ftsChunk?: number;
}

/** One rebuild's load, holding what it needs between statements (see `Dialect.bulk`). */
export interface BulkLoad {
  insert(rows: readonly Row[]): Promise<void>;
  end(): Promise<void>;
  /** Undoes what the load did outside the rebuild's transaction, when the rebuild fails. */
  abort(): Promise<void>;
}

const columns = sql`(record_id, agency_id, title, body, doc_number, index_number, subject_category,
  year, validity, published_at, bucket, words, title_grams)`;

function values(r: Row, words: RawBuilder<unknown>, grams: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(${r.record_id}, ${r.agency_id}, ${r.title}, ${r.body}, ${r.doc_number}, ${r.index_number},
    ${r.subject_category}, ${r.year}, ${r.validity}, ${r.published_at}, ${r.bucket}, ${words}, ${grams})`;
}

const long = (plan: QueryPlan) => [...plan.phrase].length >= 3;

function exact(plan: QueryPlan): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (plan.docNumber) out.push(sql`d.doc_number = ${plan.docNumber}`);
  if (plan.indexNumber) out.push(sql`d.index_number = ${plan.indexNumber}`);
  return out;
}

/** The sources a plan's matches come from (the exact numbers are looked up by their own index). */
export function matchSources(plan: QueryPlan): Source[] {
  return long(plan)
    ? [{ kind: 'tokens' }, { kind: 'phrase', column: 'title' }, { kind: 'phrase', column: 'body' }]
    : [{ kind: 'tokens' }];
}

/**
 * A match tested on the row's own columns: its sources, each as the engine tests it row by row
 * (`rowSource`), or an exact 文号 / 索引号. The same on both engines, and for the sample.
 */
function rowMatchesOf(d: Dialect, plan: QueryPlan): RawBuilder<boolean> {
  const any = [...matchSources(plan).map((s) => d.rowSource(plan, s)), ...exact(plan)];
  return sql<boolean>`(${sql.join(any, sql` or `)})`;
}

/** Words are stored between spaces (` a b c `), so a token is found row by row as ` token `. */
const spaced = (words: string) => ` ${words} `;

const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** The FTS5 table and MATCH expression of a source on SQLite. */
function ftsOf(plan: QueryPlan, s: Source): [string, string] {
  if (s.kind === 'tokens') return ['search_word', plan.tokens.map(ftsPhrase).join(' AND ')];
  if (s.kind === 'phrase') return ['search_trigram', `${s.column} : ${ftsPhrase(plan.phrase)}`];
  return [...s.token].length >= 3
    ? ['search_trigram', `title : ${ftsPhrase(s.token)}`]
    : ['search_title', ftsPhrase(s.token)];
}

/** The B-tree indexes of search_doc on SQLite (migrations 0012 and 0026), made once by a rebuild. */
const sqliteIndexes: ReadonlyArray<readonly [string, RawBuilder<unknown>]> = [
  ['search_doc_doc_number', sql`(doc_number)`],
  ['search_doc_index_number', sql`(index_number)`],
  ['search_doc_date', sql`(published_at, record_id)`],
  ['search_doc_bucket', sql`(bucket)`],
];

/**
 * The FTS5 tables over search_doc (external content), the columns each one indexes, and whether a
 * rebuild fills it chunk by chunk as the load goes or once at its end. The title's pieces are few
 * terms, each in most records: merging their segment of every chunk into the rest cost three
 * times FTS5's own 'rebuild' at a million records (30 s instead of 10 s), whereas the words and
 * trigrams, filled by chunks, took 53 s instead of 80 s.
 */
const ftsTables = [
  ['search_word', ['words'], 'chunks'],
  ['search_trigram', ['title', 'body'], 'chunks'],
  ['search_title', ['title_grams'], 'end'],
] as const;

/** Rows loaded between two fillings of the FTS5 tables in a rebuild. */
const FTS_CHUNK = 20_000;

async function ftsHashSize(db: Executor, bytes: number): Promise<void> {
  for (const [table] of ftsTables)
    await sql`insert into ${sql.table(table)} (${sql.ref(table)}, rank) values ('hashsize', ${sql.lit(bytes)})`.execute(
      db,
    );
}

const sqliteRow = (r: Row) => values(r, sql`${spaced(r.words)}`, sql`${r.title_grams}`);

export const sqlite: Dialect = {
  position: (column, needle) => sql<number>`instr(${sql.ref(column)}, ${needle})`,
  // One IN over a union, so SQLite looks the matching rows up by rowid instead of scanning.
  matches: (plan) => {
    const sets: RawBuilder<unknown>[] = [
      sql`select rowid from search_word where search_word match ${plan.tokens.map(ftsPhrase).join(' AND ')}`,
    ];
    if (long(plan))
      sets.push(sql`select rowid from search_trigram where search_trigram match ${ftsPhrase(plan.phrase)}`);
    if (plan.docNumber) sets.push(sql`select seq from search_doc where doc_number = ${plan.docNumber}`);
    if (plan.indexNumber) sets.push(sql`select seq from search_doc where index_number = ${plan.indexNumber}`);
    return sql<boolean>`d.seq in (${sql.join(sets, sql` union `)})`;
  },
  rowMatches: (plan) => rowMatchesOf(sqlite, plan),
  rowSource: (plan, s) =>
    s.kind === 'tokens'
      ? sql<boolean>`(${sql.join(
          plan.tokens.map((t) => sql`instr(d.words, ${` ${t} `}) > 0`),
          sql` and `,
        )})`
      : sql<boolean>`instr(${sql.ref(`d.${s.kind === 'phrase' ? s.column : 'title'}`)}, ${s.kind === 'phrase' ? plan.phrase : s.token}) > 0`,
  inSource: (plan, source) => {
    const [table, match] = ftsOf(plan, source);
    return sql<boolean>`d.seq in (select rowid from ${sql.table(table)} where ${sql.ref(table)} match ${match})`;
  },
  async countSource(db, plan, source, where, cap) {
    const [table, match] = ftsOf(plan, source);
    // FTS5 yields its matches in rowid order and stops at the limit; the filters, if any, are
    // tested on each match's row as it comes.
    const inner = where
      ? sql`select 1 from ${sql.table(table)} join search_doc d on d.seq = ${sql.ref(`${table}.rowid`)}
            where ${sql.ref(table)} match ${match} and ${where} limit ${cap}`
      : sql`select 1 from ${sql.table(table)} where ${sql.ref(table)} match ${match} limit ${cap}`;
    const { rows } = await sql<{ n: number }>`select count(*) as n from (${inner}) c`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
  async insert(db, rows) {
    const { rows: inserted } = await sql<{ seq: number }>`
      insert into search_doc ${columns}
      values ${sql.join(rows.map(sqliteRow))}
      returning seq`.execute(db);
    const seqs = inserted.map((r) => r.seq);
    // The FTS5 tables read their text from search_doc (external content); they are filled here.
    await sql`insert into search_word (rowid, words)
              select seq, words from search_doc where seq in (${sql.join(seqs)})`.execute(db);
    await sql`insert into search_trigram (rowid, title, body)
              select seq, title, body from search_doc where seq in (${sql.join(seqs)})`.execute(db);
    await sql`insert into search_title (rowid, title_grams)
              select seq, title_grams from search_doc where seq in (${sql.join(seqs)})`.execute(db);
  },
  async delete(db, recordIds) {
    const { rows } = await sql<{ seq: number }>`
      select seq from search_doc where record_id in (${sql.join(recordIds)})`.execute(db);
    if (!rows.length) return 0;
    const seqs = sql.join(rows.map((r) => r.seq));
    // External-content FTS5 tables are told what they indexed, so they can take it out again.
    await sql`insert into search_word (search_word, rowid, words)
              select 'delete', seq, words from search_doc where seq in (${seqs})`.execute(db);
    await sql`insert into search_trigram (search_trigram, rowid, title, body)
              select 'delete', seq, title, body from search_doc where seq in (${seqs})`.execute(db);
    await sql`insert into search_title (search_title, rowid, title_grams)
              select 'delete', seq, title_grams from search_doc where seq in (${seqs})`.execute(db);
    await sql`delete from search_doc where seq in (${seqs})`.execute(db);
    return rows.length;
  },
  async clear(db) {
    await sql`delete from search_doc`.execute(db);
    await sql`insert into search_word (search_word) values ('delete-all')`.execute(db);
    await sql`insert into search_trigram (search_trigram) values ('delete-all')`.execute(db);
    await sql`insert into search_title (search_title) values ('delete-all')`.execute(db);
  },
  // The B-tree indexes of search_doc are dropped and made once at the end, as on PostgreSQL, and
  // the page cache is 256 MB instead of 2 MB for the load (both local to this connection's work).
  // The words and trigrams are indexed as the load goes, FTS_CHUNK rows at a time: FTS5 writes a
  // segment per statement, so one statement per chunk writes few large segments, as its own
  // 'rebuild' does, and the jieba threads keep cutting words meanwhile instead of waiting for a
  // rebuild at the end. Its in-memory hash may grow to 64 MB instead of 1 MB for the load.
  async bulk(db, { ftsChunk = FTS_CHUNK } = {}) {
    await sqlite.clear(db);
    for (const [name] of sqliteIndexes) await sql`drop index if exists ${sql.id(name)}`.execute(db);
    await sql`pragma cache_size = -262144`.execute(db);
    await ftsHashSize(db, 64 * 1048576);
    let indexed = 0;
    let waiting = 0;
    const index = async () => {
      const { rows } = await sql<{ top: number | null }>`select max(seq) as top from search_doc`.execute(db);
      const top = rows[0]?.top ?? indexed;
      for (const [table, cols, when] of ftsTables) {
        if (when !== 'chunks') continue;
        const c = sql.join(cols.map((x) => sql.ref(x)));
        await sql`insert into ${sql.table(table)} (rowid, ${c})
                  select seq, ${c} from search_doc where seq > ${indexed} and seq <= ${top}`.execute(db);
      }
      indexed = top;
      waiting = 0;
    };
    return {
      async insert(rows) {
        await sql`insert into search_doc ${columns} values ${sql.join(rows.map(sqliteRow))}`.execute(db);
        waiting += rows.length;
        if (waiting >= ftsChunk) await index();
      },
      async end() {
        await index();
        for (const [name, how] of sqliteIndexes)
          await sql`create index ${sql.id(name)} on search_doc ${how}`.execute(db);
        // FTS5's own bulk path for the rest: 'rebuild' reads the content table once.
        for (const [table, , when] of ftsTables)
          if (when === 'end')
            await sql`insert into ${sql.table(table)} (${sql.ref(table)}) values ('rebuild')`.execute(db);
        await ftsHashSize(db, 1048576);
        await sql`pragma cache_size = -2000`.execute(db);
        // More than a chunk written: the WAL is copied into the file by a thread after the commit.
        if (indexed > ftsChunk) await checkpointAfterCommit(db);
      },
      // Everything it wrote is in the transaction, which the failure rolls back.
      abort: async () => undefined,
    };
  },
  bulkRows: 100,
};

const tsquery = (plan: QueryPlan) => plan.tokens.map((t) => `'${t}'`).join(' & ');
const contains = (column: string, phrase: string) =>
  sql<boolean>`${sql.ref(column)} like ${`%${likeEscape(phrase)}%`} escape '\\'`;

/**
 * Text inside the title, found through the title's pieces (migration 0044): a title holds the
 * text only if its pieces hold every two-character piece of the text's runs of letters and
 * digits (and the run itself when it is one character), so those select the candidates from
 * title_grams' index and LIKE confirms each. Text with no letter or digit is tested row by row.
 */
function titleContains(text: string): RawBuilder<boolean> {
  const pieces = piecesWithin(text);
  if (!pieces.length) return contains('d.title', text);
  const query = pieces.map((p) => `'${p}'`).join(' & ');
  return sql<boolean>`(d.title_grams @@ ${query}::tsquery and ${contains('d.title', text)})`;
}

export const postgres: Dialect = {
  position: (column, needle) => sql<number>`strpos(${sql.ref(column)}, ${needle})`,
  // Lexemes are quoted, so the tsquery parser takes each token as it is (no stemming, no stop words).
  matches: (plan) => {
    const any: RawBuilder<unknown>[] = [sql`d.words @@ ${tsquery(plan)}::tsquery`];
    if (long(plan)) any.push(titleContains(plan.phrase), contains('d.body', plan.phrase));
    any.push(...exact(plan));
    return sql<boolean>`(${sql.join(any, sql` or `)})`;
  },
  // Written so that no index can answer it (`is true`, strpos): the planner then walks the date
  // index and tests each row, instead of gathering every match of a common word first.
  rowMatches: (plan) => rowMatchesOf(postgres, plan),
  rowSource: (plan, s) =>
    s.kind === 'tokens'
      ? sql<boolean>`(d.words @@ ${tsquery(plan)}::tsquery) is true`
      : sql<boolean>`strpos(${sql.ref(`d.${s.kind === 'phrase' ? s.column : 'title'}`)}, ${s.kind === 'phrase' ? plan.phrase : s.token}) > 0`,
  inSource: (plan, s) =>
    s.kind === 'tokens'
      ? sql<boolean>`d.words @@ ${tsquery(plan)}::tsquery`
      : s.kind === 'phrase'
        ? s.column === 'title'
          ? titleContains(plan.phrase)
          : contains('d.body', plan.phrase)
        : [...s.token].length >= 3
          ? titleContains(s.token)
          : sql<boolean>`d.title_grams @@ ${`'${s.token}'`}::tsquery`,
  // The inner select names no column: a bitmap scan then need not read the table's pages that
  // are all visible when its index needs no recheck (a word's posting list), which made a count
  // to the cap of a word in 50,000 records at a million 35 ms instead of 130–370 ms.
  async countSource(db, plan, source, where, cap) {
    const cond = postgres.inSource(plan, source);
    const { rows } = await sql<{ n: string }>`select count(*) as n from (
      select from search_doc d where ${where ? sql`${cond} and ${where}` : cond} limit ${cap}) c`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
  async insert(db, rows) {
    await sql`insert into search_doc ${columns}
      values ${sql.join(
        rows.map((r) =>
          values(
            r,
            sql`array_to_tsvector(string_to_array(${r.words}, ' '))`,
            sql`array_to_tsvector(string_to_array(${r.title_grams}, ' '))`,
          ),
        ),
      )}`.execute(db);
  },
  async delete(db, recordIds) {
    const r = await sql`delete from search_doc where record_id in (${sql.join(recordIds)})`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  },
  async clear(db) {
    await sql`delete from search_doc`.execute(db);
  },
  // A new table loaded and indexed beside the transaction, then put in the old one's place.
  bulk: (db) => postgresBulk(db),
  bulkRows: 2000,
};
