import type { Actor } from '../access.js';
import type { Ctx } from '../context.js';
import { isDomainError } from '../errors.js';

/**
 * The job kit's vocabulary and pure rules: states, definitions, schedules and their periods,
 * backoff, and what of an error may be stored. Nothing here touches the database.
 */

export const jobStates = ['queued', 'running', 'done', 'dead'] as const;
export type JobState = (typeof jobStates)[number];

/** Labels for the back office. */
export const jobStateLabels: Record<JobState, string> = {
  queued: '等待运行',
  running: '运行中',
  done: '已完成',
  dead: '已失败',
};

/** What a running job is told besides its payload. */
export interface JobRunInfo {
  id: string;
  /** 1 on the first run; counts every claim, including runs cut short by a crash. */
  attempt: number;
  /** Aborted when the job's `timeoutMs` passes or the worker gives up on it. */
  signal: AbortSignal;
}

/**
 * A kind of job, defined by the module that owns the work. `run` is a service function: it
 * receives a context acting as a system actor named by `label`, and must be safe to run twice
 * (a worker that dies after the work but before recording it hands the job to another).
 */
export interface JobDefinition<P = void> {
  /** `module.verb`, e.g. `requests.dailyCheck`; stored in `job.name`. */
  name: string;
  /** Chinese, shown in the back office and as the acting system actor. */
  label: string;
  /** What it returns is kept as the job's result (a short Chinese summary). */
  run(ctx: Ctx, payload: P, info: JobRunInfo): Promise<string | void>;
  /** Runs before the job is dead; default 5. A value given at enqueue wins. */
  maxAttempts?: number;
  /** Wait before attempt `attempt + 1` after attempt `attempt` failed, in ms. */
  backoff?: (attempt: number) => number;
  /** A run longer than this fails (and its signal is aborted); default none. */
  timeoutMs?: number;
}

/** Identity helper so that `P` is inferred from `run`. */
export function defineJob<P = void>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/**
 * A job enqueued once per period by the worker's scheduler. Periods are Beijing time: a daily
 * job runs on each Beijing day at `at` (default 00:00).
 */
export interface JobSchedule {
  job: string;
  every: 'minute' | 'hour' | 'day';
  /** HH:MM, Beijing time; only for `every: 'day'`. */
  at?: string;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** 30 s, 1 min, 2 min, 4 min … capped at an hour. No jitter: tests can predict it. */
export function defaultBackoff(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

const BEIJING_OFFSET_MS = 8 * 3600_000;
const atPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Problems with a schedule, in Chinese; empty when it is valid. */
export function scheduleProblems(s: JobSchedule): string[] {
  const problems: string[] = [];
  if (!['minute', 'hour', 'day'].includes(s.every))
    problems.push(`「${s.job}」的周期应为 minute、hour 或 day`);
  if (s.at !== undefined) {
    if (s.every !== 'day') problems.push(`「${s.job}」只有每日任务可以指定时刻（at）`);
    else if (!atPattern.test(s.at)) problems.push(`「${s.job}」的时刻应为 HH:MM（北京时间）`);
  }
  return problems;
}

/**
 * The period of `schedule` that contains `now`: when it began and its key, the Beijing
 * minute (2026-12-06T09:05), hour (2026-12-06T09) or day (2026-12-06). A daily job at 08:00
 * is still in yesterday's period at 07:59.
 */
export function currentPeriod(schedule: JobSchedule, now: Date): { key: string; start: Date } {
  const local = now.getTime() + BEIJING_OFFSET_MS;
  if (schedule.every === 'minute' || schedule.every === 'hour') {
    const unit = schedule.every === 'minute' ? 60_000 : 3_600_000;
    const startLocal = Math.floor(local / unit) * unit;
    const iso = new Date(startLocal).toISOString();
    return {
      key: schedule.every === 'minute' ? iso.slice(0, 16) : iso.slice(0, 13),
      start: new Date(startLocal - BEIJING_OFFSET_MS),
    };
  }
  const m = atPattern.exec(schedule.at ?? '00:00');
  if (!m) throw new Error(scheduleProblems(schedule).join('；'));
  const offset = (Number(m[1]) * 60 + Number(m[2])) * 60_000;
  const day = 86_400_000;
  let startLocal = Math.floor(local / day) * day + offset;
  if (startLocal > local) startLocal -= day;
  return {
    key: new Date(startLocal).toISOString().slice(0, 10),
    start: new Date(startLocal - BEIJING_OFFSET_MS),
  };
}

/** The dedupe key that makes a period's job unique across processes. */
export function periodKey(schedule: JobSchedule, now: Date): string {
  return `${schedule.job}@${currentPeriod(schedule, now).key}`;
}

const MAX_ERROR = 500;
const MAX_RESULT = 2000;

/**
 * What of a failure is stored and logged: the message only, cut short. No stack, no payload,
 * no `cause` chain, which could carry the row that failed; a job must not put personal data
 * in the messages it throws.
 */
export function errorText(e: unknown): string {
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : '非 Error 类型的异常';
  return truncate(message || (e instanceof Error ? e.name : '未知错误'), MAX_ERROR);
}

/**
 * What of a failure the back office shows: a message written for people — a rule's refusal, or
 * a job's or the kit's own Chinese message — as it is; anything else (a driver's or the
 * runtime's English message, e.g. SQLITE_BUSY, ECONNREFUSED) as an internal error, whose message
 * is in the server log (errorText).
 */
export function shownErrorText(e: unknown): string {
  const text = errorText(e);
  return isDomainError(e) || /[\u4e00-\u9fff]/.test(text) ? text : '内部错误（原因见服务器日志）';
}

export function resultText(result: string | void): string | null {
  return typeof result === 'string' ? truncate(result, MAX_RESULT) : null;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * Jobs are installation-wide: the system, and administrators of a top agency (an agency path
 * with one segment, '/id/'), may look at and act on them.
 */
export function canManageJobs(actor: Actor): boolean {
  if (actor.kind === 'system') return true;
  return actor.grants.some((g) => g.role === 'admin' && /^\/[^/]+\/$/.test(g.agencyPath));
}
