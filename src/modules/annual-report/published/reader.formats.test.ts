import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { launchBrowser } from '../../../../test/e2e/browser.js';
import { checkPublishedReport } from './read-and-check.js';
import type { ReportData } from '../contract/report.js';
import { renderHtml } from '../render/index.js';

/**
 * The same report in every kind of file the checker reads: an HTML page with merged header
 * cells (rowspan/colspan), &nbsp; and styling markup; a Word document; a PDF printed by
 * Chromium; and text with full-width digits, thousands separators and variant punctuation.
 * Each must give the figures of the original.
 */

const seedFile = 'test/fixtures/annual-report/jinjiang-2020-annual-report.md';
let seed: ReportData;

before(async () => {
  seed = (await checkPublishedReport(seedFile, readFileSync(seedFile))).data!;
});

/** The seed's tables as a standalone page, laid out by the renderer every published file comes from. */
function seedPage(): string {
  return renderHtml({
    data: seed,
    agency: seed.agency!,
    year: seed.year!,
    narrative: { section1: '', section5: '', section6: '' },
  });
}

function sameFigures(got: ReportData | null, want: ReportData): void {
  assert.ok(got, 'the report was read');
  assert.equal(got.year, want.year);
  assert.equal(got.format, want.format);
  assert.deepEqual(got.requests, want.requests);
  assert.deepEqual(got.appeals, want.appeals);
  assert.deepEqual(got.proactive, want.proactive);
}

describe('reading each kind of file', () => {
  it('HTML with rowspan/colspan, &nbsp; and styling markup', async () => {
    const html = seedPage()
      .replace(
        /<td( data-path="[^"]*")>(\d+)<\/td>/g,
        '<td$1><span style="font-family:仿宋">&nbsp;$2&nbsp;</span></td>',
      )
      .replace('<body>', '<body><div class="nav">首页 &gt; 政府信息公开 &gt; 年报</div><table><tr><td>');
    assert.match(html, /&nbsp;231&nbsp;/, 'the figures are wrapped in styling markup');
    const r = await checkPublishedReport('report.html', Buffer.from(`${html}</td></tr></table>`, 'utf8'));
    sameFigures(r.data, seed);
    assert.equal(r.data!.source.kind, 'html');
    assert.deepEqual(
      r.data!.findings.filter((f) => f.severity === 'error').map((f) => `${f.check} ${f.where}`),
      ['row-sum requests.received', 'balance requests[commercialEnterprise]'],
    );
  });

  it('a Word document (DOCX) with the tables as Word tables', async () => {
    const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });
    const table = (rows: string[][]) =>
      new Table({
        rows: rows.map(
          (cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [para(c)] })) }),
        ),
      });
    const cols = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
    const requestRows = Object.entries(seed.requests).map(([key, values]) => [
      labelOf(key),
      ...values!.map(String),
    ]);
    const doc = new Document({
      sections: [
        {
          children: [
            para('晋江市人民政府2020年政府信息公开工作年度报告'),
            para('一、总体情况'),
            para('二、主动公开政府信息情况'),
            table([
              ['第二十条第（一）项'],
              ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
              ['规章', '49', '49', '87'],
              ['规范性文件', '61', '61', '126'],
              ['第二十条第（五）项'],
              ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
              ['行政许可', '490', '422', '94335'],
              ['其他对外管理服务事项', '86', '44', '12204'],
              ['第二十条第（六）项'],
              ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
              ['行政处罚', '681', '219', '15833'],
              ['行政强制', '7', '0', '68'],
              ['第二十条第（八）项'],
              ['信息内容', '上一年项目数量', '本年增/减'],
              ['行政事业性收费', '4', '3'],
              ['第二十条第（九）项'],
              ['信息内容', '采购项目数量', '采购总金额'],
              ['政府集中采购', '271', '249887966.42'],
            ]),
            para('三、收到和处理政府信息公开申请情况'),
            table([['申请人情况', ...cols], ...requestRows]),
            para('四、政府信息公开行政复议、行政诉讼情况'),
            table([
              ['行政复议', '行政诉讼'],
              [
                '结果维持',
                '结果纠正',
                '其他结果',
                '尚未审结',
                '总计',
                '结果维持',
                '结果纠正',
                '其他结果',
                '尚未审结',
                '总计',
                '结果维持',
                '结果纠正',
                '其他结果',
                '尚未审结',
                '总计',
              ],
              ['2', '0', '0', '0', '2', '0', '0', '1', '4', '5', '1', '2', '2', '0', '5'],
            ]),
            para('五、存在的主要问题及改进情况'),
            para('六、其他需要报告的事项'),
          ],
        },
      ],
    });
    const bytes = await Packer.toBuffer(doc);
    const r = await checkPublishedReport('report.docx', bytes);
    assert.equal(r.data?.source.kind, 'docx');
    sameFigures(r.data, seed);
  });

  describe('a PDF printed by Chromium', () => {
    let pdf: Buffer;
    before(async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        await page.setContent(seedPage());
        pdf = await page.pdf({ format: 'A4', printBackground: true });
      } finally {
        await browser.close();
      }
    });

    it('reads its text layer', async () => {
      const r = await checkPublishedReport('report.pdf', pdf);
      assert.equal(r.data?.source.kind, 'pdf', r.error ?? '');
      sameFigures(r.data, seed);
    });

    it('reports a PDF without a text layer as unreadable instead of guessing', async () => {
      // The same PDF with every text-showing operator removed stands for a scan: pages, no text.
      const r = await checkPublishedReport('scan.pdf', minimalImagePdf());
      assert.equal(r.status, 'none');
      assert.match(r.error ?? '', /没有文字层|无法读取/);
    });
  });

  it('text with full-width digits, thousands separators and variant punctuation', async () => {
    const text = readFileSync(seedFile, 'utf8')
      .replace(/94335/g, '94,335')
      .replace(/“三安全一稳定”/g, '"三安全一稳定"')
      .replace(
        /\| (\d+) /g,
        (_m, d: string) => `| ${[...d].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')} `,
      );
    const r = await checkPublishedReport('report.txt', Buffer.from(text, 'utf8'));
    sameFigures(r.data, seed);
  });

  it('a GB18030-encoded page', async () => {
    const html = seedPage().replace('<meta charset="utf-8">', '<meta charset="gb18030">');
    const bytes = iconvGb18030(html);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the page is not UTF-8');
    const r = await checkPublishedReport('report.htm', bytes);
    sameFigures(r.data, seed);
  });
});

function labelOf(key: string): string {
  const labels: Record<string, string> = {
    received: '一、本年新收政府信息公开申请数量',
    carriedOver: '二、上年结转政府信息公开申请数量',
    granted: '（一）予以公开',
    partiallyGranted: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    'withheld.stateSecret': '（三）不予公开 1.属于国家秘密',
    'withheld.lawProhibited': '2.其他法律行政法规禁止公开',
    'withheld.securityStability': '3.危及“三安全一稳定”',
    'withheld.thirdPartyRights': '4.保护第三方合法权益',
    'withheld.internalAffairs': '5.属于三类内部事务信息',
    'withheld.processInformation': '6.属于四类过程性信息',
    'withheld.enforcementFile': '7.属于行政执法案卷',
    'withheld.administrativeQuery': '8.属于行政查询事项',
    'unavailable.notHeld': '（四）无法提供 1.本机关不掌握相关政府信息',
    'unavailable.needsCreation': '2.没有现成信息需要另行制作',
    'unavailable.stillUnclear': '3.补正后申请内容仍不明确',
    'notProcessed.petition': '（五）不予处理 1.信访举报投诉类申请',
    'notProcessed.repeated': '2.重复申请',
    'notProcessed.publication': '3.要求提供公开出版物',
    'notProcessed.excessive': '4.无正当理由大量反复申请',
    'notProcessed.confirmation': '5.要求行政机关确认或重新出具已获取信息',
    other: '（六）其他处理',
    total: '（七）总计',
    carriedForward: '四、结转下年度继续办理',
  };
  return labels[key]!;
}

/** A one-page PDF that draws a filled rectangle and no text: what a scanned page looks like to a reader. */
function minimalImagePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const stream = '0 0 0 rg 100 100 300 300 re f';
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** GB18030 bytes of a string, through iconv from Debian's libc (no npm encoder needed). */
function iconvGb18030(text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8') });
}
