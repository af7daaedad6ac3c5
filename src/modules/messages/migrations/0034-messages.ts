import type { Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/dialect/postgres.js';

// 来信 (领导信箱, 网上信访, letters entered by staff), their steps and their ratings (issue 14).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('message_sequence')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_sequence_pk', ['agency_id', 'year'])
    .execute();
  await db.schema
    .createTable('message_case')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('assist_json', 'text', (c) => c.notNull())
    .addColumn('regime', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('ticket_type', 'text', (c) => c.notNull())
    .addColumn('petition_class', 'text')
    .addColumn('accused_agency_id', 'text', (c) => c.references('agency.id'))
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('writer_name_enc', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('address_enc', 'text')
    .addColumn('email_enc', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'text')
    .addColumn('consent_wording', 'text')
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('reply_enc', 'text')
    .addColumn('replied_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('public_subject', 'text')
    .addColumn('public_content', 'text')
    .addColumn('public_reply', 'text')
    .addColumn('published_at', 'text')
    // No foreign key: a 来信 may be merged into a later one, and restore inserts in id order.
    .addColumn('merged_into', 'text')
    .addColumn('request_id', 'text', (c) => c.references('request.id'))
    .addColumn('from_request_id', 'text', (c) => c.references('request.id'))
    .addColumn('handler_id', 'text', (c) => c.references('staff_user.id'))
    .addColumn('lookup_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('message_number_unique', ['received_by', 'number'])
    .execute();
  await db.schema
    .createIndex('message_agency_received')
    .on('message_case')
    .columns(['agency_id', 'received_on'])
    .execute();
  await db.schema
    .createIndex('message_received_by')
    .on('message_case')
    .columns(['received_by', 'received_on'])
    .execute();
  // 条例第三十九条: one application is passed to 来信 handling once (NULLs are distinct).
  await db.schema
    .createIndex('message_from_request')
    .on('message_case')
    .column('from_request_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('message_lookup')
    .on('message_case')
    .columns(['number', 'lookup_hash'])
    .execute();
  await db.schema
    .createTable('message_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('message_case.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('data_json', 'text')
    .execute();
  await db.schema
    .createIndex('message_event_message')
    .on('message_event')
    .columns(['message_id', 'at'])
    .execute();
  await db.schema
    .createTable('message_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('message_case.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_file_message')
    .on('message_file')
    .columns(['message_id', 'position'])
    .execute();
  await db.schema
    .createTable('message_rating')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('dimensions_json', 'text')
    .addColumn('comment_enc', 'text')
    .addColumn('real_name', 'integer', (c) => c.notNull())
    .addColumn('rated_on', 'text', (c) => c.notNull())
    .addColumn('visited_on', 'text')
    .addColumn('visit_note', 'text')
    .addColumn('fix_due', 'text')
    .addColumn('action', 'text')
    .addColumn('action_note', 'text')
    .addColumn('action_on', 'text')
    .addColumn('dispute_reason', 'text')
    .addColumn('disputed_on', 'text')
    .addColumn('dispute_upheld', 'integer')
    .addColumn('dispute_decided_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('message_rating_subject_unique', ['subject_type', 'subject_id'])
    .execute();
  await db.schema
    .createIndex('message_rating_agency')
    .on('message_rating')
    .columns(['agency_id', 'rated_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_rating').ifExists().execute();
  await db.schema.dropTable('message_file').ifExists().execute();
  await db.schema.dropTable('message_event').ifExists().execute();
  await db.schema.dropTable('message_case').ifExists().execute();
  await db.schema.dropTable('message_sequence').ifExists().execute();
}
