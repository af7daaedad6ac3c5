import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { systemActor } from '../access.js';
import { FixedClock } from '../clock.js';
import { inTransaction, type Ctx } from '../context.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { defineJob, type JobDefinition } from './job.js';
import * as repo from './job.repository.js';
import { enqueue } from './job.service.js';
import { createWorker, PRUNE_JOB, type JobLogger } from './job.worker.js';

const T = '2026-12-06T01:00:00.000Z'; // 09:00 in Beijing
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A worker in a child process (test/harness/job-worker-process.ts) whose output we can wait on. */
function workerProcess(url: string, at: string, workerId: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/harness/job-worker-process.ts', url, at, workerId],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  return {
    /** Resolves with the first match of `re` in the output; rejects if the process ends first. */
    waitFor(re: RegExp): Promise<RegExpMatchArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(out);
          if (m) {
            child.stdout.off('data', check);
            resolve(m);
          }
        };
        child.stdout.on('data', check);
        check();
        void exited.then(({ code, signal }) =>
          reject(new Error(`worker ${workerId} ended (${code ?? signal}) before ${re}: ${err}`)),
        );
      });
    },
    kill9: () => (child.kill('SIGKILL'), exited),
    stop: () => (child.kill('SIGTERM'), exited),
  };
}

/** Waits for `condition`, polling; the deadline only guards against a hang, it asserts nothing about speed. */
async function until(condition: () => Promise<boolean>, what: string, deadlineMs = 120_000): Promise<void> {
  const give = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > give) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function recordingLogger(): JobLogger & { lines: string[] } {
  const lines: string[] = [];
  const put = (o: Record<string, unknown>, m: string) => void lines.push(`${m} ${JSON.stringify(o)}`);
  return { lines, info: put, warn: put, error: put };
}

describeEachEngine('job worker', (engine) => {
  let h: Awaited<ReturnType<typeof openTestDatabase>>;
  let second: DatabaseHandle;
  before(async () => {
    h = await openTestDatabase(engine);
    // A second connection pool (PostgreSQL) or database handle on the same file (SQLite), as
    // another process would have.
    second = await openDatabase(h.url);
  });
  after(async () => {
    await second.close();
    await h.cleanup();
  });
  beforeEach(async () => {
    await h.db.deleteFrom('job').execute();
  });

  const on =
    (handle: DatabaseHandle, clock: FixedClock) =>
    (label: string): Ctx =>
      testCtx(handle, systemActor(label), clock);
  const job = (id: string) =>
    h.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const add = (clock: FixedClock, ...inputs: Parameters<typeof enqueue>[1][]) =>
    inTransaction(testCtx(h, systemActor('测试'), clock), async (tx) => {
      const ids: string[] = [];
      for (const input of inputs) ids.push((await enqueue(tx, input)) as string);
      return ids;
    });

  it('runs a job with its payload as its label, and keeps what it returns', async () => {
    const clock = new FixedClock(T);
    const seen: Array<{ actor: string; payload: unknown }> = [];
    const echo = defineJob<{ recordId: string }>({
      name: 'test.echo',
      label: '测试：回声',
      async run(ctx, payload) {
        seen.push({ actor: ctx.actor.label, payload });
        return `已处理 ${payload.recordId}`;
      },
    });
    const [id] = await add(clock, { name: 'test.echo', payload: { recordId: 'r1' } });
    const w = createWorker({
      context: on(h, clock),
      definitions: [echo],
      pruneAfterDays: null,
      workerId: 'w',
    });
    assert.deepEqual(await w.runOnce(), [
      { id, name: 'test.echo', attempt: 1, state: 'done', result: '已处理 r1', error: null },
    ]);
    assert.deepEqual(seen, [{ actor: '系统：测试：回声', payload: { recordId: 'r1' } }]);
    const row = await job(id!);
    assert.equal(row.state, 'done');
    assert.equal(row.finished_at, T);
    assert.equal(row.locked_by, null);
    assert.deepEqual(await w.runOnce(), []);
  });

  it('retries a failing job after its backoff, then gives up: dead, with the message only', async () => {
    const clock = new FixedClock(T);
    const logger = recordingLogger();
    let runs = 0;
    const flaky = defineJob<{ idNumber: string }>({
      name: 'test.flaky',
      label: '测试：总失败',
      maxAttempts: 3,
      backoff: (attempt) => attempt * 60_000,
      async run(_ctx, payload) {
        runs += 1;
        throw new Error('对方系统拒绝连接', { cause: payload });
      },
    });
    const [id] = await add(clock, { name: 'test.flaky', payload: { idNumber: '350582199001011234' } });
    const w = createWorker({ context: on(h, clock), definitions: [flaky], pruneAfterDays: null, logger });

    const [first] = await w.runOnce();
    assert.equal(first!.state, 'queued');
    assert.equal(first!.error, '对方系统拒绝连接');
    let row = await job(id!);
    assert.equal(row.state, 'queued');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_error, '对方系统拒绝连接');
    assert.equal(row.run_at, '2026-12-06T01:01:00.000Z', 'first backoff: one minute');
    assert.deepEqual(await w.runOnce(), [], 'not before its time');

    clock.advance(60_000);
    assert.equal((await w.runOnce())[0]!.state, 'queued');
    assert.equal((await job(id!)).run_at, '2026-12-06T01:03:00.000Z', 'second backoff: two minutes');
    clock.advance(119_999);
    assert.deepEqual(await w.runOnce(), []);
    clock.advance(1);
    const [last] = await w.runOnce();
    assert.equal(last!.state, 'dead');
    assert.equal(last!.attempt, 3);
    row = await job(id!);
    assert.equal(row.state, 'dead');
    assert.equal(row.finished_at, clock.now().toISOString());
    clock.advance(86_400_000);
    assert.deepEqual(await w.runOnce(), [], 'a dead job stays dead');
    assert.equal(runs, 3);
    assert.ok(logger.lines.some((l) => l.includes('对方系统拒绝连接')));
    assert.ok(!logger.lines.some((l) => l.includes('350582199001011234')), 'no payload in the log');
    assert.ok(!(row.last_error ?? '').includes('350582199001011234'));
  });

  it('shows a driver’s English message as an internal error, and logs the message itself', async () => {
    const clock = new FixedClock(T);
    const logger = recordingLogger();
    const broken = defineJob({
      name: 'test.broken',
      label: '测试：驱动错误',
      maxAttempts: 1,
      async run() {
        throw new Error('SQLITE_BUSY: database is locked');
      },
    });
    const [id] = await add(clock, { name: 'test.broken' });
    const w = createWorker({ context: on(h, clock), definitions: [broken], pruneAfterDays: null, logger });
    const [o] = await w.runOnce();
    assert.equal(o!.state, 'dead');
    assert.equal((await job(id!)).last_error, '内部错误（原因见服务器日志）');
    assert.ok(
      logger.lines.some((l) => l.includes('SQLITE_BUSY')),
      'the operator finds the cause in the log',
    );
  });

  it('clears an earlier attempt’s failure when a retry succeeds', async () => {
    const clock = new FixedClock(T);
    let runs = 0;
    const flaky = defineJob({
      name: 'test.onceFailing',
      label: '测试：第一次失败',
      backoff: () => 0,
      async run() {
        runs += 1;
        if (runs === 1) throw new Error('第一次失败');
        return '成功';
      },
    });
    const [id] = await add(clock, { name: 'test.onceFailing' });
    const w = createWorker({ context: on(h, clock), definitions: [flaky], pruneAfterDays: null });
    await w.runOnce();
    assert.equal((await job(id!)).last_error, '第一次失败');
    await w.runOnce();
    const row = await job(id!);
    assert.deepEqual([row.state, row.result, row.last_error], ['done', '成功', null]);
  });

  it('fails a job that overruns its timeout and aborts its signal', async () => {
    const clock = new FixedClock(T);
    let aborted: unknown = null;
    const stuck = defineJob({
      name: 'test.stuck',
      label: '测试：超时',
      timeoutMs: 20,
      maxAttempts: 1,
      run: (_ctx, _p, info) =>
        new Promise<string>((_, reject) =>
          info.signal.addEventListener('abort', () => {
            aborted = info.signal.reason;
            reject(new Error('stopped'));
          }),
        ),
    });
    const [id] = await add(clock, { name: 'test.stuck' });
    const w = createWorker({ context: on(h, clock), definitions: [stuck], pruneAfterDays: null });
    const [o] = await w.runOnce();
    assert.equal(o!.state, 'dead');
    assert.match(o!.error!, /超时/);
    assert.ok(aborted instanceof Error);
    assert.match((await job(id!)).last_error!, /超时/);
  });

  it('marks a job of a kind no definition names dead at once, saying so', async () => {
    const clock = new FixedClock(T);
    const [id] = await add(clock, { name: 'test.unheardOf' });
    const w = createWorker({ context: on(h, clock), definitions: [], pruneAfterDays: null });
    const [o] = await w.runOnce();
    assert.equal(o!.state, 'dead');
    const row = await job(id!);
    assert.equal(row.state, 'dead');
    assert.match(row.last_error!, /没有名为「test\.unheardOf」的任务定义/);
  });

  it('two workers on two connections drain 200 jobs, each run exactly once', async () => {
    const clock = new FixedClock(T);
    const runs = new Map<string, number>();
    const counting = defineJob({
      name: 'test.count',
      label: '测试：计数',
      async run(_ctx, _p, info) {
        runs.set(info.id, (runs.get(info.id) ?? 0) + 1);
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const ids = await add(clock, ...Array.from({ length: 200 }, () => ({ name: 'test.count' })));
    const worker = (handle: DatabaseHandle, workerId: string) =>
      createWorker({
        context: on(handle, clock),
        definitions: [counting],
        workerId,
        concurrency: 4,
        pruneAfterDays: null,
      });
    const [a, b] = await Promise.all([worker(h, 'a').drain(), worker(second, 'b').drain()]);
    assert.equal(a.length + b.length, 200);
    assert.deepEqual([...runs.keys()].sort(), [...ids].sort());
    assert.ok(
      [...runs.values()].every((n) => n === 1),
      'no job ran twice',
    );
    const done = await h.db.selectFrom('job').select('id').where('state', '=', 'done').execute();
    assert.equal(done.length, 200);
  });

  it('two worker processes drain 200 jobs, each run exactly once', async (t) => {
    const clock = new FixedClock(T);
    await sql`create table if not exists job_test_effect (job_id text not null, worker text not null)`.execute(
      h.db,
    );
    const a = workerProcess(h.url, T, 'proc-a');
    const b = workerProcess(h.url, T, 'proc-b');
    try {
      await Promise.all([a.waitFor(/^ready$/m), b.waitFor(/^ready$/m)]);
      const ids = await add(clock, ...Array.from({ length: 200 }, () => ({ name: 'test.count' })));
      const doneCount = async () =>
        Number(
          (
            await h.db
              .selectFrom('job')
              .select((eb) => eb.fn.countAll<string | number>().as('n'))
              .where('state', '=', 'done')
              .executeTakeFirstOrThrow()
          ).n,
        );
      await until(async () => (await doneCount()) === 200, 'the 200 jobs done');
      const effects = (
        await sql<{ job_id: string; worker: string }>`select job_id, worker from job_test_effect`.execute(
          h.db,
        )
      ).rows;
      assert.equal(effects.length, 200, 'no job ran twice');
      assert.deepEqual(effects.map((e) => e.job_id).sort(), [...ids].sort());
      t.diagnostic(
        `jobs per process: a ${effects.filter((e) => e.worker === 'proc-a').length}, ` +
          `b ${effects.filter((e) => e.worker === 'proc-b').length}`,
      );
    } finally {
      assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
    }
  });

  it('a worker killed mid-job (kill -9) leaves the job to another once its lease has run out', async () => {
    const clock = new FixedClock(T);
    const [id] = await add(clock, { name: 'test.hang' });
    const doomed = workerProcess(h.url, T, 'doomed');
    const [, started] = await doomed.waitFor(/^started (\S+)$/m);
    assert.equal(started, id);
    assert.deepEqual(await doomed.kill9(), { code: null, signal: 'SIGKILL' });
    const orphan = await job(id!);
    assert.equal(orphan.state, 'running');
    assert.equal(orphan.locked_by, 'doomed');
    assert.equal(orphan.attempts, 1);
    assert.equal(orphan.locked_until, '2026-12-06T01:01:00.000Z');

    const finishing: JobDefinition<never> = {
      name: 'test.hang',
      label: '测试：接手',
      run: async (_ctx, _p, info) => `第 ${info.attempt} 次尝试完成`,
    };
    const rescuer = createWorker({
      context: on(second, clock),
      definitions: [finishing],
      pruneAfterDays: null,
    });
    clock.advance(59_999);
    assert.deepEqual(await rescuer.runOnce(), [], 'the lease still holds');
    clock.advance(2);
    const [o] = await rescuer.runOnce();
    assert.equal(o!.state, 'done');
    assert.equal(o!.attempt, 2, 'the cut-short run counts as an attempt');
    assert.equal((await job(id!)).result, '第 2 次尝试完成');
  });

  it('a job whose worker died during its last attempt is dead, not run again', async () => {
    const clock = new FixedClock(T);
    let runs = 0;
    const once = defineJob({
      name: 'test.once',
      label: '测试',
      maxAttempts: 1,
      run: async () => void (runs += 1),
    });
    const [id] = await add(clock, { name: 'test.once' });
    // Claimed by a worker that then vanished without a word.
    const ghost = await repo.claimJobs(h.db, {
      workerId: 'ghost',
      now: T,
      lockedUntil: '2026-12-06T01:05:00.000Z',
      limit: 10,
    });
    assert.deepEqual(
      ghost.map((r) => r.id),
      [id],
    );
    const w = createWorker({ context: on(h, clock), definitions: [once], pruneAfterDays: null });
    assert.deepEqual(await w.runOnce(), []);
    clock.set('2026-12-06T01:05:00.001Z');
    const [o] = await w.runOnce();
    assert.equal(o!.state, 'dead');
    assert.match((await job(id!)).last_error!, /运行中断/);
    assert.equal(runs, 0);
    // The ghost coming back to life can no longer record anything.
    assert.equal(await repo.completeJob(h.db, { id: id!, workerId: 'ghost', attempt: 1 }, T, null), false);
  });

  it('two schedulers enqueue one job per period', async () => {
    const clock = new FixedClock('2026-12-05T23:59:30.000Z'); // 07:59:30 in Beijing
    const noop = (name: string) => defineJob({ name, label: name, run: async () => undefined });
    const schedules = [
      { job: 'test.minutely', every: 'minute' as const },
      { job: 'test.daily', every: 'day' as const, at: '08:00' },
    ];
    const scheduler = (handle: DatabaseHandle) =>
      createWorker({
        context: on(handle, clock),
        definitions: [noop('test.minutely'), noop('test.daily')],
        schedules,
        pruneAfterDays: null,
      });
    const [s1, s2] = [scheduler(h), scheduler(second)];
    const both = async () => (await Promise.all([s1.schedule(), s2.schedule()])).flat().sort();
    assert.deepEqual(await both(), ['test.daily@2026-12-05', 'test.minutely@2026-12-06T07:59']);
    assert.deepEqual(await both(), []);
    clock.advance(30_000);
    assert.deepEqual(await both(), ['test.daily@2026-12-06', 'test.minutely@2026-12-06T08:00']);
    assert.deepEqual(await scheduler(second).schedule(), [], 'a restarted process finds them taken');
    const rows = await h.db
      .selectFrom('job')
      .select(['dedupe_key', 'run_at'])
      .orderBy('dedupe_key')
      .execute();
    assert.deepEqual(rows, [
      { dedupe_key: 'test.daily@2026-12-05', run_at: '2026-12-05T00:00:00.000Z' },
      { dedupe_key: 'test.daily@2026-12-06', run_at: '2026-12-06T00:00:00.000Z' },
      { dedupe_key: 'test.minutely@2026-12-06T07:59', run_at: '2026-12-05T23:59:00.000Z' },
      { dedupe_key: 'test.minutely@2026-12-06T08:00', run_at: '2026-12-06T00:00:00.000Z' },
    ]);
    assert.throws(
      () =>
        createWorker({
          context: on(h, clock),
          definitions: [],
          schedules: [{ job: 'test.nobody', every: 'hour' }],
        }),
      /没有定义/,
    );
  });

  it('stop() lets the running job finish before it resolves', async () => {
    const clock = new FixedClock(T);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const slow = defineJob({
      name: 'test.slow',
      label: '测试：慢',
      async run() {
        started();
        await gate;
        return '完成';
      },
    });
    const [id] = await add(clock, { name: 'test.slow' });
    const w = createWorker({ context: on(h, clock), definitions: [slow], pollMs: 10, pruneAfterDays: null });
    w.start();
    await running;
    const stopped = w.stop();
    release();
    await stopped;
    const row = await job(id!);
    assert.equal(row.state, 'done');
    assert.equal(row.result, '完成');
  });

  it('prunes done jobs and failed runs of schedules after N days; failed one-off jobs stay', async () => {
    const clock = new FixedClock(T);
    const finished = (
      id: string,
      state: string,
      at: string,
      dedupeKey: string | null = null,
    ): repo.JobRow => ({
      id,
      name: 'test.old',
      payload_json: null,
      state,
      attempts: 1,
      max_attempts: null,
      run_at: at,
      locked_by: null,
      locked_until: null,
      last_error: state === 'dead' ? '失败' : null,
      dedupe_key: dedupeKey,
      created_at: at,
      finished_at: at,
      result: null,
    });
    await repo.insertJob(
      h.db,
      finished('00000000-0000-7000-8000-000000000001', 'done', '2026-11-28T00:00:00.000Z'),
    );
    await repo.insertJob(
      h.db,
      finished('00000000-0000-7000-8000-000000000002', 'done', '2026-11-30T00:00:00.000Z'),
    );
    await repo.insertJob(
      h.db,
      finished('00000000-0000-7000-8000-000000000003', 'dead', '2026-10-01T00:00:00.000Z'),
    );
    // A minute job's failed run of October: the minutes since have done its work.
    await repo.insertJob(
      h.db,
      finished(
        '00000000-0000-7000-8000-000000000004',
        'dead',
        '2026-10-01T00:00:00.000Z',
        'test.old@2026-10-01T08:00',
      ),
    );
    const w = createWorker({ context: on(h, clock), definitions: [], pruneAfterDays: 7 });
    const outcomes = await w.drain();
    assert.deepEqual(
      outcomes.map((o) => [o.name, o.state, o.result]),
      [[PRUNE_JOB, 'done', '已删除 2 个 7 天前结束的任务']],
    );
    const left = await h.db.selectFrom('job').select(['id', 'dedupe_key']).orderBy('id').execute();
    assert.deepEqual(
      left.map((r) => r.dedupe_key ?? r.id),
      [
        '00000000-0000-7000-8000-000000000002',
        '00000000-0000-7000-8000-000000000003',
        'jobs.prune@2026-12-06',
      ],
    );
  });
});
