/**
 * `npm run dev` starts the server (tsx watch on the entry point) and it answers. The script's
 * command line is taken from package.json and run as npm would, with node_modules/.bin on PATH,
 * in its own process group so that the watcher and the server it starts are stopped together.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-dev-'));
let child: ChildProcess | undefined;

function stop(signal: NodeJS.Signals): void {
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

after(async () => {
  stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('starts the web server, which serves the portal and its stylesheet', { timeout: 90_000 }, async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    const dev = pkg.scripts.dev;
    assert.ok(dev, 'package.json has a dev script');
    // `npm run dev -- --no-demo`: the demo data is not what this test is about, and takes seconds.
    child = spawn('sh', ['-c', `${dev} --no-demo`], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PATH: `${resolve('node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}`,
        DATABASE_URL: `sqlite:${join(dir, 'dev.db')}`,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        GONGKAI_SECRET: 'dev-script-test-secret-dev-script-0123',
        GONGKAI_DATA_KEY: 'dev-script-test-data-key-dev-script-01',
      },
    });
    let output = '';
    // tsx watch keeps running when its program ends without listening, so wait a bounded time.
    const port = await new Promise<number>((ok, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`npm run dev did not start listening within 60 s:\n${output}`)),
        60_000,
      );
      const look = (d: Buffer) => {
        output += d.toString();
        const m = /门户网站：http:\/\/localhost:(\d+)\//.exec(output);
        if (m) {
          clearTimeout(timer);
          ok(Number(m[1]));
        }
      };
      child!.stdout!.on('data', look);
      child!.stderr!.on('data', look);
      child!.on('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`npm run dev exited (${code ?? signal}) without listening:\n${output}`));
      });
    });
    const exited = new Promise<void>((ok) => child!.once('exit', () => ok()));
    try {
      const home = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(home.status, 200);
      const css = await fetch(`http://127.0.0.1:${port}/static/gongkai.css`);
      assert.equal(css.status, 200);
      assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    } finally {
      stop('SIGTERM');
      await exited;
    }
  });
});
