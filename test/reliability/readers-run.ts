/**
 * The reliability suite's fuzz run of the readers (readers.test.ts starts it as its own process,
 * so that the process's peak memory is the readers' and not the test's): the readers of uploaded
 * files, fuzzed with what the probe sent and more: every generated
 * input (damaged reports as text, HTML, DOCX and PDF, ZIP and spreadsheet damage, and the bombs:
 * a DOCX inflating to 200 MB, HTML 100,000 elements deep, 50 MB of text, a 9 MB line, thousands of
 * ZIP entries) goes through the same doors as an upload — the report checker, an attachment's
 * text, a spreadsheet import — each in a reader thread within the configured limits. Over the
 * run: no crash (every input gives a result or a Chinese refusal), no input over 10 s, the
 * process's peak memory under 512 MB. The figures are printed for the issue's note.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPublishedReport } from '../../src/modules/annual-report/published/read-and-check.js';
import { validateReportData } from '../../src/modules/annual-report/contract/schema.js';
import { readUploadedSpreadsheet } from '../../src/platform/import/index.js';
import {
  closeReaders,
  FileRefused,
  ReaderFailed,
  sandboxed,
  sibling,
} from '../../src/platform/sandbox/index.js';
import { deflatedZip, docxOf } from '../harness/bombs.js';

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
const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;

const dir = 'test/fixtures/annual-report/corpus/reports';
const texts = [
  readFileSync('test/fixtures/annual-report/jinjiang-2020-annual-report.md', 'utf8'),
  ...readdirSync(dir).map((n) => readFileSync(join(dir, n), 'utf8')),
];

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const asHtml = (t: string) =>
  `<html><body>${t
    .split('\n')
    .map((l) =>
      l.startsWith('|')
        ? `<table><tr>${l
            .split('|')
            .map((c) => `<td>${escape(c)}</td>`)
            .join('')}</tr></table>`
        : `<p>${escape(l)}</p>`,
    )
    .join('')}</body></html>`;
const asDocx = (t: string) =>
  docxOf(
    t
      .split('\n')
      .map((l) => `<w:p><w:r><w:t xml:space="preserve">${escape(l)}</w:t></w:r></w:p>`)
      .join(''),
  );

function damage(b: Buffer, r: () => number): Buffer {
  const out = Buffer.from(b);
  for (let k = 0; k < 1 + Math.floor(r() * 40); k++)
    out[Math.floor(r() * out.length)] = Math.floor(r() * 256);
  return out;
}

type Input = { name: string; bytes: Buffer; kind: string };
type Make = (r: () => number) => Promise<Input> | Input;

const textOf = (r: () => number) => {
  const t = pick(texts, r);
  const cut = r() < 0.3 ? t.slice(0, Math.floor(r() * t.length)) : t;
  return r() < 0.3 ? cut.replace(/\d+/g, (m) => (r() < 0.2 ? '9'.repeat(1 + Math.floor(r() * 40)) : m)) : cut;
};

const makers: Record<string, Make> = {
  text: (r) => ({ name: 'r.txt', bytes: Buffer.from(textOf(r)), kind: 'text' }),
  damagedText: (r) => ({ name: 'r.md', bytes: damage(Buffer.from(textOf(r)), r), kind: 'text' }),
  html: (r) => ({ name: 'r.html', bytes: Buffer.from(asHtml(textOf(r))), kind: 'html' }),
  damagedHtml: (r) => {
    const h = asHtml(textOf(r));
    const cut = h.slice(0, Math.floor(r() * h.length));
    return {
      name: 'r.html',
      bytes: Buffer.from(cut.replace(/<\/(td|p|tr)>/g, () => (r() < 0.3 ? '' : '</div>'))),
      kind: 'html',
    };
  },
  nestedTables: (r) => {
    const n = 1 + Math.floor(r() * 600);
    return {
      name: 'r.html',
      bytes: Buffer.from(`${'<table><tr><td>'.repeat(n)}１${'</td></tr></table>'.repeat(n)}`),
      kind: 'html',
    };
  },
  spans: (r) => ({
    name: 'r.html',
    bytes: Buffer.from(
      `<table>${Array.from({ length: 50 }, () => `<tr><td rowspan="${Math.floor(r() * 1e9)}" colspan="${Math.floor(r() * 1e9)}">1</td></tr>`).join('')}</table>`,
    ),
    kind: 'html',
  }),
  docx: async (r) => ({ name: 'r.docx', bytes: await asDocx(textOf(r)), kind: 'docx' }),
  damagedDocx: async (r) => ({ name: 'r.docx', bytes: damage(await asDocx(textOf(r)), r), kind: 'docx' }),
  cutDocx: async (r) => {
    const d = await asDocx(textOf(r));
    return { name: 'r.docx', bytes: d.subarray(0, Math.floor(r() * d.length)), kind: 'docx' };
  },
  zipOfJunk: (r) => ({
    name: 'r.xlsx',
    bytes: deflatedZip([{ name: 'xl/workbook.xml', data: Buffer.from(textOf(r).slice(0, 5000)) }]),
    kind: 'zip',
  }),
  noise: (r) => ({
    name: pick(['r.pdf', 'r.docx', 'r.xlsx', 'r.html', 'r.txt'], r),
    bytes: Buffer.from(Array.from({ length: Math.floor(r() * 5000) }, () => Math.floor(r() * 256))),
    kind: 'noise',
  }),
  pdfHeader: (r) => ({
    name: 'r.pdf',
    bytes: Buffer.from(`%PDF-1.7\n${textOf(r).slice(0, 3000)}`),
    kind: 'pdf',
  }),
};

/**
 * The probe's bombs, made by readers.test.ts into the folder given as the first argument (and a
 * built report's PDF as the second: pdfkit and its font stay out of this process).
 */
const bombDir = process.argv[2]!;
const bombs: [string, Make][] = readdirSync(bombDir)
  .sort()
  .map((file) => [
    file.replace(/^\d+-/, ''),
    () => ({ name: file, bytes: readFileSync(join(bombDir, file)), kind: 'bomb' }),
  ]);

const notChinese =
  /Infinity|NaN|undefined|\bnull\b|Error|Maximum call stack|[A-Za-z]{12,}|[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/;

const attachmentReader = sibling(
  new URL('../../src/modules/records/', import.meta.url).href,
  'record-attachment.text',
);

const failures: string[] = [];
function check(ok: unknown, message: string) {
  if (!ok) failures.push(message);
}
function assertChinese(what: string, message: string) {
  check(/[\u4e00-\u9fff]/.test(message), `${what}: not a Chinese message: ${message}`);
  check(!notChinese.test(message), `${what}: internal text in the message: ${message}`);
}

const r = rng(20261206);
const inputs: [string, Make][] = [...bombs];
const names = Object.keys(makers);
for (let i = 0; i < 1000; i++) {
  const m = pick(names, r);
  inputs.push([`#${i} ${m}`, () => makers[m]!(r)]);
}
// One PDF of a real report, read through pdf.js in a reader thread, and damaged copies of it.
const pdf = readFileSync(process.argv[3]!);
inputs.push(['PDF of a built report', () => ({ name: 'seed.pdf', bytes: pdf, kind: 'pdf' })]);
for (let i = 0; i < 20; i++)
  inputs.push([`damaged PDF ${i}`, () => ({ name: 'd.pdf', bytes: damage(pdf, r), kind: 'pdf' })]);

let slowest = { what: '', ms: 0 };
const refusals = new Map<string, number>();
let read = 0;
const t0 = Date.now();
for (const [what, make] of inputs) {
  const input = await make(r);
  const start = Date.now();
  const checked = await checkPublishedReport(input.name, input.bytes);
  if (checked.status === 'none') {
    assertChinese(what, checked.error ?? '');
    const kind = checked.error!.replace(/\d[\d.]*/g, 'N').slice(0, 40);
    refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
  } else {
    read++;
    const v = validateReportData(checked.data!);
    check(v.ok, `${what}: ${v.ok ? '' : v.errors.join('; ')}`);
  }
  // The other doors: an attachment's text, a spreadsheet import.
  if (/docx|xlsx|pdf/.test(input.name)) {
    const ext = input.name.split('.').at(-1)!;
    try {
      await sandboxed(attachmentReader, 'attachmentText', [ext, input.bytes]);
    } catch (e) {
      check(
        e instanceof FileRefused || e instanceof ReaderFailed,
        `${what}: attachment text threw ${String(e)}`,
      );
      if (e instanceof FileRefused) assertChinese(`${what} (attachment)`, e.message);
    }
  }
  if (input.name.endsWith('.xlsx') || input.kind === 'text') {
    try {
      await readUploadedSpreadsheet(input.bytes);
    } catch (e) {
      check(e instanceof Error && e.name === 'ImportRefused', `${what}: import threw ${String(e)}`);
      assertChinese(`${what} (import)`, (e as Error).message);
    }
  }
  const ms = Date.now() - start;
  if (ms > slowest.ms) slowest = { what, ms };
  check(ms < 10_000, `${what} took ${ms} ms`);
}
await closeReaders();
process.stdout.write(
  `${JSON.stringify({
    inputs: inputs.length,
    bombs: bombs.length,
    read,
    slowest,
    seconds: (Date.now() - t0) / 1000,
    refusals: Object.fromEntries(refusals),
    failures,
  })}\n`,
);
