/**
 * The built tree (`npm run build`, which bin/gongkai.js prefers when dist/ exists) serves its
 * static files. The build runs into a temporary folder inside the repository (so that the
 * compiled code finds node_modules), with --noCheck: type checking is `npm test`'s first step,
 * and the emitted JavaScript is the same.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
    // What bin/gongkai.js runs when dist/ exists, on a fresh SQLite database in the same folder.
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

  it('serves the portal, whose pages link that stylesheet', async () => {
    const home = await fetch(`${base}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /href="\/static\/gongkai\.css/);
  });
});
