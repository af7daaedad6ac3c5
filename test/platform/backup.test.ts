import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { systemActor } from '../../src/platform/access.js';
import { backupDatabase, BackupError, restoreDatabase } from '../../src/platform/db/backup.js';
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.js';
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
    );
    assert.ok(counts.agency! >= 40 && counts.staff_user === 6 && counts.audit_event! > 40);
    const target = await openTestDatabase(engine);
    try {
      await restoreDatabase(target.db, file, testInstallation);
      assert.deepEqual(await dump(target.db), await dump(source.db));
    } finally {
      await target.cleanup();
    }
  });

  for (const other of engines().filter((e) => e !== engine)) {
    it(`moves the data onto ${other} unchanged`, async () => {
      const file = join(dir, `cross-${engine}.gkbackup`);
      await backupDatabase(source.db, source.engine, file, new Date(), testInstallation);
      const target = await openTestDatabase(other);
      try {
        await restoreDatabase(target.db, file, testInstallation);
        assert.deepEqual(await dump(target.db), await dump(source.db));
      } finally {
        await target.cleanup();
      }
    });
  }

  it('refuses a damaged or foreign file and leaves the data as it was', async () => {
    const target = await openTestDatabase(engine);
    try {
      await restoreDatabase(target.db, join(dir, `same-${engine}.gkbackup`), testInstallation);
      const beforeDump = await dump(target.db);
      const junk = join(dir, 'junk.gkbackup');
      writeFileSync(junk, 'not a backup');
      await assert.rejects(restoreDatabase(target.db, junk, testInstallation), BackupError);
      assert.deepEqual(await dump(target.db), beforeDump);
    } finally {
      await target.cleanup();
    }
  });

  it('takes a consistent backup while the server keeps writing', async () => {
    const file = join(dir, `busy-${engine}.gkbackup`);
    const ctx = testCtx(source, systemActor('写入'));
    const gov = await agencies.resolve(ctx, '晋江市人民政府');
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing && i < 200; i++)
        await agencies.update(ctx, gov.id, { fax: `0595-8${String(i).padStart(7, '0')}` });
    })();
    await backupDatabase(source.db, source.engine, file, new Date(), testInstallation);
    writing = false;
    await writer;
    const target = await openTestDatabase(engine);
    try {
      await restoreDatabase(target.db, file, testInstallation);
    } finally {
      await target.cleanup();
    }
  });

  it('refuses a backup cut off part-way, changing nothing', async () => {
    const whole = readFileSync(join(dir, `same-${engine}.gkbackup`));
    const cut = join(dir, `cut-${engine}.gkbackup`);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const target = await openTestDatabase(engine);
    try {
      await restoreDatabase(target.db, join(dir, `same-${engine}.gkbackup`), testInstallation);
      const beforeDump = await dump(target.db);
      await assert.rejects(
        restoreDatabase(target.db, cut, testInstallation),
        (e: unknown) => e instanceof BackupError && /已损坏或不完整|不完整/.test(e.message),
      );
      assert.deepEqual(await dump(target.db), beforeDump);
    } finally {
      await target.cleanup();
    }
  });
});
