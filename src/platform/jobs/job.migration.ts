import type { Kysely } from 'kysely';
import { newId } from '../ids.js';

// Background work as rows (ADR 0008): a job is written in the transaction of the change that
// causes it and claimed by a worker under a lease. Replaces `job_run`, which only claimed a
// daily job's day before it ran; its rows become done jobs with the same day in their dedupe
// key, so a daily job that already ran today does not run again after the upgrade.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    // Null: the job definition's, or the kit's default.
    .addColumn('max_attempts', 'integer')
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('result', 'text')
    .execute();
  await db.schema
    .createIndex('job_dedupe_key')
    .on('job')
    .column('dedupe_key')
    .unique()
    .where('dedupe_key', 'is not', null)
    .execute();
  // The claim: queued jobs by run_at, and running jobs whose lease has run out (few).
  await db.schema.createIndex('job_due').on('job').columns(['state', 'run_at']).execute();
  // Back-office lists of done and dead jobs, newest first, and the pruning of old done jobs.
  await db.schema.createIndex('job_finished').on('job').columns(['state', 'finished_at']).execute();

  const old = db as Kysely<{
    job_run: {
      name: string;
      day: string;
      started_at: string;
      finished_at: string | null;
      result: string | null;
    };
    job: Record<string, unknown>;
  }>;
  const runs = await old.selectFrom('job_run').selectAll().execute();
  for (const r of runs) {
    await old
      .insertInto('job')
      .values({
        id: newId(),
        name: r.name,
        payload_json: null,
        state: 'done',
        attempts: 1,
        max_attempts: null,
        run_at: r.started_at,
        locked_by: null,
        locked_until: null,
        last_error: null,
        dedupe_key: `${r.name}@${r.day}`,
        created_at: r.started_at,
        finished_at: r.finished_at ?? r.started_at,
        result: r.result,
      })
      .execute();
  }
  await db.schema.dropTable('job_run').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_run')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('result', 'text')
    .addPrimaryKeyConstraint('job_run_pk', ['name', 'day'])
    .execute();
  await db.schema.dropTable('job').execute();
}
