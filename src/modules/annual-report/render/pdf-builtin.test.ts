import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { pdfRuns, type PlacedRun } from '../published/reader/pdf-text.js';
import { legalLine } from './cjk-lines.js';
import { figuresOf } from './layout.js';
import { loadFonts } from './pdf-builtin.js';
import { renderPdf } from './pdf.js';
import { titleOf, type RenderInput } from './render-input.js';
import { sample2020, sample2022 } from './samples.js';
import { readBack } from './verify.js';

/**
 * The built-in PDF (pdfkit, Noto Serif SC from npm): no browser and no system package. It must be
 * a real 公文-style document: A4, embedded subsetted TrueType CID fonts (never Type 3), the title
 * broken only at a legal point, every text run inside the type area, page numbers “— n —”, and
 * the project's own reader gets every figure back.
 */

interface PdfObject {
  id: string;
  dict: string;
}

/** The dictionaries of a PDF's objects (pdfkit writes them uncompressed). */
function objects(pdf: Buffer): PdfObject[] {
  const text = pdf.toString('latin1');
  const out: PdfObject[] = [];
  for (const m of text.matchAll(/(\d+) 0 obj\s*<<([\s\S]*?)>>\s*(?:stream|endobj)/g))
    out.push({ id: m[1]!, dict: m[2]! });
  return out;
}

const ref = (dict: string, key: string) => new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1];

const A4 = { width: 595.28, height: 841.89 };
const mm = (v: number) => (v * 72) / 25.4;

/** The lines of a page: runs sharing a baseline, left to right. */
function linesOf(runs: PlacedRun[]): Array<{ text: string; y: number; size: number }> {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Array<{ text: string; y: number; size: number }> = [];
  for (const r of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - r.y) < 2) last.text += r.text;
    else lines.push({ text: r.text, y: r.y, size: r.size });
  }
  return lines;
}

function longName(): RenderInput {
  const input = sample2022();
  return { ...input, agency: '黔东南苗族侗族自治州三穗县人民政府办公室政务公开与信息化科' };
}

/** A province's roll-up: figures wider than a column of table 四 are set smaller, never split. */
function bigFigures(): RenderInput {
  const input = sample2022();
  const appeals = {
    ...input.data.appeals,
    review: { upheld: 123456, corrected: 7890, other: 12, pending: 3, total: 131361 },
  };
  return { ...input, agency: '某某省人民政府', data: { ...input.data, appeals } };
}

for (const sample of [sample2020, sample2022, longName, bigFigures]) {
  const input = sample();
  describe(`the built-in PDF of ${titleOf(input)}`, () => {
    let pdf: Buffer;
    let pages: PlacedRun[][];
    before(async () => {
      pdf = await renderPdf(input);
      pages = await pdfRuns(pdf);
    });

    it('is A4 and embeds its CJK fonts as subsetted TrueType CID fonts, never Type 3', () => {
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const objs = objects(pdf);
      const byId = new Map(objs.map((o) => [o.id, o.dict]));
      const boxes = objs
        .filter((o) => /\/Type \/Page\b/.test(o.dict))
        .map((o) => /\/MediaBox \[([^\]]+)\]/.exec(o.dict)?.[1]);
      assert.ok(boxes.length >= 3, `${boxes.length} pages`);
      for (const box of boxes) {
        const [, , w, h] = box!.trim().split(/\s+/).map(Number);
        assert.ok(Math.abs(w! - A4.width) < 0.5 && Math.abs(h! - A4.height) < 0.5, `A4: ${box}`);
      }
      const fonts = objs.filter((o) => /\/Type \/Font\b/.test(o.dict));
      assert.ok(fonts.length > 0, 'fonts');
      for (const f of fonts) assert.doesNotMatch(f.dict, /\/Subtype \/Type3/, `a Type 3 font: ${f.dict}`);
      const top = fonts.filter((f) => /\/Subtype \/Type0/.test(f.dict));
      assert.equal(top.length, 2, 'regular and bold');
      for (const t of top) {
        assert.match(
          t.dict,
          /\/BaseFont \/[A-Z]{6}\+NotoSerifSC-(Regular|Bold)/,
          'a subset of Noto Serif SC',
        );
        assert.match(t.dict, /\/ToUnicode \d+ 0 R/, 'text can be copied and read');
        const cid = byId.get(/\/DescendantFonts \[(\d+) 0 R\]/.exec(t.dict)![1]!)!;
        assert.match(cid, /\/Subtype \/CIDFontType2/, 'a TrueType CID font');
        const descriptor = byId.get(ref(cid, 'FontDescriptor')!)!;
        const file = ref(descriptor, 'FontFile2');
        assert.ok(file && byId.has(file), 'the font program is embedded (FontFile2)');
      }
      // Subsetted: the whole font is 14 MB; the report with its glyphs is far smaller.
      assert.ok(pdf.length < 400_000, `${pdf.length} bytes`);
    });

    it('breaks the title only at a legal point, never inside 政府信息公开工作年度报告', () => {
      const title = linesOf(pages[0]!).filter((l) => l.size > 20);
      const joined = title.map((l) => l.text).join('');
      assert.equal(joined, titleOf(input));
      if (title.length > 1) {
        // After the agency's name (itself broken by the rules when it is too long), the rest on
        // one line: the year and 政府信息公开工作年度报告 together.
        assert.equal(title[title.length - 1]!.text, `${input.year}年政府信息公开工作年度报告`);
        assert.equal(
          title
            .slice(0, -1)
            .map((l) => l.text)
            .join(''),
          input.agency,
        );
        for (const l of title) assert.ok(legalLine(l.text), `illegal break: ${l.text}`);
        if (input.agency.startsWith('黔东南'))
          assert.deepEqual(
            title.map((l) => l.text),
            [
              '黔东南苗族侗族自治州三穗县人民政府办公室',
              '政务公开与信息化科',
              '2022年政府信息公开工作年度报告',
            ],
            'a long name breaks after the name of a unit',
          );
      }
      // Centred.
      for (const l of title) {
        const runs = pages[0]!.filter((r) => Math.abs(r.y - l.y) < 2);
        const left = Math.min(...runs.map((r) => r.x));
        const right = Math.max(...runs.map((r) => r.x1));
        assert.ok(Math.abs(left - (A4.width - right) - (mm(28) - mm(26))) < 2, `centred: ${l.text}`);
      }
    });

    it('keeps every line in the type area, no line starting with closing punctuation, and numbers its pages — n —', () => {
      pages.forEach((runs, i) => {
        for (const r of runs) {
          assert.ok(
            r.x >= mm(28) - 0.5 && r.x1 <= A4.width - mm(26) + 0.5,
            `outside the type area: ${r.text}`,
          );
          assert.ok(r.y <= A4.height - mm(20), `below the foot: ${r.text}`);
        }
        const lines = linesOf(runs);
        const foot = lines[lines.length - 1]!;
        assert.equal(foot.text, `— ${i + 1} —`);
        for (const l of lines)
          assert.doesNotMatch(l.text, /^[，。、；：？！）》」”]/, `page ${i + 1}: ${l.text}`);
      });
    });

    it('has the six sections and reads back (built-in reader) to every figure, with no error finding', async () => {
      const text = pages
        .map((p) =>
          linesOf(p)
            .map((l) => l.text)
            .join('\n'),
        )
        .join('\n');
      for (const h of [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ])
        assert.ok(text.includes(h), h);
      const { checked, differences } = await readBack(input, 'report.pdf', pdf);
      assert.equal(checked.status, 'full', checked.error ?? JSON.stringify(checked.info?.missingRows));
      assert.deepEqual(differences, []);
      assert.ok(figuresOf(input.data).size > 100);
      assert.deepEqual(
        checked.data!.findings.filter((f) => f.severity === 'error').map((f) => f.message),
        [],
      );
    });
  });
}

describe('the built-in engine’s font', () => {
  it('is read and parsed once per process, shared by every PDF and by calls at the same moment', async () => {
    const [a, b] = await Promise.all([loadFonts(), loadFonts()]);
    assert.equal(a, b);
    assert.equal(await loadFonts(), a);
    assert.equal(a.regular.familyName, 'Noto Serif SC');
  });
});
