// A run's report as files (issue 17 §3): the quarterly 政府网站自查报告 as a Word document in the
// office's usual form, and its content as a workbook. exceljs and docx are loaded when a file is
// asked for, not when the server starts.

import { indicatorLabels, outcomeLabels, verdictLabels, columnClassLabels } from './inspection.js';
import {
  availabilityText,
  beijingTime,
  columnState,
  evidenceLine,
  linkStatus,
  problemResults,
  reportTitle,
  reviewLabels,
  robotsText,
  runTime,
  trendSentences,
  triggerLabels,
  vetoRows,
} from './inspection-report-text.js';
import type { ResultView, RunReport, Summary } from './inspection-report.service.js';

/** The report's summary, or an error: only a finished run has a report to export. */
function summaryOf(r: RunReport): Summary {
  if (!r.summary) throw new Error('这次检查尚未完成，没有可导出的报告');
  return r.summary;
}

/** 一、基本情况 as label–value pairs. */
function basics(r: RunReport): Array<[string, string]> {
  return [
    ['网站名称', r.site.name],
    ['网站标识码', r.site.siteCode ?? '未登记'],
    ['主办单位', r.site.agencyName],
    ['首页地址', r.site.url],
    ['检查时间', beijingTime(runTime(r.run))],
    ['检查方式', triggerLabels[r.run.trigger]],
    ['检查页面数', `${r.run.pages} 个（共检查地址 ${r.run.links} 个）`],
    ['爬虫协议', robotsText(r.robots)],
    ['首页可用率', availabilityText(r.availability)],
  ];
}

/** A problem's row of 四、发现的问题清单. */
function problemRow(x: ResultView, i: number) {
  const first = x.evidence.find((e) => e.url) ?? x.evidence[0];
  return {
    seq: i + 1,
    indicator: indicatorLabels[x.indicator],
    problem: x.outcome === 'review' ? `${x.message}（${reviewLabels.confirmed}）` : x.message,
    url: first?.url ?? '',
    at: first?.at ? beijingTime(first.at) : '',
    evidence: x.evidence.map(evidenceLine).join('\n'),
  };
}

const unreviewedCount = (r: RunReport) => r.results.filter((x) => x.outcome === 'review' && !x.review).length;

function rectification(r: RunReport): string {
  return (
    `请责任单位${r.site.agencyName}对照本报告列出的单项否决指标、扣分指标和问题清单逐项整改：` +
    '触及单项否决的问题立即整改，其他问题在下一次检查前整改完毕；整改完成后在本平台“网站检查”中重新检查，' +
    '并将整改情况报本级政府办公室（政务公开办）。'
  );
}

/**
 * The report as a workbook: 概况 (basic facts, the verdict, the 单项否决 items, deductions, the
 * trend), 问题清单, 栏目 and 失效链接; each sheet's header row bold and frozen.
 */
export async function reportWorkbook(r: RunReport): Promise<Buffer> {
  const s = summaryOf(r);
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  wb.title = reportTitle(r);
  const sheet = (name: string, head: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(head).font = { bold: true };
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    return ws;
  };
  const wrap = { wrapText: true, vertical: 'top' } as const;

  const overview = sheet('概况', ['项目', '内容'], [24, 90]);
  for (const [k, v] of basics(r)) overview.addRow([k, v]);
  overview.addRow(['检查结论', verdictLabels[s.verdict]]);
  overview.addRow(['得分', s.score]);
  for (const v of vetoRows(r))
    overview.addRow([
      `单项否决：${v.label}`,
      [`${v.touched}。${v.message}`, ...v.evidence.map(evidenceLine)].join('\n'),
    ]);
  for (const d of s.deductions) overview.addRow([`扣分：${d.item}`, `扣 ${d.points} 分。${d.message}`]);
  overview.addRow(['与上次检查比较', trendSentences(r.trend).join('\n')]);
  overview.addRow(['整改要求', rectification(r)]);
  overview.getColumn(2).alignment = wrap;

  const problems = sheet(
    '问题清单',
    ['序号', '指标', '问题', '页面地址', '时间', '依据/证据'],
    [8, 20, 50, 50, 18, 70],
  );
  problemResults(r.results).forEach((x, i) => {
    const p = problemRow(x, i);
    problems.addRow([p.seq, p.indicator, p.problem, p.url, p.at, p.evidence]);
  });
  for (const c of [3, 6]) problems.getColumn(c).alignment = wrap;

  const columns = sheet(
    '栏目',
    ['栏目名称', '地址', '类别', '条目数', '最新发布日期', '状态'],
    [28, 50, 22, 10, 16, 14],
  );
  for (const c of s.columns)
    columns.addRow([c.title, c.url, columnClassLabels[c.class], c.items, c.latest ?? '无', columnState(c)]);

  const links = sheet('失效链接', ['地址', '状态', '所在页面', '链接文字'], [60, 10, 60, 30]);
  for (const l of s.brokenLinks) links.addRow([l.url, linkStatus(l.status), l.foundOn ?? '', l.text ?? '']);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, table: 21 };
const FONT = { title: '方正小标宋简体', heading: '黑体', body: '仿宋_GB2312', latin: 'Times New Roman' };
const fontOf = (eastAsia: string) => ({ ascii: FONT.latin, hAnsi: FONT.latin, eastAsia, cs: eastAsia });
/** mm → twentieths of a point; A4 with GB/T 9704 margins. */
const twips = (mm: number) => Math.round((mm / 25.4) * 1440);
const CONTENT_WIDTH = twips(210 - 28 - 26);

/**
 * The quarterly 政府网站自查报告 as a Word document: title, 一、基本情况, 二、单项否决指标 (all five,
 * each with whether this run found it and its evidence), 三、扣分指标 and the score, 四、发现的问题清单
 * (failures and confirmed 待人工确认 results), 五、与上次检查比较, 六、整改要求 naming the 责任单位.
 */
export async function reportDocument(r: RunReport): Promise<Buffer> {
  const s = summaryOf(r);
  const d = await import('docx');
  const {
    AlignmentType,
    Document,
    HeadingLevel,
    LineRuleType,
    Packer,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
  } = d;

  const para = (text: string, opts: { indent?: boolean; right?: boolean } = {}) =>
    new Paragraph({
      alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
      spacing: { line: 560, lineRule: LineRuleType.EXACT },
      ...(opts.indent === false || opts.right ? {} : { indent: { firstLine: 640 } }),
      children: [new TextRun({ text, size: SIZE.body, font: fontOf(FONT.body) })],
    });
  const heading = (text: string) =>
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      spacing: { line: 560, lineRule: LineRuleType.EXACT },
      indent: { firstLine: 640 },
      keepNext: true,
      children: [new TextRun({ text, size: SIZE.body, font: fontOf(FONT.heading) })],
    });
  const cell = (text: string | number, width: number, header = false) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { left: 57, right: 57 },
      children: String(text)
        .split('\n')
        .map(
          (line) =>
            new Paragraph({
              alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
              children: [
                new TextRun({
                  text: line,
                  size: SIZE.table,
                  bold: header,
                  font: fontOf(header ? FONT.heading : FONT.body),
                }),
              ],
            }),
        ),
    });
  const table = (head: string[], rows: Array<Array<string | number>>, shares: number[]) => {
    const sum = shares.reduce((a, b) => a + b, 0);
    const widths = shares.map((w) => Math.floor((w / sum) * CONTENT_WIDTH));
    return new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: head.map((h, i) => cell(h, widths[i]!, true)),
        }),
        ...rows.map(
          (row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, widths[i]!)) }),
        ),
      ],
    });
  };

  const title = reportTitle(r);
  const problems = problemResults(r.results).map(problemRow);
  const unreviewed = unreviewedCount(r);
  const lost = s.deductions.reduce((a, x) => a + x.points, 0);
  const doc = new Document({
    title,
    creator: r.site.agencyName,
    styles: {
      default: {
        document: {
          run: { font: fontOf(FONT.body), size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        },
        heading1: { run: { font: fontOf(FONT.heading), size: SIZE.body, color: '000000', bold: false } },
        title: { run: { font: fontOf(FONT.title), size: SIZE.title, color: '000000' } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(210), height: twips(297) },
            margin: { top: twips(37), bottom: twips(35), left: twips(28), right: twips(26) },
          },
        },
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            spacing: { after: 560, line: 700, lineRule: LineRuleType.AT_LEAST },
            children: [new TextRun({ text: title, size: SIZE.title, font: fontOf(FONT.title) })],
          }),
          para(
            `根据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号），于 ${beijingTime(runTime(r.run))} 对${r.site.name}进行了检查。检查结论：${verdictLabels[s.verdict]}，得分 ${s.score} 分。现将自查情况报告如下。`,
          ),
          heading('一、基本情况'),
          ...basics(r).map(([k, v]) => para(`${k}：${v}`)),
          heading('二、单项否决指标'),
          para(
            s.vetoes.length
              ? `本次检查触及单项否决指标 ${s.vetoes.length} 项，网站检查结论为不合格。`
              : '本次检查未触及单项否决指标。',
          ),
          table(
            ['序号', '指标', '是否触及', '情况说明及证据'],
            vetoRows(r).map((v, i) => [
              i + 1,
              v.label,
              v.touched,
              [v.message, ...v.evidence.map(evidenceLine)].join('\n'),
            ]),
            [6, 18, 10, 66],
          ),
          heading('三、扣分指标'),
          ...(s.deductions.length
            ? [
                table(
                  ['扣分项', '扣分', '说明'],
                  s.deductions.map((x) => [x.item, x.points, x.message]),
                  [24, 10, 66],
                ),
              ]
            : []),
          para(
            `${s.deductions.length ? `合计扣 ${Math.round(lost * 10) / 10} 分，` : '没有扣分项，'}得分 ${s.score} 分（满分 100 分）。检查结论：${verdictLabels[s.verdict]}。`,
          ),
          heading('四、发现的问题清单'),
          ...(problems.length
            ? [
                para(
                  `共 ${problems.length} 项，包括检查结果为“${outcomeLabels.violation}”的问题和经人工确认的问题。`,
                ),
                table(
                  ['序号', '指标', '问题', '页面地址', '时间', '依据/证据'],
                  problems.map((p) => [p.seq, p.indicator, p.problem, p.url, p.at, p.evidence]),
                  [6, 12, 26, 22, 12, 22],
                ),
              ]
            : [para('本次检查未发现问题。')]),
          ...(unreviewed
            ? [para(`另有 ${unreviewed} 项“${outcomeLabels.review}”的结果尚未确认，未列入问题清单。`)]
            : []),
          heading('五、与上次检查比较'),
          ...trendSentences(r.trend).map((line) => para(line)),
          heading('六、整改要求'),
          para(rectification(r)),
          para(r.site.agencyName, { right: true }),
          para(beijingTime(runTime(r.run)).slice(0, 10), { right: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
