import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/platform/access.js';
import { backupDatabase, BackupError, restoreDatabase } from '../../src/platform/db/backup.js';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../src/platform/db/database.js';
import { agencies } from '../../src/modules/agencies/index.js';
import { demo } from '../../src/modules/demo/index.js';
import {
  describeEachEngine,
  engines,
  openTestDatabase,
  testCtx,
  testInstallation,
} from '../harness/engines.js';

async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const { table, key = 'id' } of testInstallation.backupTables) {
    const rows = await db.selectFrom(table).selectAll().orderBy(sql.ref(key)).execute();
    // Integers come back as numbers on both engines; normalise anyway so a driver change shows up as a diff, not a crash.
    out[table] = rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
    );
  }
  return out;
}

/** This test installation's secret: backups are signed with a key derived from it. */
const key = { secret: 'backup-test-secret-backup-test-secret-0123' };

const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describeEachEngine('backup and restore', (engine) => {
  let source: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    source = await openTestDatabase(engine);
    const ctx = testCtx(source, systemActor('测试'));
    await demo.load(ctx);
    const gxj = await agencies.resolve(ctx, '市工信局');
    await agencies.rename(ctx, gxj.id, {
      name: '晋江市工业和信息化局（更名测试）',
      effectiveDate: '2026-03-02',
      reason: '测试',
    });
  });
  after(async () => source.cleanup());

  it('round-trips every table exactly onto an empty database of the same engine', async () => {
    const file = join(dir, `same-${engine}.gkbackup`);
    const counts = await backupDatabase(
      source.db,
      source.engine,
      file,
      new Date('2026-03-02T00:00:00Z'),
      testInstallation,
      key,
    );
    assert.ok(counts.agency! >= 40 && counts.staff_user === 6 && counts.audit_event! > 40);
    const target = await openTestDatabase(engine);
    try {
      await restoreDatabase(target.db, file, testInstallation, key);
      assert.deepEqual(await dump(target.db), await dump(source.db));
    } finally {
      await target.cleanup();
    }
  });

  for (const other of engines().filter((e) => e !== engine)) {
    it(`moves the data onto ${other} unchanged`, async () => {
      const file = join(dir, `cross-${engine}.gkbackup`);
      await backupDatabase(source.db, source.engine, file, new Date(), testInstallation, key);
      const target = await openTestDatabase(other);
      try {
        await restoreDatabase(target.db, file, testInstallation, key);
        assert.deepEqual(await dump(target.db), await dump(source.db));
      } finally {
        await target.cleanup();
      }
    });
  }

  it('refuses a damaged or foreign file and leaves the data as it was', async () => {
    const target = await openTestDatabase(engine);
    try {
      await restoreDatabase(target.db, join(dir, `same-${engine}.gkbackup`), testInstallation, key);
      const beforeDump = await dump(target.db);
      const junk = join(dir, 'junk.gkbackup');
      writeFileSync(junk, 'not a backup');
      await assert.rejects(restoreDatabase(target.db, junk, testInstallation, key), BackupError);
      assert.deepEqual(await dump(target.db), beforeDump);
    } finally {
      await target.cleanup();
    }
  });

  it('takes a consistent backup while the server keeps writing', async () => {
    // The writer's i-th update sets the fax to faxOf(i) and appends one agency.update audit
    // event in the same transaction. A consistent snapshot holds the same number k of those
    // events and updates, so after restore the fax is faxOf(k - 1).
    //
    // Overlap: the writer has its own connection (a second handle on the same database, as a
    // second server process would). Sharing `source` would prove nothing on SQLite, whose one
    // connection serialises every transaction, so the backup would simply run between two
    // updates. With two connections on SQLite (WAL), the writer's commits land between the
    // backup's reads, on this one thread, while the backup's read transaction is open; on
    // PostgreSQL they are two sessions. Either way the backup's reads must not see them.
    const faxOf = (i: number) => `0595-8${String(i).padStart(7, '0')}`;
    const file = join(dir, `busy-${engine}.gkbackup`);
    const writerHandle = await openDatabase(source.url);
    const ctx = testCtx(writerHandle, systemActor('写入'));
    const gov = await agencies.resolve(ctx, '晋江市人民政府');
    const updatesOfGov = (db: Db) =>
      db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('action', '=', 'agency.update')
        .where('subject_id', '=', gov.id)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    const earlier = await updatesOfGov(source.db);

    let committed = 0;
    let stop = false;
    let finished = false;
    let warmedUp!: () => void;
    const running = new Promise<void>((resolve) => (warmedUp = resolve));
    const writer = (async () => {
      for (let i = 0; !stop && i < 100_000; i++) {
        await agencies.update(ctx, gov.id, { fax: faxOf(i) });
        committed = i + 1;
        if (committed === 3) warmedUp();
        // One update per turn of the event loop, as a server's requests come: on SQLite every
        // statement completes synchronously, so without this the writer would hold the thread.
        await nextTurn();
      }
    })().finally(() => (finished = true));
    try {
      await Promise.race([
        running,
        writer.then(() => assert.fail('the writer stopped before its third update')),
      ]);
      const atStart = committed;
      assert.equal(finished, false, 'the writer is still running when the backup begins');
      await backupDatabase(source.db, source.engine, file, new Date(), testInstallation, key);
      const atEnd = committed;
      const writerOutlivedBackup = !finished;
      stop = true;
      await writer;
      assert.ok(writerOutlivedBackup, 'the writer is still running when the backup ends');
      assert.ok(
        atEnd > atStart,
        `updates were committed while the backup ran (${atStart} before it, ${atEnd} when it ended)`,
      );

      const target = await openTestDatabase(engine);
      try {
        await restoreDatabase(target.db, file, testInstallation, key);
        const k = (await updatesOfGov(target.db)) - earlier;
        assert.ok(
          k >= atStart && k <= atEnd,
          `the snapshot is of a moment during the backup: ${k} updates, ${atStart}..${atEnd} expected`,
        );
        const restored = await target.db
          .selectFrom('agency')
          .select('fax')
          .where('id', '=', gov.id)
          .executeTakeFirstOrThrow();
        assert.equal(
          restored.fax,
          faxOf(k - 1),
          `the fax of the ${k}th update, the last the audit log holds`,
        );
      } finally {
        await target.cleanup();
      }
    } finally {
      stop = true;
      await writer.catch(() => {});
      await writerHandle.close();
    }
  });

  it('refuses a backup cut off part-way, changing nothing', async () => {
    const whole = readFileSync(join(dir, `same-${engine}.gkbackup`));
    const cut = join(dir, `cut-${engine}.gkbackup`);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const target = await openTestDatabase(engine);
    try {
      await restoreDatabase(target.db, join(dir, `same-${engine}.gkbackup`), testInstallation, key);
      const beforeDump = await dump(target.db);
      await assert.rejects(
        restoreDatabase(target.db, cut, testInstallation, key),
        (e: unknown) => e instanceof BackupError && /不是 gzip 格式或已截断/.test(e.message),
      );
      assert.deepEqual(await dump(target.db), beforeDump);
    } finally {
      await target.cleanup();
    }
  });
});
