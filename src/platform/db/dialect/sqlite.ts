import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { SqliteDialect, sql } from 'kysely';
import type { Executor } from '../database.js';
import { isPostgres } from './postgres.js';

const require = createRequire(import.meta.url);

/**
 * This process's open connections to database files, each known to SQL as `gongkai_connection()`:
 * so that code holding only a transaction can reach its connection (checkpointAfterCommit).
 */
const connections = new Map<number, { raw: SQLite.Database; file: string }>();
let lastConnection = 0;

/**
 * Embedded engine. WAL lets the CLI read while the server writes; foreign keys are off by
 * default in SQLite and must be switched on per connection; the busy timeout makes a second
 * process wait for the write lock instead of failing at once.
 */
export function sqliteDialect(file: string): { dialect: SqliteDialect; raw: SQLite.Database } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // Loaded when a SQLite database is first opened: a server on PostgreSQL never loads it.
  const Driver = require('better-sqlite3') as typeof SQLite;
  const raw = new Driver(file);
  // Pages of 8 KiB instead of 4: a search_doc row (about 2.4 KB) no longer takes a page to itself,
  // so a million records' index is 5.0 GB instead of 6 and a rebuild is a fifth faster. Set before anything is written, so
  // it holds for a new database only; an existing one keeps its page size (ADR 0014).
  raw.pragma('page_size = 8192');
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  const id = ++lastConnection;
  raw.function('gongkai_connection', { deterministic: true }, () => id);
  for (const [k, c] of connections) if (!c.raw.open) connections.delete(k);
  if (file !== ':memory:') connections.set(id, { raw, file });
  return { dialect: new SqliteDialect({ database: raw }), raw };
}

// Run in a worker thread: a checkpoint on a connection of its own (PASSIVE: it waits for no
// reader or writer; what a reader still needs is copied at the next checkpoint).
const checkpointer = `
const { workerData } = require('node:worker_threads');
const Driver = require(workerData.driver);
const db = new Driver(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('wal_checkpoint(PASSIVE)');
db.close();
`;

/**
 * After a write of gigabytes (a search index rebuild of a million records), copying the WAL into
 * the database file takes as long as writing it: 23 s. SQLite does it inside the commit, on the
 * connection's thread, which is the event loop: the server would answer nothing meanwhile. So this
 * transaction's connection stops checkpointing by itself; once the transaction has ended
 * (committed or not), a worker thread checkpoints on a connection of its own, and the connection's
 * own checkpoints resume (every 1,000 pages, SQLite's default). `done` settles when that is
 * done; a database in memory, or on PostgreSQL, has nothing to do.
 */
export async function checkpointAfterCommit(db: Executor): Promise<{ done: Promise<void> }> {
  if (isPostgres(db)) return { done: Promise.resolve() }; // the server's checkpointer does it
  const { rows } = await sql<{ id: number }>`select gongkai_connection() as id`.execute(db);
  const c = connections.get(Number(rows[0]?.id));
  if (!c) return { done: Promise.resolve() };
  c.raw.pragma('wal_autocheckpoint = 0');
  const done = new Promise<void>((resolve) => {
    const resume = () => {
      if (c.raw.open) c.raw.pragma('wal_autocheckpoint = 1000');
      resolve();
    };
    const timer = setInterval(() => {
      if (!c.raw.open) {
        clearInterval(timer);
        resolve();
        return;
      }
      if (c.raw.inTransaction) return;
      clearInterval(timer);
      const worker = new Worker(checkpointer, {
        eval: true,
        workerData: { file: c.file, driver: require.resolve('better-sqlite3') },
      });
      // A failed checkpoint loses nothing: the connection's own checkpoints take over.
      worker.once('error', () => undefined);
      worker.once('exit', resume);
    }, 50);
  });
  return { done };
}

export function sqliteIsUniqueViolation(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
