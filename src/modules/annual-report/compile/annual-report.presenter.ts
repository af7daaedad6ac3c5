import type { ReportData } from '../contract/report.js';
import { reportJson, type RenderFormat, type RenderInput } from '../render/index.js';
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
