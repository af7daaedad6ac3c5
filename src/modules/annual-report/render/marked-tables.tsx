import {
  applicantColumns,
  balanceRows,
  checkLabels,
  otherRows2021,
  proactiveItems,
  type Finding,
  type ReportData,
  type RequestRowKey,
} from '../contract/report.js';
import { whereLabel } from '../contract/finding-labels.js';
import { isRowLabel, tablesOf, type LayoutCell, type LayoutPart, type LayoutTable } from './layout.js';

/**
 * The statutory tables on a back-office page, drawn from the same grids as every other renderer
 * (layout.ts, ADR 0007), with each finding marked on the cells it concerns: a cell's marks are
 * keyed by its `path` (requests.received.6, appeals.review.total, proactive.licensing.decisions)
 * and link to the numbered finding.
 */

/** Cell path → the numbers (1-based, in list order) of the findings about that cell. */
export type Marks = Map<string, number[]>;

function mark(marks: Marks, path: string, n: number): void {
  const list = marks.get(path) ?? [];
  if (!list.includes(n)) list.push(n);
  marks.set(path, list);
}

/** Which cells each finding is about, from its `where`. */
export function cellMarks(data: ReportData, blank: Array<{ row: string; columns: number[] }> = []): Marks {
  const marks: Marks = new Map();
  const colIndex = (name: string) => applicantColumns.indexOf(name as (typeof applicantColumns)[number]);
  data.findings.forEach((f, i) => {
    const n = i + 1;
    let m: RegExpExecArray | null;
    if ((m = /^requests\[(\w+)\]$/.exec(f.where))) {
      // A column-wise balance finding: the column in every row of the balance.
      for (const r of balanceRows) mark(marks, `requests.${r}.${colIndex(m[1]!)}`, n);
    } else if ((m = /^requests\.([\w.]+)\[(\w+)\]$/.exec(f.where))) {
      const row = m[1]!;
      const rows = row === 'other' && !data.requests.other ? otherRows2021 : [row];
      for (const r of rows) mark(marks, `requests.${r}.${colIndex(m[2]!)}`, n);
    } else if ((m = /^requests\.([\w.]+)$/.exec(f.where)) && data.requests[m[1] as RequestRowKey]) {
      const row = m[1]!;
      const blanks = f.check === 'blank' ? (blank.find((b) => b.row === row)?.columns ?? []) : [];
      if (blanks.length) for (const c of blanks) mark(marks, `requests.${row}.${c}`, n);
      else mark(marks, `requests.${row}.6`, n);
    } else if ((m = /^appeals\.(\w+)(?:\.(\w+))?$/.exec(f.where))) {
      mark(marks, `appeals.${m[1]}.${m[2] ?? 'total'}`, n);
    } else if ((m = /^proactive\.(\w+)(?:\.(\w+))?$/.exec(f.where))) {
      const item = proactiveItems[data.format][m[1]!];
      for (const field of m[2] ? [m[2]] : (item?.fields ?? [])) mark(marks, `proactive.${m[1]}.${field}`, n);
    }
  });
  return marks;
}

function spans(c: LayoutCell) {
  return {
    rowspan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
    colspan: c.colSpan && c.colSpan > 1 ? c.colSpan : undefined,
  };
}

function Figure({ cell, marks, findings }: { cell: LayoutCell; marks: Marks; findings: Finding[] }) {
  // A row of table 三 the text did not give at all reads as a dash, not as an empty cell.
  const text = cell.value === undefined && cell.path?.startsWith('requests.') ? '—' : cell.text;
  const list = (cell.path && marks.get(cell.path)) || [];
  if (list.length === 0)
    return (
      <td class="gk-num" {...spans(cell)}>
        {text}
      </td>
    );
  const severity = list.some((n) => findings[n - 1]?.severity === 'error') ? 'error' : 'warning';
  return (
    <td
      class={`gk-num gk-cell--${severity}`}
      {...spans(cell)}
      title={list.map((n) => findings[n - 1]?.message).join('\n')}
      data-findings={list.join(' ')}
    >
      {text}
      {list.map((n) => (
        <sup>
          <a href={`#finding-${n}`} aria-label={`问题 ${n}`}>
            [{n}]
          </a>
        </sup>
      ))}
    </td>
  );
}

function Label({ cell, inHead, rowLabel }: { cell: LayoutCell; inHead: boolean; rowLabel: boolean }) {
  const scope = inHead
    ? cell.colSpan && cell.colSpan > 1
      ? 'colgroup'
      : 'col'
    : cell.rowSpan && cell.rowSpan > 1
      ? 'rowgroup'
      : 'row';
  return (
    <th scope={scope} class={rowLabel ? 'gk-ar-label' : undefined} {...spans(cell)}>
      {cell.text}
    </th>
  );
}

/** The table-三 row a grid row holds figures of (`data-row`), from its cells' paths. */
function rowKeyOf(cells: LayoutCell[]): string | undefined {
  const path = cells.find((c) => c.path?.startsWith('requests.'))?.path;
  return path ? path.slice('requests.'.length, path.lastIndexOf('.')) : undefined;
}

function Rows(p: {
  table: LayoutTable;
  part: LayoutPart;
  from: number;
  to: number;
  marks: Marks;
  data: ReportData;
}) {
  return (
    <>
      {p.part.rows.slice(p.from, p.to).map((cells, i) => (
        <tr data-row={rowKeyOf(cells)}>
          {cells.map((c) =>
            c.header ? (
              <Label
                cell={c}
                inHead={p.from + i < p.part.headRows}
                rowLabel={isRowLabel(c, p.from + i, p.part)}
              />
            ) : (
              <Figure cell={c} marks={p.marks} findings={p.data.findings} />
            ),
          )}
        </tr>
      ))}
    </>
  );
}

/** One statutory table with its finding marks. */
export function MarkedTable({ table, data, marks }: { table: LayoutTable; data: ReportData; marks: Marks }) {
  return (
    <div class="gk-table-wrap" tabindex={0} role="region" aria-label={`${table.heading}（可左右滚动）`}>
      <table class="gk-table gk-report-table" id={`table-${table.id}`}>
        <caption>{table.heading}</caption>
        {table.parts.map((part) =>
          part.caption ? (
            // Sub-tables of section 二: one tbody each, its caption a row across the table.
            <tbody>
              <tr>
                <th colspan={table.columns} scope="colgroup">
                  {part.caption}
                </th>
              </tr>
              <Rows table={table} part={part} from={0} to={part.rows.length} marks={marks} data={data} />
            </tbody>
          ) : (
            <>
              <thead>
                <Rows table={table} part={part} from={0} to={part.headRows} marks={marks} data={data} />
              </thead>
              <tbody>
                <Rows
                  table={table}
                  part={part}
                  from={part.headRows}
                  to={part.rows.length}
                  marks={marks}
                  data={data}
                />
              </tbody>
            </>
          ),
        )}
      </table>
    </div>
  );
}

/** Tables 二, 三 and 四 of a report, each finding marked on its cells. */
export function MarkedTables({ data, marks }: { data: ReportData; marks: Marks }) {
  const t = tablesOf(data);
  return (
    <>
      <MarkedTable table={t.proactive} data={data} marks={marks} />
      <MarkedTable table={t.requests} data={data} marks={marks} />
      <MarkedTable table={t.appeals} data={data} marks={marks} />
    </>
  );
}

/** The numbered findings the cell marks link to, each with its check's name. */
export function FindingList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0)
    return <p class="gk-flash gk-flash--success">未发现问题：各表的勾稽关系均成立。</p>;
  return (
    <ol class="gk-findings">
      {findings.map((f, i) => (
        <li id={`finding-${i + 1}`} class={`gk-finding gk-finding--${f.severity}`}>
          <span class={`gk-tag ${f.severity === 'error' ? 'gk-tag--warn' : ''}`}>
            {f.severity === 'error' ? '错误' : '提示'}
          </span>{' '}
          <span class="gk-muted">
            {checkLabels[f.check]} · {whereLabel(f.where)}
          </span>
          ：{f.message}
        </li>
      ))}
    </ol>
  );
}
