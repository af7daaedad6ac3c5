import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
 * The PDF printed by Chromium: A4, the title and every figure in its text layer (pdftotext),
 * its fonts embedded (pdffonts), and the checker reads it back to the same figures.
 */

const dir = mkdtempSync(join(tmpdir(), 'gongkai-render-pdf-'));
let browser: Browser;

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const sample of [sample2020, sample2022]) {
  const input = sample();
  describe(`the ${input.year} report as PDF`, () => {
    let pdf: Buffer;
    let file: string;
    before(async () => {
      pdf = await renderPdf(input, { browser });
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
      // The title may wrap onto a second line.
      assert.ok(text.replace(/\s+/g, '').includes(titleOf(input)), 'title');
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

    it('reads back (pdftotext) to the same figures, with no error finding', async () => {
      const { checked, differences } = await readBack(input, 'report.pdf', pdf);
      assert.equal(checked.data?.source.kind, 'pdf', checked.error ?? '');
      assert.deepEqual(differences, []);
      assert.deepEqual(
        checked.data!.findings.filter((f) => f.severity === 'error'),
        [],
      );
    });
  });
}

describe('renderPdf', () => {
  it('says what to install when Chromium is missing', async () => {
    await assert.rejects(
      renderPdf(sample2022(), { executablePath: '/nonexistent/chromium' }),
      /需要 Chromium/,
    );
  });
});
