import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Fontkit from 'fontkit';
import { breakLines } from './cjk-lines.js';
import { isRowLabel, place, tablesOf, type LayoutCell, type LayoutTable } from './layout.js';
import {
  formatOf,
  narrativeOf,
  openingParagraph,
  sectionHeadings,
  titleOf,
  type RenderInput,
} from './render-input.js';

/**
 * The report as PDF without a browser: drawn with pdfkit from the render input and the layout
 * model (the same grids every other renderer draws), set in Noto Serif SC from an npm package
 * (@expo-google-fonts/noto-serif-sc, SIL Open Font Licence), embedded as subsetted TrueType
 * CID fonts. 公文 page: A4, margins 37/26/35/28 mm, 三号 (16 pt) body on a 28 pt line, 二号
 * (22 pt) title centred and broken only at a legal point, tables with borders and the layout's
 * column widths, page numbers “— 1 —” at the foot.
 */

const mm = (v: number) => (v * 72) / 25.4;
const PAGE = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(37), right: mm(26), bottom: mm(35), left: mm(28) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

const BODY = { size: 16, line: 28 };
const TITLE = { size: 22, line: 33 };
const TABLE = { size: 10.5, line: 13.5, pad: 3 };
const APPEALS = { size: 9, line: 11.5, pad: 2 };

type FontName = 'regular' | 'bold';

/** The two weights of Noto Serif SC, read and parsed once per process, on first use. */
let fonts: Promise<Record<FontName, Fontkit.Font>> | null = null;

function fontFile(weight: '400Regular' | '700Bold'): string {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
  return join(dir, weight, `NotoSerifSC_${weight}.ttf`);
}

export function loadFonts(): Promise<Record<FontName, Fontkit.Font>> {
  // One promise: PDFs asked for at the same moment share the one load.
  fonts ??= (async () => {
    const fontkit = await import('fontkit');
    const open = (weight: '400Regular' | '700Bold') => {
      const f = fontkit.create(readFileSync(fontFile(weight)));
      if (!('layout' in f)) throw new Error(`${weight}: a font collection, not a font`);
      return f;
    };
    return { regular: open('400Regular'), bold: open('700Bold') };
  })().catch((e: unknown) => {
    fonts = null;
    throw e;
  });
  return fonts;
}

type Doc = PDFKit.PDFDocument;
type TableStyle = typeof TABLE;

/** A cell of a table placed on its grid, with its text broken into lines. */
interface PlacedText {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  lines: string[];
  font: FontName;
  /** Row labels are set left, headings and figures centred. */
  left: boolean;
  /** A figure too wide for its cell is set smaller, never split (it would read as two numbers). */
  size?: number;
}

/** The rows of a table on one page (the repeated headings included) and where they start. */
interface Slice {
  top: number;
  rows: number[];
}

/** Row heights: single-row cells first, then a merged cell stretches its last row if it needs to. */
function rowHeights(count: number, cells: PlacedText[], style: TableStyle): number[] {
  const needed = (c: PlacedText) => Math.max(1, c.lines.length) * style.line + 2 * style.pad;
  const heights = Array.from({ length: count }, () => style.line + 2 * style.pad);
  for (const c of cells) if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row]!, needed(c));
  for (const c of cells) {
    if (c.rowSpan === 1) continue;
    const have = heights.slice(c.row, c.row + c.rowSpan).reduce((a, b) => a + b, 0);
    if (needed(c) > have) heights[c.row + c.rowSpan - 1]! += needed(c) - have;
  }
  return heights;
}

/** The last row is never alone on a page (under repeated headings): it goes with the block before. */
function withLastRow(end: number[], headRows: number): number[] {
  const out = [...end];
  const count = out.length;
  for (let start = headRows; start < count; start = out[start]!)
    if (out[start] === count - 1) {
      out[start] = count;
      break;
    }
  return out;
}

/** Groups merged over at most this many rows are kept on one page (（三）不予公开 has 8). */
const KEEP_TOGETHER = 10;

/** For each row, the row after the smallest group of rows that must stay with it on one page. */
function keepTogether(count: number, cells: PlacedText[]): number[] {
  const end = Array.from({ length: count }, (_, r) => r + 1);
  let changed = true;
  while (changed) {
    changed = false;
    for (const c of cells) {
      if (c.rowSpan < 2 || c.rowSpan > KEEP_TOGETHER) continue;
      const last = c.row + c.rowSpan;
      for (let r = c.row; r < last; r++)
        if (end[r]! < Math.max(last, end[c.row]!)) {
          end[r] = Math.max(last, end[c.row]!);
          changed = true;
        }
    }
  }
  // A row inside a group starts the rest of it; the group is taken whole from its first row.
  return end;
}

/** Widths of single characters, per font and size: the line breaker measures unit by unit. */
function measurer(doc: Doc, font: FontName, size: number): (s: string) => number {
  const cache = new Map<string, number>();
  return (s) => {
    let w = cache.get(s);
    if (w === undefined) {
      doc.font(font).fontSize(size);
      w = doc.widthOfString(s);
      cache.set(s, w);
    }
    return w;
  };
}

/** Where an agency's name may break: after the name of an administrative unit or an organ. */
const NAME_BREAK =
  /(?:自治区|自治州|自治县|自治旗|特别行政区|省|市|州|盟|地区|县|旗|区|镇|乡|街道|人民政府|办公厅|办公室|委员会|管理委员会|厅|局|署|中心)/g;

/**
 * An agency's name in lines: broken after the name of a unit (…自治州 / 三穗县人民政府 /
 * 办公室…), the longest part that fits on each line; by the line-breaking rules only where no
 * such point fits.
 */
export function nameLines(name: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let rest = name;
  while (measure(rest) > width) {
    const ends = [...rest.matchAll(NAME_BREAK)]
      .map((m) => m.index + m[0].length)
      .filter((e) => e < rest.length);
    const fit = ends.filter((e) => measure(rest.slice(0, e)) <= width).pop();
    if (fit === undefined) {
      const [first] = breakLines(rest, width, measure);
      lines.push(first!);
      rest = rest.slice(first!.length);
    } else {
      lines.push(rest.slice(0, fit));
      rest = rest.slice(fit);
    }
  }
  if (rest) lines.push(rest);
  return lines;
}

/**
 * The title's lines: one line when it fits; otherwise broken after the agency's name (the year
 * and 政府信息公开工作年度报告 stay together), a name too long for a line broken after the name
 * of a unit. Never inside a word of the fixed part.
 */
export function titleLines(input: RenderInput, width: number, measure: (s: string) => number): string[] {
  const title = titleOf(input);
  if (measure(title) <= width) return [title];
  const rest = `${input.year}年政府信息公开工作年度报告`;
  return [...nameLines(input.agency.trim(), width, measure), ...breakLines(rest, width, measure)];
}

class Writer {
  y = MARGIN.top;
  constructor(readonly doc: Doc) {}

  newPage(): void {
    this.doc.addPage({ size: 'A4', margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    this.y = MARGIN.top;
  }

  ensure(height: number): void {
    if (this.y + height > BOTTOM + 0.01) this.newPage();
  }

  /** Draws one line of text with its top at `y`; `justify` spreads it to `width`. */
  line(
    text: string,
    x: number,
    y: number,
    font: FontName,
    size: number,
    opts: { width?: number; justify?: boolean } = {},
  ): void {
    const doc = this.doc;
    doc.font(font).fontSize(size);
    let characterSpacing = 0;
    const chars = [...text].length;
    if (opts.justify && opts.width && chars > 1) {
      const slack = opts.width - doc.widthOfString(text);
      if (slack > 0 && slack < size * 3) characterSpacing = slack / (chars - 1);
    }
    doc.text(text, x, y, { lineBreak: false, characterSpacing });
  }

  title(input: RenderInput): void {
    const lines = titleLines(input, TEXT_WIDTH, measurer(this.doc, 'bold', TITLE.size));
    for (const l of lines) {
      this.doc.font('bold').fontSize(TITLE.size);
      const w = this.doc.widthOfString(l);
      this.line(l, MARGIN.left + (TEXT_WIDTH - w) / 2, this.y, 'bold', TITLE.size);
      this.y += TITLE.line;
    }
    this.y += BODY.line * 0.5;
  }

  heading(text: string): void {
    // A heading is never left alone at the foot of a page.
    this.ensure(BODY.line * 2);
    this.line(text, MARGIN.left + BODY.size * 2, this.y + (BODY.line - BODY.size) / 2, 'bold', BODY.size);
    this.y += BODY.line;
  }

  paragraph(text: string): void {
    const measure = measurer(this.doc, 'regular', BODY.size);
    const indent = BODY.size * 2;
    const first = breakLines(text, TEXT_WIDTH - indent, measure)[0] ?? '';
    const rest = text.slice(first.length).replace(/^\s+/, '');
    const lines = [first, ...(rest ? breakLines(rest, TEXT_WIDTH, measure) : [])];
    lines.forEach((l, i) => {
      this.ensure(BODY.line);
      const x = MARGIN.left + (i === 0 ? indent : 0);
      const width = TEXT_WIDTH - (i === 0 ? indent : 0);
      this.line(l, x, this.y + (BODY.line - BODY.size) / 2, 'regular', BODY.size, {
        width,
        justify: i < lines.length - 1,
      });
      this.y += BODY.line;
    });
  }

  table(t: LayoutTable): void {
    const style = t.id === 'appeals' ? APPEALS : TABLE;
    const sum = t.widths.reduce((a, b) => a + b, 0);
    const colX: number[] = [MARGIN.left];
    for (const w of t.widths) colX.push(colX[colX.length - 1]! + (w / sum) * TEXT_WIDTH);
    this.y += 4;
    for (const part of t.parts) {
      // Section 二's sub-tables: the caption is a row across the table.
      const rows: LayoutCell[][] = part.caption
        ? [[{ text: part.caption, header: true, colSpan: t.columns }], ...part.rows]
        : part.rows;
      const headRows = part.headRows + (part.caption ? 1 : 0);
      const cells = this.measureCells(rows, t.columns, headRows, colX, style, part.caption !== undefined);
      const heights = rowHeights(rows.length, cells, style);
      const slices = this.paginate(
        heights,
        headRows,
        withLastRow(keepTogether(rows.length, cells), headRows),
      );
      // The slices were laid out on the last slices.length pages; each is drawn on its own.
      const range = this.doc.bufferedPageRange();
      slices.forEach((slice, i) => {
        this.doc.switchToPage(range.start + range.count - slices.length + i);
        this.drawSlice(slice, slices, cells, heights, colX, style);
      });
      const last = slices[slices.length - 1]!;
      this.y = last.top + last.rows.reduce((a, r) => a + heights[r]!, 0);
    }
    this.y += 8;
  }

  /** Every cell of a grid with its place, its lines of text and how it is set. */
  private measureCells(
    rows: LayoutCell[][],
    columns: number,
    headRows: number,
    colX: number[],
    style: TableStyle,
    captioned: boolean,
  ): PlacedText[] {
    const measure = measurer(this.doc, 'regular', style.size);
    const bold = measurer(this.doc, 'bold', style.size);
    return place(rows, columns).map((p) => {
      const caption = captioned && p.row === 0;
      const width = colX[p.col + (p.cell.colSpan ?? 1)]! - colX[p.col]! - 2 * style.pad;
      return {
        ...p,
        rowSpan: p.cell.rowSpan ?? 1,
        colSpan: p.cell.colSpan ?? 1,
        font: caption ? 'bold' : 'regular',
        left: caption || isRowLabel(p.cell, p.row, { headRows, rows }),
        lines:
          p.cell.text === ''
            ? []
            : p.cell.header
              ? breakLines(p.cell.text, width, caption ? bold : measure)
              : [p.cell.text],
        ...(!p.cell.header && measure(p.cell.text) > width
          ? { size: (style.size * width) / measure(p.cell.text) }
          : {}),
      };
    });
  }

  /**
   * Cuts a table's rows into page slices: rows go on while they fit, never breaking a group
   * merged over a few rows (a block taller than a page is cut anyway); the column headings are
   * repeated at the top of every new page.
   */
  private paginate(heights: number[], headRows: number, blockEnd: number[]): Slice[] {
    const headHeight = heights.slice(0, headRows).reduce((a, b) => a + b, 0);
    const height = (from: number, to: number) => heights.slice(from, to).reduce((a, b) => a + b, 0);
    if (this.y + headHeight + height(headRows, blockEnd[headRows] ?? headRows) > BOTTOM) this.newPage();
    const slices: Slice[] = [];
    let slice: Slice = { top: this.y, rows: [] };
    let y = this.y;
    for (let r = 0; r < heights.length;) {
      const end = r < headRows ? r + 1 : blockEnd[r]!;
      const block = height(r, end);
      const fresh = BOTTOM - MARGIN.top - headHeight;
      if (y + block > BOTTOM && slice.rows.some((i) => i >= headRows)) {
        if (block > fresh) {
          // Taller than a page: as many of its rows as fit go here.
          while (r < end && y + heights[r]! <= BOTTOM) {
            slice.rows.push(r);
            y += heights[r++]!;
          }
        }
        slices.push(slice);
        this.newPage();
        slice = { top: this.y, rows: Array.from({ length: headRows }, (_, i) => i) };
        y = this.y + headHeight;
        continue;
      }
      for (; r < end; r++) {
        slice.rows.push(r);
        y += heights[r]!;
      }
    }
    slices.push(slice);
    return slices;
  }

  private drawSlice(
    slice: Slice,
    slices: Slice[],
    cells: PlacedText[],
    heights: number[],
    colX: number[],
    style: TableStyle,
  ): void {
    const doc = this.doc;
    const rowY = new Map<number, number>();
    let y = slice.top;
    for (const r of slice.rows) {
      rowY.set(r, y);
      y += heights[r]!;
    }
    doc.lineWidth(0.6).strokeColor('#000');
    for (const c of cells) {
      const rows = (s: Slice) => s.rows.filter((i) => i >= c.row && i < c.row + c.rowSpan);
      const here = rows(slice);
      if (!here.length) continue;
      const x0 = colX[c.col]!;
      const x1 = colX[c.col + c.colSpan]!;
      const y0 = rowY.get(here[0]!)!;
      const y1 = y0 + here.reduce((a, i) => a + heights[i]!, 0);
      doc.rect(x0, y0, x1 - x0, y1 - y0).stroke();
      if (!c.lines.length) continue;
      // A cell cut by a page break: its text goes in the part that holds most of its rows.
      const home = slices.reduce((best, s) => (rows(s).length > rows(best).length ? s : best), slice);
      if (home !== slice) continue;
      const textHeight = c.lines.length * style.line;
      let ty = y0 + Math.max(style.pad, (y1 - y0 - textHeight) / 2) + (style.line - style.size) / 2;
      for (const l of c.lines) {
        const size = c.size ?? style.size;
        doc.font(c.font).fontSize(size);
        const w = doc.widthOfString(l);
        this.line(l, c.left ? x0 + style.pad : x0 + (x1 - x0 - w) / 2, ty, c.font, size);
        ty += style.line;
      }
    }
  }

  pageNumbers(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      const label = `— ${i + 1} —`;
      this.doc.font('regular').fontSize(14);
      const w = this.doc.widthOfString(label);
      this.line(label, (PAGE.width - w) / 2, BOTTOM + mm(7), 'regular', 14);
    }
  }
}

/** The report as a PDF drawn by pdfkit: no browser, no system fonts. */
export async function renderPdfBuiltin(input: RenderInput): Promise<Buffer> {
  formatOf(input);
  const [{ default: PDFDocument }, f] = await Promise.all([import('pdfkit'), loadFonts()]);
  const title = titleOf(input);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: true,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: title, Author: input.agency, Creator: 'Gongkai', Producer: 'Gongkai' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font as it is (and subsets it per document).
  doc.registerFont('regular', f.regular as unknown as string);
  doc.registerFont('bold', f.bold as unknown as string);
  const w = new Writer(doc);
  const tables = tablesOf(input.data);
  const h = sectionHeadings;
  w.title(input);
  w.paragraph(openingParagraph(input));
  w.heading(h.一);
  for (const p of narrativeOf(input, '一')) w.paragraph(p);
  w.heading(h.二);
  w.table(tables.proactive);
  w.heading(h.三);
  w.table(tables.requests);
  w.heading(h.四);
  w.table(tables.appeals);
  w.heading(h.五);
  for (const p of narrativeOf(input, '五')) w.paragraph(p);
  w.heading(h.六);
  for (const p of narrativeOf(input, '六')) w.paragraph(p);
  w.pageNumbers();
  doc.end();
  return done;
}
