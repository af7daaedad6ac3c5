import { describeAudit } from '../../platform/audit.js';
import { registerJob } from '../../platform/jobs/index.js';
import { remindReportDeadlines } from './report-deadline.js';
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
export { registerReportCommands, type ReportCliIo } from './report.cli.js';
export { registerReportRoutes } from './report.routes.js';
export { registerAnnualReportRoutes } from './annual-report.routes.js';
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
export {
  registerReportContribution,
  type ReportContribution,
  type ContributionScope,
} from './report-contributions.js';

describeAudit({
  actions: {
    'publishedReport.check': '检查年度报告',
    'publishedReport.attach': '记录历史年度报告',
    'reportFigure.set': '录入年报统计数据',
    'annualReport.open': '开始编写年度报告',
    'annualReport.narrative': '修改年度报告文字部分',
    'annualReport.publish': '发布年度报告',
    'annualReport.correct': '创建年度报告更正版本',
  },
  subjects: { publishedReport: '年度报告（已发布文本）', annualReport: '本机关年度报告' },
});

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

registerJob(
  { name: 'annualReport.deadlines', label: '年度报告报送期限提醒', run: remindReportDeadlines },
  { every: 'day' },
);
