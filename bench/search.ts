import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { freshDatabaseUrl, testInstallation } from '../test/harness/engines.js';
import { migrateToLatest, openDatabase, type Engine } from '../src/platform/db/database.js';
import { planQuery, searchIndexFor, type SearchDocument } from '../src/modules/search/index.js';
import { generator, queries } from '../test/harness/search-corpus.js';
import { referenceSearch, forgetCachedCounts } from '../src/modules/search/search.reference.js';

/**
 * search: N synthetic Chinese records (default 1,000,000; `--records N`) put through the search
 * index of each engine through its bulk path (a rebuild) — build rate, then p50/p95 of a fixed
 * query set (relevance and date order, first page with total) — against the floor of a raw FTS5
 * MATCH (SQLite) or a raw pg_trgm / tsvector query (PostgreSQL) over the same rows returning ten
 * ids and the count. Up to 200,000 records it also checks that every first page is the
 * reference's (every match ranked, ADR 0006).
 */

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function records(): number {
  const i = process.argv.indexOf('--records');
  return i >= 0 ? Number(process.argv[i + 1]) : 1_000_000;
}

export async function search(engine: Engine): Promise<void> {
  const n = records();
  const { url, cleanup } = freshDatabaseUrl(engine);
  const h = await openDatabase(url);
  try {
    await migrateToLatest(h.db, testInstallation.migrations);
    const index = searchIndexFor(h.db);
    const make = generator(2020);
    const t0 = performance.now();
    let rss = process.memoryUsage().rss;
    const chunk = 5000;
    // The index is built as a rebuild builds it: one transaction through the engine's bulk path.
    async function* docs(): AsyncGenerator<SearchDocument[]> {
      for (let i = 0; i < n; i += chunk) {
        yield Array.from({ length: Math.min(chunk, n - i) }, (_, k) => make(i + k));
        rss = Math.max(rss, process.memoryUsage().rss);
        if ((i / chunk) % 20 === 19) process.stderr.write(`  [${engine}] ${i + chunk} / ${n}\n`);
      }
    }
    await h.db.transaction().execute((tx) => index.rebuild(tx, docs()));
    const build = (performance.now() - t0) / 1000;
    // SQLite copies a large rebuild's WAL into the file in a thread after the commit (ADR 0014):
    // timed on its own, and waited for, so that it does not slow the queries timed below.
    const t1 = performance.now();
    if (engine === 'sqlite')
      while (
        (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(h.db)).rows[0]!
          .wal_autocheckpoint === 0
      )
        await new Promise((r) => setTimeout(r, 100));
    // PostgreSQL's checkpointer writes the rebuild's pages (about 4 GB at a million records) after
    // the commit: a CHECKPOINT waits for it, as the bench waits for SQLite's.
    if (engine === 'postgres') await sql`checkpoint`.execute(h.db);
    const checkpoint = (performance.now() - t1) / 1000;
    if (engine === 'postgres') await sql`vacuum analyze search_doc`.execute(h.db);
    else await sql`pragma optimize`.execute(h.db);

    // Each query's first page (relevance and date) must be the reference's: every match ranked.
    let same = 0;
    let checked = 0;
    if (n <= 200_000)
      for (const q of queries)
        for (const sort of ['relevance', 'date'] as const) {
          const iq = { plan: planQuery(q)!, filters: {}, sort, offset: 0, limit: 10 };
          const [ours, ref] = [await index.search(h.db, iq), await referenceSearch(h.db, iq)];
          checked++;
          if (JSON.stringify(ours.hits) === JSON.stringify(ref.hits)) same++;
          else process.stderr.write(`  [${engine}] ${q} (${sort}): first page differs from the reference\n`);
        }

    const cold: number[] = [];
    const warm: number[] = [];
    const floor: number[] = [];
    const rounds = n > 100_000 ? 2 : 5;
    const timeOne = async (fn: () => Promise<unknown>, into: number[]) => {
      const t = performance.now();
      await fn();
      into.push(performance.now() - t);
    };
    const totals: string[] = [];
    for (let round = 0; round <= rounds; round++) {
      for (const q of queries) {
        const plan = planQuery(q)!;
        for (const sort of ['relevance', 'date'] as const) {
          const iq = { plan, filters: {}, sort, offset: 0, limit: 10 };
          // Cold: the count computed afresh, as after any write to the index; warm: counted before.
          forgetCachedCounts();
          await timeOne(
            async () => {
              const r = await index.search(h.db, iq);
              if (round === 0 && sort === 'relevance')
                totals.push(`${q} ${r.approximate ? '约' : ''}${r.total}`);
            },
            round === 0 ? [] : cold,
          );
          await timeOne(() => index.search(h.db, iq), round === 0 ? [] : warm);
        }
        // The floor: the engine's own full-text search answering the same question natively —
        // the total, and the ten best by its own rank (FTS5 bm25; ts_rank or trigram similarity).
        const long = [...plan.phrase].length >= 3;
        const words = plan.tokens.map((t) => `"${t}"`).join(' AND ');
        const tsq = plan.tokens.map((t) => `'${t}'`).join(' & ');
        const like = `%${plan.phrase}%`;
        const raw =
          engine === 'sqlite'
            ? long
              ? [
                  sql`select count(*) from search_trigram where search_trigram match ${`"${plan.phrase}"`}`,
                  sql`select rowid from search_trigram where search_trigram match ${`"${plan.phrase}"`} order by rank limit 10`,
                ]
              : [
                  sql`select count(*) from search_word where search_word match ${words}`,
                  sql`select rowid from search_word where search_word match ${words} order by rank limit 10`,
                ]
            : long
              ? [
                  sql`select count(*) from search_doc where title like ${like} or body like ${like}`,
                  sql`select record_id from search_doc where title like ${like} or body like ${like}
                      order by similarity(title, ${plan.phrase}) desc limit 10`,
                ]
              : [
                  sql`select count(*) from search_doc where words @@ ${tsq}::tsquery`,
                  sql`select record_id from search_doc where words @@ ${tsq}::tsquery
                      order by ts_rank(words, ${tsq}::tsquery) desc limit 10`,
                ];
        await timeOne(
          async () => {
            for (const r of raw) await r.execute(h.db);
          },
          round === 0 ? [] : floor,
        );
      }
    }
    for (const xs of [cold, warm, floor]) xs.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    // One line to compare across runs; p50/p95 are cold (every count computed afresh).
    console.log(
      `search [${engine}] records=${n} p50=${ms(percentile(cold, 50))} p95=${ms(percentile(cold, 95))} ` +
        `floor_p95=${ms(percentile(floor, 95))} build=${(n / build).toFixed(0)} records/s`,
    );
    console.log(
      `  [${engine}] max=${ms(cold.at(-1)!)} cached_p95=${ms(percentile(warm, 95))} ` +
        `same_first_page=${checked ? `${same}/${checked}` : 'unchecked'} rss=${(rss / 1048576).toFixed(0)} MB` +
        ` checkpoint_after_build=${checkpoint.toFixed(1)} s`,
    );
    console.log(`  totals: ${totals.join('; ')}`);
  } finally {
    await h.close();
    await cleanup();
  }
}
