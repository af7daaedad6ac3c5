import type { Kysely } from 'kysely';

// 行政复议 / 行政诉讼 about disclosure, linked to the application they concern. (The request's
// handler_id, once added here too, is the requests module's 0006-appeal-handler-request.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('appeal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('request_id', 'text', (c) => c.references('request.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('case_number', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appeal_agency_filed')
    .on('appeal')
    .columns(['agency_id', 'filed_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('appeal').ifExists().execute();
}
