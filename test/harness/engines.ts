import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'node:test';
import { systemActor, type Actor } from '../../src/platform/access.js';
import { FixedClock } from '../../src/platform/clock.js';
import { FieldCipher } from '../../src/platform/crypto.js';
import { modules } from '../../src/app/modules.js';
import { install, type Installation } from '../../src/platform/module.js';

/** The data key of the test suite; personal data in test databases is encrypted with it. */
export const testCipher = new FieldCipher('gongkai-test-data-key-not-for-production');

/** Every module of the platform, installed as the server installs them (src/app/modules.ts). */
export const testInstallation: Installation = install(modules, loadConfig({}));

/** Every module, installed with these settings in the environment (e.g. a module's own keys). */
export function installationWith(env: Record<string, string>): Installation {
  return install(modules, loadConfig({}), env);
}
import type { Ctx } from '../../src/platform/context.js';
import { loadConfig } from '../../src/platform/config/config.js';
import {
  migrateToLatest,
  openDatabase,
  type DatabaseHandle,
  type OpenOptions,
  type Engine,
} from '../../src/platform/db/database.js';
import { dropPostgresDatabase } from '../../src/platform/db/dialect/postgres.js';
import { copySqliteTemplate, createPostgresFromTemplate, sameMigrations, templateOf } from './db-template.js';

/** Engines this run covers; scripts/test.mjs sets it (both when PostgreSQL answers). */
export function engines(): Engine[] {
  const raw = process.env.GONGKAI_TEST_ENGINES ?? 'sqlite';
  return raw
    .split(',')
    .map((e) => e.trim())
    .filter((e): e is Engine => e === 'sqlite' || e === 'postgres');
}

/** A database URL of a fresh, empty database on `engine`, and how to remove it afterwards. */
export function freshDatabaseUrl(engine: Engine): { url: string; cleanup: () => Promise<void> } {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
    return {
      url: `sqlite:${join(dir, 'test.db')}`,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = new URL(process.env.GONGKAI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/gk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = base.toString();
  return { url, cleanup: () => dropPostgresDatabase(url) };
}

/**
 * A database URL of a fresh database on `engine` that already has `installation`'s migrations
 * when the run built a migrated template of them (test/harness/db-template.ts: scripts/test.mjs
 * builds one per engine and run), and is otherwise fresh and empty as `freshDatabaseUrl`'s.
 * The caller migrates it either way; on a copy of the template that finds nothing to do.
 */
export async function freshMigratedDatabaseUrl(
  engine: Engine,
  installation: Installation = testInstallation,
): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const template = templateOf(engine);
  if (!template || !sameMigrations(installation.migrations, testInstallation.migrations))
    return freshDatabaseUrl(engine);
  return copyOfTemplate(engine, template);
}

/** A fresh database on `engine` that is a copy of the run's template `template`. */
export async function copyOfTemplate(
  engine: Engine,
  template: string,
): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const fresh = freshDatabaseUrl(engine);
  if (engine === 'sqlite') copySqliteTemplate(template, fresh.url.slice('sqlite:'.length));
  else await createPostgresFromTemplate(decodeURIComponent(new URL(fresh.url).pathname.slice(1)), template);
  return fresh;
}

export interface TestDatabaseOptions extends OpenOptions {
  installation?: Installation;
}

/**
 * A fresh database on `engine`, migrated with every module's migrations (or `installation`'s).
 * `onQuery` sees every query, the migrations' too (on a copy of the run's migrated template,
 * only the migrator's check that nothing is left to run): count from after the setup you need.
 */
export async function openTestDatabase(
  engine: Engine,
  opts: Installation | TestDatabaseOptions = {},
): Promise<DatabaseHandle & { cleanup: () => Promise<void> }> {
  const { installation = testInstallation, ...open }: TestDatabaseOptions =
    'migrations' in opts ? { installation: opts as Installation } : opts;
  const { url, cleanup } = await freshMigratedDatabaseUrl(engine, installation);
  const handle = await openDatabase(url, open);
  await migrateToLatest(handle.db, installation.migrations);
  return {
    ...handle,
    cleanup: async () => {
      await handle.close();
      await cleanup();
    },
  };
}

/** Runs the same suite once per engine, named `<name> [sqlite]`, `<name> [postgres]`. */
export function describeEachEngine(name: string, fn: (engine: Engine) => void): void {
  for (const engine of engines()) describe(`${name} [${engine}]`, () => fn(engine));
}

export function testCtx(
  handle: DatabaseHandle,
  actor: Actor = systemActor('测试'),
  clock = new FixedClock('2026-03-02T01:00:00Z'),
  installation: Installation = testInstallation,
): Ctx & { clock: FixedClock } {
  return { actor, clock, db: handle.db, ip: '127.0.0.1', cipher: testCipher, modules: installation };
}
