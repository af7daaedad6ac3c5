import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine, openTestDatabase } from '../../../test/harness/engines.js';
import { generator, queries } from '../../../test/harness/search-corpus.js';
import type { DatabaseHandle, Executor } from '../../platform/db/database.js';
import { planQuery } from './search.js';
import { matchSources, postgres, sourceKey, sqlite, type Source } from './search.dialect.js';
import { searchIndexFor, type SearchDocument } from './search.index.js';
import { toRow } from './search.rows.js';

// A rebuild fills the indexes in large steps (SQLite: the word and trigram tables chunk by chunk
// as the load goes, the title's pieces at the end; PostgreSQL: every index built after the load).
// Whatever the steps, each index must hold every record: what each one finds is checked against
// the same test made row by row on search_doc, for every query and source of the bench's set.
// The chunks here are small (700 rows) so 5,000 records make eight of them and a remainder.

const SIZE = 5000;

async function rebuild(db: Executor, count: number, seed: number): Promise<number> {
  const make = generator(seed);
  async function* docs(): AsyncGenerator<SearchDocument[]> {
    // Batches of 2,000: the rebuild cuts their words in threads, as a large one does.
    for (let i = 0; i < count; i += 2000)
      yield Array.from({ length: Math.min(2000, count - i) }, (_, k) => make(i + k));
  }
  let n = 0;
  await db.transaction().execute(async (tx) => {
    n = await searchIndexFor(tx).rebuild(tx, docs(), { ftsChunk: 700 });
  });
  return n;
}

/** Every source a query reads: its words, the phrase in title and body, each word in the title. */
function sourcesOf(q: string): { plan: NonNullable<ReturnType<typeof planQuery>>; sources: Source[] } {
  const plan = planQuery(q)!;
  return {
    plan,
    sources: [...matchSources(plan), ...plan.tokens.map((token): Source => ({ kind: 'titleHas', token }))],
  };
}

describeEachEngine('a rebuild of the search index', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  const d = engine === 'postgres' ? postgres : sqlite;
  before(async () => {
    h = await openTestDatabase(engine);
  });
  after(async () => h.cleanup());

  const rowWise = async (plan: ReturnType<typeof sourcesOf>['plan'], s: Source) => {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from search_doc d where ${d.rowSource(plan, s)}`.execute(h.db);
    return Number(rows[0]!.n);
  };

  const checkEverySource = async () => {
    let found = 0;
    for (const q of queries) {
      const { plan, sources } = sourcesOf(q);
      for (const s of sources) {
        const expected = await rowWise(plan, s);
        const indexed = await d.countSource(h.db, plan, s, undefined, SIZE * 2);
        assert.equal(
          indexed,
          expected,
          `“${q}” (${s.kind} ${'token' in s ? s.token : ''}): index and rows differ`,
        );
        found += expected;
      }
    }
    return found;
  };

  it('finds through each index exactly the records the row-by-row test finds, for every query', async () => {
    assert.equal(await rebuild(h.db, SIZE, 11), SIZE);
    assert.equal(await searchIndexFor(h.db).size(h.db), SIZE);
    // The set is not vacuous: the common words of the bench are found thousands of times.
    assert.ok((await checkEverySource()) > SIZE, 'the bench queries should find many records');
  });

  it('leaves each engine’s indexes whole: FTS5’s own check on SQLite, every index valid on PostgreSQL', async () => {
    if (engine === 'sqlite') {
      // 'integrity-check' with rank 1 compares each FTS5 index with its content table, row by row.
      for (const t of ['search_word', 'search_trigram', 'search_title'])
        await sql`insert into ${sql.table(t)} (${sql.ref(t)}, rank) values ('integrity-check', 1)`.execute(
          h.db,
        );
      const { rows } = await sql<{ name: string }>`
        select name from sqlite_master where type = 'index' and tbl_name = 'search_doc' and sql is not null
        order by name`.execute(h.db);
      assert.deepEqual(
        rows.map((r) => r.name),
        ['search_doc_bucket', 'search_doc_date', 'search_doc_doc_number', 'search_doc_index_number'],
      );
    } else {
      const { rows } = await sql<{ name: string; valid: boolean }>`
        select c.relname as name, i.indisvalid as valid from pg_index i
        join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
        where t.relname = 'search_doc' and not i.indisprimary order by c.relname`.execute(h.db);
      assert.deepEqual(
        rows.map((r) => `${r.name}:${r.valid}`),
        [
          'search_doc_body_trgm',
          'search_doc_bucket',
          'search_doc_date',
          'search_doc_doc_number',
          'search_doc_index_number',
          'search_doc_title_grams',
          'search_doc_words',
        ].map((n) => `${n}:true`),
      );
    }
  });

  it('replaces what the index held: a second rebuild of other records leaves none of the first', async () => {
    assert.equal(await rebuild(h.db, 3000, 12), 3000);
    assert.equal(await searchIndexFor(h.db).size(h.db), 3000);
    const { rows } = await sql<{ n: number | string }>`select doc_count as n from search_state`.execute(h.db);
    assert.equal(Number(rows[0]!.n), 3000);
    await checkEverySource();
    if (engine === 'sqlite')
      for (const t of ['search_word', 'search_trigram', 'search_title'])
        await sql`insert into ${sql.table(t)} (${sql.ref(t)}, rank) values ('integrity-check', 1)`.execute(
          h.db,
        );
  });

  it('stores every column as the rows have it, quotes, backslashes, braces and empty values too', async () => {
    // A rebuild of this size cuts in threads, which on PostgreSQL also write the array literals.
    const make = generator(13);
    const awkward = ['"引号" \\反斜杠\\', '{花括号,逗号}', 'NULL', '\\"', '', ' 前后 空格 ', "单'引号'"];
    const docs = Array.from({ length: 2500 }, (_, i) => {
      const d = make(i);
      const a = awkward[i % awkward.length]!;
      return i % 5
        ? d
        : {
            ...d,
            title: `${a}${d.title}`,
            body: `${d.body}${a}`,
            docNumber: i % 2 ? null : a,
            subjectCategory: i % 3 ? a : null,
          };
    });
    await h.db.transaction().execute((tx) =>
      searchIndexFor(tx).rebuild(
        tx,
        (async function* () {
          yield docs;
        })(),
      ),
    );
    const { rows } = await sql<Record<string, unknown>>`
      select record_id, title, body, doc_number, subject_category, year, bucket, validity, published_at
      from search_doc order by record_id`.execute(h.db);
    const expected = docs
      .map(toRow)
      .sort((a, b) => (a.record_id < b.record_id ? -1 : 1))
      .map((r) => ({
        record_id: r.record_id,
        title: r.title,
        body: r.body,
        doc_number: r.doc_number,
        subject_category: r.subject_category,
        year: r.year,
        bucket: r.bucket,
        validity: r.validity,
        published_at: r.published_at,
      }));
    assert.deepEqual(
      rows.map((r) => ({ ...r, year: Number(r.year), bucket: Number(r.bucket) })),
      expected,
    );
    // And each awkward text is found by its own words.
    const hit = await searchIndexFor(h.db).search(h.db, {
      plan: planQuery('花括号')!,
      filters: {},
      sort: 'relevance',
      offset: 0,
      limit: 10,
    });
    assert.equal(hit.total, docs.filter((d) => d.title.includes('花括号')).length);
    // Text with punctuation, quotes and spaces inside the title is found through the index exactly
    // as row by row (on PostgreSQL through the title's pieces, then LIKE).
    for (const q of [
      '{花括号,逗号}',
      '"引号" \\反斜杠',
      "单'引号'",
      '前后 空格',
      '2020年',
      '做好2020',
      '关于印发',
    ])
      for (const s of sourcesOf(q).sources) {
        const { plan } = sourcesOf(q);
        const expected = await rowWise(plan, s);
        assert.equal(
          await d.countSource(h.db, plan, s, undefined, 10_000),
          expected,
          `“${q}” ${sourceKey(s)}`,
        );
        if (s.kind === 'phrase' && s.column === 'title' && q !== '关于印发') assert.ok(expected > 0, q);
      }
  });
});
