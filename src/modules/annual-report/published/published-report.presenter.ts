import type { CheckedReport } from './read-and-check.js';
import { readStatusLabels } from './read-and-check.js';
import { formatDateTime } from '../../../platform/clock.js';
import { whereLabel } from '../contract/finding-labels.js';
import {
  appealGroups,
  appealResults,
  applicantColumns,
  checkLabels,
  rowsOf,
  type ReportData,
} from '../contract/report.js';

/** Presenting checked reports: the list of the 年报检查 page, the Chinese summary, CSV rows of every figure. */

/** A row of the checker's list of recently checked reports. */
export function checkedListRow(r: {
  id: string;
  source_name: string;
  read_status: string;
  report_year: number | null;
  report_agency: string | null;
  error_count: number;
  warning_count: number;
  uploaded_at: string;
  history_year: number | null;
  history_agency_name: string | null;
}) {
  return {
    id: r.id,
    sourceName: r.source_name,
    agency: r.report_agency ?? '—',
    year: r.report_year === null ? '—' : String(r.report_year),
    read: readStatusLabels[r.read_status as keyof typeof readStatusLabels] ?? r.read_status,
    errors: r.error_count,
    warnings: r.warning_count,
    recordedAs: r.history_year ? `${r.history_agency_name ?? ''} ${r.history_year} 年` : '',
    checkedAt: formatDateTime(r.uploaded_at),
  };
}

const kindLabels: Record<string, string> = {
  markdown: 'Markdown',
  html: 'HTML',
  docx: 'DOCX',
  pdf: 'PDF',
  text: '纯文本',
  built: '平台生成',
};

export function summaryOf(r: CheckedReport): string {
  const lines: string[] = [];
  const d = r.data;
  const title = d
    ? `${d.agency ?? '（未写明机构）'} ${d.year ?? '（未写明年度）'} 年度报告（${d.format} 年格式）`
    : '（无法读取）';
  lines.push(`${title} — ${r.file}${d ? `（${kindLabels[d.source.kind] ?? d.source.kind}）` : ''}`);
  if (r.error) lines.push(`  读取：${readStatusLabels[r.status]}：${r.error}`);
  if (d && r.info) {
    // The rows the table prints (in 2021 （六）其他处理 is only the heading of its three rows,
    // which the data holds as their sum): read out of printed.
    const printed = rowsOf(d.format).filter((x) => !(d.format === '2021' && x.key === 'other'));
    const rows = printed.filter((x) => d.requests[x.key]).length;
    const expected = printed.length;
    lines.push(
      `  读取：${readStatusLabels[r.status]}；表二 ${Object.keys(d.proactive).length} 项，表三 ${rows}/${expected} 行，表四 ${Object.keys(d.appeals).length}/3 组` +
        (Object.values(r.info.provenance).some((p) => p.how === 'reconstructed')
          ? '（部分数字按表内勾稽关系还原）'
          : ''),
    );
  }
  if (d) {
    const errors = d.findings.filter((f) => f.severity === 'error');
    const warnings = d.findings.filter((f) => f.severity === 'warning');
    lines.push(
      errors.length || warnings.length
        ? `  发现 ${errors.length} 处错误、${warnings.length} 处提示：`
        : '  未发现问题',
    );
    for (const f of [...errors, ...warnings])
      lines.push(
        `  ${f.severity === 'error' ? '✖ 错误' : '△ 提示'} [${checkLabels[f.check]}] ${whereLabel(f.where)}：${f.message}`,
      );
  }
  return lines.join('\n');
}

const csvCell = (v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const csvHeader = [
  'file',
  'agency',
  'year',
  'format',
  'table',
  'row',
  'column',
  'value',
  'how',
  'line',
];

/** One CSV row per figure read. */
export function csvRows(r: CheckedReport): string[] {
  const d: ReportData | null = r.data;
  if (!d) return [];
  const out: string[][] = [];
  const base = [r.file, d.agency ?? '', String(d.year ?? ''), d.format];
  for (const [row, values] of Object.entries(d.requests)) {
    const prov = r.info?.provenance[`requests.${row}`];
    const blank = r.info?.blankCells.find((b) => b.row === row)?.columns ?? [];
    values!.forEach((v, i) =>
      out.push([
        ...base,
        '三',
        row,
        applicantColumns[i]!,
        String(v),
        blank.includes(i) ? 'blank' : (prov?.how ?? 'read'),
        String(prov?.line ?? ''),
      ]),
    );
  }
  for (const [item, fields] of Object.entries(d.proactive as Record<string, Record<string, number>>)) {
    for (const [field, v] of Object.entries(fields))
      out.push([...base, '二', item, field, String(v), 'read', '']);
  }
  const prov = r.info?.provenance.appeals;
  for (const g of appealGroups) {
    const counts = d.appeals[g];
    if (!counts) continue;
    for (const res of appealResults)
      out.push([...base, '四', g, res, String(counts[res]), prov?.how ?? 'read', String(prov?.line ?? '')]);
  }
  return out.map((row) => row.map(csvCell).join(','));
}
