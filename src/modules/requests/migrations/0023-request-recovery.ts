import type { Kysely } from 'kysely';

// 找回受理编号: an applicant who lost the 受理回执 gets a 找回码 by the contact given in the
// application. The contact is found by keyed hashes (blind indexes) of the mobile number and the
// e-mail address, never by decrypting every row; rows already stored get theirs at the next start
// (ensureDerivedData), which also encrypts the e-mail addresses kept in plain text until now. A
// 找回码 is kept only as a blind index; the messages wait in an outbox for the SMS/e-mail gateway;
// a counter per contact and day limits how many go out, across restarts and processes.
export async function up(db: Kysely<unknown>): Promise<void> {
  // '' once indexed without a mobile number (a landline); null: not yet indexed.
  await db.schema.alterTable('request').addColumn('phone_index', 'text').execute();
  await db.schema.alterTable('request').addColumn('email_index', 'text').execute();
  await db.schema.createIndex('request_phone_index').on('request').column('phone_index').execute();
  await db.schema.createIndex('request_email_index').on('request').column('email_index').execute();
  await db.schema
    .createTable('request_recovery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The job that sent it: a job run twice sends one code.
    .addColumn('job_id', 'text', (c) => c.notNull().unique())
    .addColumn('contact_index', 'text', (c) => c.notNull())
    .addColumn('request_ids_json', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('request_recovery_code').on('request_recovery').column('code_hash').execute();
  await db.schema
    .createTable('request_recovery_count')
    .addColumn('contact_index', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_recovery_count_pk', ['contact_index', 'day'])
    .execute();
  await db.schema
    .createIndex('request_recovery_count_day')
    .on('request_recovery_count')
    .column('day')
    .execute();
  await db.schema
    .createTable('request_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient_enc', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text')
    .execute();
  await db.schema
    .createIndex('request_outbox_queued')
    .on('request_outbox')
    .columns(['taken_at', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_outbox').ifExists().execute();
  await db.schema.dropTable('request_recovery_count').ifExists().execute();
  await db.schema.dropTable('request_recovery').ifExists().execute();
  await db.schema.dropIndex('request_email_index').ifExists().execute();
  await db.schema.dropIndex('request_phone_index').ifExists().execute();
  await db.schema.alterTable('request').dropColumn('email_index').execute();
  await db.schema.alterTable('request').dropColumn('phone_index').execute();
}
