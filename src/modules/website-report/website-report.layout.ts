import type { TableRow } from './website-report.js';

/**
 * The table's grid in the national layout, for the HTML page and the XLSX file alike: five
 * columns (项目, 分项, 指标, 数值, 说明); a section's heading spans its rows, a sub-heading (留言办理,
 * 微博 …) spans its own; the site's block and the footer have no heading, their label spans the
 * first three columns.
 */

export const gridColumns = ['项目', '分项', '指标', '数值', '说明'] as const;

export interface GridCell {
  text: string;
  /** 0-based column. */
  col: number;
  rowspan: number;
  colspan: number;
  /** A heading (项目, 分项, 指标) or a value (数值, 说明). */
  kind: 'heading' | 'value';
}

/** The cells that start on each row (a cell spanning rows appears on its first row only). */
export function gridOf(rows: readonly TableRow[]): GridCell[][] {
  const out: GridCell[][] = rows.map(() => []);
  const runLength = (i: number, same: (a: TableRow, b: TableRow) => boolean) => {
    let n = 1;
    while (i + n < rows.length && same(rows[i]!, rows[i + n]!)) n++;
    return n;
  };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const prev = i > 0 ? rows[i - 1]! : null;
    if (r.section === null) {
      out[i]!.push({ text: r.label, col: 0, rowspan: 1, colspan: 3, kind: 'heading' });
    } else {
      if (!prev || prev.section !== r.section)
        out[i]!.push({
          text: r.section,
          col: 0,
          rowspan: runLength(i, (a, b) => a.section === b.section),
          colspan: 1,
          kind: 'heading',
        });
      if (r.group === null) {
        out[i]!.push({ text: r.label, col: 1, rowspan: 1, colspan: 2, kind: 'heading' });
      } else {
        if (!prev || prev.section !== r.section || prev.group !== r.group)
          out[i]!.push({
            text: r.group,
            col: 1,
            rowspan: runLength(i, (a, b) => a.section === b.section && a.group === b.group),
            colspan: 1,
            kind: 'heading',
          });
        out[i]!.push({ text: r.label, col: 2, rowspan: 1, colspan: 1, kind: 'heading' });
      }
    }
    out[i]!.push({ text: r.value, col: 3, rowspan: 1, colspan: 1, kind: 'value' });
    out[i]!.push({ text: r.note ?? '', col: 4, rowspan: 1, colspan: 1, kind: 'value' });
  }
  return out;
}
