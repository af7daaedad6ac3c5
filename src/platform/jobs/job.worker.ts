import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Ctx } from '../context.js';
import { newId } from '../ids.js';
import {
  currentPeriod,
  DEFAULT_MAX_ATTEMPTS,
  defaultBackoff,
  errorText,
  shownErrorText,
  resultText,
  scheduleProblems,
  type JobDefinition,
  type JobSchedule,
} from './job.js';
import * as repo from './job.repository.js';

/** Pino's shape (Fastify's `app.log` fits). Only ids, names, counts and error messages go in. */
export interface JobLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

const silent: JobLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface WorkerOptions {
  /**
   * A context on the database (not a transaction) acting as the system actor `actorLabel`:
   * jobs run as their definition's label, the worker's own bookkeeping as 后台任务调度.
   * Its clock gives every instant the worker writes.
   */
  context: (actorLabel: string) => Ctx;
  definitions: ReadonlyArray<JobDefinition<never>>;
  schedules?: ReadonlyArray<JobSchedule>;
  /** Written into `locked_by`; default host:pid:random. */
  workerId?: string;
  /** Jobs run at once by this worker; default 4. */
  concurrency?: number;
  /** Wait between polls when there is nothing to do, in real time; default 1 s. */
  pollMs?: number;
  /** How long a claim holds before another worker may take the job; renewed while it runs. Default 5 min. */
  leaseMs?: number;
  /** Done jobs are deleted this many days after they finished (built-in daily job); null: never. Default 7. */
  pruneAfterDays?: number | null;
  logger?: JobLogger;
}

/** Resolves when `p` settles or after `ms`, whichever comes first; never rejects. */
function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref();
    p.then(
      () => (clearTimeout(t), resolve()),
      () => (clearTimeout(t), resolve()),
    );
  });
}

/** What became of one claimed job. `lost`: its lease ran out and another worker took it over. */
export interface JobOutcome {
  id: string;
  name: string;
  attempt: number;
  state: 'done' | 'queued' | 'dead' | 'lost';
  result: string | null;
  error: string | null;
}

export interface Worker {
  readonly id: string;
  /** Polls, schedules and runs jobs until `stop`. */
  start(): void;
  /** Stops claiming and resolves when the jobs it is running have finished. */
  stop(): Promise<void>;
  /** Enqueues the current period of each schedule not yet enqueued; returns the dedupe keys added. */
  schedule(): Promise<string[]>;
  /** Claims up to `concurrency` due jobs and runs them; for tests and the CLI. */
  runOnce(): Promise<JobOutcome[]>;
  /** `schedule`, then `runOnce` until nothing is due; for tests and the CLI. */
  drain(): Promise<JobOutcome[]>;
}

const WORKER_LABEL = '后台任务调度';
export const PRUNE_JOB = 'jobs.prune';

/** The worker's own jobs, which no module declares, by name: for lists of jobs. */
export const builtInJobLabels: Readonly<Record<string, string>> = { [PRUNE_JOB]: '清理已完成的后台任务' };

function pruneDefinition(days: number): JobDefinition<never> {
  return {
    name: PRUNE_JOB,
    label: builtInJobLabels[PRUNE_JOB]!,
    maxAttempts: 3,
    async run(ctx) {
      const before = new Date(ctx.clock.now().getTime() - days * 86_400_000).toISOString();
      const n = await repo.pruneDone(ctx.db, before);
      return `已删除 ${n} 个 ${days} 天前结束的任务`;
    },
  };
}

export function createWorker(options: WorkerOptions): Worker {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const pruneAfterDays = options.pruneAfterDays === undefined ? 7 : options.pruneAfterDays;
  const log = options.logger ?? silent;

  const definitions = new Map<string, JobDefinition<never>>();
  const schedules: JobSchedule[] = [...(options.schedules ?? [])];
  const extra = pruneAfterDays === null ? [] : [pruneDefinition(pruneAfterDays)];
  for (const d of [...options.definitions, ...extra]) {
    if (definitions.has(d.name)) throw new Error(`任务「${d.name}」定义了两次`);
    definitions.set(d.name, d);
  }
  if (pruneAfterDays !== null) schedules.push({ job: PRUNE_JOB, every: 'day', at: '03:30' });
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of schedules) {
    problems.push(...scheduleProblems(s));
    if (!definitions.has(s.job)) problems.push(`计划中的任务「${s.job}」没有定义`);
    const id = `${s.job}/${s.every}`;
    if (seen.has(id)) problems.push(`任务「${s.job}」有两个${s.every}计划，它们会共用去重键`);
    seen.add(id);
  }
  if (problems.length > 0) throw new Error(`后台任务配置有误：${problems.join('；')}`);

  const own = () => options.context(WORKER_LABEL);
  const iso = (ctx: Ctx, plusMs = 0) => new Date(ctx.clock.now().getTime() + plusMs).toISOString();

  /** The key each schedule last enqueued (or found taken) in this process, to skip the insert. */
  const lastKey = new Map<JobSchedule, string>();

  async function schedule(): Promise<string[]> {
    const ctx = own();
    const added: string[] = [];
    for (const s of schedules) {
      const period = currentPeriod(s, ctx.clock.now());
      const key = `${s.job}@${period.key}`;
      if (lastKey.get(s) === key) continue;
      const inserted = await repo.insertJob(ctx.db, {
        id: newId(),
        name: s.job,
        payload_json: null,
        state: 'queued',
        attempts: 0,
        max_attempts: null,
        run_at: period.start.toISOString(),
        locked_by: null,
        locked_until: null,
        last_error: null,
        dedupe_key: key,
        created_at: iso(ctx),
        finished_at: null,
        result: null,
      });
      lastKey.set(s, key);
      if (inserted) added.push(key);
    }
    return added;
  }

  async function claim(limit: number): Promise<repo.JobRow[]> {
    const ctx = own();
    return repo.claimJobs(ctx.db, { workerId, now: iso(ctx), lockedUntil: iso(ctx, leaseMs), limit });
  }

  async function execute(row: repo.JobRow): Promise<JobOutcome> {
    const claim: repo.Claim = { id: row.id, workerId, attempt: row.attempts };
    const base = { id: row.id, name: row.name, attempt: row.attempts };
    const fields = { job: row.id, name: row.name, attempt: row.attempts };
    const ctx = own();

    const bury = async (error: string): Promise<JobOutcome> => {
      const ok = await repo.buryJob(ctx.db, claim, iso(ctx), error);
      if (ok) log.error({ ...fields, error }, '后台任务失败，不再重试');
      return { ...base, state: ok ? 'dead' : 'lost', result: null, error };
    };

    const definition = definitions.get(row.name);
    if (!definition)
      return bury(
        `本进程没有名为「${row.name}」的任务定义（模块未登记，或由更新的版本加入）；部署后可在后台重新运行`,
      );
    const maxAttempts = row.max_attempts ?? definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    // Failures requeue only below the limit, so a claim past it follows a run that was cut short.
    if (row.attempts > maxAttempts)
      return bury(`运行中断（租约到期，进程可能已退出），已达最多 ${maxAttempts} 次尝试`);
    let payload: unknown;
    try {
      payload = row.payload_json === null ? undefined : JSON.parse(row.payload_json);
    } catch {
      return bury('任务参数不是有效的 JSON');
    }

    const controller = new AbortController();
    // The lease is renewed while the job runs; a worker that finds it lost (another took the job
    // over after a stall) tells the job to stop, so the two do not both carry on.
    const renew = setInterval(
      () =>
        void repo
          .renewLease(ctx.db, claim, iso(own(), leaseMs))
          .then((held) => {
            if (!held) controller.abort(new Error('租约已被其他进程接管'));
          })
          .catch((e: unknown) => log.warn({ ...fields, error: errorText(e) }, '后台任务续租失败')),
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    let timer: NodeJS.Timeout | undefined;
    const started = performance.now();
    const run = (async () =>
      (definition.run as JobDefinition<unknown>['run'])(options.context(definition.label), payload, {
        id: row.id,
        attempt: row.attempts,
        signal: controller.signal,
      }))();
    try {
      const timeoutMs = definition.timeoutMs;
      const result =
        timeoutMs === undefined
          ? await run
          : await Promise.race([
              run,
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => {
                  const e = new Error(`运行超过 ${Math.round(timeoutMs / 1000)} 秒，已超时`);
                  // Settle first, so the job's own reaction to the abort is not what is recorded.
                  reject(e);
                  controller.abort(e);
                }, timeoutMs);
              }),
            ]);
      const text = resultText(result);
      const ok = await repo.completeJob(ctx.db, claim, iso(ctx), text);
      if (ok) log.info({ ...fields, ms: Math.round(performance.now() - started) }, '后台任务完成');
      else log.warn(fields, '后台任务已完成，但租约已被其他进程接管');
      return { ...base, state: ok ? 'done' : 'lost', result: text, error: null };
    } catch (e) {
      // A timed-out run is told to stop; its slot and its lease are kept until it has, so a retry
      // never runs beside it (a job that ignores the signal is let go after one lease).
      if (controller.signal.aborted) await settledWithin(run, leaseMs);
      const error = shownErrorText(e);
      const logged = { ...fields, error: errorText(e) };
      if (row.attempts >= maxAttempts) {
        const buried = await repo.buryJob(ctx.db, claim, iso(ctx), error);
        if (buried) log.error(logged, '后台任务失败，不再重试');
        return { ...base, state: buried ? 'dead' : 'lost', result: null, error };
      }
      const wait = (definition.backoff ?? defaultBackoff)(row.attempts);
      const ok = await repo.requeueJob(ctx.db, claim, iso(ctx, wait), error);
      if (ok) log.warn({ ...logged, retryInMs: wait }, '后台任务失败，稍后重试');
      return { ...base, state: ok ? 'queued' : 'lost', result: null, error };
    } finally {
      clearInterval(renew);
      if (timer) clearTimeout(timer);
    }
  }

  /** Never rejects: a failure to record an outcome leaves the lease to run out. */
  async function safely(row: repo.JobRow): Promise<JobOutcome> {
    try {
      return await execute(row);
    } catch (e) {
      const error = errorText(e);
      log.error({ job: row.id, name: row.name, attempt: row.attempts, error }, '无法记录后台任务的结果');
      return { id: row.id, name: row.name, attempt: row.attempts, state: 'lost', result: null, error };
    }
  }

  async function runOnce(): Promise<JobOutcome[]> {
    return Promise.all((await claim(concurrency)).map(safely));
  }

  async function drain(): Promise<JobOutcome[]> {
    await schedule();
    const out: JobOutcome[] = [];
    for (;;) {
      const batch = await runOnce();
      if (batch.length === 0) return out;
      out.push(...batch);
    }
  }

  // The polling loop of start()/stop().
  const running = new Set<Promise<JobOutcome>>();
  let loop: Promise<void> | null = null;
  let stopping = false;
  let wake: (() => void) | null = null;
  const poke = () => wake?.();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        wake = null;
        resolve();
      };
      const t = setTimeout(done, ms);
      wake = done;
    });

  async function tick(): Promise<boolean> {
    await schedule();
    const free = concurrency - running.size;
    if (free <= 0) return false;
    const rows = await claim(free);
    for (const row of rows) {
      const p: Promise<JobOutcome> = safely(row).finally(() => {
        running.delete(p);
        poke();
      });
      running.add(p);
    }
    // A full batch: there may be more due at once.
    return rows.length === free;
  }

  return {
    id: workerId,
    schedule,
    runOnce,
    drain,
    start() {
      if (loop) return;
      stopping = false;
      log.info({ worker: workerId, concurrency }, '后台任务进程已启动');
      loop = (async () => {
        while (!stopping) {
          let more = false;
          try {
            more = await tick();
          } catch (e) {
            log.error({ worker: workerId, error: errorText(e) }, '后台任务轮询失败');
          }
          if (!stopping && !more) await pause(pollMs);
        }
      })();
    },
    async stop() {
      stopping = true;
      poke();
      await loop;
      loop = null;
      await Promise.allSettled([...running]);
      log.info({ worker: workerId }, '后台任务进程已停止');
    },
  };
}
