import type { Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import {
  builtInJobLabels,
  discardJob,
  jobCounts,
  jobStates,
  listJobs,
  retryJob,
  type JobState,
} from '../../platform/jobs/index.js';
import { allowed, assertCan, type Action } from './operation.policy.js';
import { jobRow, type JobRow } from './operation.presenter.js';

export interface JobsPage {
  counts: Record<JobState, number>;
  state: JobState | null;
  rows: JobRow[];
  total: number;
  page: number;
  pageSize: number;
  allowed: Action[];
}

/** The 后台任务 page: counts per state and one page of jobs, failed ones first by default. */
export async function jobsPage(ctx: Ctx, query: { state?: string; page?: string }): Promise<JobsPage> {
  assertCan(ctx.actor, 'viewJobs');
  const state = query.state ? parseState(query.state) : null;
  const page = /^\d+$/.test(query.page ?? '') ? Math.max(1, Number(query.page)) : 1;
  const list = await listJobs(ctx, { state, page, pageSize: 50 });
  const labelOf = (name: string) =>
    ctx.modules.jobs.find((j) => j.name === name)?.label ??
    builtInJobLabels[name] ??
    '（本版本未定义的任务）';
  return {
    counts: await jobCounts(ctx),
    state,
    rows: list.items.map((j) => jobRow(j, labelOf)),
    total: list.total,
    page: list.page,
    pageSize: list.pageSize,
    allowed: allowed(ctx.actor),
  };
}

function parseState(raw: string): JobState {
  if (!(jobStates as readonly string[]).includes(raw))
    throw ValidationError.one('state', '任务状态应为等待运行、运行中、已完成或已失败');
  return raw as JobState;
}

/** Runs a failed job again from its first attempt. */
export async function retry(ctx: Ctx, id: string): Promise<void> {
  assertCan(ctx.actor, 'retryJob');
  await retryJob(ctx, id);
}

/** Gives up a failed or waiting job. */
export async function discard(ctx: Ctx, id: string): Promise<void> {
  assertCan(ctx.actor, 'discardJob');
  await discardJob(ctx, id);
}
