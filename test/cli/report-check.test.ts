import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../src/app/cli.js';

async function gongkai(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = { code: 0, stdout: '', stderr: '' };
  await runCli(args, {
    env: {
      LOG_LEVEL: 'silent',
      DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`,
      GONGKAI_SECRET: 'report-check-secret-report-check-0123',
    },
    out: (l) => (r.stdout += `${l}\n`),
    err: (l) => (r.stderr += `${l}\n`),
    setExitCode: (c) => (r.code = c),
  });
  return r;
}

const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const seed = 'test/fixtures/annual-report/jinjiang-2020-annual-report.md';

describe('gongkai report check', () => {
  it('prints a Chinese summary and exits 1 when the report has errors', async () => {
    const r = await gongkai('report', 'check', seed);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /晋江市人民政府 2020 年度报告（2019 年格式）/);
    assert.match(r.stdout, /发现 2 处错误、5 处提示/);
    assert.match(r.stdout, /✖ 错误 \[行合计\] 表三“本年新收”行：/);
  });

  it('says a file that is not there is not found (not that it is empty), and exits 2', async () => {
    const r = await gongkai('report', 'check', join(dir, '不存在.pdf'));
    assert.equal(r.code, 2);
    assert.match(r.stdout, /无法读取：找不到该文件/);
    const p = await gongkai('report', 'check', seed, '--previous', join(dir, '去年.md'));
    assert.equal(p.code, 2);
    assert.match(p.stderr, /上一年度的报告 .*去年\.md：找不到该文件/);
  });

  it('prints the contract document with --json', async () => {
    const r = await gongkai('report', 'check', seed, '--json');
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.schema, 'gongkai.annual-report/1');
    assert.deepEqual(doc.source, { file: seed, kind: 'markdown' });
    assert.deepEqual(doc.requests.received, [215, 0, 0, 1, 3, 3, 231]);
  });

  it('checks a directory: a JSON array, a summary table, a CSV of every figure, exit 0 when clean', async () => {
    const d = join(dir, 'clean');
    mkdirSync(d);
    for (const f of ['2021-pingtan.md', '2023-pingtan.md', 'hangzhou-style-2025-test-inline.html'])
      copyFileSync(join('test/fixtures/annual-report/corpus/reports', f), join(d, f));
    const csv = join(dir, 'figures.csv');
    const json = await gongkai('report', 'check', d, '--json');
    assert.equal(json.code, 0, json.stdout);
    assert.equal(JSON.parse(json.stdout).length, 3);
    const text = await gongkai('report', 'check', d, '--csv', csv);
    assert.match(text.stdout, /共 3 份报告：完整读取 \d+，部分读取 \d+，无法读取 0/);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'file,agency,year,format,table,row,column,value,how,line');
    assert.ok(
      lines.some((l) => /2021-pingtan\.md,.*,三,received,naturalPerson,64,reconstructed,/.test(l)),
      'a digit run split by the table relations is marked reconstructed',
    );
    assert.ok(lines.length > 3 * 25 * 7, `${lines.length} rows`);
  });

  it('exits 2 when an input cannot be read at all, saying why', async () => {
    const scan = join(dir, 'scan.pdf');
    writeFileSync(scan, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const r = await gongkai('report', 'check', seed, scan, join(dir, 'missing.md'));
    assert.equal(r.code, 2);
    assert.match(r.stdout, /无法读取/);
    assert.match(r.stdout, /文件为空|无法读取/);
  });
});
