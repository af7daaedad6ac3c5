import type { Kysely } from 'kysely';

// 主动公开 records (政府信息) with the metadata of legal.md §7, their workflow history, and the
// per-agency, per-year sequence behind the 索引号.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_sequence')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_sequence_pk', ['agency_id', 'year'])
    .execute();
  await db.schema
    .createTable('record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('index_number', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text')
    .addColumn('written_date', 'text')
    .addColumn('date_formed_or_changed', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('scheduled_at', 'text')
    .addColumn('subject_category', 'text')
    .addColumn('genre', 'text')
    .addColumn('validity', 'text', (c) => c.notNull())
    .addColumn('validity_date', 'text')
    .addColumn('keywords', 'text')
    .addColumn('summary', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_agency_state').on('record').columns(['agency_id', 'state']).execute();
  await db.schema
    .createTable('record_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('record.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('staff_user.id'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('record_event_record')
    .on('record_event')
    .columns(['record_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('record_event').ifExists().execute();
  await db.schema.dropTable('record').ifExists().execute();
  await db.schema.dropTable('record_sequence').ifExists().execute();
}
