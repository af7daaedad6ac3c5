import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/dialect/postgres.js';

// PostgreSQL compresses a search_doc row's large values with lz4 where the server has it (ADR
// 0014, fourth step). With the default, pglz, the words' tsvector is never compressed and the
// body only sometimes (about 3.3 KB a row on the bench's records); lz4 compresses both (about
// 2.8 KB) and costs less to do it, so a rebuild inserts faster. Existing rows keep their
// compression until the next rebuild rewrites them. SQLite has no such setting.
const columns = ['title', 'body', 'words', 'title_grams'];

async function lz4Available(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    select 'lz4' = any(enumvals) as ok from pg_settings where name = 'default_toast_compression'`.execute(db);
  return rows[0]?.ok === true;
}

async function setCompression(db: Kysely<unknown>, method: 'lz4' | 'default'): Promise<void> {
  await sql`alter table search_doc ${sql.join(
    columns.map((c) => sql`alter column ${sql.ref(c)} set compression ${sql.raw(method)}`),
  )}`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db) && (await lz4Available(db))) await setCompression(db, 'lz4');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await setCompression(db, 'default');
}
