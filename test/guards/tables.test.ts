// Every table the migrations create has an owner and is either backed up or left out on purpose
// (docs/adding-a-module.md): a new module's table that nobody declared would otherwise be silently
// missing from every backup. Run on both engines, over a freshly migrated database.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Migrator, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../../src/platform/db/database.js';
import { migrateToLatest, openDatabase } from '../../src/platform/db/database.js';
import { install, type GongkaiModule, type Installation } from '../../src/platform/module.js';
import { modules } from '../../src/app/modules.js';
import {
  describeEachEngine,
  freshDatabaseUrl,
  openTestDatabase,
  testInstallation,
} from '../harness/engines.js';

/** SQLite keeps an FTS5 table's data in shadow tables named after it. */
const fts5Shadow = /^(.+)_(data|idx|docsize|config|content)$/;

/** Tables in the database that no installed module declares, and declared tables missing from it. */
export async function undeclaredTables(
  db: Kysely<unknown>,
  installation: Installation,
): Promise<{ undeclared: string[]; missing: string[] }> {
  const present = (await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name);
  const owned = (t: string) =>
    installation.tableOwners.has(t) || installation.rawTables.has(t.match(fts5Shadow)?.[1] ?? '');
  const undeclared = present.filter((t) => !owned(t)).sort();
  // Raw tables are engine-specific structures (SQLite's FTS5): present on one engine only.
  const missing = [...installation.tableOwners.keys()]
    .filter((t) => !installation.rawTables.has(t) && !present.includes(t))
    .sort();
  return { undeclared, missing };
}

describeEachEngine('every table has an owner and a backup decision', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  before(async () => {
    h = await openTestDatabase(engine);
  });
  after(async () => h.cleanup());

  it('has no table the modules do not declare, and every declared table exists', async () => {
    const { undeclared, missing } = await undeclaredTables(h.db as Kysely<unknown>, testInstallation);
    assert.deepEqual(undeclared, []);
    assert.deepEqual(missing, []);
  });

  it('declares every table backed up or left out with a reason', () => {
    for (const [table] of testInstallation.tableOwners) {
      const backedUp = testInstallation.backupTables.some((b) => b.table === table);
      const reason = testInstallation.notBackedUp.get(table);
      assert.ok(backedUp !== Boolean(reason), `${table}: backed up, or a reason it is not — exactly one`);
      if (reason) assert.match(reason, /[\u4e00-\u9fff]/, `${table}: the reason is written for people`);
    }
  });

  it('fails for a module whose migration creates a table its manifest leaves out', async () => {
    const careless: GongkaiModule = {
      name: 'careless',
      label: '疏忽的模块',
      migrations: {
        '9001-careless': {
          up: async (db) => {
            await db.schema
              .createTable('careless_note')
              .addColumn('id', 'text', (c) => c.primaryKey())
              .execute();
          },
        },
      },
    };
    const installation = install([...modules, careless]);
    await migrateToLatest(h.db, installation.migrations);
    const { undeclared } = await undeclaredTables(h.db as Kysely<unknown>, installation);
    assert.deepEqual(undeclared, ['careless_note']);
    await h.db.schema.dropTable('careless_note').execute();
    await h.db
      .deleteFrom('schema_migration' as never)
      .where('name' as never, '=', '9001-careless' as never)
      .execute();
  });

  it('upgrades a database migrated before the modules owned their migrations', async () => {
    // Such a database ran 0001 … 0017 under their old names, 0001-foundation, 0006-appeal-handler
    // and 0008-notification-jobs whole; the parts split out of them since are new names to it and
    // must change nothing, and the migrations added since (0018-job …) must run after them.
    const { url, cleanup } = freshDatabaseUrl(engine);
    const old = await openDatabase(url);
    try {
      const migrator = new Migrator({
        db: old.db,
        provider: { getMigrations: async () => ({ ...testInstallation.migrations }) },
        migrationTableName: 'schema_migration',
        migrationLockTableName: 'schema_migration_lock',
        allowUnorderedMigrations: true,
      });
      assert.ifError((await migrator.migrateTo('0017-annual-report')).error);
      const split = [
        '0001-foundation-accounts',
        '0001-foundation-audit',
        '0006-appeal-handler-request',
        '0008-notification-jobs-run',
      ];
      await old.db
        .deleteFrom('schema_migration' as never)
        .where('name' as never, 'in', split as never)
        .execute();
      const result = await migrateToLatest(old.db, testInstallation.migrations);
      const ran = result.results?.map((r) => [r.migrationName, r.status]) ?? [];
      assert.deepEqual(
        ran.slice(0, split.length),
        split.map((n) => [n, 'Success']),
        'the split-out parts run first, as no-ops',
      );
      assert.ok(ran.every(([, status]) => status === 'Success'));
      const { undeclared, missing } = await undeclaredTables(old.db as Kysely<unknown>, testInstallation);
      assert.deepEqual({ undeclared, missing }, { undeclared: [], missing: [] });
    } finally {
      await old.close();
      await cleanup();
    }
  });
});
