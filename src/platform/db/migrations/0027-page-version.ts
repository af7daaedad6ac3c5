import type { Kysely } from 'kysely';

// One row: the stamp of the public pages' current version (platform/page-version.ts). Every
// process of an installation compares it with the stamp its page cache was filled under.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('page_version')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('page_version').ifExists().execute();
}
