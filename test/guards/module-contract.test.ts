// Adding a module is shown, not claimed: the fixture module test/fixtures/modules/notes (one
// table, one page, one command, one job) is added with one folder and the one line below, and
// appears in the routes, the CLI, the worker and backups — no shared file knows it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { runCli } from '../../src/app/cli.js';
import { cliActor, createContainer, settingsOf, type Container } from '../../src/app/container.js';
import { workbenchPanels } from '../../src/modules/accounts/index.js';
import { ConfigError, configDoc } from '../../src/platform/config/config.js';
import { modules } from '../../src/app/modules.js';
import { buildWeb } from '../../src/app/web.js';
import { createAppWorker } from '../../src/app/worker.js';
import { install, ModuleContractError } from '../../src/platform/module.js';
import { notesModule } from '../fixtures/modules/notes/module.js';
import { describeEachEngine, freshDatabaseUrl } from '../harness/engines.js';
import { foreignTableUses } from '../harness/table-scan.js';

// The one line: the platform's list plus the new module.
const withNotes = [...modules, notesModule];

describeEachEngine('adding a module: one folder and one line', (engine) => {
  let db: ReturnType<typeof freshDatabaseUrl>;
  let restored: ReturnType<typeof freshDatabaseUrl>;
  let c: Container;
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-contract-'));
  const env = (url: string) => ({
    DATABASE_URL: url,
    GONGKAI_SECRET: 'test-secret-test-secret-test-secret-0123',
    GONGKAI_DATA_KEY: 'gongkai-test-data-key-not-for-production',
    LOG_LEVEL: 'silent',
  });
  const gongkai = async (url: string, ...argv: string[]) => {
    const r = { code: 0, out: '', err: '' };
    await runCli(
      argv,
      {
        env: env(url),
        out: (l) => (r.out += `${l}\n`),
        err: (l) => (r.err += `${l}\n`),
        setExitCode: (n) => (r.code = n),
      },
      withNotes,
    );
    return r;
  };

  before(async () => {
    db = freshDatabaseUrl(engine);
    restored = freshDatabaseUrl(engine);
    c = await createContainer({ env: env(db.url), modules: withNotes });
  });
  after(async () => {
    await c.close();
    await db.cleanup();
    await restored.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates its table and runs its command', async () => {
    const add = await gongkai(db.url, 'notes', 'add', '第一条便签');
    assert.equal(add.code, 0, add.err);
    assert.match(add.out, /已新增便签/);
    assert.match((await gongkai(db.url, 'notes', 'count')).out, /共 1 条便签/);
    assert.match((await gongkai(db.url, '--help')).out, /notes\s+便签/);
    const listed = (await gongkai(db.url, 'modules')).out;
    assert.match(listed, /便签（示例模块）（notes）\n {2}数据表：fixture_note\n {2}后台任务：清点便签/);
  });

  it('serves its page beside every other module’s', async () => {
    const app = await buildWeb(c, { logger: false });
    try {
      const page = await app.inject({ method: 'GET', url: '/notes' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="gk-title">便签<\/h1>/);
      assert.match(page.body, /第一条便签/);
      assert.equal(
        (await app.inject({ method: 'GET', url: '/apply' })).statusCode,
        200,
        'the others are there',
      );
    } finally {
      await app.close();
    }
  });

  it('adds its panel to the 工作台 through the manifest’s workbench extension point', async () => {
    const panels = await workbenchPanels(c.ctx(cliActor()));
    const notes = panels.find((p) => p.key === 'notes');
    assert.deepEqual(notes?.items, [{ label: '全部便签', count: 1, href: '/notes' }]);
    assert.deepEqual(
      panels.map((p) => p.order),
      [...panels.map((p) => p.order)].sort((a, b) => a - b),
      'in page order, the other modules’ panels beside it',
    );
    assert.ok(panels.some((p) => p.key === 'requests'));
  });

  it('runs its job in the worker, once per day', async () => {
    const first = await createAppWorker(c).drain();
    const tally = first.find((o) => o.name === 'notes.tally');
    assert.deepEqual([tally?.state, tally?.result], ['done', '共 1 条便签']);
    const again = await createAppWorker(c).drain();
    assert.equal(again.filter((o) => o.name === 'notes.tally').length, 0, 'once a day, however many workers');
  });

  it('is in the backup, and comes back on restore', async () => {
    const file = join(dir, `notes-${engine}.gkbackup`);
    const backup = await gongkai(db.url, 'db', 'backup', file);
    assert.equal(backup.code, 0, backup.err);
    assert.match(backup.out, /fixture_note 1/);
    assert.equal((await gongkai(restored.url, 'db', 'migrate')).code, 0);
    const restore = await gongkai(restored.url, 'db', 'restore', file, '--yes');
    assert.equal(restore.code, 0, restore.err);
    assert.match((await gongkai(restored.url, 'notes', 'count')).out, /共 1 条便签/);
  });

  it('passes the table-ownership guard like every module of src/modules', () => {
    const fixture = join(import.meta.dirname, '..', 'fixtures', 'modules', 'notes');
    assert.deepEqual(foreignTableUses(c.installation.tableOwners, [['notes', fixture]]), []);
    // The scan sees the module's table where it is used (its migration's create and drop, the
    // service's insert and select): it is not vacuous here.
    assert.deepEqual(
      foreignTableUses(new Map([...c.installation.tableOwners, ['fixture_note', 'someone-else']]), [
        ['notes', fixture],
      ]).map((u) => u.table),
      ['fixture_note', 'fixture_note', 'fixture_note', 'fixture_note'],
    );
  });

  it('labels its audit actions on the audit-log page', () => {
    assert.equal(c.installation.auditActionLabel('note.add'), '新增便签');
  });
});

it('documents and checks every installed module’s settings with the platform’s', async () => {
  const doc = configDoc(settingsOf(modules));
  for (const row of [
    '| `SESSION_IDLE_MINUTES` | `30` |',
    '| `SESSION_MAX_HOURS` | `12` |',
    '| `LOGIN_MAX_FAILURES` | `5` |',
    '| `LOGIN_LOCK_MINUTES` | `15` |',
    '| `TOWNSHIP_REPORT_DEADLINE` | `03-31` |',
    '| `REPORT_PDF_ENGINE` | `builtin` |',
    '| `REPORT_PDF_CHROMIUM_PATH` | `/usr/bin/chromium` |',
    '| `PDF_TEXT_ENGINE` | `builtin` |',
    '| `DATABASE_URL` | `sqlite:./data/gongkai.db` |',
  ])
    assert.ok(doc.includes(row), `${row} is documented`);
  // A bad platform key and bad module keys are reported together, before anything opens.
  await assert.rejects(
    createContainer({
      env: {
        PORT: 'http',
        LOGIN_MAX_FAILURES: '0',
        TOWNSHIP_REPORT_DEADLINE: '2-30',
        REPORT_PDF_ENGINE: 'wkhtmltopdf',
      },
    }),
    (e: unknown) =>
      e instanceof ConfigError &&
      ['PORT=', 'LOGIN_MAX_FAILURES=', 'TOWNSHIP_REPORT_DEADLINE=', 'REPORT_PDF_ENGINE='].every((k) =>
        e.problems.some((p) => p.startsWith(k)),
      ),
  );
});

it('refuses a second module claiming a table, and a schedule of an undeclared job', () => {
  assert.throws(
    () => install([...withNotes, { ...notesModule, name: 'notes2', migrations: {} }]),
    (e: unknown) =>
      e instanceof ModuleContractError && /fixture_note is claimed by notes and notes2/.test(e.message),
  );
  assert.throws(
    () => install([{ name: 'x', label: 'x', schedules: [{ job: 'x.nothing', every: 'day' }] }]),
    /x\.nothing/,
  );
  assert.throws(() => install([...modules, modules[0]!]), /listed twice/);
});
