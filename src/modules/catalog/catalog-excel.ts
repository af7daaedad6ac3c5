// exceljs (about 25 MB) is loaded on first use: most server processes never write a workbook.
import { ValidationError } from '../../platform/errors.js';
import { isId } from '../../platform/ids.js';
import {
  cellAt,
  columns as declareColumns,
  ImportRefused,
  readTable,
  readUploadedXlsx,
  tick,
  type ImportProblem,
  type Sheet,
  type Table,
} from '../../platform/import/index.js';
import { isOle, isZip } from '../../platform/import/xlsx.js';
import { FieldProblem, type Field } from '../../platform/schema.js';
import {
  audiences,
  disclosureTiers,
  methods,
  readColumns,
  type CatalogItem,
  type CatalogKind,
  type ItemColumns,
  type ItemLevel,
} from './catalog.js';

/**
 * The catalogue workbook in the layout most local catalogues are published in (legal.md §5.3):
 * a title row, two header rows with merged cells, then one row per 事项 with its name in the
 * column of its level and ✓ in the two-option columns. Reading one back goes through the
 * platform's import kit and reports every bad cell as 第 N 行 第 X 列（列名）, refusing the whole
 * workbook (ImportRefused) unless every cell is right.
 */

interface Column {
  key: string;
  /** Header of the first header row (merged across sub-columns or down over both rows). */
  group: string;
  /** Header of the second row for a sub-column. */
  sub?: string;
  /** Other spellings seen in published catalogues. */
  aliases?: string[];
  width: number;
}

const columns: Column[] = [
  { key: 'serial', group: '序号', width: 6 },
  { key: 'name1', group: '公开事项', sub: '一级事项', width: 16 },
  { key: 'name2', group: '公开事项', sub: '二级事项', width: 18 },
  { key: 'name3', group: '公开事项', sub: '三级事项', width: 16 },
  { key: 'contentElements', group: '公开内容（要素）', width: 36 },
  { key: 'basis', group: '公开依据', width: 32 },
  { key: 'timeLimit', group: '公开时限', width: 22 },
  { key: 'subject', group: '公开主体', width: 20 },
  { key: 'channels', group: '公开渠道和载体', width: 24 },
  { key: 'audience:全社会', group: '公开对象', sub: '全社会', width: 7 },
  { key: 'audience:特定群众', group: '公开对象', sub: '特定群众', aliases: ['特定群体'], width: 7 },
  { key: 'method:主动', group: '公开方式', sub: '主动', width: 7 },
  { key: 'method:依申请', group: '公开方式', sub: '依申请', aliases: ['依申请公开'], width: 7 },
  { key: 'tiers:县级', group: '公开层级', sub: '县级', width: 7 },
  { key: 'tiers:乡级', group: '公开层级', sub: '乡级', aliases: ['乡（镇）级', '镇级'], width: 7 },
  { key: 'itemType', group: '事项类型', width: 14 },
  { key: 'process', group: '过程', width: 8 },
];

const letter = (i: number) => String.fromCharCode(65 + i);
const col = (key: string) => columns.findIndex((c) => c.key === key) + 1;
const lastLetter = letter(columns.length - 1);
const FIRST_DATA_ROW = 4;
const MARK = '✓';
/**
 * A hidden column after the standard ones holds each item's id, so a workbook exported here and
 * edited (an item renamed or moved) finds its items again on import; a hand-made one has none.
 */
const ID_COLUMN = columns.length + 1;
const ID_HEADER = '事项编号';

function headerName(c: Column): string {
  return c.sub ? `${c.group}·${c.sub}` : c.group;
}

/** The workbook of a catalog, as bytes. `items` in reading order. */
export async function buildWorkbook(title: string, items: readonly CatalogItem[]): Promise<Buffer> {
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  wb.creator = 'Gongkai';
  const ws = wb.addWorksheet('标准目录', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = [...columns.map((c) => ({ width: c.width })), { width: 38, hidden: true }];
  ws.mergeCells(`A1:${lastLetter}1`);
  const t = ws.getCell('A1');
  t.value = title;
  t.font = { bold: true, size: 16 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;

  columns.forEach((c, i) => {
    const top = ws.getCell(2, i + 1);
    top.value = c.group;
    if (c.sub) ws.getCell(3, i + 1).value = c.sub;
  });
  // Merge each group: across its sub-columns, or down over both header rows.
  for (let i = 0; i < columns.length;) {
    const c = columns[i]!;
    let j = i;
    while (j + 1 < columns.length && columns[j + 1]!.group === c.group && c.sub) j++;
    if (c.sub) {
      if (j > i) ws.mergeCells(`${letter(i)}2:${letter(j)}2`);
    } else ws.mergeCells(`${letter(i)}2:${letter(i)}3`);
    i = j + 1;
  }
  ws.getCell(2, ID_COLUMN).value = ID_HEADER;
  ws.mergeCells(2, ID_COLUMN, 3, ID_COLUMN);
  ws.getColumn(ID_COLUMN).hidden = true;
  for (const r of [2, 3]) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }

  items.forEach((it, n) => {
    const values: Record<string, string | number> = {
      serial: n + 1,
      [`name${it.level}`]: it.name,
      contentElements: it.contentElements,
      basis: it.basis,
      timeLimit: it.timeLimit,
      subject: it.subject,
      channels: it.channels.join('、'),
      itemType: it.itemType ?? '',
      process: it.process ?? '',
    };
    if (it.audience) values[`audience:${it.audience}`] = MARK;
    if (it.method) values[`method:${it.method}`] = MARK;
    for (const tier of it.tiers) values[`tiers:${tier}`] = MARK;
    const row = ws.getRow(FIRST_DATA_ROW + n);
    columns.forEach((c, i) => {
      const v = values[c.key];
      if (v !== undefined && v !== '') row.getCell(i + 1).value = v;
    });
    row.getCell(ID_COLUMN).value = it.id;
    row.alignment = { vertical: 'middle', wrapText: true };
    for (const c of columns.filter((c) => c.sub && c.key.includes(':')))
      row.getCell(col(c.key)).alignment = { horizontal: 'center', vertical: 'middle' };
  });

  const lastRow = FIRST_DATA_ROW + items.length - 1;
  for (let r = 2; r <= Math.max(lastRow, 3); r++)
    for (let c = 1; c <= columns.length; c++)
      ws.getCell(r, c).border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ParsedItem {
  /**
   * The sheet row, or for a 一级 or 二级事项 written only as a heading in a merged layout, its
   * first row and level.
   */
  key: string;
  /** The id in the hidden column of a workbook exported here; null in a hand-made one. */
  id: string | null;
  row: number;
  level: ItemLevel;
  parentKey: string | null;
  columns: ItemColumns;
}

/**
 * A cell as written (trimmed). Every column is read as text: what a cell must hold depends on
 * the level of the item in its row, which readColumns checks once the row is placed in the tree.
 */
function cell(label: string): Field<string> {
  return {
    label,
    optional: true,
    json: { type: 'string', description: label },
    parse: (raw) => (typeof raw === 'string' ? raw.trim() : ''),
  };
}

/** The standard columns by key, with the hidden 事项编号 column as `id`. */
const declared = declareColumns({
  ...Object.fromEntries(
    columns.map((c) => [
      c.key,
      {
        field: cell(headerName(c)),
        header: headerName(c),
        aliases: (c.aliases ?? []).map((a) => `${c.group}·${a}`),
      },
    ]),
  ),
  id: { field: cell(ID_HEADER), header: ID_HEADER },
});
type Row = Record<string, string>;

/** A two-option column: the column names the choice, so the message only asks for the mark. */
const mark = tick('', { mark: MARK });

const normal = (s: string) => s.replace(/\s+/g, '');

/** Channel tokens: names split by 、，；or spaces; ■/✓ before a name chooses it, □ leaves it out. */
function channelTokens(s: string): string[] {
  return s
    .split(/[、,，;；\s]+/)
    .map((t) => t.trim())
    .filter((t) => t && !/^[□☐]/.test(t))
    .map((t) => t.replace(/^[■☑✓√✔]+/, ''))
    .filter(Boolean);
}

const fieldColumn: Record<string, string> = {
  contentElements: 'contentElements',
  basis: 'basis',
  timeLimit: 'timeLimit',
  subject: 'subject',
  channels: 'channels',
  audience: 'audience:全社会',
  method: 'method:主动',
  tiers: 'tiers:县级',
  itemType: 'itemType',
  process: 'process',
};

/**
 * The two header rows must be the standard ones, cell by cell, or every column would be misread:
 * a problem for each cell that is not (an alias seen in published catalogues is accepted).
 */
function headerProblems(sheet: Sheet): ImportProblem[] {
  const problems: ImportProblem[] = [];
  columns.forEach((c, i) => {
    const [r, want] = c.sub ? [3, c.sub] : [2, c.group];
    const got = normal(cellAt(sheet, r, i + 1));
    if (got !== normal(want) && !(c.aliases ?? []).includes(got))
      problems.push({
        row: r,
        column: letter(i),
        columnLabel: headerName(c),
        message: `表头应为“${want}”${got ? `，实为“${got}”` : '，实为空'}`,
      });
    if (
      c.sub &&
      normal(cellAt(sheet, 2, i + 1)) !== normal(c.group) &&
      !problems.some((p) => p.row === 2 && p.columnLabel === c.group)
    )
      problems.push({ row: 2, column: letter(i), columnLabel: c.group, message: `表头应为“${c.group}”` });
  });
  return problems;
}

/**
 * Reads a catalogue workbook for a catalog of `kind`. Throws ImportRefused listing every bad cell
 * (or saying why the file is no such workbook at all), or a ValidationError on `file` when
 * `checkTitle` finds fault with its title row (e.g. another domain's catalogue).
 */
export async function parseWorkbook(
  bytes: Uint8Array,
  kind: CatalogKind,
  checkTitle?: (title: string) => string | null,
): Promise<{ title: string; items: ParsedItem[] }> {
  // The kit also reads CSV; this layout (merged header rows) exists only as a workbook.
  if (!isZip(bytes) && !isOle(bytes))
    throw ImportRefused.file('无法读取该文件：请上传 Excel 工作簿（.xlsx）');
  const sheet = await readUploadedXlsx(bytes);
  const wrongHeader = headerProblems(sheet);
  if (wrongHeader.length) throw new ImportRefused(wrongHeader);
  const title = cellAt(sheet, 1, 1);
  const wrongTitle = checkTitle?.(title);
  if (wrongTitle) throw ValidationError.one('file', wrongTitle);

  const table = readTable(sheet, declared, {
    headerRow: 2,
    headerRows: 2,
    // Columns after the standard ones (notes, a clerk's own) are not the catalog's: left alone.
    unknownColumns: 'ignore',
    allowEmpty: true,
  });
  const items = placeRows(table, kind);
  table.finish();
  if (items.length === 0)
    throw ImportRefused.file(`工作表中没有公开事项（事项应从第 ${FIRST_DATA_ROW} 行开始）`);
  return { title, items };
}

/**
 * Places each row in the tree (under the last 一级 and 二级事项 above it, or under the headings a
 * merged layout makes up) and reads its columns for its level, adding every problem to `table`.
 */
function placeRows(table: Table<Row>, kind: CatalogKind): ParsedItem[] {
  const problem = (row: number, key: string, message: string) => table.problem(row, key, message);
  const items: ParsedItem[] = [];
  let top: ParsedItem | undefined;
  let second: ParsedItem | undefined;
  const siblings = new Map<string | null, Map<string, number>>();
  /**
   * A 二级事项 row with nothing but its name is a heading when 三级事项 follow it (as this module
   * exports a heading made up from a merged cell); its missing columns are reported only if
   * none do.
   */
  const pending = new Map<string, Array<{ row: number; key: string; message: string }>>();

  /** A 一级 or 二级事项 a merged-layout sheet gives only as the heading of the rows under it. */
  const heading = (
    row: number,
    level: 1 | 2,
    name: string,
    parent: ParsedItem | null,
  ): ParsedItem | undefined => {
    const key = `name${level}`;
    const parentKey = parent?.key ?? null;
    const names = siblings.get(parentKey) ?? new Map<string, number>();
    siblings.set(parentKey, names);
    const dup = names.get(name);
    if (dup !== undefined) {
      problem(
        row,
        key,
        `${level === 1 ? '一级' : '二级'}事项“${name}”已在第 ${dup} 行列出，其下的${level === 1 ? '事项' : '三级事项'}应紧随其后`,
      );
      return undefined;
    }
    // A heading carries only its name (its elements are those of the items under it); the
    // name is checked as any other.
    const { columns: read, errors } = readColumns({ name }, 1, kind);
    for (const e of errors) problem(row, key, e.message);
    names.set(name, row);
    const item: ParsedItem = {
      key: `${row}:heading${level}`,
      id: null,
      row,
      level,
      parentKey,
      columns: read,
    };
    items.push(item);
    return item;
  };

  for (const { row: r, value: cells } of table.rows) {
    if (columns.slice(1).every((c) => cells[c.key] === '')) continue;
    const [n1, n2, n3] = [cells.name1!, cells.name2!, cells.name3!];
    const level: ItemLevel | 0 = n3 ? 3 : n2 ? 2 : n1 ? 1 : 0;
    if (level === 0) {
      problem(r, 'name1', '缺少事项名称：一级、二级、三级事项须填写其一');
      continue;
    }

    // Two-option columns: ✓ (or √ ■) in the chosen one, nothing in the other. A column already
    // reported for a bad mark is not reported again as missing.
    const reported = new Set<string>();
    const ticked = (key: string): boolean => {
      try {
        return mark.parse(cells[key], '');
      } catch (e) {
        if (!(e instanceof FieldProblem)) throw e;
        problem(r, key, e.message);
        reported.add(key.split(':')[0]!);
        return false;
      }
    };
    const pick = (field: 'audience' | 'method', values: readonly string[]): string => {
      const chosen = values.filter((v) => ticked(`${field}:${v}`));
      if (chosen.length > 1) {
        problem(r, `${field}:${values[0]}`, `只能勾选一项（${values.join('或')}）`);
        reported.add(field);
        return '';
      }
      return chosen[0] ?? '';
    };
    const raw: Record<string, unknown> = {
      name: [n1, n2, n3][level - 1],
      contentElements: cells.contentElements,
      basis: cells.basis,
      timeLimit: cells.timeLimit,
      subject: cells.subject,
      channels: channelTokens(cells.channels!),
      audience: pick('audience', audiences),
      method: pick('method', methods),
      tiers: disclosureTiers.filter((t) => ticked(`tiers:${t}`)),
      itemType: cells.itemType,
      process: cells.process,
    };

    // Where the row sits: under the last 一级 (and 二级) 事项 above it. A merged-layout sheet
    // repeats the 一级事项 on each row; a new name there starts a new 一级事项 heading.
    let parent: ParsedItem | undefined;
    if (level === 2) {
      if (n1 && n1 !== top?.columns.name) {
        const dup = siblings.get(null)?.get(n1);
        if (dup !== undefined) {
          problem(r, 'name1', `一级事项“${n1}”已在第 ${dup} 行列出，其下的二级事项应紧随其后`);
          continue;
        }
        top = heading(r, 1, n1, null);
        second = undefined;
      }
      if (!top) {
        problem(r, 'name2', '二级事项之前须有所属的一级事项（层级不能跳过）');
        continue;
      }
      parent = top;
    } else if (level === 3) {
      // 一级 and 二级事项 merged down over their 三级 rows: each new name is a heading.
      if (n1 && n1 !== top?.columns.name) {
        top = heading(r, 1, n1, null);
        second = undefined;
        if (!top) continue;
      }
      if (n2 && n2 !== second?.columns.name) {
        if (!top) {
          problem(r, 'name2', '二级事项之前须有所属的一级事项（层级不能跳过）');
          continue;
        }
        second = heading(r, 2, n2, top);
        if (!second) continue;
      }
      if (!second) {
        problem(r, 'name3', '三级事项之前须有所属的二级事项（层级不能跳过）');
        continue;
      }
      parent = second;
      pending.delete(second.key);
    }

    const { columns: read, errors } = readColumns(raw, level, kind);
    const nameOnly =
      level === 2 && columns.slice(col('contentElements') - 1).every((c) => cells[c.key] === '');
    const held: Array<{ row: number; key: string; message: string }> = [];
    for (const e of errors)
      if (!reported.has(e.field)) {
        const key = e.field === 'name' ? `name${level}` : fieldColumn[e.field]!;
        if (nameOnly && e.field !== 'name') held.push({ row: r, key, message: e.message });
        else problem(r, key, e.message);
      }
    if (held.length) pending.set(String(r), held);
    const parentKey = parent?.key ?? null;
    const names = siblings.get(parentKey) ?? new Map<string, number>();
    siblings.set(parentKey, names);
    const dup = names.get(read.name);
    if (dup !== undefined)
      problem(r, `name${level}`, `同一上级事项下已有名为“${read.name}”的事项（第 ${dup} 行）`);
    names.set(read.name, r);
    const id = cells.id ?? '';
    const item: ParsedItem = {
      key: String(r),
      id: isId(id) ? id : null,
      row: r,
      level,
      parentKey,
      columns: read,
    };
    items.push(item);
    if (level === 1) {
      top = item;
      second = undefined;
    } else if (level === 2) second = item;
  }
  for (const held of pending.values()) for (const p of held) problem(p.row, p.key, p.message);
  return items;
}
