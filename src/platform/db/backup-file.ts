import { createHmac, hkdfSync, timingSafeEqual, type Hmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Engine } from './database.js';

/**
 * The backup file (docs/backup.md): a gzip of JSON lines. Line 1 is the header, then one
 * `{"t": table, "r": row}` line per row, then (version 2) a last line
 * `{"format":"gongkai-backup-mac","hmac":…,"rows":N}` whose HMAC-SHA-256 covers every byte of
 * the decompressed lines before it. The MAC is over the decompressed text, so gzipping again
 * changes nothing, and editing anything (a value, a count, the header) is found.
 *
 * The key is derived from the installation's secret (GONGKAI_SECRET) with HKDF and a label of its
 * own, never the secret itself, so a backup reveals nothing about the key that signs cookies.
 */

export class BackupError extends Error {}

export const BACKUP_FORMAT = 'gongkai-backup';
export const MAC_FORMAT = 'gongkai-backup-mac';
export const BACKUP_VERSION = 2;

export interface MacDeclaration {
  alg: 'HMAC-SHA256';
  kdf: 'HKDF-SHA256';
  info: 'backup-mac/v1';
  /** Tells "another installation's key" from "changed content"; reveals nothing of the key. */
  keyId: string;
}

export interface Header {
  format: typeof BACKUP_FORMAT;
  version: 1 | 2;
  engine: Engine;
  migrations: string[];
  createdAt: string;
  counts: Record<string, number>;
  /** Version 2 only. */
  mac?: MacDeclaration;
}

export interface Trailer {
  format: typeof MAC_FORMAT;
  hmac: string;
  rows: number;
}

/** The secret an installation signs its backups with: GONGKAI_SECRET, at least 32 characters. */
export class BackupKey {
  readonly #key: Buffer;
  readonly keyId: string;

  constructor(secret: string) {
    // Named, never echoed: this message reaches terminals.
    if (secret.length < 32) throw new BackupError('备份密钥（GONGKAI_SECRET）至少 32 个字符');
    this.#key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'gongkai', 'backup-mac/v1', 32));
    this.keyId = createHmac('sha256', this.#key).update('gongkai-backup-key-id').digest('hex').slice(0, 16);
  }

  declaration(): MacDeclaration {
    return { alg: 'HMAC-SHA256', kdf: 'HKDF-SHA256', info: 'backup-mac/v1', keyId: this.keyId };
  }

  hmac(): Hmac {
    return createHmac('sha256', this.#key);
  }
}

/** Binary values (attachments) travel as {"$bytes": base64} in the JSON lines. */
export function encodeRow(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = v instanceof Uint8Array ? { $bytes: Buffer.from(v).toString('base64') } : v;
  return out;
}

/**
 * The row as it is inserted. Text holding NUL (U+0000), which SQLite stored before the input
 * doors took control characters out and PostgreSQL refuses, loses it; `onNul` names the column.
 */
export function decodeRow(
  row: Record<string, unknown>,
  onNul: (column: string) => void,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const bytes = v && typeof v === 'object' ? (v as { $bytes?: unknown }).$bytes : undefined;
    if (typeof bytes === 'string') out[k] = Buffer.from(bytes, 'base64');
    else if (typeof v === 'string' && v.includes('\u0000')) {
      out[k] = v.replaceAll('\u0000', '');
      onNul(k);
    } else out[k] = v;
  }
  return out;
}

interface Line {
  no: number;
  bytes: Buffer;
}

/** The decompressed lines of `file`, each without its line feed; read errors named as such. */
async function* readLines(file: string): AsyncGenerator<Line> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (e: NodeJS.ErrnoException) =>
    gunzip.destroy(
      new BackupError(
        e.code === 'ENOENT' ? `找不到备份文件 ${file}` : `无法读取备份文件 ${file}（${e.code ?? e.message}）`,
      ),
    ),
  );
  source.pipe(gunzip);
  let pending: Buffer[] = [];
  let no = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
        pending.push(chunk.subarray(start, nl));
        yield { no: ++no, bytes: pending.length === 1 ? pending[0]! : Buffer.concat(pending) };
        pending = [];
        start = nl + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(
      `备份文件 ${file} 不是 gzip 格式或已截断（${e instanceof Error ? e.message : String(e)}）`,
    );
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (pending.length) yield { no: ++no, bytes: Buffer.concat(pending) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseLine(file: string, line: Line): unknown {
  let text: string;
  try {
    text = utf8.decode(line.bytes);
  } catch {
    throw new BackupError(`备份文件第 ${line.no} 行不是有效的 UTF-8 文本（${file}）`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BackupError(`备份文件第 ${line.no} 行不是有效的 JSON（${file}）`);
  }
}

export interface ScanOptions {
  key: BackupKey;
  /** The key was given for this restore (another installation's), not the installation's own. */
  explicitKey?: boolean;
  /** Restore a version 1 backup, which has no MAC. */
  acceptUnsigned?: boolean;
  /** The tables a backup may hold. */
  tables: ReadonlySet<string>;
}

export interface Scanned {
  header: Header;
  counts: Record<string, number>;
}

/**
 * Reads the whole backup once, checking as it goes: gzip, UTF-8 and JSON of every line, the
 * header, known tables, the MAC over everything before the MAC line, and the row counts. Each
 * data row is handed to `onRow` as it is read; a restore gives one inside its transaction, so a
 * file changed between the check and the restore still rolls back. Throws BackupError.
 */
export async function scanBackup(
  file: string,
  opts: ScanOptions,
  onHeader?: (header: Header) => Promise<void> | void,
  onRow?: (table: string, row: Record<string, unknown>, line: { no: number; bytes: number }) => Promise<void>,
): Promise<Scanned> {
  const lines = readLines(file);
  const first = await lines.next();
  if (first.done) throw new BackupError(`备份文件 ${file} 是空的`);
  const header = parseLine(file, first.value) as Header;
  if (!header || typeof header !== 'object' || header.format !== BACKUP_FORMAT)
    throw new BackupError(`${file} 不是 gongkai 备份：首行不是备份说明`);
  if (header.version !== 1 && header.version !== 2)
    throw new BackupError(
      `备份文件 ${file} 的格式版本（${String(header.version)}）本平台不认识：请用生成它的平台版本或更新的版本恢复`,
    );
  const signed = header.version === 2;
  const mac = signed ? opts.key.hmac() : null;
  if (!signed && !opts.acceptUnsigned)
    throw new BackupError(
      `备份文件 ${file} 是旧格式（第 1 版），没有校验码，无法确认内容未被改动；如确信它来自本单位且保管妥当，请加 --accept-unsigned 恢复`,
    );
  const whose = opts.explicitKey ? '所给的密钥' : '本平台的密钥';
  const ours = opts.explicitKey ? '所给密钥' : '本平台密钥';
  if (signed && header.mac?.keyId !== opts.key.keyId)
    throw new BackupError(
      `备份文件 ${file} 不是用${whose}生成的（备份的密钥标识 ${String(header.mac?.keyId ?? '无')}，${ours}的标识 ${opts.key.keyId}）；如是另一套平台的备份，请用 --secret-file 或 --secret-env 提供那套平台的 GONGKAI_SECRET`,
    );
  if (!Array.isArray(header.migrations) || !header.counts || typeof header.counts !== 'object')
    throw new BackupError(`备份文件 ${file} 的首行缺少数据库结构或行数`);
  await onHeader?.(header);
  mac?.update(first.value.bytes).update('\n');

  const counts: Record<string, number> = {};
  let rows = 0;
  let trailer: Trailer | null = null;
  for await (const line of lines) {
    if (line.bytes.length === 0) {
      mac?.update('\n');
      continue;
    }
    const value = parseLine(file, line) as { t?: unknown; r?: unknown; format?: unknown };
    if (trailer)
      throw new BackupError(`备份文件第 ${line.no} 行在校验行之后：校验行必须是最后一行（${file}）`);
    if (signed && value && value.format === MAC_FORMAT) {
      trailer = value as Trailer;
      continue;
    }
    mac?.update(line.bytes).update('\n');
    const { t, r } = value ?? {};
    if (typeof t !== 'string' || !r || typeof r !== 'object' || Array.isArray(r))
      throw new BackupError(`备份文件第 ${line.no} 行不是数据行（${file}）`);
    if (!opts.tables.has(t)) throw new BackupError(`备份文件第 ${line.no} 行属于未知的表 ${t}（${file}）`);
    counts[t] = (counts[t] ?? 0) + 1;
    rows++;
    await onRow?.(t, r as Record<string, unknown>, { no: line.no, bytes: line.bytes.length });
  }

  if (mac) {
    if (!trailer)
      throw new BackupError(`备份文件 ${file} 不完整：缺少末尾的校验行（文件可能被截断），未作任何改动`);
    const expected = mac.digest();
    const given =
      typeof trailer.hmac === 'string' && /^[0-9a-f]{64}$/.test(trailer.hmac)
        ? Buffer.from(trailer.hmac, 'hex')
        : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected) || trailer.rows !== rows)
      throw new BackupError(
        `备份文件校验失败：内容被改动过（${file} 的校验码与内容不符），未作任何改动。备份生成后只要有一处被修改、删减或拼接，都会这样`,
      );
  }
  for (const table of new Set([...Object.keys(header.counts), ...Object.keys(counts)])) {
    const n = header.counts[table] ?? 0;
    if ((counts[table] ?? 0) !== n)
      throw new BackupError(`备份不完整：表 ${table} 应有 ${n} 行，读到 ${counts[table] ?? 0} 行（${file}）`);
  }
  return { header, counts };
}
