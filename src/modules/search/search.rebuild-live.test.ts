import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine, openTestDatabase } from '../../../test/harness/engines.js';
import { generator } from '../../../test/harness/search-corpus.js';
import { openDatabase, type DatabaseHandle, type Executor } from '../../platform/db/database.js';
import { planQuery } from './search.js';
import { searchIndexFor, type SearchDocument } from './search.index.js';

// A rebuild in a live installation: searches go on meanwhile and see the index as it was, a
// record published meanwhile is in the index afterwards, a rebuild that fails leaves the index
// as it was (and, on PostgreSQL, no half-built table behind), and the table keeps its indexes
// and constraints. PostgreSQL builds the new index in a table of its own beside the rebuild's
// transaction and swaps it in (search.postgres-bulk.ts); SQLite does it all in the transaction.

const OLD = 2500;

/** Documents in batches of 1,000, calling `midway` after the first batch has been handed over. */
function documents(count: number, seed: number, midway?: () => Promise<void>) {
  const make = generator(seed);
  return (async function* (): AsyncGenerator<SearchDocument[]> {
    for (let i = 0; i < count; i += 1000) {
      yield Array.from({ length: Math.min(1000, count - i) }, (_, k) => make(i + k));
      if (i === 0 && midway) await midway();
    }
  })();
}

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms).unref(),
    ),
  ]);

/** The table's definition, its indexes' and its constraints', as the engine states them. */
async function schemaOf(db: Executor, engine: string): Promise<string[]> {
  const { rows } =
    engine === 'postgres'
      ? await sql<{ d: string }>`
          select indexdef as d from pg_indexes where tablename = 'search_doc'
          union all select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
            where conrelid = 'search_doc'::regclass
          union all select attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull::text ||
            ' ' || coalesce(attcompression::text, '') || ' ' || coalesce(pg_get_expr(adbin, adrelid), '')
            from pg_attribute left join pg_attrdef on adrelid = attrelid and adnum = attnum
            where attrelid = 'search_doc'::regclass and attnum > 0 and not attisdropped
          order by 1`.execute(db)
      : await sql<{ d: string }>`
          select coalesce(sql, name) as d from sqlite_master where tbl_name = 'search_doc' order by 1`.execute(
          db,
        );
  return rows.map((r) => r.d);
}

const search = async (db: Executor, q: string) =>
  (
    await searchIndexFor(db).search(db, {
      plan: planQuery(q)!,
      filters: {},
      sort: 'date',
      offset: 0,
      limit: 10,
    })
  ).total;

describeEachEngine('a rebuild while the installation is in use', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let other: DatabaseHandle;
  const rebuild = (docs: AsyncIterable<SearchDocument[]>) =>
    h.db.transaction().execute((tx) => searchIndexFor(tx).rebuild(tx, docs));

  before(async () => {
    h = await openTestDatabase(engine);
    // A second connection to the same database, as a second request of the server would use.
    other = await openDatabase(h.url);
    assert.equal(await rebuild(documents(OLD, 21)), OLD);
  });
  after(async () => {
    await other.close();
    await h.cleanup();
  });

  it('lets searches go on during a rebuild, answering from the index as it was', async () => {
    const before = await search(h.db, '政务公开');
    assert.ok(before > 0);
    let during: number[] = [];
    const n = await rebuild(
      documents(4000, 22, async () => {
        during = await within(
          Promise.all([searchIndexFor(other.db).size(other.db), search(other.db, '政务公开')]),
          10_000,
          'a search during the rebuild',
        );
      }),
    );
    assert.equal(n, 4000);
    assert.deepEqual(during, [OLD, before]);
    assert.equal(await searchIndexFor(other.db).size(other.db), 4000);
  });

  it('holds a record written during a rebuild once the rebuild has committed', async () => {
    const late = { ...generator(23)(0), recordId: 'late-record-0001', title: '晚到的政府信息公开指南' };
    // PostgreSQL: a second connection's write waits for the rebuild's lock. SQLite: a write on
    // the database's one connection waits for the rebuild's transaction to end.
    const writer = engine === 'postgres' ? other.db : h.db;
    let written: Promise<void> | undefined;
    let finished = false;
    // Whether the write had finished when the rebuild's work was done, just before its COMMIT is
    // sent (after the COMMIT the write may finish before this test's next line runs).
    let finishedBeforeCommit: boolean | undefined;
    await h.db.transaction().execute(async (tx) => {
      await searchIndexFor(tx).rebuild(
        tx,
        documents(3000, 24, async () => {
          written = searchIndexFor(writer)
            .put(writer, [late])
            .then(() => {
              finished = true;
            });
          written.catch(() => undefined);
          await new Promise((r) => setTimeout(r, 200));
        }),
      );
      finishedBeforeCommit = finished;
    });
    assert.equal(finishedBeforeCommit, false, 'the write finished before the rebuild committed');
    await within(written!, 10_000, 'the write after the rebuild');
    assert.equal(await searchIndexFor(h.db).size(h.db), 3001);
    const { rows } = await sql<{ n: number | string }>`select doc_count as n from search_state`.execute(h.db);
    assert.equal(Number(rows[0]!.n), 3001);
    assert.ok((await search(h.db, '晚到的政府信息公开指南')) >= 1);
  });

  it('leaves the index as it was when a rebuild fails, with nothing half-built behind', async () => {
    const shape = await schemaOf(h.db, engine);
    const size = await searchIndexFor(h.db).size(h.db);
    const found = await search(h.db, '政务公开');
    await assert.rejects(
      rebuild(
        documents(3000, 25, async () => {
          throw new Error('记录读取失败');
        }),
      ),
      /记录读取失败/,
    );
    assert.equal(await searchIndexFor(h.db).size(h.db), size);
    assert.equal(await search(h.db, '政务公开'), found);
    assert.deepEqual(await schemaOf(h.db, engine), shape);
    if (engine === 'postgres') {
      const { rows } = await sql<{
        t: string | null;
      }>`select to_regclass('search_doc_next')::text as t`.execute(h.db);
      assert.equal(rows[0]!.t, null);
    }
  });

  // PostgreSQL only: SQLite's one connection sees its own transaction's rows at any level.
  if (engine === 'postgres')
    it('refuses a rebuild in a transaction that would not see the new rows', async () => {
      const size = await searchIndexFor(h.db).size(h.db);
      await assert.rejects(
        h.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute((tx) => searchIndexFor(tx).rebuild(tx, documents(1000, 27))),
        /read committed transaction, not repeatable read/,
      );
      assert.equal(await searchIndexFor(h.db).size(h.db), size);
    });

  it('keeps the table’s columns, indexes and constraints exactly as the migrations made them', async () => {
    const shape = await schemaOf(h.db, engine);
    assert.ok(shape.length >= 5, 'the definition should list the table and its indexes');
    await rebuild(documents(2000, 26));
    assert.deepEqual(await schemaOf(h.db, engine), shape);
  });
});
