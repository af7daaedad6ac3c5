import type { Kysely } from 'kysely';

// 12345 工单 imported from the hotline's own system, for its figures (issue 14).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hotline_ticket')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('ticket_number', 'text', (c) => c.notNull().unique())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('ticket_type', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('visited_at', 'text')
    .addColumn('satisfaction', 'text', (c) => c.notNull())
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('hotline_ticket_agency_received')
    .on('hotline_ticket')
    .columns(['agency_id', 'received_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hotline_ticket').ifExists().execute();
}
