import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/dialect/postgres.js';

// The sample of the index on its own (issue 13, ADR 0014): one record in 128 copied into a small
// table, so that estimating a common word's count, or how large each of a query's sources is,
// reads a few thousand rows one after another instead of seeking them across the whole index
// (at a million records: 105 ms on SQLite and 137 ms on PostgreSQL). Records now fall in 512
// buckets instead of 128 (buckets 0–3 are the sample, bucket 0 is read first), so the index,
// derived data, is emptied and rebuilt at the next start (ensureSearchIndex), as in 0026. The
// index's size is kept beside its version, so no search counts the whole index.
export async function up(db: Kysely<unknown>): Promise<void> {
  const words = isPostgres(db) ? sql`tsvector` : sql`text`;
  await sql`create table search_sample (
    record_id text primary key,
    agency_id text not null,
    title text not null,
    body text not null,
    doc_number text,
    index_number text,
    subject_category text,
    year integer not null,
    validity text not null,
    published_at text not null,
    words ${words} not null,
    bucket integer not null
  )`.execute(db);
  await sql`create index search_sample_bucket on search_sample (bucket)`.execute(db);
  if (isPostgres(db)) await sql`truncate search_doc`.execute(db);
  else {
    await sql`delete from search_doc`.execute(db);
    for (const table of ['search_word', 'search_trigram', 'search_title'])
      await sql`insert into ${sql.table(table)} (${sql.ref(table)}) values ('delete-all')`.execute(db);
  }
  await sql`alter table search_state add column doc_count integer not null default 0`.execute(db);
  await sql`update search_state set version = ${randomUUID()}, doc_count = 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table search_state drop column doc_count`.execute(db);
  await sql`drop table search_sample`.execute(db);
}
