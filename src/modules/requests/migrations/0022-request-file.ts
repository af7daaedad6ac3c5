import type { Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/dialect/postgres.js';

// Files of a case, kept in the database like records' attachments (a backup holds them, both
// engines alike): what the agency sends with a reply (电子文档, 第四十条) and what the applicant
// sends with a 补正 (第三十条). Each belongs to the event that brought it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('request_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('request.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('request_event.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('request_file_request').on('request_file').column('request_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_file').ifExists().execute();
}
