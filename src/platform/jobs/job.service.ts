import { recordAudit } from '../audit.js';
import { inTransaction, type Ctx } from '../context.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { newId } from '../ids.js';
import { canManageJobs, jobStates, type JobState } from './job.js';
import * as repo from './job.repository.js';

export interface EnqueueInput<P = unknown> {
  /** The job definition's name. */
  name: string;
  /** JSON; ids rather than personal data, which the job reads from the database. */
  payload?: P;
  /** Not before this instant; default now. */
  runAt?: Date;
  /** While a job with this key exists (until done jobs are pruned), enqueueing it again does nothing. */
  dedupeKey?: string;
  /** Overrides the definition's. */
  maxAttempts?: number;
}

/**
 * Adds a job in the caller's transaction (the outbox): it exists exactly when the change that
 * calls for it commits, and no worker sees it before. Returns the job's id, or false when a job
 * with the same dedupe key exists.
 */
export async function enqueue<P>(ctx: Ctx, input: EnqueueInput<P>): Promise<string | false> {
  if (!ctx.db.isTransaction)
    throw new Error('enqueue must run inside the transaction of the change that calls for the job');
  if (!input.name) throw new Error('enqueue: a job needs a name');
  if (input.maxAttempts !== undefined && !(Number.isInteger(input.maxAttempts) && input.maxAttempts >= 1))
    throw new Error('enqueue: maxAttempts must be a whole number of at least 1');
  const now = ctx.clock.now();
  if (input.runAt !== undefined && Number.isNaN(input.runAt.getTime()))
    throw new Error('enqueue: runAt is not a valid instant');
  const id = newId();
  const inserted = await repo.insertJob(ctx.db, {
    id,
    name: input.name,
    payload_json: input.payload === undefined ? null : JSON.stringify(input.payload),
    state: 'queued',
    attempts: 0,
    max_attempts: input.maxAttempts ?? null,
    run_at: (input.runAt ?? now).toISOString(),
    locked_by: null,
    locked_until: null,
    last_error: null,
    dedupe_key: input.dedupeKey ?? null,
    created_at: now.toISOString(),
    finished_at: null,
    result: null,
  });
  return inserted ? id : false;
}

/** A job as the back office shows it. The payload is left out: it is the job's business. */
export interface JobView {
  id: string;
  name: string;
  state: JobState;
  attempts: number;
  maxAttempts: number | null;
  runAt: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: string;
  finishedAt: string | null;
  result: string | null;
}

function view(r: repo.JobRow): JobView {
  return {
    id: r.id,
    name: r.name,
    state: r.state as JobState,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: r.run_at,
    lockedBy: r.locked_by,
    lockedUntil: r.locked_until,
    lastError: r.last_error,
    dedupeKey: r.dedupe_key,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    result: r.result,
  };
}

function assertCanManage(ctx: Ctx): void {
  if (!canManageJobs(ctx.actor)) throw new ForbiddenError('只有系统管理员可以查看和处理后台任务');
}

/** A page of jobs, optionally in one state. */
export async function listJobs(
  ctx: Ctx,
  opts: { state?: JobState | null; page?: number; pageSize?: number } = {},
): Promise<{ items: JobView[]; total: number; page: number; pageSize: number }> {
  assertCanManage(ctx);
  const state = opts.state ?? null;
  if (state !== null && !jobStates.includes(state)) throw new Error(`listJobs: unknown state ${state}`);
  const pageSize = Math.min(Math.max(1, Math.floor(opts.pageSize ?? 50)), 500);
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const rows = await repo.listJobs(ctx.db, { state, limit: pageSize, offset: (page - 1) * pageSize });
  const total = await repo.countJobs(ctx.db, state);
  return { items: rows.map(view), total, page, pageSize };
}

/** How many jobs are in each state (every state present, zero when none). */
export async function jobCounts(ctx: Ctx): Promise<Record<JobState, number>> {
  assertCanManage(ctx);
  const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const { state, n } of await repo.countByState(ctx.db))
    if ((jobStates as readonly string[]).includes(state)) counts[state as JobState] = n;
  return counts;
}

/** Runs a dead job again from its first attempt. */
export async function retryJob(ctx: Ctx, id: string): Promise<void> {
  assertCanManage(ctx);
  await inTransaction(ctx, async (tx) => {
    const job = await repo.findJob(tx.db, id);
    if (!job) throw new NotFoundError('未找到该后台任务');
    if (!(await repo.requeueDead(tx.db, id, tx.clock.now().toISOString())))
      throw new ConflictError('只有已失败的任务可以重新运行');
    await recordAudit(tx, {
      action: 'job.retry',
      subjectType: 'job',
      subjectId: id,
      agencyId: null,
      before: { name: job.name, state: job.state, attempts: job.attempts, lastError: job.last_error },
      after: { state: 'queued' },
    });
  });
}

/** Deletes a dead job, or a queued one that should not run. A running job cannot be discarded. */
export async function discardJob(ctx: Ctx, id: string): Promise<void> {
  assertCanManage(ctx);
  await inTransaction(ctx, async (tx) => {
    const job = await repo.findJob(tx.db, id);
    if (!job) throw new NotFoundError('未找到该后台任务');
    if (!(await repo.deleteJob(tx.db, id, ['dead', 'queued'])))
      throw new ConflictError('只有等待运行或已失败的任务可以放弃');
    await recordAudit(tx, {
      action: 'job.discard',
      subjectType: 'job',
      subjectId: id,
      agencyId: null,
      before: { name: job.name, state: job.state, attempts: job.attempts, lastError: job.last_error },
    });
  });
}
