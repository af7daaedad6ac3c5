import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkPublishedReport, requestRows } from '../src/modules/annual-report/index.js';

/** A synthetic, internally consistent 2021-format report as Markdown pipe tables. */
function synthetic(seed: number): string {
  let s = seed;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  const rows = requestRows.filter(
    (r) => (r.formats as readonly string[]).includes('2021') && r.key !== 'other',
  );
  const outcome = rows.filter((r) => !['received', 'carriedOver', 'total', 'carriedForward'].includes(r.key));
  const values = new Map<string, number[]>();
  const row = () => {
    const v = Array.from({ length: 6 }, () => rnd(30));
    return [...v, v.reduce((a, b) => a + b, 0)];
  };
  for (const r of outcome) values.set(r.key, row());
  const total = [0, 1, 2, 3, 4, 5, 6].map((c) => outcome.reduce((a, r) => a + values.get(r.key)![c]!, 0));
  const carriedForward = row();
  const carriedOver = [0, 0, 0, 0, 0, 0, 0];
  const received = total.map((t, c) => t + carriedForward[c]! - carriedOver[c]!);
  values
    .set('received', received)
    .set('carriedOver', carriedOver)
    .set('total', total)
    .set('carriedForward', carriedForward);
  const lines = [
    `某某县人民政府${2021 + (seed % 4)}年政府信息公开工作年度报告`,
    '一、总体情况',
    `全年共收到政府信息公开申请 ${received[6]} 件，办结 ${total[6]} 件，结转下年度 ${carriedForward[6]} 件。`,
    '二、主动公开政府信息情况',
    '| 第二十条第（一）项 | | | |',
    '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
    `| 规章 | 0 | 0 | 0 |`,
    `| 行政规范性文件 | ${rnd(20)} | ${rnd(5)} | ${100 + rnd(50)} |`,
    '| 第二十条第（五）项 | |',
    `| 行政许可 | ${rnd(9999)} |`,
    '三、收到和处理政府信息公开申请情况',
    ...rows.map((r) => `| ${r.label} | ${values.get(r.key)!.join(' | ')} |`),
    '四、政府信息公开行政复议、行政诉讼情况',
    `| 1 | 0 | 0 | 0 | 1 | 0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |`,
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
    '本年度未收取信息处理费。',
  ];
  return lines.join('\n');
}

async function rate(
  inputs: Array<{ name: string; bytes: Buffer }>,
  fn: (i: { name: string; bytes: Buffer }) => unknown,
): Promise<number> {
  for (const i of inputs.slice(0, 5)) await fn(i); // warm up
  const t0 = performance.now();
  for (const i of inputs) await fn(i);
  return inputs.length / ((performance.now() - t0) / 1000);
}

/**
 * report-check: reports read and checked per second, over the corpus and over 1,000 synthetic
 * reports; the floor is decoding the same bytes and splitting them into lines.
 */
export async function reportCheck(): Promise<void> {
  const dir = 'test/fixtures/annual-report/corpus/reports';
  const corpus = readdirSync(dir)
    .map((n) => ({ name: n, bytes: readFileSync(join(dir, n)) }))
    .concat([
      { name: 'seed.md', bytes: readFileSync('test/fixtures/annual-report/jinjiang-2020-annual-report.md') },
    ]);
  const many = Array.from({ length: 1000 }, (_, i) => ({
    name: `synthetic-${i}.md`,
    bytes: Buffer.from(synthetic(i + 1), 'utf8'),
  }));
  const floor = (i: { bytes: Buffer }) => new TextDecoder().decode(i.bytes).split('\n').length;
  const heap0 = process.memoryUsage().heapUsed;
  for (const [label, inputs] of [
    ['corpus (17 files, no PDF)', corpus],
    ['1,000 synthetic', many],
  ] as const) {
    const repeated = label.startsWith('corpus') ? Array.from({ length: 20 }, () => inputs).flat() : inputs;
    const full = await rate(repeated, (i) => checkPublishedReport(i.name, i.bytes));
    const base = await rate(repeated, floor);
    console.log(
      `report-check ${label}: ${full.toFixed(0)} reports/s; floor (decode + split lines) ${base.toFixed(0)}/s; ratio ${(base / full).toFixed(1)}×`,
    );
  }
  const bad = (await Promise.all(many.slice(0, 50).map((i) => checkPublishedReport(i.name, i.bytes)))).filter(
    (r) => r.data?.findings.some((f) => f.severity === 'error'),
  );
  console.log(
    `report-check: synthetic reports with error findings: ${bad.length}/50 (expected 0); heap growth ${((process.memoryUsage().heapUsed - heap0) / 1048576).toFixed(0)} MB`,
  );
}
