import type { Kysely } from 'kysely';

// Rate-limit counters in the database (platform/http/rate-limit-store.ts), so that several
// application servers behind one load balancer count the same requests: a limit of 10 logins a
// minute stays 10, not 10 per process. One row per limited route and client; `window_ends_at`
// (ISO-8601 UTC) says when the count starts again, and expired rows are deleted as new ones come.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_counter')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_ends_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_counter_window_ends_at')
    .on('rate_limit_counter')
    .column('window_ends_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_counter').ifExists().execute();
}
