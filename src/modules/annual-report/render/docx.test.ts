import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
// jszip is the zip library docx itself depends on (not a direct dependency of the project).
import JSZip from 'jszip';
import { renderDocx } from './docx.js';
import { tablesOf } from './layout.js';
import type { RenderInput } from './render-input.js';
import { sample2020, sample2022 } from './samples.js';
import { readBack } from './verify.js';

/** The Word rendering: 公文 fonts and sizes, A4, merged header cells, every figure in place. */

async function documentXml(
  input: RenderInput,
): Promise<{ doc: cheerio.CheerioAPI; fonts: string; bytes: Buffer }> {
  const bytes = await renderDocx(input);
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const fonts = await zip.file('word/fontTable.xml')!.async('string');
  return { doc: cheerio.load(xml, { xml: true }), fonts, bytes };
}

/** A cell's text: its w:t runs joined. */
const textOf = ($: cheerio.CheerioAPI, el: Parameters<cheerio.CheerioAPI>[0]) =>
  $(el)
    .find('w\\:t')
    .map((_, t) => $(t).text())
    .get()
    .join('');

for (const sample of [sample2020, sample2022]) {
  const input = sample();
  describe(`the ${input.year} report as DOCX`, () => {
    it('parses, and has the three tables with merged header cells (w:vMerge, w:gridSpan)', async () => {
      const { doc: $ } = await documentXml(input);
      assert.equal($('w\\:body').length, 1, 'word/document.xml parses');
      const tables = $('w\\:tbl');
      assert.equal(tables.length, 3);
      const [proactive, requests, appeals] = [tables.eq(0), tables.eq(1), tables.eq(2)];
      const cellWith = (table: ReturnType<typeof $>, text: string) =>
        table
          .find('w\\:tc')
          .filter((_, tc) => textOf($, tc) === text)
          .first();
      const gridSpan = (tc: ReturnType<typeof $>) => tc.find('w\\:tcPr > w\\:gridSpan').attr('w:val');
      const vMerge = (tc: ReturnType<typeof $>) => tc.find('w\\:tcPr > w\\:vMerge').attr('w:val');
      // Table 三's header: the 勾稽 note over 3×3, 申请人情况 over 7, 自然人 and 总计 down 2, 法人或其他组织 over 5.
      const note = cellWith(requests, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
      assert.equal(gridSpan(note), '3');
      assert.equal(vMerge(note), 'restart');
      assert.equal(gridSpan(cellWith(requests, '申请人情况')), '7');
      assert.equal(vMerge(cellWith(requests, '自然人')), 'restart');
      assert.equal(gridSpan(cellWith(requests, '法人或其他组织')), '5');
      assert.equal(vMerge(cellWith(requests, '总计')), 'restart');
      assert.equal(vMerge(cellWith(requests, '三、本年度办理结果')), 'restart');
      assert.equal(vMerge(cellWith(requests, '（三）不予公开')), 'restart');
      // The rows below carry the continuation cells.
      const headerRows = requests.find('w\\:tr').slice(0, 3);
      assert.equal(headerRows.eq(1).find('w\\:vMerge[w\\:val="continue"]').length, 1, 'the note continues');
      assert.equal(headerRows.eq(2).find('w\\:vMerge[w\\:val="continue"]').length, 3, 'note, 自然人, 总计');
      assert.equal(headerRows.first().find('w\\:trPr > w\\:tblHeader').length, 1, 'header rows repeat');
      // Table 四: 行政复议 over 5 and down 2, 行政诉讼 over 10.
      assert.equal(gridSpan(cellWith(appeals, '行政复议')), '5');
      assert.equal(vMerge(cellWith(appeals, '行政复议')), 'restart');
      assert.equal(gridSpan(cellWith(appeals, '行政诉讼')), '10');
      assert.equal(gridSpan(cellWith(appeals, '未经复议直接起诉')), '5');
      assert.equal(gridSpan(cellWith(appeals, '复议后起诉')), '5');
      // Table 二: each caption across the four columns.
      assert.equal(gridSpan(cellWith(proactive, '第二十条第（一）项')), '4');
      assert.equal(gridSpan(cellWith(proactive, '第二十条第（八）项')), '4');
    });

    it('has every figure, in its table, in the order of the layout', async () => {
      const { doc: $ } = await documentXml(input);
      const tables = $('w\\:tbl');
      const layout = tablesOf(input.data);
      [layout.proactive, layout.requests, layout.appeals].forEach((t, i) => {
        const want = t.parts.flatMap((p) =>
          p.rows
            .flat()
            .filter((c) => c.path)
            .map((c) => c.text),
        );
        const got = tables
          .eq(i)
          .find('w\\:tc')
          .filter((_, tc) => $(tc).find('w\\:vMerge[w\\:val="continue"]').length === 0)
          .map((_, tc) => textOf($, tc))
          .get()
          .filter((s) => /^-?\d+(\.\d+)?$/.test(s));
        assert.deepEqual(got, want, t.id);
        assert.ok(want.length >= 10, 'figures compared');
      });
    });

    it('is A4 with the 公文 fonts and sizes, and declares their fallbacks', async () => {
      const { doc: $, fonts } = await documentXml(input);
      const size = $('w\\:sectPr w\\:pgSz');
      assert.equal(size.attr('w:w'), '11906');
      assert.equal(size.attr('w:h'), '16838');
      const title = $('w\\:body > w\\:p').first();
      assert.equal(textOf($, title), `${input.agency}${input.year}年政府信息公开工作年度报告`);
      assert.equal(title.find('w\\:rFonts').attr('w:eastAsia'), '方正小标宋简体');
      assert.equal(title.find('w\\:sz').attr('w:val'), '44', '二号 = 22 pt');
      const heading = $('w\\:body > w\\:p').filter((_, p) => textOf($, p) === '一、总体情况');
      assert.equal(heading.find('w\\:rFonts').attr('w:eastAsia'), '黑体');
      assert.equal(heading.find('w\\:sz').attr('w:val'), '32', '三号 = 16 pt');
      const body = $('w\\:body > w\\:p').filter((_, p) => textOf($, p).startsWith('本报告根据'));
      assert.equal(body.find('w\\:rFonts').attr('w:eastAsia'), '仿宋_GB2312');
      assert.equal(body.find('w\\:sz').attr('w:val'), '32');
      const ft = cheerio.load(fonts, { xml: true });
      const alt = (name: string) => ft(`w\\:font[w\\:name="${name}"] > w\\:altName`).attr('w:val');
      assert.equal(alt('方正小标宋简体'), 'FZXiaoBiaoSong-B05S');
      assert.equal(alt('FZXiaoBiaoSong-B05S'), 'Noto Serif CJK SC');
      assert.equal(alt('仿宋_GB2312'), 'Noto Serif CJK SC');
      assert.equal(alt('Noto Serif CJK SC'), 'Noto Sans CJK SC');
      assert.equal(alt('黑体'), 'Noto Sans CJK SC');
    });

    it('reads back (through mammoth) to the same figures, with no error finding', async () => {
      const { bytes } = await documentXml(input);
      const { checked, differences } = await readBack(input, 'report.docx', bytes);
      assert.equal(checked.data?.source.kind, 'docx');
      assert.deepEqual(differences, []);
      assert.deepEqual(
        checked.data!.findings.filter((f) => f.severity === 'error'),
        [],
      );
    });
  });
}
