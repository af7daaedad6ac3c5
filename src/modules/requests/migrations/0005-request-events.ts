import type { Kysely } from 'kysely';

// The steps of a case. Status is derived from these dates (and the calendar), never stored:
// a case's closing date and outcome are facts recorded when they happen.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('request_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('request.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('data_json', 'text')
    .execute();
  await db.schema
    .createIndex('request_event_request')
    .on('request_event')
    .columns(['request_id', 'occurred_on'])
    .execute();
  for (const column of ['replied_on', 'withdrawn_on', 'closed_on', 'outcome']) {
    await db.schema.alterTable('request').addColumn(column, 'text').execute();
  }
  await db.schema
    .createIndex('request_agency_closed')
    .on('request')
    .columns(['agency_id', 'closed_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_event').ifExists().execute();
}
