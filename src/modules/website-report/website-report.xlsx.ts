// exceljs is loaded on first use (website-report.service imports this file lazily).
import ExcelJS from 'exceljs';
import type { TableRow } from './website-report.js';
import { gridColumns, gridOf } from './website-report.layout.js';

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * The 报表 as a workbook: the title, then the same grid as the HTML page (website-report.layout),
 * its headings merged as there; a figure that is a number is stored as a number.
 */
export async function workbookOf(title: string, rows: readonly TableRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('政府网站工作年度报表', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true },
  });
  ws.columns = [14, 14, 34, 28, 30].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, gridColumns.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { size: 14, bold: true };
  t.alignment = { horizontal: 'center' };
  gridColumns.forEach((h, i) => {
    const c = ws.getCell(2, i + 1);
    c.value = h;
    c.font = { bold: true };
    c.border = border;
    c.alignment = { horizontal: 'center' };
  });
  const first = 3;
  gridOf(rows).forEach((cells, i) => {
    for (const cell of cells) {
      const r = first + i;
      const c = cell.col + 1;
      if (cell.rowspan > 1 || cell.colspan > 1)
        ws.mergeCells(r, c, r + cell.rowspan - 1, c + cell.colspan - 1);
      const target = ws.getCell(r, c);
      target.value = cell.kind === 'value' && /^\d+(\.\d+)?$/.test(cell.text) ? Number(cell.text) : cell.text;
      target.alignment = { vertical: 'middle', wrapText: true };
    }
  });
  for (let r = 2; r < first + rows.length; r++)
    for (let c = 1; c <= gridColumns.length; c++) ws.getCell(r, c).border = border;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
