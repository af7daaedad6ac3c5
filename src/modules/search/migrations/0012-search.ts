import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/dialect/postgres.js';

// The search index of published records. It is derived data: rebuilt from the records whenever
// it is missing or behind (and not part of a backup). Each engine gets its own index structures
// (legal.md §7 records; DESIGN.md "search"): SQLite FTS5 tables over jieba tokens and over
// trigrams; PostgreSQL a tsvector of the same tokens and pg_trgm indexes on title and body.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`
      create table search_doc (
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
        words tsvector not null
      )`.execute(db);
    await sql`create index search_doc_words on search_doc using gin (words)`.execute(db);
    await sql`create index search_doc_title_trgm on search_doc using gin (title gin_trgm_ops)`.execute(db);
    await sql`create index search_doc_body_trgm on search_doc using gin (body gin_trgm_ops)`.execute(db);
  } else {
    await sql`
      create table search_doc (
        seq integer primary key,
        record_id text not null unique,
        agency_id text not null,
        title text not null,
        body text not null,
        doc_number text,
        index_number text,
        subject_category text,
        year integer not null,
        validity text not null,
        published_at text not null,
        words text not null
      )`.execute(db);
    await sql`create virtual table search_word using fts5(words, content='search_doc', content_rowid='seq', tokenize='unicode61 remove_diacritics 0')`.execute(
      db,
    );
    await sql`create virtual table search_trigram using fts5(title, body, content='search_doc', content_rowid='seq', tokenize='trigram case_sensitive 1')`.execute(
      db,
    );
  }
  await sql`create index search_doc_doc_number on search_doc (doc_number)`.execute(db);
  await sql`create index search_doc_index_number on search_doc (index_number)`.execute(db);
  await sql`create index search_doc_published on search_doc (published_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`drop table search_trigram`.execute(db);
    await sql`drop table search_word`.execute(db);
  }
  await sql`drop table search_doc`.execute(db);
}
