import type { Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/dialect/postgres.js';

// Attachments of 主动公开 records (PDF, DOCX, XLSX, images) kept in the database, so a backup
// holds them and both engines behave alike; the text taken from each is searched with the
// record. And 政策解读: an interpretation record names the document it interprets.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('record.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('created_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_attachment_record')
    .on('record_attachment')
    .column('record_id')
    .execute();
  await db.schema
    .alterTable('record')
    // Checked by the service, not by a foreign key: an interpretation may be drafted before the
    // document it explains, and a restore inserts records in id order.
    .addColumn('interprets_record_id', 'text')
    .execute();
  await db.schema.createIndex('record_interprets').on('record').column('interprets_record_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('record_interprets').execute();
  await db.schema.alterTable('record').dropColumn('interprets_record_id').execute();
  await db.schema.dropTable('record_attachment').execute();
}
