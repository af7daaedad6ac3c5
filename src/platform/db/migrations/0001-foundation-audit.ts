import type { Kysely } from 'kysely';

// Split out of 0001-foundation when modules came to own their migrations: a database created
// before the split already has these tables (IF NOT EXISTS makes this a no-op there); a new
// database gets them right after the agency tables.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_event')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_event_at').ifNotExists().on('audit_event').column('at').execute();
  await db.schema
    .createIndex('audit_event_subject')
    .ifNotExists()
    .on('audit_event')
    .columns(['subject_type', 'subject_id'])
    .execute();
  await db.schema
    .createIndex('audit_event_agency')
    .ifNotExists()
    .on('audit_event')
    .columns(['agency_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_event').ifExists().execute();
}
