import { ValidationError } from '../errors.js';
import { normalizeHeader, type Column, type Columns } from './columns.js';
import { ImportProblems, type ImportProblem } from './refusal.js';
import { cellAt, columnLetter, isBlankRow, type Sheet } from './sheet.js';

/**
 * A sheet read as a table: a header naming the columns, then one typed row per data row. Every
 * problem is collected (the kit's and the caller's own, such as an agency name that does not
 * resolve), and `finish()` refuses the whole file if there is any: all or nothing.
 */

export interface ImportedRow<T> {
  /** The row as Excel/WPS numbers it, or the line of a JSON-lines file. */
  row: number;
  value: T;
}

export interface TableOptions {
  /**
   * The (first) header row. `auto` (the default) takes whichever of the first ten rows names the
   * most declared columns, so a template with a title row above its header reads too.
   */
  headerRow?: number | 'auto';
  /** How many rows the header spans; 2 for a group row above a row of sub-columns. */
  headerRows?: number;
  /**
   * A column the declaration does not know: `refuse` (the default) reports its header and any
   * cell written under no header, since a misspelt optional column would otherwise be lost
   * silently; `ignore` skips both.
   */
  unknownColumns?: 'refuse' | 'ignore';
  /** Accept a file with a header and no data rows; refused by default. */
  allowEmpty?: boolean;
  /** The form field the file came in, for the refusal's `fields`; `file` by default. */
  field?: string;
}

/** Where a declared column sits: its position in the file (0 if absent) and the name shown for it. */
interface Placed {
  column: number;
  label: string;
}

export class Table<T> {
  /** The rows that parsed, in file order; a row with a problem is not among them. */
  readonly rows: ImportedRow<T>[] = [];
  readonly problems = new ImportProblems();

  constructor(
    private readonly placed: ReadonlyMap<string, Placed>,
    private readonly field?: string,
  ) {}

  /** A problem the caller found in a row: at the cell of column `key`, or the row's if null. */
  problem(row: number, key: (keyof T & string) | null, message: string): void {
    const at = key === null ? undefined : this.placed.get(key);
    this.problems.add({
      row,
      column: at?.column ? columnLetter(at.column) : null,
      columnLabel: at?.label ?? null,
      message,
    });
  }

  /** The rows, or throws one ImportRefused naming every problem. */
  finish(): ImportedRow<T>[] {
    this.problems.refuseIfAny(this.field);
    return this.rows;
  }

  /** For the JSON-lines reader and the table reader; not for callers. */
  static collect<T>(
    columns: Columns<T>,
    placed: ReadonlyMap<string, Placed>,
    field: string | undefined,
  ): { table: Table<T>; parseRow(row: number, input: Record<string, unknown>): void } {
    const table = new Table<T>(placed, field);
    return {
      table,
      parseRow(row, input) {
        try {
          table.rows.push({ row, value: columns.parse(input) });
        } catch (e) {
          if (!(e instanceof ValidationError)) throw e;
          for (const f of e.fields) table.problem(row, f.field as keyof T & string, f.message);
        }
      },
    };
  }
}

/** The text a header block gives column `c`: its non-empty cells top to bottom, repeats dropped. */
function headerSegments(sheet: Sheet, top: number, count: number, c: number): string[] {
  const out: string[] = [];
  for (let r = top; r < top + count; r++) {
    const t = cellAt(sheet, r, c);
    if (t && t !== out.at(-1)) out.push(t);
  }
  return out;
}

interface HeaderMatch {
  /** Declared key → 1-based file column. */
  found: Map<string, number>;
  /** File columns with a header, each with its display text and the key it matched, if any. */
  headers: Array<{ column: number; text: string; key: string | null; duplicateOf: number | null }>;
}

/**
 * Which file column is which declared column. A header matches a declaration by its whole text
 * (`公开对象·特定群众`) first; failing that, by its bottom cell (`特定群众`), which lets a simple
 * declaration read a sheet that has a group row above its header.
 */
function matchHeader(sheet: Sheet, list: readonly Column[], top: number, count: number): HeaderMatch {
  let width = 0;
  for (let r = top; r < top + count; r++) width = Math.max(width, sheet.rows[r - 1]?.length ?? 0);
  const headers: HeaderMatch['headers'] = [];
  const candidates: Array<{ column: number; full: string; last: string }> = [];
  for (let c = 1; c <= width; c++) {
    const segments = headerSegments(sheet, top, count, c);
    if (!segments.length) continue;
    headers.push({ column: c, text: segments.join('·'), key: null, duplicateOf: null });
    candidates.push({
      column: c,
      full: normalizeHeader(segments.join('')),
      last: normalizeHeader(segments.at(-1)!),
    });
  }
  const found = new Map<string, number>();
  const assign = (i: number, name: string) => {
    const h = headers[i]!;
    if (h.key) return;
    const col = list.find((d) => d.names.has(name));
    if (!col) return;
    h.key = col.key;
    const earlier = found.get(col.key);
    if (earlier !== undefined) h.duplicateOf = earlier;
    else found.set(col.key, h.column);
  };
  candidates.forEach((c, i) => assign(i, c.full));
  candidates.forEach((c, i) => {
    if (c.last !== c.full) assign(i, c.last);
  });
  return { found, headers };
}

function findHeaderRow(sheet: Sheet, list: readonly Column[], count: number): number {
  let best = 0;
  let bestRow = 0;
  for (let r = 1; r <= Math.min(10, sheet.rows.length); r++) {
    if (isBlankRow(sheet.rows[r - 1])) continue;
    bestRow ||= r;
    const score = matchHeader(sheet, list, r, count).found.size;
    if (score > best) {
      best = score;
      bestRow = r;
    }
  }
  return bestRow || 1;
}

function quoted(names: readonly string[]): string {
  return names.map((n) => `“${n}”`).join('');
}

/**
 * Reads `sheet` through `columns`: finds the header, reports missing, unknown and repeated
 * columns, and parses each non-blank data row with the schema. Call `finish()` on the result
 * (after adding any problems of your own) to get the rows or the refusal.
 */
export function readTable<T>(sheet: Sheet, columns: Columns<T>, opts: TableOptions = {}): Table<T> {
  const count = Math.max(1, opts.headerRows ?? 1);
  const refuseUnknown = (opts.unknownColumns ?? 'refuse') === 'refuse';
  const list = columns.list;
  const problems: ImportProblem[] = [];

  if (sheet.rows.every((cells) => isBlankRow(cells))) {
    const { table } = Table.collect(columns, new Map(), opts.field);
    table.problems.add({
      row: null,
      column: null,
      columnLabel: null,
      message: '文件是空的，没有表头，也没有数据',
    });
    return table;
  }

  const top =
    opts.headerRow === undefined || opts.headerRow === 'auto'
      ? findHeaderRow(sheet, list, count)
      : opts.headerRow;
  const { found, headers } = matchHeader(sheet, list, top, count);
  const placed = new Map<string, Placed>();
  for (const d of list) {
    const c = found.get(d.key);
    const h = c ? headers.find((x) => x.column === c) : undefined;
    placed.set(d.key, { column: c ?? 0, label: h?.text ?? d.header });
  }
  const { table, parseRow } = Table.collect(columns, placed, opts.field);

  if (found.size === 0) {
    const required = list.filter((d) => d.required);
    const expected = required.length ? required : list;
    problems.push({
      row: top,
      column: null,
      columnLabel: null,
      message: `找不到表头：表头应有${quoted(expected.map((d) => d.header))}等列${count > 1 ? `（占 ${count} 行）` : ''}`,
    });
  } else {
    for (const d of list)
      if (d.required && !found.has(d.key))
        problems.push({ row: top, column: null, columnLabel: d.header, message: `缺少“${d.header}”列` });
    for (const h of headers) {
      if (h.duplicateOf !== null)
        problems.push({
          row: top,
          column: columnLetter(h.column),
          columnLabel: h.text,
          message: `与第 ${columnLetter(h.duplicateOf)} 列重复：同一列只能出现一次`,
        });
      else if (!h.key && refuseUnknown)
        problems.push({
          row: top,
          column: columnLetter(h.column),
          columnLabel: h.text,
          message: `不认识这一列；本表的列为：${list.map((d) => d.header).join('、')}`,
        });
    }
  }
  for (const p of problems) table.problems.add(p);
  if (problems.length) return table;

  const known = new Set(found.values());
  const first = top + count;
  let dataRows = 0;
  for (let r = first; r <= sheet.rows.length; r++) {
    const cells = sheet.rows[r - 1];
    if (isBlankRow(cells)) continue;
    dataRows++;
    if (refuseUnknown) {
      const stray = cells!.findIndex((t, i) => t.trim() !== '' && !known.has(i + 1));
      if (stray >= 0) {
        table.problems.add({
          row: r,
          column: columnLetter(stray + 1),
          columnLabel: null,
          // A sheet without a name is a CSV file, where a stray cell is nearly always an unquoted comma.
          message: `这一格“${cells![stray]!.trim()}”不在任何一列表头之下${sheet.name === '' ? '；若它本属于前一格，那一格里的逗号应加英文引号括起' : ''}`,
        });
        continue;
      }
    }
    const input: Record<string, unknown> = {};
    for (const [key, c] of found) input[key] = cells![c - 1] ?? '';
    parseRow(r, input);
  }
  if (dataRows === 0 && !opts.allowEmpty)
    table.problems.add({
      row: first,
      column: null,
      columnLabel: null,
      message: `表头之后没有数据：数据应从第 ${first} 行开始`,
    });
  return table;
}

/** `readTable(…).finish()`: for an importer with no checks of its own. */
export function importTable<T>(sheet: Sheet, columns: Columns<T>, opts: TableOptions = {}): ImportedRow<T>[] {
  return readTable(sheet, columns, opts).finish();
}
