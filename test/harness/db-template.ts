/**
 * Migrated template databases for one test run. Migrating a fresh database through every
 * module's migrations takes about 4 s on PostgreSQL (a few hundred DDL statements) and half a
 * second on SQLite, and the suite makes hundreds of fresh databases; copying a migrated one
 * (`CREATE DATABASE … TEMPLATE …`, or copying the SQLite file) takes a fraction of that.
 *
 * scripts/test.mjs builds the templates once per run, before any test file starts, by running
 * this file, and passes their names to the test processes in GONGKAI_TEST_PG_TEMPLATE and
 * GONGKAI_TEST_SQLITE_TEMPLATE; it removes them when the run ends. A template is used only for
 * the migrations it was built with (those of `testInstallation`, the same objects), and
 * `openTestDatabase` and `startTestApp` still run `migrateToLatest` on the copy, which finds
 * nothing to do: a test sees the same schema and rows either way. Without the variables (a test
 * file run on its own with `node --test`) every fresh database is migrated as before.
 *
 */
import { copyFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Migration } from 'kysely';
import type pgTypes from 'pg';
import type { Engine } from '../../src/platform/db/database.js';

/** Where the run's templates are, if it has them. */
export function templateOf(engine: Engine): string | undefined {
  const name =
    engine === 'postgres' ? process.env.GONGKAI_TEST_PG_TEMPLATE : process.env.GONGKAI_TEST_SQLITE_TEMPLATE;
  return name || undefined;
}

/** Whether `migrations` are exactly the ones the templates were built with (same names, same objects). */
export function sameMigrations(
  a: Readonly<Record<string, Migration>>,
  b: Readonly<Record<string, Migration>>,
): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A client on the server's maintenance database (the one GONGKAI_TEST_PG_URL names). */
async function adminClient(): Promise<pgTypes.Client> {
  const pg = createRequire(import.meta.url)('pg') as typeof pgTypes;
  const client = new pg.Client({
    connectionString: process.env.GONGKAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await client.connect();
  return client;
}

/** Creates the PostgreSQL database `name` as a copy of the template `template`. */
export async function createPostgresFromTemplate(name: string, template: string): Promise<void> {
  const client = await adminClient();
  try {
    await client.query(`create database ${quote(name)} template ${quote(template)}`);
  } finally {
    await client.end();
  }
}

/** Copies the SQLite template to `file` (the template is closed: no WAL beside it). */
export function copySqliteTemplate(template: string, file: string): void {
  copyFileSync(template, file);
}

/** Builds the templates the variables name (scripts/test.mjs runs it, and removes them after the run). */
export async function buildTemplates(): Promise<void> {
  // Imported here, not at the top: the test processes import this file only for the helpers.
  const { migrateToLatest, openDatabase } = await import('../../src/platform/db/database.js');
  const { testInstallation } = await import('./engines.js');
  const pgName = templateOf('postgres');
  if (pgName) {
    const url = new URL(process.env.GONGKAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = `/${pgName}`;
    const handle = await openDatabase(url.toString());
    try {
      await migrateToLatest(handle.db, testInstallation.migrations);
    } finally {
      await handle.close();
    }
    // A template no session may open by mistake: CREATE DATABASE … TEMPLATE refuses a
    // template someone is connected to.
    const client = await adminClient();
    try {
      await client.query(`alter database ${quote(pgName)} with is_template true allow_connections false`);
    } finally {
      await client.end();
    }
  }
  const sqliteFile = templateOf('sqlite');
  if (sqliteFile) {
    const handle = await openDatabase(`sqlite:${sqliteFile}`);
    await migrateToLatest(handle.db, testInstallation.migrations);
    // Closing the last connection checkpoints the WAL into the file and removes it, so the
    // file alone is the whole database.
    await handle.close();
    if (existsSync(`${sqliteFile}-wal`)) throw new Error(`${sqliteFile}-wal was left beside the template`);
  }
}
