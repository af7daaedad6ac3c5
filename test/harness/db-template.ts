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
 * A run of the whole suite (or a tier) also gets a template with the whole demo loaded
 * (`demoTemplateOf`): `startTestApp(engine, { operations2020: true, content: true })` without a
 * clock of its own copies it instead of loading the demo again (3–5 s a database, 0.2 s a copy).
 *
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * The run's template with the whole demo loaded (`startTestApp`'s `operations2020` and `content`,
 * about 3 s on SQLite and 5 s on PostgreSQL a database), if the run built one today: the demo's
 * dates follow the day it was loaded (a letter 75 days old, a record published this week), so a
 * template built before midnight in Beijing is not used after it.
 */
export function demoTemplateOf(engine: Engine, today: string): string | undefined {
  const name =
    engine === 'postgres'
      ? process.env.GONGKAI_TEST_PG_DEMO_TEMPLATE
      : process.env.GONGKAI_TEST_SQLITE_DEMO_TEMPLATE;
  const dateFile = process.env.GONGKAI_TEST_DEMO_DATE_FILE;
  if (!name || !dateFile || !existsSync(dateFile)) return undefined;
  return readFileSync(dateFile, 'utf8').trim() === today ? name : undefined;
}

/** The secret of the test apps (`startTestApp`): the demo template's personal data is sealed with it. */
export const TEST_APP_SECRET = 'test-secret-test-secret-test-secret-0123';

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
  // The demo templates only save time: without them each test loads the demo itself.
  await buildDemoTemplates(pgName, sqliteFile).catch((e: unknown) =>
    console.log(
      `NOTICE: the demo template databases were not built; each test loads the demo itself. ${String(e)}`,
    ),
  );
}

/** The demo templates (`demoTemplateOf`), copies of the migrated ones with the whole demo loaded. */
async function buildDemoTemplates(pgName: string | undefined, sqliteFile: string | undefined): Promise<void> {
  const dateFile = process.env.GONGKAI_TEST_DEMO_DATE_FILE;
  if (!dateFile) return;
  const { createContainer, cliActor } = await import('../../src/app/container.js');
  const { demo } = await import('../../src/modules/demo/index.js');
  const { beijingDate } = await import('../../src/platform/clock.js');
  const today = beijingDate(new Date());
  const load = async (url: string) => {
    const container = await createContainer({
      env: { DATABASE_URL: url, GONGKAI_SECRET: TEST_APP_SECRET, LOG_LEVEL: 'silent' },
    });
    try {
      await demo.load(container.ctx(cliActor()), { operations2020: true, content: true });
    } finally {
      await container.close();
    }
  };
  const builds: Promise<void>[] = [];
  const pgDemo = process.env.GONGKAI_TEST_PG_DEMO_TEMPLATE;
  if (pgName && pgDemo)
    builds.push(
      (async () => {
        await createPostgresFromTemplate(pgDemo, pgName);
        const url = new URL(process.env.GONGKAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
        url.pathname = `/${pgDemo}`;
        await load(url.toString());
        const client = await adminClient();
        try {
          await client.query(`alter database ${quote(pgDemo)} with is_template true allow_connections false`);
        } finally {
          await client.end();
        }
      })(),
    );
  const sqliteDemo = process.env.GONGKAI_TEST_SQLITE_DEMO_TEMPLATE;
  if (sqliteFile && sqliteDemo)
    builds.push(
      (async () => {
        copySqliteTemplate(sqliteFile, sqliteDemo);
        await load(`sqlite:${sqliteDemo}`);
        if (existsSync(`${sqliteDemo}-wal`))
          throw new Error(`${sqliteDemo}-wal was left beside the template`);
      })(),
    );
  await Promise.all(builds);
  // Written last: without it (a build that failed half-way) no test uses a demo template.
  writeFileSync(dateFile, `${today}\n`);
}
