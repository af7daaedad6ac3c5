import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { openSideConnections } from '../../platform/db/dialect/postgres.js';
import type { BulkLoad, Row } from './search.dialect.js';

// PostgreSQL's rebuild (ADR 0014, fourth step). The new index is written into a table of its own,
// search_doc_next, by two connections beside the rebuild's transaction; its indexes are built
// on both at once, since PostgreSQL 15 builds a GIN index on one core; and the rebuild's
// transaction then puts the new table in the old one's place. Meanwhile searches read the old
// index instead of waiting minutes behind a TRUNCATE, and writers wait for the rebuild to commit,
// so the index still holds exactly the records the rebuild read.

const NEXT = 'search_doc_next';
/** Connections that load the new table and build its indexes: one per core of a small server. */
const SIDE = 2;

const columns = sql`(record_id, agency_id, title, body, doc_number, index_number, subject_category,
  year, validity, published_at, bucket, words, title_grams)`;

/**
 * One statement of thirteen arrays: the server parses a few arrays instead of 13,000 parameters,
 * and builds each row's tsvectors from its words.
 */
export function bulkInsert(table: string, rows: readonly Row[]): RawBuilder<unknown> {
  const col = <K extends keyof Row>(k: K) => rows.map((r) => r[k]);
  return sql`insert into ${sql.id(table)} ${columns}
      select r, a, t, b, dn, ix, sc, y, v, p, bk,
        array_to_tsvector(string_to_array(w, ' ')), array_to_tsvector(string_to_array(g, ' '))
      from unnest(${col('record_id')}::text[], ${col('agency_id')}::text[], ${col('title')}::text[],
        ${col('body')}::text[], ${col('doc_number')}::text[], ${col('index_number')}::text[],
        ${col('subject_category')}::text[], ${col('year')}::int[], ${col('validity')}::text[],
        ${col('published_at')}::text[], ${col('bucket')}::int[], ${col('words')}::text[],
        ${col('title_grams')}::text[])
        as x(r, a, t, b, dn, ix, sc, y, v, p, bk, w, g)`;
}

interface IndexOf {
  name: string;
  /** Its CREATE INDEX statement, made for the new table under a temporary name. */
  create: string;
  temporary: string;
  /** 'p' or 'u' when the index is a primary key's or a unique constraint's. */
  contype: string | null;
  conname: string | null;
}

/**
 * search_doc's indexes as they stand (whatever the migrations made), GIN ones first and larger
 * ones before smaller, so the two connections finish close together.
 */
async function indexesOf(db: Executor): Promise<IndexOf[]> {
  const { rows } = await sql<{ name: string; def: string; contype: string | null; conname: string | null }>`
    select i.relname as name, pg_get_indexdef(i.oid) as def, c.contype, c.conname
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_am am on am.oid = i.relam
    left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid
    where x.indrelid = 'search_doc'::regclass
    order by (am.amname = 'gin') desc, pg_relation_size(i.oid) desc, i.relname`.execute(db);
  return rows.map((r, k) => {
    const temporary = `${NEXT}_${k}`;
    const at = /^(CREATE (?:UNIQUE )?INDEX )\S+ ON (?:ONLY )?(\S*?)search_doc( USING .*)$/s.exec(r.def);
    if (!at) throw new Error(`search_doc 的索引定义无法识别：${r.def}`);
    if (r.contype && r.contype !== 'p' && r.contype !== 'u')
      throw new Error(`search_doc 的约束 ${r.conname} 无法随重建复制`);
    return { ...r, temporary, create: `${at[1]}${temporary} ON ${at[2]}${NEXT}${at[3]}` };
  });
}

/**
 * Starts a rebuild in the transaction `db`. The answer's `end` builds the indexes and swaps the
 * tables in that transaction; `abort` drops the new table when the rebuild fails before the swap.
 */
export async function postgresBulk(db: Executor): Promise<BulkLoad> {
  // The transaction reads the new table's rows after the side connections commit them, which a
  // snapshot taken at its start (repeatable read, serializable) would not show.
  const { rows } = await sql<{
    level: string;
  }>`select current_setting('transaction_isolation') as level`.execute(db);
  if (rows[0]?.level !== 'read committed')
    throw new Error(`a search index rebuild needs a read committed transaction, not ${rows[0]?.level}`);
  // Writers wait (a put or remove elsewhere); readers go on; a second rebuild waits its turn.
  await sql`lock table search_doc in share row exclusive mode`.execute(db);
  const side = await openSideConnections(db, SIDE);
  const [first] = side.clients;
  let swapping = false;
  const abort = async () => {
    // Once the swap has begun the transaction holds the new table: its rollback restores it, and
    // the next rebuild drops it.
    if (!swapping) await first!.query(`drop table if exists ${NEXT}`).catch(() => undefined);
    await side.close();
  };
  try {
    for (const c of side.clients)
      // The new table is nobody's until the swap commits, which flushes the log up to it; the
      // sort memory lets each GIN index be built in one pass.
      await c.query(`set synchronous_commit = off; set maintenance_work_mem = '256MB'`);
    // A table left by a rebuild that failed is dropped; the new one has search_doc's columns,
    // defaults, constraints and storage (and no index until the rows are in).
    await first!.query(
      `drop table if exists ${NEXT}; create table ${NEXT} (like search_doc including all excluding indexes)`,
    );
  } catch (e) {
    await abort();
    throw e;
  }
  // One statement in flight on each connection: rows alternate between them.
  const inFlight: Promise<unknown>[] = side.clients.map(() => Promise.resolve());
  let turn = 0;
  return {
    async insert(rows) {
      const i = turn++ % side.clients.length;
      await inFlight[i];
      const q = bulkInsert(NEXT, rows).compile(db);
      const done = side.clients[i]!.query(q.sql, q.parameters as unknown[]);
      // Awaited at this connection's next turn or at the end.
      done.catch(() => undefined);
      inFlight[i] = done;
    },
    async end() {
      await Promise.all(inFlight);
      const indexes = await indexesOf(db);
      const queue = [...indexes];
      await Promise.all(
        side.clients.map(async (c) => {
          for (let ix = queue.shift(); ix; ix = queue.shift()) await c.query(ix.create);
        }),
      );
      await first!.query(`analyze ${NEXT}`);
      swapping = true;
      await sql`drop table search_doc`.execute(db);
      await sql`alter table ${sql.id(NEXT)} rename to search_doc`.execute(db);
      for (const ix of indexes)
        if (ix.contype)
          await sql`alter table search_doc add constraint ${sql.id(ix.conname!)}
            ${ix.contype === 'p' ? sql`primary key` : sql`unique`} using index ${sql.id(ix.temporary)}`.execute(
            db,
          );
        else await sql`alter index ${sql.id(ix.temporary)} rename to ${sql.id(ix.name)}`.execute(db);
      await side.close();
    },
    abort,
  };
}
