import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { figuresOf } from './layout.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, renderPdf } from './pdf.js';
import { titleOf } from './render-input.js';
import { sample2020, sample2022 } from './samples.js';
import { readBack } from './verify.js';

/**
 * The optional engines (REPORT_PDF_ENGINE=chromium, PDF_TEXT_ENGINE=poppler): the PDF printed by
 * Chromium is A4, has the title and every figure in its text layer (pdftotext), its fonts
 * embedded (pdffonts), and the checker reads it back to the same figures with either text
 * engine; poppler reads the built-in PDF too. The suite needs Chromium and poppler-utils for
 * these (README, beside `npm test`; `.ci/run` installs both): where one is missing they fail.
 */

const popplerInstalled = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const missing = [
  existsSync(CHROMIUM_PATH) ? null : `Chromium (${CHROMIUM_PATH})`,
  popplerInstalled ? null : 'pdftotext (poppler-utils)',
].filter(Boolean);
// The optional engines are tested wherever the suite runs: README lists them beside `npm test`
// and .ci/run installs them. Missing, each test fails saying what to install.
const engines = () =>
  assert.deepEqual(
    missing,
    [],
    `optional PDF engines not installed (apt-get install chromium poppler-utils)`,
  );

const dir = mkdtempSync(join(tmpdir(), 'gongkai-render-pdf-'));
let browser: Browser | undefined;

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const sample of [sample2020, sample2022]) {
  const input = sample();
  describe(`the ${input.year} report printed by Chromium`, () => {
    before(engines);
    let pdf: Buffer;
    let file: string;
    before(async () => {
      browser ??= await chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      });
      pdf = await renderPdf(input, { engine: 'chromium', browser });
      file = join(dir, `${input.year}.pdf`);
      writeFileSync(file, pdf);
    });

    it('is an A4 PDF whose text layer has the title and every table figure', () => {
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.match(
        execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
        /Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)/,
      );
      const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      // The title may wrap onto a second line, after the agency's name only.
      assert.ok(text.replace(/\s+/g, '').includes(titleOf(input)), 'title');
      const [first, second] = text.split('\n').filter((l) => l.trim() !== '');
      assert.equal(first!.trim(), input.agency, 'the title breaks after the agency’s name');
      assert.equal(second!.trim(), `${input.year}年政府信息公开工作年度报告`);
      for (const h of ['一、总体情况', '三、收到和处理政府信息公开申请情况', '六、其他需要报告的事项'])
        assert.ok(text.includes(h), h);
      const tokens = new Set(text.split(/\s+/));
      for (const [path, value] of figuresOf(input.data))
        assert.ok(tokens.has(String(value)), `${path} = ${value}`);
      // Row by row: table 三's first row prints its seven figures in order on one line.
      const received = input.data.requests.received!.join(' +');
      assert.match(text, new RegExp(`本年新收政府信息公开申请数量\\s+${received}\\s*$`, 'm'));
    });

    it('embeds its fonts', () => {
      const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      assert.ok(lines.length > 0, 'fonts listed');
      for (const line of lines) {
        // name, type, encoding, emb, sub, uni, object ID — the name may be [none] (Type 3).
        const cols = line.trim().split(/\s+/);
        assert.equal(cols[cols.length - 5], 'yes', `embedded: ${line}`);
      }
    });

    for (const pdfTextEngine of ['poppler', 'builtin'] as const) {
      it(`reads back (${pdfTextEngine}) to the same figures, with no error finding`, async () => {
        const { checked, differences } = await readBack(input, 'report.pdf', pdf, { pdfTextEngine });
        assert.equal(checked.data?.source.kind, 'pdf', checked.error ?? '');
        assert.deepEqual(differences, []);
        assert.deepEqual(
          checked.data!.findings.filter((f) => f.severity === 'error'),
          [],
        );
      });
    }
  });

  describe(`the ${input.year} built-in PDF read by poppler`, () => {
    before(engines);
    it('pdftotext reads every figure back, and pdffonts lists embedded CID TrueType fonts only', async () => {
      const pdf = await renderPdf(input);
      const { checked, differences } = await readBack(input, 'report.pdf', pdf, { pdfTextEngine: 'poppler' });
      assert.equal(checked.status, 'full', checked.error ?? '');
      assert.deepEqual(differences, []);
      const file = join(dir, `builtin-${input.year}.pdf`);
      writeFileSync(file, pdf);
      const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
      assert.equal(lines.length, 2);
      for (const line of lines)
        assert.match(line, /NotoSerifSC-\w+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    });
  });
}

describe('renderPdf', () => {
  it('with the Chromium engine, says what to install when Chromium is missing', async () => {
    await assert.rejects(
      renderPdf(sample2022(), { engine: 'chromium', executablePath: '/nonexistent/chromium' }),
      /REPORT_PDF_ENGINE=chromium 时生成 PDF 需要 Chromium（\/nonexistent\/chromium）/,
    );
  });
});
