import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/dialect/postgres.js';

// Search at a province's scale (issue 13, ADR 0014). The index gains what the tiered query needs:
// an index on (published_at, record_id) to walk the matches newest first, a sample bucket per
// record for estimating very common queries' counts, and a version that changes with every write
// so counts can be cached per version. The index is derived data: it is emptied here and rebuilt
// at start (ensureSearchIndex), because its rows now carry the bucket, the title's one- and
// two-character pieces (an index for "this word is in the title") and padded words.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`truncate search_doc`.execute(db);
    await sql`alter table search_doc add column title_grams tsvector not null default ''::tsvector`.execute(
      db,
    );
    await sql`create index search_doc_title_grams on search_doc using gin (title_grams)`.execute(db);
  } else {
    await sql`delete from search_doc`.execute(db);
    await sql`insert into search_word (search_word) values ('delete-all')`.execute(db);
    await sql`insert into search_trigram (search_trigram) values ('delete-all')`.execute(db);
    await sql`alter table search_doc add column title_grams text not null default ''`.execute(db);
    await sql`create virtual table search_title using fts5(title_grams, content='search_doc', content_rowid='seq', tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
  }
  await sql`alter table search_doc add column bucket integer not null default 0`.execute(db);
  await sql`drop index search_doc_published`.execute(db);
  await sql`create index search_doc_date on search_doc (published_at, record_id)`.execute(db);
  await sql`create index search_doc_bucket on search_doc (bucket)`.execute(db);
  await sql`create table search_state (id integer primary key, version text not null)`.execute(db);
  await sql`insert into search_state (id, version) values (1, ${randomUUID()})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table search_state`.execute(db);
  if (isPostgres(db)) await sql`drop index search_doc_title_grams`.execute(db);
  else await sql`drop table search_title`.execute(db);
  await sql`alter table search_doc drop column title_grams`.execute(db);
  await sql`drop index search_doc_bucket`.execute(db);
  await sql`drop index search_doc_date`.execute(db);
  await sql`create index search_doc_published on search_doc (published_at)`.execute(db);
  await sql`alter table search_doc drop column bucket`.execute(db);
}
