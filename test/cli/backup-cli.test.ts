import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, it } from 'node:test';
import { describeEachEngine, freshDatabaseUrl } from '../harness/engines.js';
import { gongkai, type CliResult } from '../harness/cli.js';

/** `gongkai db backup` and `db restore` with signed backups (issue 12), as an operator uses them. */

type Result = CliResult;

/** The real executable in a child process: its exit code is the one a script sees. */
function spawnGongkai(env: Record<string, string>, ...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/gongkai.js', ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function linesOf(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').replace(/\n$/, '').split('\n');
}

function writeLines(file: string, lines: string[]): void {
  writeFileSync(file, gzipSync(lines.map((l) => `${l}\n`).join('')));
}

const SECRET_A = 'cli-backup-secret-installation-a-0123456789';
const SECRET_B = 'cli-backup-secret-installation-b-0123456789';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describeEachEngine('gongkai db backup / restore, signed', (engine) => {
  let dbA: ReturnType<typeof freshDatabaseUrl>;
  let dbB: ReturnType<typeof freshDatabaseUrl>;
  let envA: Record<string, string>;
  let envB: Record<string, string>;
  const backupA = join(dir, `a-${engine}.gkbackup`);

  const agencyNames = async (env: Record<string, string>) =>
    (JSON.parse((await gongkai(env, 'agency', 'list', '--json')).stdout) as Array<{ name: string }>)
      .map((a) => a.name)
      .sort();

  before(async () => {
    dbA = freshDatabaseUrl(engine);
    dbB = freshDatabaseUrl(engine);
    envA = { DATABASE_URL: dbA.url, GONGKAI_SECRET: SECRET_A };
    envB = { DATABASE_URL: dbB.url, GONGKAI_SECRET: SECRET_B };
    for (const env of [envA, envB]) assert.equal((await gongkai(env, 'db', 'migrate')).code, 0);
    const root = await gongkai(
      envA,
      'agency',
      'add',
      '--name',
      '晋江市人民政府',
      '--level',
      'county',
      '--kind',
      'peoplesGovernment',
    );
    assert.equal(root.code, 0, root.stderr);
    const made = await gongkai(envA, 'db', 'backup', backupA);
    assert.equal(made.code, 0, made.stderr);
  });
  after(async () => {
    await dbA.cleanup();
    await dbB.cleanup();
  });

  it('refuses a tampered backup with exit code 1 and says why, changing nothing', async () => {
    const tampered = join(dir, `tampered-${engine}.gkbackup`);
    writeLines(
      tampered,
      linesOf(backupA).map((l) => l.replace('晋江市人民政府', '晋江市人民政府办公室')),
    );
    const before = await agencyNames(envA);
    const r = await spawnGongkai(envA, 'db', 'restore', tampered, '--yes');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /错误：备份文件校验失败：内容被改动过/);
    assert.ok(!r.stderr.includes('at '), `no stack trace: ${r.stderr}`);
    assert.deepEqual(await agencyNames(envA), before);
  });

  it('restores another installation’s backup only with its secret, from a file or a variable', async () => {
    const refused = await gongkai(envB, 'db', 'restore', backupA, '--yes');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /不是用本平台的密钥生成的.*--secret-file/);
    assert.deepEqual(await agencyNames(envB), []);

    const secretFile = join(dir, `secret-a-${engine}`);
    writeFileSync(secretFile, `${SECRET_A}\n`, { mode: 0o600 });
    const fromFile = await gongkai(envB, 'db', 'restore', backupA, '--yes', '--secret-file', secretFile);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.match(fromFile.stdout, /校验通过/);
    assert.deepEqual(await agencyNames(envB), ['晋江市人民政府']);

    const fromEnv = await gongkai(
      { ...envB, OLD_GONGKAI_SECRET: SECRET_A },
      'db',
      'restore',
      backupA,
      '--yes',
      '--secret-env',
      'OLD_GONGKAI_SECRET',
    );
    assert.equal(fromEnv.code, 0, fromEnv.stderr);

    const wrong = await gongkai(envB, 'db', 'restore', backupA, '--yes', '--secret-env', 'NO_SUCH_VARIABLE');
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /环境变量 NO_SUCH_VARIABLE 没有设置/);
    const both = await gongkai(
      envB,
      ...['db', 'restore', backupA, '--yes', '--secret-file', secretFile, '--secret-env', 'X'],
    );
    assert.equal(both.code, 1);
    assert.match(both.stderr, /只能用一个/);
  });

  it('restores an old unsigned backup only with --accept-unsigned, printing each NUL taken out', async () => {
    const lines = linesOf(backupA).filter((l) => !l.includes('"format":"gongkai-backup-mac"'));
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    header.version = 1;
    delete header.mac;
    lines[0] = JSON.stringify(header);
    const i = lines.findIndex((l) => l.startsWith('{"t":"agency"'));
    const row = JSON.parse(lines[i]!) as { r: Record<string, unknown> };
    row.r.name = '晋江市\u0000人民政府';
    lines[i] = JSON.stringify(row);
    const old = join(dir, `v1-${engine}.gkbackup`);
    writeLines(old, lines);

    const refused = await gongkai(envA, 'db', 'restore', old, '--yes');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /旧格式（第 1 版）.*--accept-unsigned/);

    const r = await gongkai(envA, 'db', 'restore', old, '--yes', '--accept-unsigned');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /警告：.*没有校验码/);
    assert.match(
      r.stderr,
      /警告：表 agency 的一行（id = [0-9a-f-]+，备份文件第 \d+ 行）的 name 列含有 NUL 字符/,
    );
    assert.deepEqual(await agencyNames(envA), ['晋江市人民政府']);
  });
});
