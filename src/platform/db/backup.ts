import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Installation } from '../module.js';
import type { Database } from './schema.js';
import { appliedMigrations, type Db, type Engine } from './database.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  BackupKey,
  decodeRow,
  encodeRow,
  MAC_FORMAT,
  scanBackup,
  type Header,
  type Trailer,
} from './backup-file.js';

export { BackupError } from './backup-file.js';

/**
 * Logical backups, the same on both engines: a gzip of JSON lines, a header line then one line
 * per row, tables in parent-first order, then a line with the HMAC of all that (backup-file.ts,
 * docs/backup.md). A backup taken on SQLite restores onto PostgreSQL and back, which is also how
 * an office moves from the embedded database to a server.
 */

export interface BackupOptions {
  /** The installation's secret (GONGKAI_SECRET): the backup's MAC key is derived from it. */
  secret: string;
}

const PAGE = 1000;

export async function backupDatabase(
  db: Db,
  engine: Engine,
  file: string,
  now: Date,
  installation: Pick<Installation, 'backupTables'>,
  opts: BackupOptions,
): Promise<Record<string, number>> {
  const { backupTables } = installation;
  const key = new BackupKey(opts.secret);
  // One snapshot for counts and rows alike, so a backup taken while the server writes is
  // consistent and restorable: REPEATABLE READ on PostgreSQL; on SQLite (WAL) a read
  // transaction sees one snapshot until it ends.
  return db
    .transaction()
    .setIsolationLevel(engine === 'postgres' ? 'repeatable read' : 'serializable')
    .execute(async (tx) => {
      const migrations = await appliedMigrations(tx);
      const counts: Record<string, number> = {};
      for (const { table } of backupTables) {
        const row = await tx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow();
        counts[table] = Number(row.n);
      }
      const header: Header = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        engine,
        migrations,
        createdAt: now.toISOString(),
        counts,
        mac: key.declaration(),
      };
      const mac = key.hmac();
      let rowLines = 0;

      async function* lines(): AsyncGenerator<string> {
        for await (const line of rowsOf()) {
          mac.update(line, 'utf8');
          yield line;
        }
        const trailer: Trailer = { format: MAC_FORMAT, hmac: mac.digest('hex'), rows: rowLines };
        yield JSON.stringify(trailer) + '\n';
      }

      async function* rowsOf(): AsyncGenerator<string> {
        yield JSON.stringify(header) + '\n';
        for (const { table, orderBy, key = 'id', page = PAGE } of backupTables) {
          if (orderBy === 'id' && key === 'id') {
            // Keyset paging on text ids: large tables (the audit log) stay linear.
            let after = '';
            for (;;) {
              const rows = await tx
                .selectFrom(table)
                .selectAll()
                .where(sql.ref('id'), '>', after)
                .orderBy(sql.ref('id'))
                .limit(page)
                .execute();
              for (const r of rows) {
                rowLines++;
                yield JSON.stringify({ t: table, r: encodeRow(r) }) + '\n';
              }
              if (rows.length < page) break;
              after = (rows.at(-1) as unknown as { id: string }).id;
            }
          } else {
            for (let offset = 0; ; offset += page) {
              const rows = await tx
                .selectFrom(table)
                .selectAll()
                .orderBy(sql.ref(orderBy))
                .orderBy(sql.ref(key))
                .limit(page)
                .offset(offset)
                .execute();
              for (const r of rows) {
                rowLines++;
                yield JSON.stringify({ t: table, r: encodeRow(r) }) + '\n';
              }
              if (rows.length < page) break;
            }
          }
        }
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
      return counts;
    });
}

export interface RestoreOptions {
  /** The secret the backup was signed with: this installation's GONGKAI_SECRET, or another's. */
  secret: string;
  /** `secret` was given for this restore (another installation's), not this installation's own. */
  explicitSecret?: boolean;
  /** Restore a version 1 backup (made before backups were signed), which cannot be verified. */
  acceptUnsigned?: boolean;
}

export interface RestoreResult {
  counts: Record<string, number>;
  /** What the operator should know: an unverified backup, NUL characters taken out. */
  warnings: string[];
  version: 1 | 2;
  engine: Engine;
  createdAt: string;
}

/** Warnings beyond this many NUL findings are summed up in one line. */
const MAX_NUL_WARNINGS = 100;

/**
 * Replaces every backed-up table's content with the backup's, in one transaction: either the
 * whole backup is restored or nothing changes. Tables not in backups are emptied (sessions: everyone
 * logs in again), except derived data, which its module rebuilds (ensureDerivedData).
 *
 * The file is read twice. The first pass checks it whole (gzip, JSON, MAC, counts) and writes
 * nothing; the second restores it inside the transaction and checks it all again, so a file
 * changed in between rolls back instead of half-restoring.
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  installation: Pick<Installation, 'backupTables' | 'notBackedUp' | 'derivedTables'>,
  opts: RestoreOptions,
): Promise<RestoreResult> {
  const { backupTables, notBackedUp, derivedTables } = installation;
  const scan = {
    key: new BackupKey(opts.secret),
    explicitKey: opts.explicitSecret,
    acceptUnsigned: opts.acceptUnsigned,
    tables: new Set<string>(backupTables.map((b) => b.table)),
  };
  const { header } = await scanBackup(file, scan);
  const current = await appliedMigrations(db);
  if (current.join(',') !== header.migrations.join(',')) {
    throw new BackupError(
      `备份的数据库结构（${header.migrations.at(-1) ?? '无'}）与当前数据库（${current.at(-1) ?? '无'}）不一致，请先升级到相同版本`,
    );
  }
  const warnings: string[] = [];
  if (header.version === 1)
    warnings.push(
      `备份文件 ${file} 是旧格式（第 1 版），没有校验码，未能确认内容未被改动（按 --accept-unsigned 恢复）`,
    );
  const keyOf = new Map(backupTables.map((b) => [b.table as string, b.key ?? 'id']));
  let nulFound = 0;
  const counts: Record<string, number> = {};
  try {
    await db.transaction().execute(async (tx) => {
      // Tables kept out of backups (sessions, job runs) describe the data being replaced: they are
      // emptied, so everyone logs in again. Derived data is left to its module, which rebuilds it
      // after the restore (ensureDerivedData).
      for (const table of notBackedUp.keys())
        if (!derivedTables.has(table)) await tx.deleteFrom(table as keyof Database).execute();
      for (const { table } of [...backupTables].reverse()) await tx.deleteFrom(table).execute();
      let batch: { table: keyof Database; rows: Record<string, unknown>[] } | null = null;
      let batchBytes = 0;
      const flush = async (): Promise<void> => {
        if (!batch || batch.rows.length === 0) return;
        // Rows are inserted exactly as they were stored; the table name comes from the known list.
        await tx
          .insertInto(batch.table)
          .values(batch.rows as never)
          .execute();
        batch.rows = [];
        batchBytes = 0;
      };
      await scanBackup(file, scan, undefined, async (t, r, line) => {
        const table = t as keyof Database;
        if (!batch || batch.table !== table) {
          await flush();
          batch = { table, rows: [] };
        }
        const key = keyOf.get(t) ?? 'id';
        batch.rows.push(
          decodeRow(r, (column) => {
            if (++nulFound > MAX_NUL_WARNINGS) return;
            warnings.push(
              `表 ${t} 的一行（${key} = ${String(r[key]).replaceAll('\u0000', '')}，备份文件第 ${line.no} 行）的 ${column} 列含有 NUL 字符（\\u0000），恢复时已删去`,
            );
          }),
        );
        counts[t] = (counts[t] ?? 0) + 1;
        batchBytes += line.bytes;
        if (batch.rows.length >= 200 || batchBytes > 16 * 1024 * 1024) await flush();
      });
      await flush();
    });
  } catch (e) {
    if (e instanceof BackupError) throw e;
    // The file checked out, but the database would not take a row: nothing was changed (the
    // transaction rolled back), and the database's own words say why.
    throw new BackupError(
      `备份文件 ${file} 的数据无法写入当前数据库，未作任何改动（${e instanceof Error ? e.message : String(e)}）`,
    );
  }
  if (nulFound > MAX_NUL_WARNINGS)
    warnings.push(
      `另有 ${nulFound - MAX_NUL_WARNINGS} 处 NUL 字符（\\u0000）恢复时已删去（共 ${nulFound} 处）`,
    );
  return { counts, warnings, version: header.version, engine: header.engine, createdAt: header.createdAt };
}
