import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { isRowLabel, tablesOf, type LayoutCell, type LayoutTable } from './layout.js';
import {
  formatOf,
  narrativeOf,
  openingParagraph,
  sectionHeadings,
  titleOf,
  type RenderInput,
} from './render-input.js';

/**
 * The report as a Word document in 公文 style: A4 with GB/T 9704 margins, the title in
 * 方正小标宋简体 二号, headings in 黑体 三号, body in 仿宋_GB2312 三号 at a fixed 28 pt line,
 * and the statutory tables with their merged cells (w:vMerge, w:gridSpan).
 *
 * Word takes one font name per run, so the fallbacks are declared in the font table
 * (word/fontTable.xml): each 公文 font names its substitute as w:altName, which Word and
 * LibreOffice use when the font is not installed (方正小标宋简体 → FZXiaoBiaoSong-B05S →
 * Noto Serif CJK SC; 仿宋_GB2312 → Noto Serif CJK SC → Noto Sans CJK SC; 黑体 → Noto Sans CJK SC).
 */

export const docxFonts = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
  latin: 'Times New Roman',
};

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 五号 10.5 pt, 小五 9 pt. */
const SIZE = { title: 44, body: 32, table: 21, tableSmall: 18 };

/** mm → twentieths of a point. */
const twips = (mm: number) => Math.round((mm / 25.4) * 1440);
const PAGE = {
  width: twips(210),
  height: twips(297),
  top: twips(37),
  bottom: twips(35),
  left: twips(28),
  right: twips(26),
};
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 28 pt exact line spacing, as 公文 are set (22 lines a page). */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };

const fontOf = (eastAsia: string) => ({
  ascii: docxFonts.latin,
  hAnsi: docxFonts.latin,
  eastAsia,
  cs: eastAsia,
});

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The font table with the fallbacks (w:altName) and the GB2312 character set (w:charset 86). */
export function fontTableXml(): string {
  const fonts: Array<{ name: string; alt?: string; family: 'roman' | 'swiss' | 'modern'; cjk: boolean }> = [
    { name: docxFonts.title, alt: 'FZXiaoBiaoSong-B05S', family: 'roman', cjk: true },
    { name: 'FZXiaoBiaoSong-B05S', alt: 'Noto Serif CJK SC', family: 'roman', cjk: true },
    { name: docxFonts.body, alt: 'Noto Serif CJK SC', family: 'roman', cjk: true },
    { name: docxFonts.heading, alt: 'Noto Sans CJK SC', family: 'swiss', cjk: true },
    { name: 'Noto Serif CJK SC', alt: 'Noto Sans CJK SC', family: 'roman', cjk: true },
    { name: 'Noto Sans CJK SC', family: 'swiss', cjk: true },
    { name: docxFonts.latin, family: 'roman', cjk: false },
  ];
  const body = fonts
    .map(
      (f) =>
        `<w:font w:name="${escapeXml(f.name)}">${f.alt ? `<w:altName w:val="${escapeXml(f.alt)}"/>` : ''}` +
        `<w:charset w:val="${f.cjk ? '86' : '00'}"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
    `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${body}</w:fonts>`
  );
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: LINE,
    indent: { firstLine: 640 },
    children: [new TextRun({ text, size: SIZE.body, font: fontOf(docxFonts.body) })],
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    spacing: LINE,
    indent: { firstLine: 640 },
    keepNext: true,
    children: [new TextRun({ text, size: SIZE.body, font: fontOf(docxFonts.heading) })],
  });
}

function cellParagraph(c: LayoutCell, size: number, left: boolean): Paragraph {
  return new Paragraph({
    alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { line: 300, lineRule: LineRuleType.AT_LEAST },
    children: [new TextRun({ text: c.text, size, font: fontOf(docxFonts.body) })],
  });
}

/** One statutory table as a Word table; the sub-tables of section 二 are rows of one table. */
export function tableDocx(t: LayoutTable): Table {
  const sum = t.widths.reduce((a, b) => a + b, 0);
  const columnWidths = t.widths.map((w) => Math.floor((w / sum) * CONTENT_WIDTH));
  const size = t.id === 'appeals' ? SIZE.tableSmall : SIZE.table;
  const rows: TableRow[] = [];
  for (const part of t.parts) {
    if (part.caption) {
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              columnSpan: t.columns,
              verticalAlign: VerticalAlignTable.CENTER,
              children: [cellParagraph({ text: part.caption, header: true }, size, true)],
            }),
          ],
        }),
      );
    }
    // Column positions, for cell widths: rows list only the cells that start in them.
    const taken: boolean[][] = part.rows.map(() => Array.from({ length: t.columns }, () => false));
    part.rows.forEach((cells, r) => {
      let col = 0;
      const children = cells.map((c) => {
        while (taken[r]![col]) col++;
        const rs = c.rowSpan ?? 1;
        const cs = c.colSpan ?? 1;
        for (let a = r; a < r + rs; a++) for (let b = col; b < col + cs; b++) taken[a]![b] = true;
        const width = columnWidths.slice(col, col + cs).reduce((a, b) => a + b, 0);
        const left = isRowLabel(c, r, part);
        col += cs;
        return new TableCell({
          ...(rs > 1 ? { rowSpan: rs } : {}),
          ...(cs > 1 ? { columnSpan: cs } : {}),
          width: { size: width, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          margins: { left: 57, right: 57 },
          children: [cellParagraph(c, size, left)],
        });
      });
      rows.push(new TableRow({ cantSplit: true, tableHeader: !part.caption && r < part.headRows, children }));
    });
  }
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    rows,
  });
}

export async function renderDocx(input: RenderInput): Promise<Buffer> {
  formatOf(input);
  const tables = tablesOf(input.data);
  const h = sectionHeadings;
  const title = titleOf(input);
  const doc = new Document({
    title,
    creator: input.agency,
    styles: {
      default: {
        document: {
          run: {
            font: fontOf(docxFonts.body),
            size: SIZE.body,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
        },
        heading1: { run: { font: fontOf(docxFonts.heading), size: SIZE.body, color: '000000', bold: false } },
        title: { run: { font: fontOf(docxFonts.title), size: SIZE.title, color: '000000' } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    size: 28,
                    font: fontOf(docxFonts.latin),
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            spacing: { after: 560, line: 700, lineRule: LineRuleType.AT_LEAST },
            children: [new TextRun({ text: title, size: SIZE.title, font: fontOf(docxFonts.title) })],
          }),
          bodyParagraph(openingParagraph(input)),
          heading(h.一),
          ...narrativeOf(input, '一').map(bodyParagraph),
          heading(h.二),
          tableDocx(tables.proactive),
          heading(h.三),
          tableDocx(tables.requests),
          heading(h.四),
          tableDocx(tables.appeals),
          heading(h.五),
          ...narrativeOf(input, '五').map(bodyParagraph),
          heading(h.六),
          ...narrativeOf(input, '六').map(bodyParagraph),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
