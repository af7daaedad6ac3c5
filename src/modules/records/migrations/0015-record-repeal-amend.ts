import type { Kysely } from 'kysely';

// A new document that repeals or amends an earlier one names it; on publication the earlier
// one is marked (废止 with the date, or 已修改), and each record links to the other.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('record').addColumn('repeals_record_id', 'text').execute();
  await db.schema.alterTable('record').addColumn('amends_record_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('record').dropColumn('amends_record_id').execute();
  await db.schema.alterTable('record').dropColumn('repeals_record_id').execute();
}
