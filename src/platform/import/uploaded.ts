import { FileRefused, ReaderFailed, sandboxed, sibling } from '../sandbox/index.js';
import { ImportRefused } from './refusal.js';
import type { Sheet } from './sheet.js';
import type { SpreadsheetReadOptions } from './spreadsheet.js';
import type { XlsxReadOptions } from './xlsx.js';

/**
 * The kit's readers for files people upload: the same readers, run in a reader thread
 * (platform/sandbox) with its time and memory limits, so a hostile workbook costs that thread
 * and never the server. Refusals come back as the kit's ImportRefused, as from the readers
 * themselves.
 */
const entry = sibling(import.meta.url, './uploaded.worker');

async function inReader(fn: string, args: unknown[]): Promise<Sheet> {
  try {
    return await sandboxed<Sheet>(entry, fn, args);
  } catch (e) {
    if (e instanceof FileRefused) throw ImportRefused.file(e.message);
    if (e instanceof ReaderFailed)
      throw ImportRefused.file('无法读取该文件：文件已损坏，或不是 Excel 工作簿或 CSV 文件');
    throw e;
  }
}

/** readSpreadsheet (XLSX or CSV), in a reader thread. */
export function readUploadedSpreadsheet(
  bytes: Uint8Array,
  opts: SpreadsheetReadOptions = {},
): Promise<Sheet> {
  return inReader('spreadsheet', [bytes, opts]);
}

/** readXlsx, in a reader thread. */
export function readUploadedXlsx(bytes: Uint8Array, opts: XlsxReadOptions = {}): Promise<Sheet> {
  return inReader('xlsx', [bytes, opts]);
}
