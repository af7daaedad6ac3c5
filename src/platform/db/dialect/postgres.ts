import { createRequire } from 'node:module';
import type pgTypes from 'pg';
import { PostgresAdapter, PostgresDialect, sql, type Kysely, type SelectQueryBuilder } from 'kysely';

const INT8 = 20;

/**
 * The driver, loaded when a PostgreSQL database is first opened: an installation on SQLite never
 * loads it (about 10 MB of a server's memory). pg is CommonJS, so it loads synchronously.
 */
let driver: typeof pgTypes | undefined;
const pgDriver = (): typeof pgTypes => (driver ??= createRequire(import.meta.url)('pg') as typeof pgTypes);

/**
 * bigint (counts, sums of integers) is parsed into a number once, here, as SQLite returns it:
 * pg hands it over as a string by default, which would leak an engine difference into every
 * repository. Values beyond 2^53 cannot be counts or amounts in fen; they fail loudly.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? (value: string) => {
          const n = Number(value);
          if (!Number.isSafeInteger(n))
            throw new RangeError(`bigint ${value} exceeds the safe integer range`);
          return n;
        }
      : pgDriver().types.getTypeParser(oid, format)) as typeof pgTypes.types.getTypeParser,
};

/**
 * Server engine. Timestamps are stored as text, so no Date parsing differences reach the code;
 * bigints arrive as numbers (above).
 */
export function postgresDialect(url: string): { dialect: PostgresDialect; pool: pgTypes.Pool } {
  const pool = new (pgDriver().Pool)({ connectionString: url, max: 10, types });
  // An idle connection the server closes (restart, failover, a dropped test database) must not
  // bring the process down: the pool replaces it at the next checkout, and a query in flight
  // still fails with its own error.
  pool.on('error', () => undefined);
  return { dialect: new UrlDialect(pool, url), pool };
}

/** Each database's URL, by its adapter (which its transactions share). */
const urls = new WeakMap<object, string>();

class UrlDialect extends PostgresDialect {
  constructor(
    pool: pgTypes.Pool,
    private readonly url: string,
  ) {
    super({ pool });
  }
  override createAdapter() {
    const adapter = super.createAdapter();
    urls.set(adapter, this.url);
    return adapter;
  }
}

/** Connections beside a database's own; `close` ends them (see `openSideConnections`). */
export interface SideConnections {
  clients: pgTypes.Client[];
  close(): Promise<void>;
}

/**
 * Connections of the database `db` belongs to, beside its own (which may be in a transaction):
 * for work that runs in parallel on the server, such as a rebuild's index builds. They commit on
 * their own. They are outside the pool, so a full pool cannot keep them waiting, and they end
 * with `close`, so no session setting of theirs outlives the work.
 */
export async function openSideConnections<DB>(db: Kysely<DB>, count: number): Promise<SideConnections> {
  const url = urls.get(db.getExecutor().adapter);
  if (!url) throw new Error('side connections need a database opened by openDatabase');
  const clients: pgTypes.Client[] = [];
  const close = async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
  };
  try {
    for (let i = 0; i < count; i++) {
      const client = new (pgDriver().Client)({ connectionString: url, types });
      // As for the pool: a connection the server closes fails its query, not the process.
      client.on('error', () => undefined);
      await client.connect();
      clients.push(client);
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { clients, close };
}

/** Creates the database named in the URL if it does not exist (for first start and tests). */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new (pgDriver().Client)({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new (pgDriver().Client)({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  } finally {
    await client.end();
  }
}

export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Takes a transaction-scoped advisory lock named `name` (released at commit or rollback). */
export async function postgresSerialize<DB>(db: Kysely<DB>, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(db);
}

export function postgresIsUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/**
 * Locks the selected rows until the transaction ends, passing over rows another transaction
 * holds, so that workers claiming jobs at once take different rows and never wait on each other.
 */
export function postgresSkipLocked<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return qb.forUpdate().skipLocked();
}
