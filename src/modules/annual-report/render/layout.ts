import {
  appealGroups,
  appealResultLabels,
  appealResults,
  applicantColumnLabels,
  applicantColumns,
  groupTitle,
  outcomeRowsOf,
  printedRowsOf,
  proactiveItems,
  rowDef,
  type ReportData,
  type ReportFormat,
  type RequestRowKey,
} from '../contract/report.js';

/**
 * The three statutory tables (sections 二, 三, 四) as grids of printed cells with their merges,
 * exactly as the national format lays them out (legal.md §1.2–1.4, §2.1). Every renderer (HTML,
 * Markdown, DOCX, XLSX) draws these grids, so the labels and merges are defined once, here.
 */

export interface LayoutCell {
  text: string;
  /** The figure, for data cells that have one (XLSX stores it as a number). */
  value?: number;
  rowSpan?: number;
  colSpan?: number;
  /** A label cell (heading or row label), as opposed to a figure. */
  header: boolean;
  /** Where the figure comes from in the data: requests.received.0, appeals.review.total … */
  path?: string;
}

/** Rows of a grid: each row lists only the cells that start in it (spanned positions are omitted). */
export type LayoutRows = LayoutCell[][];

export interface LayoutPart {
  /** A sub-table caption (第二十条第（一）项), printed as a row across the whole table. */
  caption?: string;
  /** The number of rows at the top that are column headings. */
  headRows: number;
  rows: LayoutRows;
}

export interface LayoutTable {
  id: 'proactive' | 'requests' | 'appeals';
  /** The section heading the table stands under. */
  heading: string;
  /** Grid width in columns. */
  columns: number;
  /** Relative column widths (sum is arbitrary), for DOCX, XLSX and print. */
  widths: number[];
  parts: LayoutPart[];
}

const head = (text: string, span: { rowSpan?: number; colSpan?: number } = {}): LayoutCell => ({
  text,
  header: true,
  ...span,
});

/** A number as printed: integers plain, amounts with their decimals; missing is blank. */
export function printNumber(value: number | undefined): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '';
  return String(value);
}

const figure = (value: number | undefined, path: string, colSpan?: number): LayoutCell => ({
  text: printNumber(value),
  header: false,
  path,
  ...(value !== undefined && Number.isFinite(value) ? { value } : {}),
  ...(colSpan && colSpan > 1 ? { colSpan } : {}),
});

// ——— Section 二 ———

interface ProactiveGroup {
  caption: string;
  /** Column headings after 信息内容. */
  columns: string[];
  items: string[];
}

/** Captions and column headings of section 二, by format (legal.md §1.2 and §2.1). */
export const proactiveGroups: Record<ReportFormat, ProactiveGroup[]> = {
  '2019': [
    {
      caption: '第二十条第（一）项',
      columns: ['本年新制作数量', '本年新公开数量', '对外公开总数量'],
      items: ['rules', 'normativeDocuments'],
    },
    {
      caption: '第二十条第（五）项',
      columns: ['上一年项目数量', '本年增/减', '处理决定数量'],
      items: ['licensing', 'otherServices'],
    },
    {
      caption: '第二十条第（六）项',
      columns: ['上一年项目数量', '本年增/减', '处理决定数量'],
      items: ['penalties', 'enforcement'],
    },
    { caption: '第二十条第（八）项', columns: ['上一年项目数量', '本年增/减'], items: ['fees'] },
    { caption: '第二十条第（九）项', columns: ['采购项目数量', '采购总金额'], items: ['procurement'] },
  ],
  '2021': [
    {
      caption: '第二十条第（一）项',
      columns: ['本年制发件数', '本年废止件数', '现行有效件数'],
      items: ['rules', 'normativeDocuments'],
    },
    { caption: '第二十条第（五）项', columns: ['本年处理决定数量'], items: ['licensing'] },
    { caption: '第二十条第（六）项', columns: ['本年处理决定数量'], items: ['penalties', 'enforcement'] },
    { caption: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], items: ['fees'] },
  ],
};

export function proactiveLayout(data: ReportData): LayoutTable {
  const spec = proactiveItems[data.format];
  const values = data.proactive as Record<string, Record<string, number> | undefined>;
  const parts: LayoutPart[] = proactiveGroups[data.format].map((g) => {
    // Four columns in all; a group with fewer figures lets its last column span the rest.
    const last = 4 - g.columns.length;
    const rows: LayoutRows = [
      [
        head('信息内容'),
        ...g.columns.map((c, i) => head(c, i === g.columns.length - 1 && last > 1 ? { colSpan: last } : {})),
      ],
      ...g.items.map((item) => {
        const def = spec[item]!;
        return [
          head(def.label),
          ...def.fields.map((field, i) =>
            figure(
              values[item]?.[field],
              `proactive.${item}.${field}`,
              i === def.fields.length - 1 && last > 1 ? last : undefined,
            ),
          ),
        ];
      }),
    ];
    return { caption: g.caption, headRows: 1, rows };
  });
  return { id: 'proactive', heading: '二、主动公开政府信息情况', columns: 4, widths: [4, 3, 3, 3], parts };
}

// ——— Section 三 ———

/** The top-left cell of table 三, verbatim. */
export const balanceNote = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** The label of a row inside its group: （三）1.属于国家秘密 → 1.属于国家秘密. */
function itemLabel(key: RequestRowKey): string {
  const label = rowDef(key).label;
  return key.includes('.') ? label.replace(/^（[三四五六]）/, '') : label;
}

export function requestsLayout(data: ReportData): LayoutTable {
  const keys = printedRowsOf(data.format);
  // Under 三、本年度办理结果: the outcomes and their （七）总计.
  const outcomes: RequestRowKey[] = [...outcomeRowsOf(data.format), 'total'];
  const legal = applicantColumns.slice(1, 6).map((c) => applicantColumnLabels[c]);
  const rows: LayoutRows = [
    [head(balanceNote, { rowSpan: 3, colSpan: 3 }), head('申请人情况', { colSpan: 7 })],
    [
      head(applicantColumnLabels.naturalPerson, { rowSpan: 2 }),
      head('法人或其他组织', { colSpan: 5 }),
      head(applicantColumnLabels.total, { rowSpan: 2 }),
    ],
    legal.map((l) => head(l)),
  ];
  const figures = (key: RequestRowKey) =>
    applicantColumns.map((_, i) => figure(data.requests[key]?.[i], `requests.${key}.${i}`));
  for (const key of keys) {
    const labels: LayoutCell[] = [];
    const group = key.includes('.') ? key.split('.')[0]! : null;
    if (key === 'received' || key === 'carriedOver' || key === 'carriedForward') {
      labels.push(head(rowDef(key).label, { colSpan: 3 }));
    } else {
      if (key === outcomes[0]) labels.push(head('三、本年度办理结果', { rowSpan: outcomes.length }));
      if (group) {
        const members = keys.filter((k) => k.startsWith(`${group}.`));
        if (members[0] === key) labels.push(head(groupTitle(key), { rowSpan: members.length }));
        labels.push(head(itemLabel(key)));
      } else {
        labels.push(head(rowDef(key).label, { colSpan: 2 }));
      }
    }
    rows.push([...labels, ...figures(key)]);
  }
  return {
    id: 'requests',
    heading: '三、收到和处理政府信息公开申请情况',
    columns: 10,
    widths: [2, 2.4, 6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6],
    parts: [{ headRows: 3, rows }],
  };
}

// ——— Section 四 ———

export function appealsLayout(data: ReportData): LayoutTable {
  const results = appealResults.map((r) => head(appealResultLabels[r]));
  const rows: LayoutRows = [
    [head('行政复议', { rowSpan: 2, colSpan: 5 }), head('行政诉讼', { colSpan: 10 })],
    [head('未经复议直接起诉', { colSpan: 5 }), head('复议后起诉', { colSpan: 5 })],
    [...results, ...results, ...results],
    appealGroups.flatMap((g) => appealResults.map((r) => figure(data.appeals[g]?.[r], `appeals.${g}.${r}`))),
  ];
  return {
    id: 'appeals',
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    columns: 15,
    widths: Array.from({ length: 15 }, () => 1),
    parts: [{ headRows: 3, rows }],
  };
}

export function tablesOf(data: ReportData): {
  proactive: LayoutTable;
  requests: LayoutTable;
  appeals: LayoutTable;
} {
  return { proactive: proactiveLayout(data), requests: requestsLayout(data), appeals: appealsLayout(data) };
}

// ——— Grid helpers ———

/**
 * Whether a cell is a row label printed left-aligned: a label in a body row, except the group
 * labels merged down several rows (三、本年度办理结果, （三）不予公开 …), which are centred.
 */
export function isRowLabel(cell: LayoutCell, rowIndex: number, part: LayoutPart): boolean {
  return cell.header && rowIndex >= part.headRows && (cell.rowSpan ?? 1) === 1;
}

export interface PlacedCell {
  cell: LayoutCell;
  row: number;
  col: number;
}

/**
 * Places the cells of some rows on the grid: each cell with its top-left position. Throws when
 * the rows do not fill the grid exactly (a layout bug, not bad data).
 */
export function place(rows: LayoutRows, columns: number): PlacedCell[] {
  const taken: boolean[][] = rows.map(() => Array.from({ length: columns }, () => false));
  const out: PlacedCell[] = [];
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < columns && taken[r]![c]) c++;
      const rs = cell.rowSpan ?? 1;
      const cs = cell.colSpan ?? 1;
      if (c + cs > columns || r + rs > rows.length) throw new Error(`layout overflows at row ${r}`);
      for (let i = r; i < r + rs; i++) for (let j = c; j < c + cs; j++) taken[i]![j] = true;
      out.push({ cell, row: r, col: c });
      c += cs;
    }
  });
  if (taken.some((row) => row.some((t) => !t))) throw new Error('layout leaves cells empty');
  return out;
}

/**
 * The grid with each position holding the cell that covers it and whether it is that cell's
 * top-left position (`origin`).
 */
export function expand(
  rows: LayoutRows,
  columns: number,
): Array<Array<{ cell: LayoutCell; origin: boolean }>> {
  const grid: Array<Array<{ cell: LayoutCell; origin: boolean }>> = rows.map(() => []);
  for (const p of place(rows, columns)) {
    for (let i = 0; i < (p.cell.rowSpan ?? 1); i++)
      for (let j = 0; j < (p.cell.colSpan ?? 1); j++)
        grid[p.row + i]![p.col + j] = { cell: p.cell, origin: i === 0 && j === 0 };
  }
  return grid;
}

/** Every figure of the tables, by data path, as printed: for tests and cross-checks. */
export function figuresOf(data: ReportData): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of Object.values(tablesOf(data)))
    for (const part of t.parts)
      for (const row of part.rows)
        for (const c of row) if (c.path && c.value !== undefined) out.set(c.path, c.value);
  return out;
}
