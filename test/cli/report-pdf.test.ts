/**
 * A fresh machine has everything (issue 11, item 6): with only Node and the npm packages —
 * Chromium and poppler hidden from the PATH, the Chromium path setting pointing nowhere —
 * `gongkai report build --out r.pdf` writes the report as PDF and `gongkai report check r.pdf`
 * reads it back to the same figures. The optional engines, when chosen here, say what is missing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, it } from 'node:test';
import type { ReportData } from '../../src/modules/annual-report/index.js';
import { describeEachEngine, freshDatabaseUrl } from '../harness/engines.js';
import { gongkai as inProcess, type CliResult } from '../harness/cli.js';

type Result = CliResult;

const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-pdf-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// node alone in a directory of its own: node's real directory (/usr/bin) holds chromium and
// pdftotext too.
const bin = join(dir, 'bin');
mkdirSync(bin);
symlinkSync(process.execPath, join(bin, 'node'));

/** The real executable in a child process whose PATH holds node's own directory and nothing else. */
function bare(env: Record<string, string>, ...args: string[]): Promise<Result> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve('bin/gongkai.js'), ...args], {
      cwd: dir,
      env: {
        HOME: dir,
        TMPDIR: tmpdir(),
        LOG_LEVEL: 'silent',
        PATH: bin,
        REPORT_PDF_CHROMIUM_PATH: '/nonexistent/chromium',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

const build = ['report', 'build', '--agency', '晋江市人民政府', '--year', '2020', '--out'];

describeEachEngine('the annual report as PDF on a machine with only Node and npm', (engine) => {
  let db: ReturnType<typeof freshDatabaseUrl>;
  let env: Record<string, string>;
  before(async () => {
    db = freshDatabaseUrl(engine);
    env = { DATABASE_URL: db.url, GONGKAI_SECRET: 'report-pdf-secret-report-pdf-secret-01' };
    const loaded = await inProcess(env, 'demo', 'load');
    assert.match(loaded.stdout, /已载入演示数据/, loaded.stderr);
  });
  after(async () => db.cleanup());

  it(
    'report build --out r.pdf, then report check r.pdf: the figures survive the round trip',
    { timeout: 120_000 },
    async () => {
      // No Chromium, no pdftotext on this PATH.
      assert.deepEqual(readdirSync(bin), ['node']);

      const json = join(dir, `r-${engine}.json`);
      assert.equal((await inProcess(env, ...build, json)).code, 0);
      const built = JSON.parse(readFileSync(json, 'utf8')) as ReportData;

      const pdf = join(dir, `r-${engine}.pdf`);
      const made = await bare(env, ...build, pdf);
      assert.equal(made.code, 0, made.stderr + made.stdout);
      assert.match(made.stdout, /已生成 晋江市人民政府2020年报告/);
      assert.equal(readFileSync(pdf).subarray(0, 5).toString('latin1'), '%PDF-');

      const checked = await bare(env, 'report', 'check', pdf, '--json');
      assert.equal(checked.code, 0, checked.stderr + checked.stdout);
      const back = JSON.parse(checked.stdout) as ReportData;
      assert.equal(back.source.kind, 'pdf');
      assert.equal(back.agency, '晋江市人民政府');
      assert.equal(back.year, 2020);
      assert.deepEqual(back.proactive, built.proactive, 'section 二');
      assert.deepEqual(back.requests, built.requests, 'section 三');
      assert.deepEqual(back.appeals, built.appeals, 'section 四');
      assert.deepEqual(
        back.findings.filter((f) => f.severity === 'error').map((f) => f.message),
        [],
      );
    },
  );

  it(
    'the optional engines, chosen on such a machine, say what is missing',
    { timeout: 120_000 },
    async () => {
      const pdf = join(dir, `r-${engine}.pdf`);
      const chromium = await bare({ ...env, REPORT_PDF_ENGINE: 'chromium' }, ...build, join(dir, 'c.pdf'));
      assert.notEqual(chromium.code, 0);
      assert.match(
        chromium.stderr,
        /REPORT_PDF_ENGINE=chromium 时生成 PDF 需要 Chromium（\/nonexistent\/chromium）/,
      );
      const poppler = await bare({ ...env, PDF_TEXT_ENGINE: 'poppler' }, 'report', 'check', pdf);
      assert.equal(poppler.code, 2);
      assert.match(poppler.stdout, /本机未安装 pdftotext（Debian 软件包 poppler-utils）/);
      const bad = await inProcess({ ...env, PDF_TEXT_ENGINE: 'xpdf' }, 'report', 'check', pdf);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /PDF_TEXT_ENGINE="xpdf"：应为 builtin、poppler 之一/);
    },
  );
});
