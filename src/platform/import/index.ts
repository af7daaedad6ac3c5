/**
 * The import kit: spreadsheets (XLSX, CSV/TSV in any encoding Excel or WPS saves) and JSON lines
 * → typed rows through the schema kit, all or nothing, with every problem placed at
 * 第 N 行 第 X 列（列名） and one refusal type, ImportRefused, for the whole platform.
 */
export { ImportProblems, ImportRefused, problemText, type ImportProblem } from './refusal.js';
export { cellAt, columnLetter, columnNumber, type CellRange, type Sheet } from './sheet.js';
export { decodeText, type DecodedText, type TextEncodingName } from './encoding.js';
export {
  csvRecords,
  parseCsv,
  readCsv,
  sniffDelimiter,
  writeCsv,
  type CsvParseOptions,
  type CsvReadOptions,
  type CsvWriteOptions,
  type Delimiter,
} from './csv.js';
export { readWorkbook, readXlsx, type XlsxReadOptions } from './xlsx.js';
export { readSpreadsheet, type SpreadsheetReadOptions } from './spreadsheet.js';
export { readUploadedSpreadsheet, readUploadedXlsx } from './uploaded.js';
export {
  columns,
  normalizeHeader,
  type ColumnDeclaration,
  type Columns,
  type ColumnsShape,
  type RowOf,
} from './columns.js';
export { importTable, readTable, Table, type ImportedRow, type TableOptions } from './table.js';
export { readJsonLines, type JsonLinesOptions } from './json-lines.js';
export { list, tick, type ListOptions } from './fields.js';
export { importFileAction, progressBar } from './command.js';
