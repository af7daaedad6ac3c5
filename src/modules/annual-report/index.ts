// The annual-report module's public surface. What it contributes to the platform is in module.ts.

// contract/: the report as data, its checks and JSON Schema.
export * from './contract/report.js';
export { runArithmeticChecks } from './contract/arithmetic-checks.js';
export { allChecks, type ReportCheckContext } from './contract/checks.js';
export { annualReportJsonSchema, validateReportData } from './contract/schema.js';
export { findingLine, whereLabel, severityLabel } from './contract/finding-labels.js';
export { blocksPublication } from './contract/review-checks.js';

// published/: reports already published, read from their text and checked (年报检查).
export {
  checkPublishedReport,
  checkRead,
  readStatusLabels,
  type CheckedReport,
} from './published/read-and-check.js';
export { summaryOf, csvRows } from './published/published-report.presenter.js';
export * as publishedReports from './published/published-report.service.js';

// compare/: indicators of reports side by side, and the cross-year checks between them (issue 18).
export {
  indicatorsOf,
  indicatorDefs,
  indicatorKeys,
  indicatorLabel,
  roundRate,
  rateOf,
  receivedChange,
  isSmallSample,
  type Rate,
  type IndicatorKey,
  type ReportIndicators,
} from './compare/indicators.js';
export { chainFindings, agencyKey, type ChainedReport, type ChainFinding } from './compare/chain.js';

// followup/: 培训、考核 and the 整改 of the problems each published report stated.
export * as trainingSessions from './followup/training.service.js';
export * as reportProblems from './followup/problems.service.js';
export { splitProblems } from './followup/problems.js';

// compile/: the agency's own report, built from the installed modules' contributions.
export * as reportFigures from './compile/report-figures.service.js';
export { figureDefs, type FigureDef } from './compile/report-figures.service.js';
export { build as buildReport, type BuildOptions } from './compile/report-build.service.js';
export * as annualReports from './compile/annual-report.service.js';
export { publishedOfAgency, type PublishedContract } from './compile/published-contracts.service.js';
export {
  scopeLabels,
  type AnnualReportView,
  type NarrativeText,
  type PublishedEntry,
  type ReportDocument,
} from './compile/annual-report.service.js';
export { type ReportContribution, type ContributionScope } from './compile/report-contributions.js';

// render/: renderers of the report (HTML, Markdown, DOCX, XLSX, PDF, JSON) in the national layout.
export {
  render as renderReport,
  renderFormats,
  renderMediaTypes,
  renderedFileName,
  reportJson,
  renderHtml,
  renderHtmlFragment,
  renderMarkdown,
  renderDocx,
  renderXlsx,
  renderPdf,
  sample2022,
  reportCss,
  RenderInputError,
  PdfRenderError,
  type RenderInput,
  type RenderFormat,
  type RenderedReport,
  type PdfOptions,
} from './render/index.js';

export { reportSettings, reportDeadline, remindReportDeadlines } from './compile/report-deadline.js';
export { reportTimeliness, type ReportTimeliness } from './compile/report-status.service.js';

/**
 * The text layer of a PDF in reading order (pdf.js, built in); throws when it has none. The
 * converters (and cheerio, pdf.js) are loaded on first use, not with every process of the module.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await import('./published/reader/convert.js')).pdfBuiltinText(bytes);
}
