// exceljs (about 25 MB) is loaded on first use: most server processes never read or write a workbook.
import type ExcelJS from 'exceljs';
import { isRowLabel, place, tablesOf, type LayoutTable } from './layout.js';
import { formatOf, titleOf, type RenderInput } from './render-input.js';

/**
 * The statutory tables as a workbook: one sheet per section (二, 三, 四; section 二's sub-tables
 * one under another on its sheet), the headings merged as the national format merges them,
 * and every figure stored as a number.
 */

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = '仿宋_GB2312';
const HEADING_FONT = '黑体';

/** Sheet names: the section headings (Excel allows 31 characters and no []:*?/\). */
export const sheetNames: Record<LayoutTable['id'], string> = {
  proactive: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  appeals: '四、政府信息公开行政复议、行政诉讼情况',
};

/** Column widths in characters, from the layout's relative widths. */
function columnWidths(t: LayoutTable): number[] {
  const perUnit = t.id === 'requests' ? 6 : t.id === 'appeals' ? 9 : 6;
  return t.widths.map((w) => Math.max(8, Math.round(w * perUnit)));
}

function addTableSheet(wb: ExcelJS.Workbook, t: LayoutTable, title: string): void {
  const ws = wb.addWorksheet(sheetNames[t.id], {
    pageSetup: { paperSize: 9, orientation: t.id === 'appeals' ? 'landscape' : 'portrait', fitToPage: true },
  });
  ws.columns = columnWidths(t).map((width) => ({ width }));
  // Row 1: the report title; row 2: the section heading; the table from row 3.
  ws.mergeCells(1, 1, 1, t.columns);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: '方正小标宋简体', size: 16 };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
  ws.mergeCells(2, 1, 2, t.columns);
  const headingCell = ws.getCell(2, 1);
  headingCell.value = t.heading;
  headingCell.font = { name: HEADING_FONT, size: 12 };
  let row = 3;
  for (const part of t.parts) {
    if (part.caption) {
      ws.mergeCells(row, 1, row, t.columns);
      const c = ws.getCell(row, 1);
      c.value = part.caption;
      c.font = { name: HEADING_FONT, size: 11 };
      c.alignment = { horizontal: 'left', vertical: 'middle' };
      for (let col = 1; col <= t.columns; col++) ws.getCell(row, col).border = border;
      row += 1;
    }
    for (const p of place(part.rows, t.columns)) {
      const top = row + p.row;
      const left = 1 + p.col;
      const bottom = top + (p.cell.rowSpan ?? 1) - 1;
      const right = left + (p.cell.colSpan ?? 1) - 1;
      if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
      const cell = ws.getCell(top, left);
      cell.value = p.cell.value !== undefined ? p.cell.value : p.cell.text === '' ? null : p.cell.text;
      const isLabel = isRowLabel(p.cell, p.row, part);
      cell.font = { name: FONT, size: 11, ...(p.cell.header && p.row < part.headRows ? { bold: true } : {}) };
      cell.alignment = { horizontal: isLabel ? 'left' : 'center', vertical: 'middle', wrapText: true };
      if (p.cell.value !== undefined) cell.numFmt = Number.isInteger(p.cell.value) ? '0' : '0.00##';
      for (let r = top; r <= bottom; r++)
        for (let c = left; c <= right; c++) ws.getCell(r, c).border = border;
    }
    row += part.rows.length;
  }
  ws.views = [{ state: 'frozen', ySplit: t.id === 'proactive' ? 2 : 2 + (t.parts[0]?.headRows ?? 0) }];
}

export async function renderXlsx(input: RenderInput): Promise<Buffer> {
  formatOf(input);
  const tables = tablesOf(input.data);
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  wb.creator = input.agency;
  wb.title = titleOf(input);
  for (const t of [tables.proactive, tables.requests, tables.appeals]) addTableSheet(wb, t, titleOf(input));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
