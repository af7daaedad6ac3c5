import type { Kysely } from 'kysely';

// 依申请公开: one row per application, numbered per agency and year without gaps (the counter
// is taken in the same transaction as the insert). Personal data is stored encrypted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('request_sequence')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_sequence_pk', ['agency_id', 'year'])
    .execute();
  await db.schema
    .createTable('request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('acceptance_number', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('applicant_type', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('organization_code', 'text')
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_index', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('address_enc', 'text')
    .addColumn('email', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('provision_form', 'text', (c) => c.notNull())
    .addColumn('delivery_method', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text')
    .addColumn('lookup_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('request_number_unique', ['agency_id', 'year', 'seq'])
    .execute();
  await db.schema
    .createIndex('request_agency_received')
    .on('request')
    .columns(['agency_id', 'received_on'])
    .execute();
  await db.schema
    .createIndex('request_applicant')
    .on('request')
    .columns(['id_number_index', 'agency_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request').ifExists().execute();
  await db.schema.dropTable('request_sequence').ifExists().execute();
}
