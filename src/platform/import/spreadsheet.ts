import { readCsv, type Delimiter } from './csv.js';
import { ImportRefused } from './refusal.js';
import type { Sheet } from './sheet.js';
import { isOle, isZip, oleRefusal, readXlsx } from './xlsx.js';

export interface SpreadsheetReadOptions {
  /** XLSX only: the worksheet by name or 1-based position; the first visible one by default. */
  sheet?: string | number;
  /** CSV only: sniffed from the first line when not given. */
  delimiter?: Delimiter;
  /** Defaults to 20 MB, the upload limit. */
  maxBytes?: number;
  /** Defaults to 1,048,576 for CSV and 100,000 for XLSX (see XlsxReadOptions). */
  maxRows?: number;
  /** XLSX only; defaults to 64 MB. */
  maxInflatedBytes?: number;
}

/**
 * An uploaded spreadsheet, XLSX or CSV/TSV, told apart by its first bytes rather than its name:
 * a clerk's “表格.csv” is often a workbook renamed, and the upload may carry no name at all.
 */
export async function readSpreadsheet(bytes: Uint8Array, opts: SpreadsheetReadOptions = {}): Promise<Sheet> {
  if (isOle(bytes)) throw ImportRefused.file(oleRefusal);
  if (isZip(bytes)) return readXlsx(bytes, opts);
  return readCsv(bytes, opts);
}
