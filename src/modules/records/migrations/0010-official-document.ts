import type { Kysely } from 'kysely';

// 公开属性源头认定: every 公文 an agency drafts is registered with its disclosure attribute.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('official_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text')
    .addColumn('written_date', 'text', (c) => c.notNull())
    .addColumn('disclosure_attribute', 'text', (c) => c.notNull())
    .addColumn('withheld_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('record_id', 'text', (c) => c.references('record.id'))
    .addColumn('registered_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('official_document_agency_date')
    .on('official_document')
    .columns(['agency_id', 'written_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('official_document').ifExists().execute();
}
