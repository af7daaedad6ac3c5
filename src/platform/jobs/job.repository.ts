import type { Selectable } from 'kysely';
import { claimableRows, type Executor } from '../db/database.js';
import type { JobTable } from '../db/schema.js';
import type { JobState } from './job.js';

/** All SQL of the job kit. Instants are ISO-8601 UTC text, compared as text on both engines. */

export type JobRow = Selectable<JobTable>;

/** Inserts a job; false when its dedupe key is taken (then nothing is written, on both engines). */
export async function insertJob(db: Executor, row: JobRow): Promise<boolean> {
  // ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a failed insert
  // would abort the caller's transaction.
  const inserted = await db
    .insertInto('job')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Takes up to `limit` jobs that are due, or running under a lease that ran out (their worker
 * died), for `workerId` until `lockedUntil`, counting an attempt each. One statement: on
 * PostgreSQL the candidate rows are locked with SKIP LOCKED, on SQLite the statement holds the
 * single write lock (database.ts `claimableRows`, ADR 0008).
 */
export async function claimJobs(
  db: Executor,
  opts: { workerId: string; now: string; lockedUntil: string; limit: number },
): Promise<JobRow[]> {
  const candidates = claimableRows(
    db,
    db
      .selectFrom('job')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', opts.now)]),
          eb.and([eb('state', '=', 'running'), eb('locked_until', '<', opts.now)]),
        ]),
      )
      .orderBy('run_at')
      .orderBy('id')
      .limit(opts.limit),
  );
  const rows = await db
    .updateTable('job')
    .set((eb) => ({
      state: 'running',
      locked_by: opts.workerId,
      locked_until: opts.lockedUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.run_at.localeCompare(b.run_at) || a.id.localeCompare(b.id));
}

/**
 * The claim a worker holds: the row is still running, leased to it, at the attempt it took.
 * A worker whose lease ran out and whose job another worker took can no longer write to it.
 */
export interface Claim {
  id: string;
  workerId: string;
  attempt: number;
}

function held(db: Executor, claim: Claim) {
  return db
    .updateTable('job')
    .where('id', '=', claim.id)
    .where('state', '=', 'running')
    .where('locked_by', '=', claim.workerId)
    .where('attempts', '=', claim.attempt);
}

async function changed(q: { executeTakeFirst(): Promise<{ numUpdatedRows: bigint }> }): Promise<boolean> {
  return (await q.executeTakeFirst()).numUpdatedRows > 0n;
}

export function renewLease(db: Executor, claim: Claim, lockedUntil: string): Promise<boolean> {
  return changed(held(db, claim).set({ locked_until: lockedUntil }));
}

export function completeJob(
  db: Executor,
  claim: Claim,
  now: string,
  result: string | null,
): Promise<boolean> {
  return changed(
    held(db, claim).set({
      state: 'done',
      locked_by: null,
      locked_until: null,
      finished_at: now,
      result,
      // An earlier attempt's failure is history once a run succeeds.
      last_error: null,
    }),
  );
}

/** Back to the queue, to run again at `runAt`. */
export function requeueJob(db: Executor, claim: Claim, runAt: string, error: string): Promise<boolean> {
  return changed(
    held(db, claim).set({
      state: 'queued',
      locked_by: null,
      locked_until: null,
      run_at: runAt,
      last_error: error,
    }),
  );
}

/** Given up: stays dead until someone retries or discards it. */
export function buryJob(db: Executor, claim: Claim, now: string, error: string): Promise<boolean> {
  return changed(
    held(db, claim).set({
      state: 'dead',
      locked_by: null,
      locked_until: null,
      finished_at: now,
      last_error: error,
    }),
  );
}

export async function findJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A page of jobs. Waiting and running jobs in the order they will run; done and dead ones
 * newest first; all states together newest created first.
 */
export async function listJobs(
  db: Executor,
  opts: { state: JobState | null; limit: number; offset: number },
): Promise<JobRow[]> {
  let q = db.selectFrom('job').selectAll();
  if (opts.state) q = q.where('state', '=', opts.state);
  if (opts.state === 'queued' || opts.state === 'running') q = q.orderBy('run_at').orderBy('id');
  else if (opts.state) q = q.orderBy('finished_at', 'desc').orderBy('id', 'desc');
  else q = q.orderBy('id', 'desc');
  return q.limit(opts.limit).offset(opts.offset).execute();
}

export async function countJobs(db: Executor, state: JobState | null): Promise<number> {
  let q = db.selectFrom('job').select((eb) => eb.fn.countAll<string | number>().as('n'));
  if (state) q = q.where('state', '=', state);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function countByState(db: Executor): Promise<Array<{ state: string; n: number }>> {
  const rows = await db
    .selectFrom('job')
    .select(['state', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('state')
    .execute();
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}

/** A dead job queued again with its attempts reset; false when it is not dead. */
export function requeueDead(db: Executor, id: string, now: string): Promise<boolean> {
  return changed(
    db
      .updateTable('job')
      .set({ state: 'queued', attempts: 0, run_at: now, finished_at: null })
      .where('id', '=', id)
      .where('state', '=', 'dead'),
  );
}

export async function deleteJob(db: Executor, id: string, states: readonly JobState[]): Promise<boolean> {
  const r = await db
    .deleteFrom('job')
    .where('id', '=', id)
    .where('state', 'in', [...states])
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Deletes done jobs finished before `before`; returns how many. Dead jobs wait for a person. */
export async function pruneDone(db: Executor, before: string): Promise<number> {
  // Done jobs, and failed runs of schedules (a later period has run the same work since); a
  // failed one-off job stays until an administrator retries or discards it.
  const r = await db
    .deleteFrom('job')
    .where((eb) =>
      eb.or([eb('state', '=', 'done'), eb.and([eb('state', '=', 'dead'), eb('dedupe_key', 'is not', null)])]),
    )
    .where('finished_at', '<', before)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
