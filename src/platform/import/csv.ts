import { decodeText, type TextEncodingName } from './encoding.js';
import { ImportRefused, refuseOversized } from './refusal.js';
import { columnLetter, MAX_SHEET_ROWS, trimSheetRows, type Sheet } from './sheet.js';

/**
 * CSV as RFC 4180 defines it and Excel/WPS write it: fields quoted when they hold the delimiter,
 * a quote or a line break, quotes doubled inside them; CRLF, LF or CR line ends. Where a file
 * bends the rules the way Excel tolerates (a quote in the middle of an unquoted field, text after
 * a closing quote), the text is kept as written rather than refused.
 */

export type Delimiter = ',' | '\t' | ';';

const QUOTE = 34;
const CR = 13;
const LF = 10;

const specials: Record<Delimiter, RegExp> = {
  ',': /[,\r\n]/g,
  '\t': /[\t\r\n]/g,
  ';': /[;\r\n]/g,
};

export interface CsvParseOptions {
  delimiter?: Delimiter;
  /** Refuse the file once it has more records than this. */
  maxRows?: number;
}

/**
 * The records of a CSV text, one at a time, in one pass over the text: memory is the text plus
 * the record being built. A line break ending the text does not start another record.
 */
export function* csvRecords(text: string, opts: CsvParseOptions = {}): Generator<string[]> {
  const delimiter = opts.delimiter ?? ',';
  const delim = delimiter.charCodeAt(0);
  const maxRows = opts.maxRows ?? Infinity;
  const special = new RegExp(specials[delimiter].source, 'g');
  const n = text.length;
  if (n === 0) return;
  let i = 0;
  let record: string[] = [];
  let row = 1;
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      const parts: string[] = [];
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0)
          throw new ImportRefused([
            {
              row,
              column: columnLetter(record.length + 1),
              columnLabel: null,
              message: '这一格以引号开头，但直到文件末尾都没有与之配对的引号',
            },
          ]);
        if (text.charCodeAt(q + 1) === QUOTE) {
          parts.push(text.slice(j, q + 1));
          j = q + 2;
        } else {
          parts.push(text.slice(j, q));
          i = q + 1;
          break;
        }
      }
      value = parts.join('');
      special.lastIndex = i;
      const end = special.exec(text)?.index ?? n;
      if (end > i) value += text.slice(i, end);
      i = end;
    } else {
      special.lastIndex = i;
      const end = special.exec(text)?.index ?? n;
      value = text.slice(i, end);
      i = end;
    }
    record.push(value);
    if (i >= n) {
      yield record;
      return;
    }
    const c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      // A delimiter ending the text leaves one more, empty, field.
      if (i >= n) {
        record.push('');
        yield record;
        return;
      }
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    yield record;
    if (i >= n) return;
    record = [];
    row++;
    if (row > maxRows) throw ImportRefused.file(`文件超过 ${maxRows} 行的上限：请分成几个文件导入`);
  }
}

export function parseCsv(text: string, opts: CsvParseOptions = {}): string[][] {
  return [...csvRecords(text, opts)];
}

export interface CsvWriteOptions {
  delimiter?: Delimiter;
  /** Excel's own line end; LF for tools that want it. */
  newline?: '\r\n' | '\n';
}

/**
 * CSV text that parseCsv (and Excel) reads back as `rows`. Each row needs at least one cell. A
 * row of one empty cell is written `""`, or it would read back as no cell at the end of a file.
 */
export function writeCsv(rows: readonly (readonly string[])[], opts: CsvWriteOptions = {}): string {
  const delimiter = opts.delimiter ?? ',';
  const newline = opts.newline ?? '\r\n';
  const needsQuotes = new RegExp(`["\\r\\n${delimiter === '\t' ? '\\t' : delimiter}]`);
  const field = (s: string) => (needsQuotes.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return rows
    .map((cells) => (cells.length === 1 && cells[0] === '' ? '""' : cells.map(field).join(delimiter)))
    .map((line) => line + newline)
    .join('');
}

/**
 * The delimiter of the first line (outside quotes): a tab for Excel's “Unicode 文本” and other
 * tab-separated exports, a semicolon where a European locale wrote the file, a comma otherwise.
 */
export function sniffDelimiter(text: string): Delimiter {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === '\t' || c === ';')) counts[c]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

export interface CsvReadOptions {
  /** Sniffed from the first line when not given. */
  delimiter?: Delimiter;
  /** Refuse a larger file; defaults to 20 MB, the upload limit. */
  maxBytes?: number;
  /** Refuse a file with more rows; defaults to what Excel opens, 1,048,576. */
  maxRows?: number;
}

/** A CSV or tab-separated file, in any encoding Excel or WPS saves, as a sheet. */
export function readCsv(
  bytes: Uint8Array,
  opts: CsvReadOptions = {},
): Sheet & { encoding: TextEncodingName } {
  refuseOversized(bytes, opts.maxBytes);
  const { text, encoding } = decodeText(bytes);
  const delimiter = opts.delimiter ?? sniffDelimiter(text);
  const rows = parseCsv(text, { delimiter, maxRows: opts.maxRows ?? MAX_SHEET_ROWS });
  return { name: '', rows: trimSheetRows(rows), merges: [], encoding };
}
