import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../src/platform/access.js';
import { backupDatabase, BackupError, restoreDatabase } from '../../src/platform/db/backup.js';
import type { Db } from '../../src/platform/db/database.js';
import { agencies, type Agency } from '../../src/modules/agencies/index.js';
import { describeEachEngine, openTestDatabase, testCtx, testInstallation } from '../harness/engines.js';

/**
 * Backups you can trust (issue 12): every backup carries an HMAC keyed from the installation's
 * secret; a changed, cut-off or foreign backup is refused before anything is written; an old
 * (version 1) backup restores only when asked to, and the NUL characters SQLite once stored are
 * taken out with a warning instead of failing on PostgreSQL as "damaged".
 */

const SECRET = 'backup-test-secret-of-this-installation-0001';
const OTHER_SECRET = 'backup-test-secret-of-another-installation-02';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-mac-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The decompressed lines of a backup file (without the final empty string). */
function linesOf(file: string): string[] {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  return text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
}

function writeLines(file: string, lines: string[]): void {
  writeFileSync(file, gzipSync(lines.map((l) => `${l}\n`).join('')));
}

/** What a backup made before this change looked like: version 1, no key id, no MAC line. */
function asVersion1(lines: string[]): string[] {
  const header = JSON.parse(lines[0]!) as Record<string, unknown>;
  header.version = 1;
  delete header.mac;
  const rows = lines.slice(1).filter((l) => !l.includes('"format":"gongkai-backup-mac"'));
  return [JSON.stringify(header), ...rows];
}

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { table } of testInstallation.backupTables) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}

async function agencyNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('agency').select('name').orderBy(sql.ref('name')).execute();
  return rows.map((r) => r.name);
}

describeEachEngine('backups carry a MAC', (engine) => {
  let source: Awaited<ReturnType<typeof openTestDatabase>>;
  let target: Awaited<ReturnType<typeof openTestDatabase>>;
  let gov: Agency;
  let police: Agency;
  const signed = join(dir, `signed-${engine}.gkbackup`);

  before(async () => {
    source = await openTestDatabase(engine);
    target = await openTestDatabase(engine);
    const ctx = testCtx(source, systemActor('测试'));
    gov = await agencies.create(ctx, { name: '晋江市人民政府', level: 'county', kind: 'peoplesGovernment' });
    police = await agencies.create(ctx, {
      parentId: gov.id,
      name: '晋江市公安局',
      level: 'county',
      kind: 'governmentDepartment',
    });
    await backupDatabase(
      source.db,
      source.engine,
      signed,
      new Date('2026-03-02T00:00:00Z'),
      testInstallation,
      {
        secret: SECRET,
      },
    );
  });
  after(async () => {
    await source.cleanup();
    await target.cleanup();
  });

  /** Restores the good backup into the target, then expects `file` refused with `message`, changing nothing. */
  async function refusedUnchanged(
    file: string,
    message: RegExp,
    opts: { secret?: string; acceptUnsigned?: boolean } = {},
  ): Promise<void> {
    await restoreDatabase(target.db, signed, testInstallation, { secret: SECRET });
    await target.db
      .updateTable('agency')
      .set({ name: '恢复前改过的名称' })
      .where('id', '=', police.id)
      .execute();
    const before = { counts: await counts(target.db), names: await agencyNames(target.db) };
    assert.ok(before.names.includes('恢复前改过的名称'), 'the target differs from the backup');
    await assert.rejects(
      restoreDatabase(target.db, file, testInstallation, { secret: SECRET, ...opts }),
      (e: unknown) => {
        assert.ok(e instanceof BackupError, String(e));
        assert.match(e.message, message);
        return true;
      },
    );
    const now = { counts: await counts(target.db), names: await agencyNames(target.db) };
    assert.deepEqual(now, before, 'nothing was written');
  }

  it('ends with a MAC line over everything before it, and round-trips with the same secret', async () => {
    const lines = linesOf(signed);
    const header = JSON.parse(lines[0]!) as { version: number; mac: { alg: string; keyId: string } };
    assert.equal(header.version, 2);
    assert.equal(header.mac.alg, 'HMAC-SHA256');
    const trailer = JSON.parse(lines.at(-1)!) as { format: string; hmac: string; rows: number };
    assert.equal(trailer.format, 'gongkai-backup-mac');
    assert.match(trailer.hmac, /^[0-9a-f]{64}$/);
    assert.equal(trailer.rows, lines.length - 2);
    assert.ok(!readFileSync(signed).includes(Buffer.from(SECRET)), 'the secret is not in the file');

    const r = await restoreDatabase(target.db, signed, testInstallation, { secret: SECRET });
    assert.equal(r.version, 2);
    assert.deepEqual(r.warnings, []);
    assert.equal(r.counts.agency, 2);
    assert.deepEqual(await agencyNames(target.db), await agencyNames(source.db));
  });

  it('refuses a backup with one value changed and gzipped again, writing nothing', async () => {
    const lines = linesOf(signed);
    const i = lines.findIndex((l) => l.includes('晋江市公安局') && l.startsWith('{"t":"agency"'));
    assert.ok(i > 0);
    lines[i] = lines[i]!.replace('晋江市公安局', '晋江市国安局');
    const edited = join(dir, `edited-${engine}.gkbackup`);
    writeLines(edited, lines);
    await refusedUnchanged(edited, /备份文件校验失败：内容被改动过/);
  });

  it('refuses a backup whose header counts were edited to match rows taken out', async () => {
    const lines = linesOf(signed);
    const header = JSON.parse(lines[0]!) as { counts: Record<string, number> };
    const i = lines.findIndex((l) => l.includes(police.id) && l.startsWith('{"t":"agency"'));
    header.counts.agency = 1;
    const trailer = JSON.parse(lines.at(-1)!) as { rows: number };
    trailer.rows -= 1;
    const forged = [JSON.stringify(header), ...lines.slice(1, -1).filter((_, k) => k + 1 !== i)];
    forged.push(JSON.stringify(trailer));
    const file = join(dir, `forged-${engine}.gkbackup`);
    writeLines(file, forged);
    await refusedUnchanged(file, /备份文件校验失败/);
  });

  it('refuses a backup cut off: in the gzip stream, or at a line and gzipped again', async () => {
    const whole = readFileSync(signed);
    const cut = join(dir, `cut-${engine}.gkbackup`);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.7)));
    await refusedUnchanged(cut, /不是 gzip 格式或已截断/);

    const lines = linesOf(signed);
    const short = join(dir, `short-${engine}.gkbackup`);
    writeLines(short, lines.slice(0, -3));
    await refusedUnchanged(short, /不完整.*缺少末尾的校验行/);
  });

  it('refuses lines added after the MAC line', async () => {
    const lines = linesOf(signed);
    const extra = join(dir, `extra-${engine}.gkbackup`);
    writeLines(extra, [...lines, lines[1]!]);
    await refusedUnchanged(extra, /校验行之后/);
  });

  it('refuses another installation’s backup unless its secret is given, then restores it', async () => {
    const foreign = join(dir, `foreign-${engine}.gkbackup`);
    await backupDatabase(source.db, source.engine, foreign, new Date(), testInstallation, {
      secret: OTHER_SECRET,
    });
    await refusedUnchanged(foreign, /不是用本平台的密钥生成的.*--secret-file/);
    const r = await restoreDatabase(target.db, foreign, testInstallation, { secret: OTHER_SECRET });
    assert.equal(r.counts.agency, 2);
    assert.deepEqual(await agencyNames(target.db), await agencyNames(source.db));
  });

  it('rolls back when the file is changed between the check and the restore', async () => {
    // The first pass checks the whole file and writes nothing; the second restores it inside the
    // transaction and checks the MAC again. Swap the file for an edited copy as soon as the
    // transaction starts deleting: the restore must fail and leave the data as it was.
    const swapped = join(dir, `swapped-${engine}.gkbackup`);
    writeFileSync(swapped, readFileSync(signed));
    const edited = linesOf(signed).map((l) => l.replace('晋江市公安局', '晋江市国安局'));
    let armed = false;
    let swaps = 0;
    const racing = await openTestDatabase(engine, {
      onQuery: (q) => {
        if (armed && swaps === 0 && /^delete from "agency"/.test(q)) {
          swaps++;
          writeLines(swapped, edited);
        }
      },
    });
    try {
      await restoreDatabase(racing.db, signed, testInstallation, { secret: SECRET });
      const before = { counts: await counts(racing.db), names: await agencyNames(racing.db) };
      armed = true;
      await assert.rejects(
        restoreDatabase(racing.db, swapped, testInstallation, { secret: SECRET }),
        /备份文件校验失败/,
      );
      assert.equal(swaps, 1, 'the file was swapped after the check, inside the transaction');
      assert.deepEqual({ counts: await counts(racing.db), names: await agencyNames(racing.db) }, before);
      assert.ok(before.names.includes('晋江市公安局'));
    } finally {
      await racing.cleanup();
    }
  });

  it('refuses a secret shorter than 32 characters by name, never echoing it', async () => {
    await assert.rejects(
      restoreDatabase(target.db, signed, testInstallation, { secret: 'short-secret' }),
      (e: unknown) =>
        e instanceof BackupError && /至少 32 个字符/.test(e.message) && !e.message.includes('short-secret'),
    );
  });

  it('restores a version 1 backup only with acceptUnsigned, and warns that it was not verified', async () => {
    const old = join(dir, `v1-${engine}.gkbackup`);
    writeLines(old, asVersion1(linesOf(signed)));
    await refusedUnchanged(old, /旧格式（第 1 版）.*没有校验码.*--accept-unsigned/);
    const r = await restoreDatabase(target.db, old, testInstallation, {
      secret: SECRET,
      acceptUnsigned: true,
    });
    assert.equal(r.version, 1);
    assert.equal(r.counts.agency, 2);
    assert.ok(
      r.warnings.some((w) => /没有校验码/.test(w)),
      r.warnings.join('\n'),
    );
  });

  it('restores an old backup holding NUL characters, taking them out with a warning naming table, row and column', async () => {
    // SQLite stored NUL before the input doors took control characters out; PostgreSQL refuses
    // NUL in text, and the restore called such a backup "damaged".
    const lines = asVersion1(linesOf(signed));
    const i = lines.findIndex((l) => l.includes(police.id) && l.startsWith('{"t":"agency"'));
    const row = JSON.parse(lines[i]!) as { t: string; r: Record<string, unknown> };
    row.r.name = '晋江市\u0000公安局';
    row.r.short_name = '\u0000';
    lines[i] = JSON.stringify(row);
    const file = join(dir, `nul-${engine}.gkbackup`);
    writeLines(file, lines);
    const r = await restoreDatabase(target.db, file, testInstallation, {
      secret: SECRET,
      acceptUnsigned: true,
    });
    const restored = await target.db
      .selectFrom('agency')
      .select(['name', 'short_name'])
      .where('id', '=', police.id)
      .executeTakeFirstOrThrow();
    assert.equal(restored.name, '晋江市公安局');
    assert.equal(restored.short_name, '');
    const nul = r.warnings.filter((w) => w.includes('NUL'));
    assert.equal(nul.length, 2, r.warnings.join('\n'));
    assert.ok(nul[0]!.includes('agency') && nul[0]!.includes(police.id) && nul[0]!.includes('name'), nul[0]);
    assert.ok(nul[1]!.includes('short_name'), nul[1]);
  });

  it('names a file that is not gzip, and a line that is not JSON, instead of calling it damaged', async () => {
    const junk = join(dir, `junk-${engine}.gkbackup`);
    writeFileSync(junk, 'not a backup at all');
    await refusedUnchanged(junk, /不是 gzip 格式或已截断/);

    const lines = asVersion1(linesOf(signed));
    lines[2] = lines[2]!.slice(0, -5);
    const broken = join(dir, `broken-${engine}.gkbackup`);
    writeLines(broken, lines);
    await refusedUnchanged(broken, /备份文件第 3 行不是有效的 JSON/, { acceptUnsigned: true });

    await refusedUnchanged(join(dir, 'missing.gkbackup'), /找不到备份文件/);
  });
});
