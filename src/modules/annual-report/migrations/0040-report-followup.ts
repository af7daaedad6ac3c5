import type { Kysely } from 'kysely';

// What an agency does about its annual report between reports: its training sessions and
// assessments (培训、考核), offered to the next report's text, and the problems each published
// section 五 stated, tracked until they are fixed (整改) and shown while next year's is written.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('training_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    /** training (培训) | assessment (考核) */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('attendees', 'integer', (c) => c.notNull())
    .addColumn('hours', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('training_session_agency')
    .on('training_session')
    .columns(['agency_id', 'held_on'])
    .execute();
  await db.schema
    .createTable('report_problem')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    /** The report year whose section 五 stated it. */
    .addColumn('year', 'integer', (c) => c.notNull())
    /** self | tree, as the report's */
    .addColumn('scope', 'text', (c) => c.notNull())
    /** built (annual_report) | published (published_report recorded as history) */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    /** open | fixing | fixed */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('measures', 'text')
    .addColumn('fixed_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_problem_report')
    .on('report_problem')
    .columns(['agency_id', 'year', 'scope', 'ordinal'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_problem').ifExists().execute();
  await db.schema.dropTable('training_session').ifExists().execute();
}
