import type { Kysely } from 'kysely';

// Split out of 0008-notification-jobs when modules came to own their migrations: a database created
// before the split already has these tables (IF NOT EXISTS makes this a no-op there); a new
// database gets them with the staff notices.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_run')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('result', 'text')
    .addPrimaryKeyConstraint('job_run_pk', ['name', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_run').ifExists().execute();
}
