import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkPublishedReport, checkRead } from './read-and-check.js';
import { findingLine } from '../contract/finding-labels.js';
import type { ReportData } from '../contract/report.js';
import { validateReportData } from '../contract/schema.js';

/**
 * Damaged input never crashes the reader: 1,000 inputs made from the corpus by truncating,
 * shuffling lines, injecting random bytes and huge numbers, or emptying them. Each gets either
 * a report (valid against the JSON Schema) or a clear Chinese message, and no finding, read at
 * once or stored (JSON) and checked again, shows Infinity, NaN, null, undefined or a long number
 * the input did not print (99999999999999999999 rounded to 100000000000000000000).
 */

const leaks = /Infinity|NaN|null|undefined|Maximum call stack|\d[eE][+-]?\d/;

/** Every run of 16 or more digits in a message is one the input printed. */
function longNumbersPrinted(line: string, input: string): boolean {
  return (line.match(/\d{16,}/g) ?? []).every((run) => input.includes(run));
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dir = 'test/fixtures/annual-report/corpus/reports';
const sources = [
  {
    name: 'seed.md',
    text: readFileSync('test/fixtures/annual-report/jinjiang-2020-annual-report.md', 'utf8'),
  },
  ...readdirSync(dir).map((n) => ({ name: n, text: readFileSync(join(dir, n), 'utf8') })),
];

type Mutation = (text: string, r: () => number) => Uint8Array | string;
const pick = <T>(xs: T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;
const mutations: Record<string, Mutation> = {
  truncate: (t, r) => t.slice(0, Math.floor(r() * t.length)),
  shuffleLines: (t, r) => {
    const lines = t.split('\n');
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return lines.join('\n');
  },
  randomBytes: (t, r) => {
    const b = Buffer.from(t, 'utf8');
    for (let k = 0; k < 1 + Math.floor(r() * 50); k++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
    return b;
  },
  hugeNumbers: (t, r) => t.replace(/\d+/g, (m) => (r() < 0.2 ? '9'.repeat(20 + Math.floor(r() * 200)) : m)),
  digitRuns: (t, r) => t.replace(/\s*\|\s*/g, () => (r() < 0.5 ? '' : ' | ')),
  empty: () => '',
  noise: (_t, r) => Buffer.from(Array.from({ length: Math.floor(r() * 4000) }, () => Math.floor(r() * 256))),
  pdfHeader: (t) => `%PDF-1.7\n${t}`,
  zipHeader: (t) => `PK\u0003\u0004${t}`,
  htmlSoup: (t, r) =>
    `<html><table><tr><td rowspan="${Math.floor(r() * 9)}" colspan="99999">${t.slice(0, 3000)}</td></tr>`,
};

describe('reading damaged input', () => {
  it(
    '1,000 mutated inputs: never a crash, always a report or a clear message',
    { timeout: 120_000 },
    async () => {
      const r = rng(20201231);
      const names = Object.keys(mutations);
      const statuses = { full: 0, partial: 0, none: 0 };
      for (let i = 0; i < 1000; i++) {
        const src = pick(sources, r);
        const m = pick(names, r);
        const input = mutations[m]!(src.text, r);
        const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
        const name = m === 'htmlSoup' ? 'x.html' : src.name;
        const result = await checkPublishedReport(name, bytes);
        statuses[result.status]++;
        if (result.status === 'none') {
          assert.ok(
            result.error && /[\u4e00-\u9fff]/.test(result.error),
            `#${i} ${m} on ${src.name}: unreadable without a Chinese message`,
          );
        }
        if (result.error) assert.doesNotMatch(result.error, leaks, `#${i} ${m} on ${src.name}`);
        if (result.data) {
          const v = validateReportData(result.data);
          assert.ok(v.ok, `#${i} ${m} on ${src.name}: ${v.ok ? '' : v.errors.join('; ')}`);
          const stored = JSON.parse(JSON.stringify(result.data)) as ReportData;
          const text = Buffer.from(bytes).toString('utf8');
          for (const f of [...result.data.findings, ...checkRead(stored, result.info).findings]) {
            const line = findingLine(f);
            assert.doesNotMatch(line, leaks, `#${i} ${m} on ${src.name}: ${line}`);
            assert.ok(longNumbersPrinted(line, text), `#${i} ${m} on ${src.name}: ${line}`);
          }
        }
      }
      assert.ok(statuses.none > 0 && statuses.partial > 0, JSON.stringify(statuses));
    },
  );
});
