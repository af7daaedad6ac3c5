import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Migrator } from 'kysely';
import {
  describeEachEngine,
  freshDatabaseUrl,
  openTestDatabase,
  testCtx,
  testInstallation,
} from '../../../test/harness/engines.js';
import { staffActor } from '../../../test/harness/actors.js';
import { inTransaction } from '../context.js';
import { openDatabase } from '../db/database.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import { discardJob, enqueue, jobCounts, listJobs, retryJob } from './job.service.js';
import { createWorker } from './job.worker.js';

describeEachEngine('job kit: enqueue and the back office', (engine) => {
  let h: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    h = await openTestDatabase(engine);
  });
  after(async () => h.cleanup());

  const jobsNamed = (name: string) => h.db.selectFrom('job').selectAll().where('name', '=', name).execute();

  it('enqueues only inside a transaction: the job commits with the change, or not at all', async () => {
    const ctx = testCtx(h);
    await assert.rejects(enqueue(ctx, { name: 'test.outbox' }), /inside the transaction/);
    await assert.rejects(
      inTransaction(ctx, async (tx) => {
        assert.ok(await enqueue(tx, { name: 'test.outbox', payload: { recordId: 'r1' } }));
        throw new Error('the change fails');
      }),
      /the change fails/,
    );
    assert.deepEqual(await jobsNamed('test.outbox'), []);

    const id = await inTransaction(ctx, (tx) =>
      enqueue(tx, { name: 'test.outbox', payload: { recordId: 'r2' } }),
    );
    const [job] = await jobsNamed('test.outbox');
    assert.equal(job!.id, id);
    assert.equal(job!.state, 'queued');
    assert.equal(job!.attempts, 0);
    assert.equal(job!.payload_json, '{"recordId":"r2"}');
    assert.equal(job!.run_at, ctx.clock.now().toISOString());
    assert.equal(job!.created_at, ctx.clock.now().toISOString());
  });

  it('a second job with the same dedupe key is a no-op, and the transaction goes on', async () => {
    const ctx = testCtx(h);
    await inTransaction(ctx, async (tx) => {
      assert.equal(
        typeof (await enqueue(tx, { name: 'test.dedupe', dedupeKey: 'test.dedupe@2026-03-02' })),
        'string',
      );
      assert.equal(await enqueue(tx, { name: 'test.dedupe', dedupeKey: 'test.dedupe@2026-03-02' }), false);
      // On PostgreSQL a caught unique violation would have aborted the transaction here.
      assert.ok(await enqueue(tx, { name: 'test.dedupe', dedupeKey: 'test.dedupe@2026-03-03' }));
      assert.ok(await enqueue(tx, { name: 'test.dedupe' }));
      assert.ok(await enqueue(tx, { name: 'test.dedupe' }), 'jobs without a key never collide');
    });
    assert.equal(
      await inTransaction(ctx, (tx) =>
        enqueue(tx, { name: 'test.dedupe', dedupeKey: 'test.dedupe@2026-03-02' }),
      ),
      false,
    );
    assert.equal((await jobsNamed('test.dedupe')).length, 4);
  });

  it('rejects nonsense at enqueue', async () => {
    const ctx = testCtx(h);
    await inTransaction(ctx, async (tx) => {
      await assert.rejects(enqueue(tx, { name: '' }), /name/);
      await assert.rejects(enqueue(tx, { name: 'x', maxAttempts: 0 }), /maxAttempts/);
      await assert.rejects(enqueue(tx, { name: 'x', runAt: new Date('nonsense') }), /runAt/);
    });
  });

  it('lists, counts, retries and discards jobs, audited, for administrators only', async () => {
    const ctx = testCtx(h);
    await h.db.deleteFrom('job').execute();
    const failing = {
      name: 'test.admin',
      label: '测试',
      maxAttempts: 1,
      run: async () => {
        throw new Error('对方网站无响应');
      },
    };
    const worker = createWorker({ context: () => ctx, definitions: [failing], pruneAfterDays: null });
    const [deadId, queuedId] = await inTransaction(ctx, async (tx) => [
      await enqueue(tx, { name: 'test.admin' }),
      await enqueue(tx, { name: 'test.admin', runAt: new Date('2026-04-01T00:00:00Z') }),
    ]);
    await worker.drain();
    assert.deepEqual(await jobCounts(ctx), { queued: 1, running: 0, done: 0, dead: 1 });

    const dead = await listJobs(ctx, { state: 'dead' });
    assert.equal(dead.total, 1);
    assert.equal(dead.items[0]!.id, deadId);
    assert.equal(dead.items[0]!.lastError, '对方网站无响应');
    assert.equal(dead.items[0]!.attempts, 1);
    assert.equal('payload' in dead.items[0]!, false);
    const paged = await listJobs(ctx, { pageSize: 1, page: 2 });
    assert.equal(paged.total, 2);
    assert.equal(paged.items.length, 1);

    const clerk = { ...ctx, actor: staffActor('clerk', { id: 'a', name: '某局', path: '/a/' }) };
    await assert.rejects(listJobs(clerk), ForbiddenError);
    await assert.rejects(jobCounts(clerk), ForbiddenError);
    await assert.rejects(retryJob(clerk, deadId as string), ForbiddenError);
    const admin = {
      ...ctx,
      actor: staffActor('admin', { id: 'a', name: '某市人民政府', path: '/a/' }, 'u1'),
    };

    await assert.rejects(retryJob(admin, queuedId as string), ConflictError);
    await retryJob(admin, deadId as string);
    const retried = await h.db
      .selectFrom('job')
      .selectAll()
      .where('id', '=', deadId as string)
      .executeTakeFirstOrThrow();
    assert.equal(retried.state, 'queued');
    assert.equal(retried.attempts, 0, 'a retried job gets all its attempts again');
    assert.equal(retried.finished_at, null);

    await discardJob(admin, queuedId as string);
    assert.equal((await listJobs(admin)).total, 1);
    const audit = await h.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id', 'subject_id'])
      .where('subject_type', '=', 'job')
      .orderBy('id')
      .execute();
    assert.deepEqual(audit, [
      { action: 'job.retry', actor_id: 'u1', subject_id: deadId },
      { action: 'job.discard', actor_id: 'u1', subject_id: queuedId },
    ]);
  });
});

describeEachEngine('job migration', (engine) => {
  it('replaces job_run, keeping the days daily jobs already ran as done jobs with their dedupe key', async () => {
    const { url, cleanup } = freshDatabaseUrl(engine);
    const handle = await openDatabase(url);
    try {
      const migrator = new Migrator({
        db: handle.db,
        provider: { getMigrations: async () => ({ ...testInstallation.migrations }) },
        allowUnorderedMigrations: true,
        migrationTableName: 'schema_migration',
        migrationLockTableName: 'schema_migration_lock',
      });
      const upTo17 = await migrator.migrateTo('0017-annual-report');
      assert.ifError(upTo17.error);
      const old = handle.db as unknown as import('kysely').Kysely<{
        job_run: {
          name: string;
          day: string;
          started_at: string;
          finished_at: string | null;
          result: string | null;
        };
      }>;
      await old
        .insertInto('job_run')
        .values({
          name: 'requests.dailyCheck',
          day: '2026-12-06',
          started_at: '2026-12-05T16:00:01.000Z',
          finished_at: '2026-12-05T16:00:03.000Z',
          result: '超期提醒 2 件',
        })
        .execute();
      assert.ifError((await migrator.migrateToLatest()).error);
      const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
      assert.ok(tables.includes('job'));
      assert.ok(!tables.includes('job_run'));
      const [job] = await handle.db.selectFrom('job').selectAll().execute();
      assert.equal(job!.dedupe_key, 'requests.dailyCheck@2026-12-06');
      assert.equal(job!.state, 'done');
      assert.equal(job!.result, '超期提醒 2 件');

      // Down to before the job kit (migrations named after it are undone first).
      assert.ifError((await migrator.migrateTo('0017-annual-report')).error);
      const back = (await handle.db.introspection.getTables()).map((t) => t.name);
      assert.ok(back.includes('job_run') && !back.includes('job'));
    } finally {
      await handle.close();
      await cleanup();
    }
  });
});
