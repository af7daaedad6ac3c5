/**
 * A spreadsheet as the import kit hands it on, whether it came from CSV or XLSX: text in rows
 * numbered as Excel/WPS numbers them, so a problem can name the cell the user will look at.
 */

/** A merged range, 1-based and inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  /** The worksheet's name; '' for a CSV file. */
  name: string;
  /**
   * `rows[n - 1]` is row n: the text of each cell as it was written (not trimmed), '' where
   * empty, each row as long as its last non-empty cell. Rows after the last non-empty one are
   * dropped.
   */
  rows: string[][];
  /**
   * Merged ranges. Every cell of a range holds the range's text, as Excel shows it across the
   * range, so a two-row header merged across its sub-columns reads the same in each of them.
   */
  merges: CellRange[];
}

/** The largest sheet Excel and WPS open; a row or column beyond it is not a real one. */
export const MAX_SHEET_ROWS = 1_048_576;
export const MAX_SHEET_COLUMNS = 16_384;

/** 1 → A, 26 → Z, 27 → AA, as the column headings read. */
export function columnLetter(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A → 1, AA → 27; 0 for anything that is not a column letter. */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,7}$/.test(letters)) return 0;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The trimmed text of a cell, 1-based; '' outside the sheet. */
export function cellAt(sheet: Sheet, row: number, column: number): string {
  return (sheet.rows[row - 1]?.[column - 1] ?? '').trim();
}

export function isBlankRow(cells: readonly string[] | undefined): boolean {
  return !cells || cells.every((c) => c.trim() === '');
}

/** Drops the rows after the last non-empty one and each row's cells after its last non-empty one. */
export function trimSheetRows(rows: string[][]): string[][] {
  for (const cells of rows) {
    let n = cells.length;
    while (n > 0 && cells[n - 1] === '') n--;
    cells.length = n;
  }
  let last = rows.length;
  while (last > 0 && isBlankRow(rows[last - 1])) last--;
  rows.length = last;
  return rows;
}
