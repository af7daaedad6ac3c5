/**
 * The built tree (`npm run build`, or `npm start`, which builds it when missing or stale; bin/gongkai.js
 * runs it when it is a build of the current sources) serves its static files and reads reports in
 * reader threads of compiled JavaScript. The build runs into a temporary folder inside the repository (so that the
 * compiled code finds node_modules), with --noCheck: type checking is `npm test`'s first step,
 * and the emitted JavaScript is the same.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';

function run(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

describe('the built tree', () => {
  mkdirSync('.tmp', { recursive: true });
  const out = mkdtempSync(join('.tmp', 'build-'));
  let server: ChildProcess | undefined;
  let base = '';

  before(async () => {
    const build = await run(['scripts/build.mjs', '--outDir', out, '--noCheck']);
    assert.equal(build.code, 0, build.output);
    // What bin/gongkai.js runs when dist/ is current, on a fresh SQLite database in the same folder.
    server = spawn(process.execPath, [join(out, 'src/app/main.js'), 'serve'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${join(out, 'built.db')}`,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        GONGKAI_SECRET: 'built-tree-test-secret-built-tree-0123',
        GONGKAI_DATA_KEY: 'built-tree-test-data-key-built-tree-01',
      },
    });
    let output = '';
    const port = await new Promise<number>((ok, fail) => {
      const look = (d: Buffer) => {
        output += d.toString();
        const m = /门户网站：http:\/\/localhost:(\d+)\//.exec(output);
        if (m) ok(Number(m[1]));
      };
      server!.stdout!.on('data', look);
      server!.stderr!.on('data', look);
      server!.on('exit', (code) => fail(new Error(`the built server exited (${code}):\n${output}`)));
    });
    base = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((ok) => server!.once('exit', ok));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(out, { recursive: true, force: true });
  });

  it('serves the stylesheet and the icon from the build output', async () => {
    const css = await fetch(`${base}/static/gongkai.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    assert.equal(await css.text(), readFileSync('src/platform/ui/static/gongkai.css', 'utf8'));
    const icon = await fetch(`${base}/static/favicon.svg`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /^image\/svg\+xml/);
  });

  it('checks a report in a reader thread that runs the compiled JavaScript', async () => {
    // The reader threads (platform/sandbox/pool.ts) load the .js beside the compiled pool, with
    // no tsx registered: a thread that asked for the TypeScript sources would fail to start.
    const file = 'test/fixtures/annual-report/corpus/reports/hangzhou-style-2025-test-inline.html';
    const checked = await run([join(out, 'src/app/main.js'), 'report', 'check', file]);
    assert.equal(checked.code, 0, checked.output);
    assert.match(checked.output, /表三 25\/25 行，表四 3\/3 组/);
    assert.match(checked.output, /发现 0 处错误/);
  });

  it('cuts search words in threads of compiled JavaScript (a large rebuild)', async () => {
    const threads = pathToFileURL(join(out, 'src/platform/sandbox/threads.js')).href;
    const rows = pathToFileURL(join(out, 'src/modules/search/search.rows.js')).href;
    const script = `
      const { withThreads } = await import(${JSON.stringify(threads)});
      const doc = { recordId: 'r1', agencyId: 'a', title: '关于印发政务公开工作要点的通知', body: '主动公开', docNumber: null,
        indexNumber: null, subjectCategory: null, validity: 'inForce', publishedAt: '2026-01-01T00:00:00.000Z', year: 2026 };
      const [row] = await withThreads(1, (t) => t.run(new URL(${JSON.stringify(rows)}), 'toRows', [[doc]]));
      console.log(row.words);`;
    const cut = await run(['--input-type=module', '-e', script]);
    assert.equal(cut.code, 0, cut.output);
    assert.match(cut.output, /(^| )政务公开( |$)/m);
  });

  it('is current until a source changes: bin/gongkai.js runs no stale build', async () => {
    const { buildIsCurrent } = await import('../../scripts/dist.mjs');
    assert.equal(buildIsCurrent(process.cwd(), out), true);
    const stamp = join(out, '.built');
    const old = new Date(Date.now() - 3600_000);
    utimesSync(stamp, old, old);
    assert.equal(buildIsCurrent(process.cwd(), out), false, 'a source is newer than the build');
  });

  it('serves the portal, whose pages link that stylesheet', async () => {
    const home = await fetch(`${base}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /href="\/static\/gongkai\.css/);
  });
});
