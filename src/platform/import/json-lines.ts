import { normalizeHeader, type Columns } from './columns.js';
import { decodeText } from './encoding.js';
import { refuseOversized } from './refusal.js';
import { Table } from './table.js';

/**
 * JSON lines (one object per line), as archives exported from an old site arrive: each object
 * read through the same column declaration as a spreadsheet, its properties matched by key,
 * header or alias, and every problem reported as 第 N 行（字段名）.
 */

export interface JsonLinesOptions {
  /** A property the declaration does not know: `refuse` (the default) or `ignore`. */
  unknownFields?: 'refuse' | 'ignore';
  /** Accept a file without a single object; refused by default. */
  allowEmpty?: boolean;
  /** The form field the file came in, for the refusal's `fields`; `file` by default. */
  field?: string;
  /** For bytes; defaults to 20 MB, the upload limit. */
  maxBytes?: number;
}

export function readJsonLines<T>(
  input: string | Uint8Array,
  columns: Columns<T>,
  opts: JsonLinesOptions = {},
): Table<T> {
  let text: string;
  if (typeof input === 'string') text = input.replace(/^\uFEFF/, '');
  else {
    refuseOversized(input, opts.maxBytes);
    text = decodeText(input).text;
  }
  const list = columns.list;
  const placed = new Map(list.map((c) => [c.key, { column: 0, label: c.header }]));
  const { table, parseRow } = Table.collect(columns, placed, opts.field);
  const keyOf = new Map<string, string>();
  for (const c of list) {
    keyOf.set(normalizeHeader(c.key), c.key);
    for (const name of c.names) keyOf.set(name, c.key);
  }
  const refuseUnknown = (opts.unknownFields ?? 'refuse') === 'refuse';
  const reportedUnknown = new Set<string>();
  const where = (line: number, label: string | null, message: string) =>
    table.problems.add({ row: line, column: null, columnLabel: label, message });

  let objects = 0;
  // JSON text cannot hold a raw line break, so every line break ends an object.
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    objects++;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      where(line, null, '不是有效的 JSON（每行应是一个完整的 JSON 对象）');
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      where(line, null, '应是一个 JSON 对象（{…}），不能是数组、字符串或数字');
      return;
    }
    const row: Record<string, unknown> = {};
    for (const [property, v] of Object.entries(value)) {
      const key = list.some((c) => c.key === property) ? property : keyOf.get(normalizeHeader(property));
      if (!key) {
        if (refuseUnknown && !reportedUnknown.has(property)) {
          reportedUnknown.add(property);
          where(
            line,
            property,
            `不认识这个字段（之后各行不再重复列出）；可用的字段：${list.map((c) => c.key).join('、')}`,
          );
        }
        continue;
      }
      if (Object.hasOwn(row, key)) {
        where(line, property, `与“${list.find((c) => c.key === key)!.header}”是同一个字段，只能写一次`);
        continue;
      }
      row[key] = v;
    }
    parseRow(line, row);
  });
  if (objects === 0 && !opts.allowEmpty)
    table.problems.add({ row: null, column: null, columnLabel: null, message: '文件是空的，没有任何记录' });
  return table;
}
