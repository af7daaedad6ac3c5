import { findingLine } from '../contract/finding-labels.js';
import { appealGroups, type ReportData } from '../contract/report.js';
import { blocksPublication } from '../contract/review-checks.js';
import { reportJson, type RenderFormat, type RenderInput } from '../render/index.js';
import { narrativeOf, sectionHeadings, titleOf } from '../render/render-input.js';
import type { AnnualReportView, ReportDocument } from './annual-report.service.js';

/** How the agency's own report is shown: to staff, on the portal, in files and over the API. */

export const stateLabels: Record<AnnualReportView['state'], string> = {
  draft: '编写中',
  published: '已发布',
  superseded: '已被更正版本替代',
};

export const formatLabels: Record<RenderFormat, string> = {
  html: '网页',
  md: 'Markdown',
  docx: 'Word',
  xlsx: 'Excel',
  pdf: 'PDF',
  json: '数据（JSON）',
};

/** What every renderer takes: the report under the name it goes by. */
export function renderInputOf(doc: ReportDocument): RenderInput {
  return { data: doc.data, agency: doc.title, year: doc.year, narrative: doc.narrative };
}

/**
 * The contract document (`gongkai.annual-report/1`) with its narrative and every finding: what
 * `/api/v1/annual-reports/build` returns and `gongkai report build --out x.json` writes.
 */
export function documentJson(doc: ReportDocument): ReportData {
  return reportJson(renderInputOf(doc));
}

/** A report over the API: what its page shows (it holds no personal data). */
export function apiReport(view: AnnualReportView): AnnualReportView {
  return view;
}

/**
 * The findings as a page lists them: one Chinese line each (kind, check, place, message — the
 * lines `gongkai report build` prints), those that stop publication marked.
 */
export function findingItems(
  doc: Pick<ReportDocument, 'findings'>,
): Array<{ line: string; blocking: boolean }> {
  return doc.findings.map((f) => ({ line: findingLine(f), blocking: blocksPublication(f) }));
}

/** What the confirmation page says will become public: the title, each section's length, the tables in figures. */
export function publicationSummary(doc: ReportDocument): {
  title: string;
  sections: Array<{ heading: string; paragraphs: number; characters: number }>;
  tables: string[];
} {
  const input = renderInputOf(doc);
  const sections = (['一', '五', '六'] as const).map((n) => {
    const paragraphs = narrativeOf(input, n);
    return {
      heading: sectionHeadings[n],
      paragraphs: paragraphs.length,
      characters: paragraphs.join('').length,
    };
  });
  const d = doc.data;
  const total = (key: keyof ReportData['requests']) => d.requests[key]?.[6] ?? 0;
  const proactiveItems = Object.keys(d.proactive).length;
  const appeals = appealGroups.map((g) => d.appeals[g]?.total ?? 0);
  return {
    title: titleOf(input),
    sections,
    tables: [
      `${sectionHeadings.二}：${proactiveItems} 项`,
      `${sectionHeadings.三}：本年新收 ${total('received')} 件，上年结转 ${total('carriedOver')} 件，办结 ${total('total')} 件，结转下年度继续办理 ${total('carriedForward')} 件`,
      `${sectionHeadings.四}：行政复议 ${appeals[0]} 件，行政诉讼 ${appeals[1]! + appeals[2]!} 件`,
    ],
  };
}
