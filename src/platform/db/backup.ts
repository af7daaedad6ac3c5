import { createReadStream, createWriteStream } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Installation } from '../module.js';
import type { Database } from './schema.js';
import { appliedMigrations, type Db, type Engine } from './database.js';

/**
 * Logical backups, the same on both engines: a gzip of JSON lines, a header line then one line
 * per row, tables in parent-first order. A backup taken on SQLite restores onto PostgreSQL and
 * back, which is also how an office moves from the embedded database to a server.
 */

interface Header {
  format: 'gongkai-backup';
  version: 1;
  engine: Engine;
  migrations: string[];
  createdAt: string;
  counts: Record<string, number>;
}

const PAGE = 1000;

export async function backupDatabase(
  db: Db,
  engine: Engine,
  file: string,
  now: Date,
  installation: Pick<Installation, 'backupTables'>,
): Promise<Record<string, number>> {
  const { backupTables } = installation;
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
        format: 'gongkai-backup',
        version: 1,
        engine,
        migrations,
        createdAt: now.toISOString(),
        counts,
      };

      async function* lines(): AsyncGenerator<string> {
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
              for (const r of rows) yield JSON.stringify({ t: table, r: encodeRow(r) }) + '\n';
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
              for (const r of rows) yield JSON.stringify({ t: table, r: encodeRow(r) }) + '\n';
              if (rows.length < page) break;
            }
          }
        }
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
      return counts;
    });
}

export class BackupError extends Error {}

/** Binary values (attachments) travel as {"$bytes": base64} in the JSON lines. */
function encodeRow(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = v instanceof Uint8Array ? { $bytes: Buffer.from(v).toString('base64') } : v;
  return out;
}

function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const bytes = v && typeof v === 'object' ? (v as { $bytes?: unknown }).$bytes : undefined;
    out[k] = typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : v;
  }
  return out;
}

/**
 * Replaces every backed-up table's content with the backup's, in one transaction: either the
 * whole backup is restored or nothing changes. Tables not in backups are emptied (sessions: everyone
 * logs in again), except derived data, which its module rebuilds (ensureDerivedData).
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  installation: Pick<Installation, 'backupTables' | 'notBackedUp' | 'derivedTables'>,
): Promise<Record<string, number>> {
  const { backupTables, notBackedUp, derivedTables } = installation;
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = input[Symbol.asyncIterator]();
  let first: IteratorResult<string>;
  try {
    first = await iterator.next();
  } catch {
    throw new BackupError(`无法读取备份文件 ${file}：不是 gongkai 备份（gzip 格式）`);
  }
  if (first.done) throw new BackupError(`备份文件 ${file} 为空`);
  let header: Header;
  try {
    header = JSON.parse(first.value) as Header;
  } catch {
    throw new BackupError(`备份文件 ${file} 的首行不是有效的备份说明`);
  }
  if (header.format !== 'gongkai-backup' || header.version !== 1)
    throw new BackupError(`备份文件 ${file} 不是 gongkai 备份`);
  const current = await appliedMigrations(db);
  if (current.join(',') !== header.migrations.join(',')) {
    throw new BackupError(
      `备份的数据库结构（${header.migrations.at(-1) ?? '无'}）与当前数据库（${current.at(-1) ?? '无'}）不一致，请先升级到相同版本`,
    );
  }
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
      };
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        if (!next.value.trim()) continue;
        const { t, r } = JSON.parse(next.value) as { t: keyof Database; r: Record<string, unknown> };
        if (!backupTables.some((b) => b.table === t))
          throw new BackupError(`备份中出现未知的表 ${String(t)}`);
        if (!batch || batch.table !== t) {
          await flush();
          batch = { table: t, rows: [] };
        }
        batch.rows.push(decodeRow(r));
        counts[t] = (counts[t] ?? 0) + 1;
        batchBytes += next.value.length;
        if (batch.rows.length >= 200 || batchBytes > 16 * 1024 * 1024) {
          await flush();
          batchBytes = 0;
        }
      }
      await flush();
      for (const [table, n] of Object.entries(header.counts)) {
        if ((counts[table] ?? 0) !== n)
          throw new BackupError(`备份不完整：表 ${table} 应有 ${n} 行，读到 ${counts[table] ?? 0} 行`);
      }
    });
  } catch (e) {
    if (e instanceof BackupError) throw e;
    // A cut-off or corrupted file: nothing was changed (the transaction rolled back).
    throw new BackupError(
      `备份文件 ${file} 已损坏或不完整，未作任何改动（${e instanceof Error ? e.message : String(e)}）`,
    );
  }
  return counts;
}
