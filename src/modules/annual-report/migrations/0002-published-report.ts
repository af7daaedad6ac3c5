import type { Kysely } from 'kysely';

// Published annual reports read by the checker; attached to an agency and year they are that
// agency's history (year-chain compares with them).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('published_report')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** The agency of the staff member who uploaded it (tenant key). */
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('uploaded_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('read_status', 'text', (c) => c.notNull())
    .addColumn('report_year', 'integer')
    .addColumn('report_agency', 'text')
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('warning_count', 'integer', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .addColumn('info_json', 'text')
    .addColumn('error', 'text')
    /** Set when attached as the published report of an agency for a year. */
    .addColumn('history_agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('history_year', 'integer')
    .addColumn('attached_at', 'text')
    .addColumn('attached_by', 'text')
    .execute();
  await db.schema
    .createIndex('published_report_agency')
    .on('published_report')
    .columns(['agency_id', 'uploaded_at'])
    .execute();
  await db.schema
    .createIndex('published_report_history')
    .on('published_report')
    .columns(['history_agency_id', 'history_year'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('published_report').ifExists().execute();
}
