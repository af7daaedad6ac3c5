import {
  Kysely,
  Migrator,
  sql,
  type ColumnDataType,
  type LogEvent,
  type Migration,
  type MigrationResultSet,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { Database } from './schema.js';
import { sqliteDialect } from './dialect/sqlite.js';
import {
  ensurePostgresDatabase,
  isPostgres,
  postgresDialect,
  postgresIsUniqueViolation,
  postgresSerialize,
  postgresSkipLocked,
} from './dialect/postgres.js';
import { sqliteIsUniqueViolation } from './dialect/sqlite.js';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/** Either the database or a transaction on it: repositories accept both. */
export type Executor = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  url: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Called with the SQL of every query run (not its parameters): for tests that count queries,
   * e.g. that a page makes the same number however many rows it shows.
   */
  onQuery?: (sql: string, durationMs: number) => void;
}

/** Opens the database named by DATABASE_URL (`sqlite:<file>` or `postgres://…`). */
export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<DatabaseHandle> {
  const onQuery = opts.onQuery;
  const log = onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query') onQuery(event.query.sql, event.queryDurationMillis);
      }
    : undefined;
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    const { dialect } = sqliteDialect(file);
    const db = new Kysely<Database>({ dialect, log });
    return { db, engine: 'sqlite', url, close: () => db.destroy() };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    await ensurePostgresDatabase(url);
    const { dialect } = postgresDialect(url);
    const db = new Kysely<Database>({ dialect, log });
    return { db, engine: 'postgres', url, close: () => db.destroy() };
  }
  throw new Error(`DATABASE_URL 无法识别：应以 sqlite: 或 postgres:// 开头`);
}

/**
 * The migrator over an installation's migrations (every module's, sorted by name). Unordered
 * migrations are allowed: a module added to an existing installation brings migrations whose
 * names may sort before ones already run, and each migration only touches its own tables.
 */
function migrator(db: Executor, migrations: Readonly<Record<string, Migration>>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
    allowUnorderedMigrations: true,
  });
}

/** Brings the schema up to date; running it again changes nothing. */
export async function migrateToLatest(
  db: Db,
  migrations: Readonly<Record<string, Migration>>,
): Promise<MigrationResultSet> {
  const result = await migrator(db, migrations).migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}

/** Names of the migrations applied, in name order (what a backup records and a restore compares). */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from schema_migration`.execute(db);
  return rows.map((r) => r.name).sort();
}

/**
 * Adds a column unless the table has it: for migrations split out of older ones, which run on
 * databases that may already have the change.
 */
export async function addColumnIfMissing(
  db: Kysely<unknown>,
  table: string,
  column: string,
  type: ColumnDataType,
): Promise<void> {
  const tables = await db.introspection.getTables();
  const found = tables.find((t) => t.name === table);
  if (found?.columns.some((c) => c.name === column)) return;
  await db.schema.alterTable(table).addColumn(column, type).execute();
}

/**
 * Serialises changes of one kind (e.g. the shape of the agency tree) across connections for the
 * rest of the transaction. On PostgreSQL a transaction-scoped advisory lock; SQLite already
 * admits one writer at a time, and a transaction that read stale rows fails when it writes.
 */
export async function serializeWithin(tx: Executor, name: string): Promise<void> {
  if (!tx.isTransaction) throw new Error('serializeWithin must run inside a transaction');
  if (isPostgres(tx)) await postgresSerialize(tx, name);
}

/**
 * The rows a claim selects (`update … where id in (<this select>)`), taken by one claimant
 * only. PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent claims take different rows without
 * waiting. SQLite admits one writer at a time and runs the whole update under the write lock,
 * so the select needs nothing (ADR 0008).
 */
export function claimableRows<DB, TB extends keyof DB, O>(
  db: Executor,
  qb: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? postgresSkipLocked(qb) : qb;
}

/** Did a write fail on a unique constraint (a value someone else just took)? */
export function isUniqueViolation(e: unknown): boolean {
  return sqliteIsUniqueViolation(e) || postgresIsUniqueViolation(e);
}

/**
 * A case-insensitive "contains" condition that treats % and _ in the user's text literally and
 * behaves the same on both engines (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
 */
export function containsText(column: string, needle: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${likeEscape(needle.toLowerCase())}%`} escape '\\'`;
}

/** A "starts with" condition (e.g. a materialised path) that treats % and _ literally. */
export function startsWith(column: string, prefix: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${`${likeEscape(prefix)}%`} escape '\\'`;
}

/** The one LIKE escape of the code base: backslash before \\, % and _ (use with `escape '\\'`). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
