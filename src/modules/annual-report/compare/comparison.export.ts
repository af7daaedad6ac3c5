// exceljs is loaded when a workbook is asked for, not with the server (as render/xlsx.ts does).
import { writeCsv } from '../../../platform/import/csv.js';
import type { Comparison } from './comparison.js';
import {
  findingsTable,
  indicatorsTable,
  reportsTable,
  type Cell,
  type PlainTable,
} from './comparison.presenter.js';
import { compareTableLabels, type CompareTable, type ExportFormat } from './comparison.schemas.js';

/**
 * The comparison's tables as files: CSV in UTF-8 with a byte-order mark and CRLF line ends (so
 * that Excel and WPS open it as UTF-8), and as a workbook (a sheet), figures stored as numbers. Nothing personal is in any of them: reports' published figures only.
 */

export interface ExportFile {
  fileName: string;
  mediaType: string;
  extension: ExportFormat;
  bytes: Buffer;
}

export function tableOf(c: Comparison, table: CompareTable): PlainTable {
  if (table === 'indicators') return indicatorsTable(c);
  if (table === 'findings') return findingsTable(c.findings);
  return reportsTable(c);
}

/**
 * One CSV cell as text. A text that starts with = + - @ gets a leading apostrophe: a spreadsheet
 * would run it as a formula, and an agency's or a file's name is not ours to trust.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The table as CSV: UTF-8 with a byte-order mark, CRLF (the import kit's writer, as Excel writes). */
export function toCsv(t: PlainTable): Buffer {
  return Buffer.from('\uFEFF' + writeCsv([t.head, ...t.rows].map((row) => row.map(csvCell))), 'utf8');
}

export async function toXlsx(tables: PlainTable[], title: string): Promise<Buffer> {
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  wb.title = title;
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
    ws.addRow(t.head).font = { bold: true };
    for (const row of t.rows) ws.addRow(row.map((v) => (v === null ? '' : v)));
    t.head.forEach((h, i) => (ws.getColumn(i + 1).width = Math.min(40, Math.max(10, [...h].length * 2 + 2))));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function yearsText(c: Comparison): string {
  const first = c.years[0]!;
  const last = c.years[c.years.length - 1]!;
  return first === last ? `${first}年` : `${first}—${last}年`;
}

/** A table of the comparison as CSV or as a workbook of one sheet. */
export async function exportFile(
  c: Comparison,
  table: CompareTable,
  format: ExportFormat,
): Promise<ExportFile> {
  const title = `年度报告对比（${yearsText(c)}）`;
  if (format === 'csv')
    return {
      fileName: `${title}${compareTableLabels[table]}.csv`,
      mediaType: 'text/csv; charset=utf-8',
      extension: 'csv',
      bytes: toCsv(tableOf(c, table)),
    };
  return {
    fileName: `${title}${compareTableLabels[table]}.xlsx`,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    bytes: await toXlsx([tableOf(c, table)], title),
  };
}
