import type { Kysely } from 'kysely';

// The 政府网站工作年度报表 (国办函〔2018〕12号) of the portal: one row per version of a year's
// report; a published version keeps the whole table as signed off.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('website_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('entered_json', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .addColumn('correction_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text')
    .addUniqueConstraint('website_report_version', ['agency_id', 'year', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('website_report').execute();
}
