import type { ReadInfo } from '../../contract/read-info.js';
import {
  otherRows2021,
  printedRowsOf,
  REPORT_SCHEMA_ID,
  type Appeals,
  type ReportData,
  type Requests,
  type RequestRow,
  type SourceKind,
} from '../../contract/report.js';
import { doubtTable3 } from './doubt.js';
import { detectAgency, detectFormat, detectYear } from './meta.js';
import { extractFigures } from './narrative.js';
import { printedFigure, quoteShortened } from './normalize.js';
import { findSections, lineAt } from './sections.js';
import { readTable3 } from './table3.js';
import { readTable2 } from './table2.js';
import { readTable4 } from './table4.js';
import { tokenize } from './tokens.js';

export type { ReadInfo };

export interface ReadResult {
  data: ReportData;
  info: ReadInfo;
}

/** A section's text without its heading line and the Markdown marks around it. */
function sectionBody(text: string): string {
  return text
    .replace(/^[#>*\s]*[五5][、.．]\s*[^\n（(]{0,20}?存在的?主要问题(?:[及和]改进(?:情况|措施))?[*#\s]*/, '')
    .replace(/^[#>*\s]+|[#*\s]+$/g, '')
    .replace(/\*\*/g, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function slice(text: string, range: [number, number] | null): string {
  return range ? text.slice(range[0], range[1]) : '';
}

export function readReport(
  lines: string[],
  source: { file?: string; kind: Exclude<SourceKind, 'built'> },
): ReadResult {
  const joined = lines.join('\n');
  const s = findSections(joined);
  const year = detectYear(joined);
  const format = detectFormat(slice(s.text, s.proactive) + slice(s.text, s.requests), year);
  const tokensOf = (range: [number, number] | null) => {
    if (!range) return [];
    return tokenize(s.text.slice(range[0], range[1]).split('\n'), lineAt(s.text, range[0]) - 1);
  };

  const info: ReadInfo = {
    blankCells: [],
    missingRows: [],
    unreadable: [],
    provenance: {},
    sections: {
      overview: !!s.overview && s.overview[1] - s.overview[0] > 20,
      proactive: !!s.proactive,
      requests: !!s.requests,
      appeals: !!s.appeals,
      problems: !!s.problems,
      other: !!s.other,
    },
    otherText: s.other ? slice(s.text, s.other) : null,
    lineCount: lines.length,
  };

  // 三
  const requests: Requests = {};
  if (s.requests) {
    const t3 = readTable3(tokensOf(s.requests), format);
    // Figures the table's relations contradict in several places are a reading problem.
    const doubt = doubtTable3(t3.rows, format);
    const doubted = new Set(doubt.rows.map((d) => d.key));
    t3.unreadable.push(...doubt.rows);
    if (doubt.table) {
      for (const r of t3.rows)
        if (!doubted.has(r.key)) t3.unreadable.push({ key: r.key, line: r.line, reason: '见表三' });
      info.unreadable.push({ where: 'requests', line: t3.rows[0]?.line ?? null, reason: doubt.table });
      t3.rows = [];
    } else t3.rows = t3.rows.filter((r) => !doubted.has(r.key));
    for (const r of t3.rows) {
      requests[r.key] = r.values;
      info.provenance[`requests.${r.key}`] = { line: r.line, how: r.how };
      if (r.blankColumns.length) info.blankCells.push({ row: r.key, columns: r.blankColumns, line: r.line });
    }
    for (const u of t3.unreadable)
      if (u.reason !== '见表三')
        info.unreadable.push({ where: `requests.${u.key}`, line: u.line, reason: u.reason });
    // In the 2021 format （六）其他处理 is the sum of its three rows (the contract), unless printed.
    const subs = otherRows2021.map((k) => requests[k]);
    if (format === '2021' && !requests.other && subs.every(Boolean)) {
      const other: RequestRow = [0, 0, 0, 0, 0, 0, 0];
      for (const row of subs) row!.forEach((v, i) => (other[i] = other[i]! + v));
      requests.other = other;
      info.provenance['requests.other'] = {
        line: info.provenance['requests.other.supplementOverdue']!.line,
        how: 'reconstructed',
      };
    }
    info.missingRows = doubt.table
      ? []
      : printedRowsOf(format).filter((k) => !requests[k] && !t3.unreadable.some((u) => u.key === k));
  } else {
    info.missingRows = printedRowsOf(format);
  }

  // 二
  const proactive: Record<string, Record<string, number>> = {};
  if (s.proactive) {
    const t2 = readTable2(tokensOf(s.proactive), format);
    Object.assign(proactive, t2.items);
    for (const [item, p] of Object.entries(t2.provenance)) info.provenance[`proactive.${item}`] = p;
    for (const u of t2.unreadable)
      info.unreadable.push({ where: `proactive.${u.item}`, line: u.line, reason: u.reason });
  }

  // 四
  let appeals: Partial<Appeals> = {};
  if (s.appeals) {
    const t4 = readTable4(tokensOf(s.appeals));
    if (t4.appeals) {
      appeals = t4.appeals;
      info.provenance.appeals = { line: t4.line!, how: t4.how! };
    } else if (t4.reason) info.unreadable.push({ where: 'appeals', line: t4.line, reason: t4.reason });
  }

  // Narrative: everything outside the tables but section 五.
  const outside = [
    slice(s.text, [
      0,
      Math.min(
        ...[s.proactive, s.requests, s.appeals, s.problems, s.other].filter(Boolean).map((r) => r![0]),
        s.text.length,
      ),
    ]),
    slice(s.text, s.other),
  ].join('\n');
  const figures = extractFigures(outside, null, (clause, printed) =>
    info.unreadable.push({
      where: 'narrative',
      line: null,
      reason: `正文“${quoteShortened(clause)}”中的数字“${printedFigure(printed)}”过大，无法核对`,
    }),
  );

  // Section 五 as printed (offsets in the folded text are those of the text: fold keeps lengths),
  // without its heading: the problems the office tracks until they are fixed.
  const problems = s.problems ? sectionBody(joined.slice(s.problems[0], s.problems[1])) : '';

  const data: ReportData = {
    schema: REPORT_SCHEMA_ID,
    format,
    year,
    agency: detectAgency(joined),
    source,
    proactive,
    requests,
    appeals,
    narrative: { figures, ...(problems ? { sections: { 五: problems } } : {}) },
    findings: [],
  };
  return { data, info };
}
