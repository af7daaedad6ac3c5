import type { Kysely } from 'kysely';

// The platform's own annual reports: a draft per agency, year and scope whose tables are built
// live from the data, with its narrative (sections 一, 五, 六); published, it keeps the tables as
// they were signed off. A correction is a new version with its reason.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annual_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('narrative_json', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .addColumn('correction_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text')
    .addUniqueConstraint('annual_report_version', ['agency_id', 'year', 'scope', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('annual_report').execute();
}
