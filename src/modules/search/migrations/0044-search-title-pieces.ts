import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/dialect/postgres.js';

// PostgreSQL finds text inside a title through the title's one- and two-character pieces
// (title_grams, migration 0026) instead of a trigram index of its own (ADR 0014, fifth step):
// every two-character piece of the text must be among the title's, and LIKE confirms. The
// trigram index held about 35 entries a record and took 9–15 s of a rebuild's GIN builds at a
// million records. SQLite keeps its one trigram table for title and body.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`drop index if exists search_doc_title_trgm`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db))
    await sql`create index search_doc_title_trgm on search_doc using gin (title gin_trgm_ops)`.execute(db);
}
