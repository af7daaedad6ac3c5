import { beijingDate } from './clock.js';
import type { Ctx } from './context.js';
import { isUniqueViolation } from './db/database.js';

/** A kind of background work a module declares in its manifest; what it does is a service function. */
export interface JobDefinition<P = unknown> {
  name: string;
  /** What the job does, in Chinese (the back office shows it). */
  label: string;
  run(ctx: Ctx, payload: P): Promise<string | void>;
}

/** Recurring work: one run of `job` per period. */
export interface JobSchedule {
  job: string;
  every: 'minute' | 'hour' | 'day';
}

function scheduled(ctx: Ctx, every: JobSchedule['every']): JobDefinition[] {
  return ctx.modules.schedules
    .filter((s) => s.every === every)
    .map((s) => ctx.modules.jobs.find((j) => j.name === s.job)!);
}

/**
 * Daily jobs. A job claims its day by inserting (name, day): the first process to do so runs
 * it, the others see the key taken and skip.
 */
export async function runDailyJobs(ctx: Ctx): Promise<Array<{ name: string; result: string | null }>> {
  const day = beijingDate(ctx.clock.now());
  const out: Array<{ name: string; result: string | null }> = [];
  for (const job of scheduled(ctx, 'day')) {
    try {
      await ctx.db
        .insertInto('job_run')
        .values({
          name: job.name,
          day,
          started_at: ctx.clock.now().toISOString(),
          finished_at: null,
          result: null,
        })
        .execute();
    } catch (e) {
      if (isUniqueViolation(e)) continue;
      throw e;
    }
    let result: string;
    try {
      result = (await job.run(ctx, undefined)) ?? '';
    } catch (e) {
      result = `失败：${e instanceof Error ? e.message : String(e)}`;
    }
    await ctx.db
      .updateTable('job_run')
      .set({ finished_at: ctx.clock.now().toISOString(), result })
      .where('name', '=', job.name)
      .where('day', '=', day)
      .execute();
    out.push({ name: job.name, result });
  }
  return out;
}

/** Checks every hour whether today's jobs have run; stops with the returned function. */
export function scheduleDailyJobs(makeCtx: () => Ctx, onError: (e: unknown) => void): () => void {
  const tick = () => void runDailyJobs(makeCtx()).catch(onError);
  tick();
  const timer = setInterval(tick, 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Jobs that run every minute (scheduled publication). Each must be safe to run in two
 * processes at once: it claims its work with conditional updates, not with a lock.
 */
export async function runFrequentJobs(ctx: Ctx): Promise<Array<{ name: string; result: string }>> {
  const out: Array<{ name: string; result: string }> = [];
  for (const job of scheduled(ctx, 'minute'))
    out.push({ name: job.name, result: (await job.run(ctx, undefined)) ?? '' });
  return out;
}

export function scheduleFrequentJobs(
  makeCtx: () => Ctx,
  onError: (e: unknown) => void,
  everyMs = 60_000,
): () => void {
  const timer = setInterval(() => void runFrequentJobs(makeCtx()).catch(onError), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
