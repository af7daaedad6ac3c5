// exceljs (about 25 MB) is loaded on first use: most server processes never read or write a workbook.
import type ExcelJS from 'exceljs';
import { ImportRefused, refuseOversized } from './refusal.js';
import { MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, trimSheetRows, type CellRange, type Sheet } from './sheet.js';
import { guardXlsx } from './xlsx-guard.js';

/**
 * XLSX workbooks through exceljs, kept behind this file so the library can be swapped (it has not
 * been released since 2023). Cells become the text a clerk sees in them.
 */

export interface XlsxReadOptions {
  /** The worksheet: its name, or its 1-based position. Defaults to the first visible one. */
  sheet?: string | number;
  /** Refuse a larger file; defaults to 20 MB, the upload limit. */
  maxBytes?: number;
  /**
   * What the workbook's entries may inflate to together; defaults to 64 MB. exceljs holds about
   * fifteen times its XML in memory, so this bounds the memory a workbook costs.
   */
  maxInflatedBytes?: number;
  /** Rows across all worksheets (exceljs reads them all); defaults to 100,000. */
  maxRows?: number;
}

export const DEFAULT_MAX_INFLATED_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_XLSX_ROWS = 100_000;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Excel 97–2003 (.xls), WPS's .et, and any workbook with an opening password are OLE files. */
export function isOle(bytes: Uint8Array): boolean {
  return OLE_SIGNATURE.every((b, i) => bytes[i] === b);
}

export const oleRefusal =
  '这是旧版 Excel 97-2003 工作簿（.xls）、WPS 表格（.et）或设置了打开密码的工作簿，无法读取：请在 Excel 或 WPS 中取消密码并“另存为” Excel 工作簿（.xlsx）后再上传';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as the clerk typed it: YYYY-MM-DD, with HH:MM(:SS) when it has a time of day, and only
 * the time for a time-only cell (which Excel stores on its day zero, 1899-12-30). exceljs gives
 * dates in UTC, so UTC fields are the wall-clock fields.
 */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const seconds = d.getUTCSeconds() + (d.getUTCMilliseconds() >= 500 ? 1 : 0);
  const time =
    d.getUTCHours() || d.getUTCMinutes() || seconds
      ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ''}`
      : '';
  if (day === '1899-12-30' || day === '1899-12-31') return time || '00:00';
  return time ? `${day} ${time}` : day;
}

/**
 * A number as Excel shows it in General format: 15 significant digits, so a stored
 * 0.30000000000000004 reads 0.3, and no exponent for a long integer such as an old 18-digit ID.
 */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toPrecision(15));
  if (Number.isInteger(rounded) && Math.abs(rounded) < 1e21) return rounded.toFixed(0);
  return String(rounded);
}

/** The text of a cell value, whatever exceljs holds: rich text, formula result, hyperlink, date. */
export function cellValueText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateText(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    // A formula's cached result; a workbook saved without one (some generators) reads empty.
    if ('formula' in v || 'sharedFormula' in v)
      return cellValueText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in v) return String(v.error);
    if ('text' in v) return cellValueText(v.text as ExcelJS.CellValue);
  }
  return '';
}

function toSheet(ws: ExcelJS.Worksheet): Sheet {
  const rows: string[][] = [];
  const merged = new Map<string, CellRange>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > MAX_SHEET_ROWS)
      throw ImportRefused.file(`工作表“${ws.name}”的行号超出 Excel 的范围，文件可能已损坏`);
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > MAX_SHEET_COLUMNS)
        throw ImportRefused.file(`工作表“${ws.name}”的列号超出 Excel 的范围，文件可能已损坏`);
      // exceljs reads a merged range's value in each of its cells, as Excel shows it.
      cells[c - 1] = cellValueText(cell.value);
      if (cell.isMerged) {
        const master = cell.master;
        const key = master.address;
        const range = merged.get(key) ?? {
          top: Number(master.row),
          left: Number(master.col),
          bottom: Number(master.row),
          right: Number(master.col),
        };
        range.bottom = Math.max(range.bottom, r);
        range.right = Math.max(range.right, c);
        merged.set(key, range);
      }
    });
    rows[r - 1] = Array.from(cells, (t) => t ?? '');
  });
  const dense = Array.from(rows, (cells) => cells ?? []);
  const merges = [...merged.values()].sort((a, b) => a.top - b.top || a.left - b.left);
  return { name: ws.name, rows: trimSheetRows(dense), merges };
}

async function load(bytes: Uint8Array, opts: XlsxReadOptions): Promise<ExcelJS.Workbook> {
  refuseOversized(bytes, opts.maxBytes);
  if (isOle(bytes)) throw ImportRefused.file(oleRefusal);
  if (!isZip(bytes)) throw ImportRefused.file('无法读取该文件：请上传 Excel 工作簿（.xlsx）或 CSV 文件');
  const checked = guardXlsx(bytes, {
    maxInflatedBytes: opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES,
    maxRows: opts.maxRows ?? DEFAULT_MAX_XLSX_ROWS,
  });
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  try {
    await wb.xlsx.load(checked as unknown as ArrayBuffer);
  } catch {
    throw ImportRefused.file('无法读取该文件：工作簿已损坏，或不是 Excel 工作簿（.xlsx）');
  }
  return wb;
}

/** Every worksheet of a workbook, hidden ones included, in workbook order. */
export async function readWorkbook(
  bytes: Uint8Array,
  opts: Omit<XlsxReadOptions, 'sheet'> = {},
): Promise<Array<Sheet & { hidden: boolean }>> {
  const wb = await load(bytes, opts);
  return wb.worksheets.map((ws) => ({ ...toSheet(ws), hidden: ws.state !== 'visible' }));
}

/** One worksheet of a workbook: by default the first one a clerk would see on opening it. */
export async function readXlsx(bytes: Uint8Array, opts: XlsxReadOptions = {}): Promise<Sheet> {
  const wb = await load(bytes, opts);
  const sheets = wb.worksheets;
  if (!sheets.length) throw ImportRefused.file('工作簿中没有工作表');
  let ws: ExcelJS.Worksheet | undefined;
  if (typeof opts.sheet === 'string') {
    ws = sheets.find((s) => s.name.trim() === String(opts.sheet).trim());
    if (!ws) throw ImportRefused.file(`工作簿中没有名为“${opts.sheet}”的工作表`);
  } else if (typeof opts.sheet === 'number') {
    ws = sheets[opts.sheet - 1];
    if (!ws) throw ImportRefused.file(`工作簿只有 ${sheets.length} 张工作表，没有第 ${opts.sheet} 张`);
  } else ws = sheets.find((s) => s.state === 'visible') ?? sheets[0]!;
  return toSheet(ws);
}
