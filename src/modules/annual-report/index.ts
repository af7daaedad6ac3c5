// The annual-report module's public surface. What it contributes to the platform is in module.ts.
export * from './report.js';
export { runArithmeticChecks } from './report-checks.js';
export { annualReportJsonSchema, validateReportData } from './report-schema.js';
export {
  checkPublishedReport,
  checkRead,
  readStatusLabels,
  type CheckedReport,
} from './report-check.service.js';
export { summaryOf, csvRows } from './report-format.js';
export * as publishedReports from './published-report.service.js';
export * as reportFigures from './report-figures.service.js';
export { figureDefs, type FigureDef } from './report-figures.service.js';
export { build as buildReport, type BuildOptions } from './report-build.service.js';
export * as annualReports from './annual-report.service.js';
export {
  scopeLabels,
  type AnnualReportView,
  type NarrativeText,
  type PublishedEntry,
} from './annual-report.service.js';
export { type ReportContribution, type ContributionScope } from './report-contributions.js';

// Renderers of the report (HTML, Markdown, DOCX, XLSX, PDF, JSON) in the national layout.
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
  reportCss,
  RenderInputError,
  PdfRenderError,
  type RenderInput,
  type RenderFormat,
  type RenderedReport,
  type PdfOptions,
} from './render/index.js';

export { configureReportDeadlines, reportDeadline, remindReportDeadlines } from './report-deadline.js';
