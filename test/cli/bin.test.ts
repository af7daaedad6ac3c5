/**
 * The installed command (`bin/gongkai.js`) serves working pages wherever it is started from: an
 * operator runs it from /srv or a service manager's directory, not from the clone. (Run from
 * another directory, tsx once read that directory's tsconfig and every page failed on its JSX.)
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-bin-'));
let child: ChildProcess | undefined;

after(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('gongkai serve from another directory', () => {
  it('renders the login page and runs the worker', { timeout: 90_000 }, async () => {
    child = spawn(process.execPath, [resolve('bin/gongkai.js'), 'serve'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${join(dir, 'g.db')}`,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        GONGKAI_SECRET: 'bin-test-secret-bin-test-secret-0123456',
        GONGKAI_DATA_KEY: 'bin-test-data-key-bin-test-data-key-01',
      },
    });
    let output = '';
    const port = await new Promise<number>((ok, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`gongkai serve did not start within 60 s:\n${output}`)),
        60_000,
      );
      const look = (d: Buffer) => {
        output += d.toString();
        const m = /门户网站：http:\/\/localhost:(\d+)\//.exec(output);
        // The banner may come in several chunks: its line on background work ends it.
        if (m && /后台任务：/.test(output)) {
          clearTimeout(timer);
          ok(Number(m[1]));
        }
      };
      child!.stdout!.on('data', look);
      child!.stderr!.on('data', look);
      child!.on('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`gongkai serve exited (${code ?? signal}):\n${output}`));
      });
    });
    assert.match(output, /后台任务：在本进程中运行/);
    const login = await fetch(`http://127.0.0.1:${port}/admin/login`);
    assert.equal(login.status, 200);
    assert.match(await login.text(), /<input[^>]+name="username"/);
    const exited = new Promise<void>((ok) => child!.once('exit', () => ok()));
    child.kill('SIGTERM');
    await exited;
  });
});

/**
 * `npx gongkai …` from any folder: npm finds the project's own command (package.json `bin`) with
 * `--prefix`, offline and without installing anything, and a file named relative to the folder
 * the command is run from is read from there, not from the project.
 */
describe('npx gongkai from another directory', () => {
  const root = resolve('.');
  const npx = existsSync(join(dirname(process.execPath), 'npx'))
    ? join(dirname(process.execPath), 'npx')
    : 'npx';
  const work = join(dir, 'elsewhere');
  mkdirSync(join(work, 'reports'), { recursive: true });
  copyFileSync(
    join(root, 'test/fixtures/annual-report/jinjiang-2020-annual-report.md'),
    join(work, 'reports', '晋江2020.md'),
  );

  function gongkai(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((done) => {
      execFile(
        npx,
        ['--prefix', root, '--offline', '--no', '--', 'gongkai', ...args],
        {
          cwd: work,
          timeout: 60_000,
          env: {
            ...process.env,
            DATABASE_URL: `sqlite:${join(dir, 'npx.db')}`,
            LOG_LEVEL: 'silent',
            GONGKAI_SECRET: 'bin-test-secret-bin-test-secret-0123456',
          },
        },
        (error, stdout, stderr) =>
          done({ code: error ? ((error as { code?: number }).code ?? 2) : 0, stdout, stderr }),
      );
    });
  }

  it('prints the version of package.json', { timeout: 90_000 }, async () => {
    const r = await gongkai('--version');
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), version);
  });

  it('checks a report named relative to the working directory', { timeout: 90_000 }, async () => {
    const r = await gongkai('report', 'check', 'reports/晋江2020.md');
    assert.equal(r.code, 1, `errors found exit 1\n${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /晋江市人民政府 2020 年度报告（2019 年格式） — reports\/晋江2020\.md（Markdown）/);
    assert.match(r.stdout, /发现 2 处错误、5 处提示/);
    assert.ok(!existsSync(join(root, 'reports')), 'nothing is looked for or left in the project');
  });
});
