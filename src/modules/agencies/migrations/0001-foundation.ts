import type { Kysely } from 'kysely';

// The agency tree and its history. Dialect-neutral: text keys and timestamps, integer flags, no
// database defaults. (Until modules owned their migrations, this one also created the staff and
// audit tables; those parts now live in accounts' and the platform's 0001-foundation-* migrations.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agency')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('agency.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.unique())
    .addColumn('region_code', 'text')
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('office_hours', 'text')
    .addColumn('phone', 'text')
    .addColumn('fax', 'text')
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('dissolved_at', 'text')
    .execute();
  await db.schema.createIndex('agency_parent').on('agency').column('parent_id').execute();
  await db.schema.createIndex('agency_path').on('agency').column('path').execute();

  await db.schema
    .createTable('agency_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('parent_id', 'text')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema
    .createIndex('agency_history_agency')
    .on('agency_history')
    .columns(['agency_id', 'valid_from'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agency_history').ifExists().execute();
  await db.schema.dropTable('agency').ifExists().execute();
}
