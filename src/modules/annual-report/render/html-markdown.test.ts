import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { figuresOf } from './layout.js';
import { renderHtml, renderHtmlFragment, reportColumnCss } from './html.js';
import { renderMarkdown } from './markdown.js';
import { RenderInputError, type RenderInput } from './render-input.js';
import { sample2020, sample2022 } from './samples.js';
import { readBack } from './verify.js';

/**
 * HTML and Markdown renderings read back by the project's own reader and checker
 * (checkPublishedReport): every figure as rendered, no error finding.
 */

const samples: Array<[string, () => RenderInput, string[]]> = [
  // The seed's 晋江市 is a county-level city printing 规章: the checker's plausibility warning is
  // about the seed's figures, not the rendering.
  ['2020 (2019 format, the seed report)', sample2020, ['plausibility']],
  ['2022 (2021 format)', sample2022, []],
];

for (const [name, sample, expectedWarnings] of samples) {
  describe(`a ${name} report`, () => {
    const input = sample();

    for (const [kind, file, text] of [
      ['Markdown', 'report.md', () => renderMarkdown(input)],
      ['HTML', 'report.html', () => renderHtml(input)],
    ] as const) {
      it(`rendered as ${kind} reads back to the same figures, with no error finding`, async () => {
        const { checked, differences } = await readBack(input, file, Buffer.from(text(), 'utf8'));
        assert.equal(checked.status, 'full', checked.error ?? '');
        assert.deepEqual(differences, []);
        assert.equal(checked.data!.source.kind, kind === 'HTML' ? 'html' : 'markdown');
        assert.deepEqual(
          checked.data!.findings.filter((f) => f.severity === 'error'),
          [],
          'no error finding',
        );
        assert.deepEqual(
          checked.data!.findings.map((f) => f.check),
          expectedWarnings,
        );
        // The narrative's statements were found and agree with the tables.
        assert.ok((checked.data!.narrative.figures ?? []).some((f) => f.measure === 'received'));
        // All the figures were compared: table 三 rows × 7, table 二's items, table 四's 15.
        const expected =
          input.data.format === '2019' ? 23 * 7 + (6 * 3 + 2 * 2) + 15 : 25 * 7 + (2 * 3 + 4) + 15;
        assert.equal(figuresOf(input.data).size, expected);
      });
    }
  });
}

describe('HTML layout', () => {
  const html2020 = renderHtml(sample2020());
  const html2022 = renderHtml(sample2022());

  it('is a standalone zh-CN UTF-8 document with the title and no external resources', () => {
    const $ = cheerio.load(html2022);
    assert.match(html2022, /^<!DOCTYPE html>/);
    assert.equal($('html').attr('lang'), 'zh-CN');
    assert.equal($('meta[charset]').attr('charset'), 'utf-8');
    assert.equal($('title').text(), '丽水市人民政府2022年政府信息公开工作年度报告');
    assert.equal($('h1').text(), '丽水市人民政府2022年政府信息公开工作年度报告');
    assert.equal($('link, script, img, iframe').length, 0);
    assert.doesNotMatch(html2022, /(src|href)\s*=\s*"https?:/);
    assert.match($('.gk-ar-intro').text(), /^本报告根据《中华人民共和国政府信息公开条例》/);
    assert.match($('.gk-ar-intro').text(), /国办公开办函〔2021〕30号/);
    assert.match($('.gk-ar-intro').text(), /统计期限自2022年1月1日起至2022年12月31日止/);
    assert.match(cheerio.load(html2020)('.gk-ar-intro').text(), /国办公开办函〔2019〕60号/);
  });

  it('has the six section headings in order', () => {
    assert.deepEqual(
      cheerio
        .load(html2022)('h2')
        .map((_, h) => cheerio.load(html2022)(h).text())
        .get(),
      [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ],
    );
  });

  it('prints section 二 as its sub-tables with the labels of each format', () => {
    const captions = (html: string) =>
      cheerio
        .load(html)('#gk-ar-proactive th.gk-ar-caption')
        .map((_, e) => cheerio.load(html)(e).text())
        .get();
    assert.deepEqual(captions(html2022), [
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
    ]);
    assert.deepEqual(captions(html2020), [
      '第二十条第（一）项',
      '第二十条第（五）项',
      '第二十条第（六）项',
      '第二十条第（八）项',
      '第二十条第（九）项',
    ]);
    const $ = cheerio.load(html2022);
    const heads = $('#gk-ar-proactive th[scope=col], #gk-ar-proactive th[scope=colgroup]:not(.gk-ar-caption)')
      .map((_, e) => $(e).text())
      .get();
    assert.deepEqual(heads.slice(0, 4), ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    assert.ok(heads.includes('本年收费金额（单位：万元）'));
    assert.equal($('#gk-ar-proactive th:contains("行政规范性文件")').length, 1);
    const $19 = cheerio.load(html2020);
    assert.ok($19('#gk-ar-proactive th:contains("对外公开总数量")').length);
    assert.ok($19('#gk-ar-proactive th:contains("其他对外管理服务事项")').length);
    assert.equal(
      $19('#gk-ar-proactive td[data-path="proactive.procurement.amountYuan"]').text(),
      '249887966.42',
    );
    // A short sub-table's last column spans the rest of the four columns.
    assert.equal($('#gk-ar-proactive td[data-path="proactive.licensing.decisions"]').attr('colspan'), '3');
  });

  it('merges the headers of table 三 as the format does', () => {
    for (const [html, outcomeRows, format] of [
      [html2020, 20, '2019'],
      [html2022, 22, '2021'],
    ] as const) {
      const $ = cheerio.load(html);
      const th = (text: string) => $('#gk-ar-requests th').filter((_, e) => $(e).text() === text);
      const note = th('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
      assert.equal(note.attr('rowspan'), '3');
      assert.equal(note.attr('colspan'), '3');
      assert.equal(th('申请人情况').attr('colspan'), '7');
      assert.equal(th('自然人').attr('rowspan'), '2');
      assert.equal(th('法人或其他组织').attr('colspan'), '5');
      assert.equal(
        $('#gk-ar-requests thead th')
          .filter((_, e) => $(e).text() === '总计')
          .attr('rowspan'),
        '2',
      );
      assert.deepEqual(
        $('#gk-ar-requests thead tr')
          .eq(2)
          .find('th')
          .map((_, e) => $(e).text())
          .get(),
        ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
      );
      assert.equal(th('三、本年度办理结果').attr('rowspan'), String(outcomeRows), format);
      assert.equal(th('（三）不予公开').attr('rowspan'), '8');
      assert.equal(th('（四）无法提供').attr('rowspan'), '3');
      assert.equal(th('（五）不予处理').attr('rowspan'), '5');
      assert.equal(th('一、本年新收政府信息公开申请数量').attr('colspan'), '3');
      assert.equal(th('（一）予以公开').attr('colspan'), '2');
      if (format === '2021') {
        assert.equal(th('（六）其他处理').attr('rowspan'), '3');
        assert.equal(th('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请').length, 1);
        assert.equal(
          th('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请').length,
          1,
        );
        assert.equal(th('3.其他').length, 1);
      } else {
        assert.equal(th('（六）其他处理').attr('colspan'), '2');
      }
      assert.equal($('#gk-ar-requests tbody tr').length, format === '2019' ? 23 : 25);
      // Every row has 7 figures.
      $('#gk-ar-requests tbody tr').each((_, tr) => assert.equal($(tr).find('td').length, 7));
    }
  });

  it('merges the headers of table 四 as the format does', () => {
    const $ = cheerio.load(html2022);
    const th = (text: string) => $('#gk-ar-appeals th').filter((_, e) => $(e).text() === text);
    assert.equal(th('行政复议').attr('rowspan'), '2');
    assert.equal(th('行政复议').attr('colspan'), '5');
    assert.equal(th('行政诉讼').attr('colspan'), '10');
    assert.equal(th('未经复议直接起诉').attr('colspan'), '5');
    assert.equal(th('复议后起诉').attr('colspan'), '5');
    assert.deepEqual(
      $('#gk-ar-appeals thead tr')
        .eq(2)
        .find('th')
        .map((_, e) => $(e).text())
        .get(),
      Array.from({ length: 3 }, () => ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']).flat(),
    );
    assert.deepEqual(
      $('#gk-ar-appeals tbody td')
        .map((_, e) => Number($(e).text()))
        .get(),
      [3, 1, 0, 1, 5, 2, 0, 1, 0, 3, 1, 0, 0, 1, 2],
    );
  });

  it('escapes the narrative and keeps each line a paragraph; an empty section prints 无。', () => {
    const input = sample2022();
    input.agency = '某某<县>人民政府';
    input.narrative = {
      section1: '第一段 <script>alert(1)</script> & “引号”\n\n第二段',
      section5: '',
      section6: '  \n ',
    };
    const html = renderHtml(input);
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; “引号”/);
    assert.match(html, /<title>某某&lt;县&gt;人民政府2022年/);
    const $ = cheerio.load(html);
    const after = (heading: string) =>
      $('h2')
        .filter((_, h) => $(h).text() === heading)
        .nextUntil('h2')
        .map((_, p) => $(p).text())
        .get();
    assert.deepEqual(after('一、总体情况'), ['第一段 <script>alert(1)</script> & “引号”', '第二段']);
    assert.deepEqual(after('五、存在的主要问题及改进情况'), ['无。']);
    assert.deepEqual(after('六、其他需要报告的事项'), ['无。']);
  });

  it('offers the report as a fragment for the portal page', () => {
    const fragment = renderHtmlFragment(sample2022());
    assert.match(fragment, /^<article class="gk-annual-report" lang="zh-CN">/);
    assert.doesNotMatch(fragment, /<html|<head|<style/);
    assert.ok(html2022.includes(fragment));
  });

  it('sets the column widths by class rules in the served style sheet, with no style attribute the CSP would block', () => {
    const squash = (css: string) => css.replace(/\s+/g, ' ').replace(/ ?([{};]) ?/g, '$1');
    const served = squash(
      readFileSync(new URL('../../../platform/ui/static/gongkai.css', import.meta.url), 'utf8'),
    );
    for (const input of [sample2020(), sample2022()]) {
      const fragment = renderHtmlFragment(input);
      assert.doesNotMatch(fragment, /\sstyle=/);
      const $ = cheerio.load(fragment);
      for (const id of ['proactive', 'requests', 'appeals'])
        assert.ok($(`#gk-ar-${id} colgroup col`).length > 1, id);
      const rules = reportColumnCss(input).split('\n');
      assert.equal(rules.length, 4 + 10 + 15);
      for (const rule of rules) assert.ok(served.includes(squash(rule)), `gongkai.css lacks ${rule}`);
      // The standalone file carries the same rules in its own style element.
      for (const rule of rules) assert.ok(renderHtml(input).includes(rule));
    }
  });

  it('refuses data in the wrong format for the year', () => {
    const input = sample2022();
    input.year = 2020;
    assert.throws(() => renderHtml(input), RenderInputError);
    assert.throws(() => renderMarkdown(input), /2019 年格式/);
  });
});

describe('Markdown layout', () => {
  const md = renderMarkdown(sample2022());

  it('has the title, the six headings and pipe tables with flattened headers', () => {
    assert.match(md, /^# 丽水市人民政府2022年政府信息公开工作年度报告\n/);
    for (const h of [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ])
      assert.ok(md.includes(`\n## ${h}\n`), h);
    const header = md.split('\n').find((l) => l.startsWith('| （本列数据的勾稽关系为'))!;
    const cells = header
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    assert.deepEqual(cells.slice(3), [
      '申请人情况·自然人',
      '申请人情况·法人或其他组织·商业企业',
      '申请人情况·法人或其他组织·科研机构',
      '申请人情况·法人或其他组织·社会公益组织',
      '申请人情况·法人或其他组织·法律服务机构',
      '申请人情况·法人或其他组织·其他',
      '申请人情况·总计',
    ]);
    assert.ok(md.includes('| 行政复议·结果维持 |'));
    assert.ok(md.includes('| 行政诉讼·未经复议直接起诉·尚未审结 |'));
    assert.ok(md.includes('| 行政诉讼·复议后起诉·总计 |'));
    assert.ok(md.includes('| 行政许可 | 15873 |'));
    assert.ok(md.includes('| 一、本年新收政府信息公开申请数量 |  |  | 30 | 6 | 1 | 2 | 3 | 1 | 43 |'));
    assert.ok(md.includes('|  | （三）不予公开 | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |'));
    // Every table row has as many cells as its header.
    for (const table of md.split(/\n\n/).filter((b) => b.startsWith('|'))) {
      const widths = table.split('\n').map((l) => l.replace(/\\\|/g, '').split('|').length);
      assert.ok(
        widths.every((w) => w === widths[0]),
        table.slice(0, 40),
      );
    }
  });

  it('escapes Markdown syntax in the narrative', () => {
    const input = sample2022();
    input.narrative.section5 = '# 不是标题\n*强调* 与 [链接](x) | 竖线\n1. 不是列表';
    const out = renderMarkdown(input);
    assert.ok(out.includes('\\# 不是标题'));
    assert.ok(out.includes('\\*强调\\* 与 \\[链接\\](x) \\| 竖线'));
    assert.ok(out.includes('\\1. 不是列表'));
  });

  it('prints negative 本年增/减 figures of the 2019 format and reads them back', async () => {
    const input = sample2020();
    (input.data.proactive as { enforcement: { change: number } }).enforcement.change = -2;
    const { differences } = await readBack(input, 'report.md', Buffer.from(renderMarkdown(input)));
    assert.deepEqual(differences, []);
  });
});
