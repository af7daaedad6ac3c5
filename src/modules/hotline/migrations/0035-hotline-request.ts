import type { Kysely } from 'kysely';

// A 工单 turned into a 依申请公开 application keeps the link (issue 14 §5).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('hotline_ticket')
    .addColumn('request_id', 'text', (c) => c.references('request.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('hotline_ticket').dropColumn('request_id').execute();
}
