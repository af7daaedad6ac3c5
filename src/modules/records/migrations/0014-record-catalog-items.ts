import type { Kysely } from 'kysely';

// The catalog items (标准目录 公开事项) a drafter files a record under; linked when it is published.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('record').addColumn('catalog_item_ids', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('record').dropColumn('catalog_item_ids').execute();
}
