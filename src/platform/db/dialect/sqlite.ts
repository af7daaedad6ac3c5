import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

/**
 * Embedded engine. WAL lets the CLI read while the server writes; foreign keys are off by
 * default in SQLite and must be switched on per connection; the busy timeout makes a second
 * process wait for the write lock instead of failing at once.
 */
export function sqliteDialect(file: string): { dialect: SqliteDialect; raw: SQLite.Database } {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // Loaded when a SQLite database is first opened: a server on PostgreSQL never loads it.
  const Driver = createRequire(import.meta.url)('better-sqlite3') as typeof SQLite;
  const raw = new Driver(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  return { dialect: new SqliteDialect({ database: raw }), raw };
}

export function sqliteIsUniqueViolation(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
