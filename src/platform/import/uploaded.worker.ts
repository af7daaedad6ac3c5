import { FileRefused } from '../sandbox/index.js';
import { ImportRefused } from './refusal.js';
import type { Sheet } from './sheet.js';
import { readSpreadsheet, type SpreadsheetReadOptions } from './spreadsheet.js';
import { readXlsx, type XlsxReadOptions } from './xlsx.js';

/** What uploaded.ts runs in a reader thread: a refusal crosses back as FileRefused, its message kept. */
async function refusing(read: () => Promise<Sheet>): Promise<Sheet> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof ImportRefused) throw new FileRefused(e.problems[0]?.message ?? e.message);
    throw e;
  }
}

export function spreadsheet(bytes: Uint8Array, opts: SpreadsheetReadOptions): Promise<Sheet> {
  return refusing(() => readSpreadsheet(bytes, opts));
}

export function xlsx(bytes: Uint8Array, opts: XlsxReadOptions): Promise<Sheet> {
  return refusing(() => readXlsx(bytes, opts));
}
