import { describeAudit } from '../../platform/audit.js';
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
export * as publishedReports from './published-report.service.js';
export * as reportFigures from './report-figures.service.js';
export { figureDefs, type FigureDef } from './report-figures.service.js';
export { build as buildReport, type BuildOptions } from './report-build.service.js';
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
  },
  subjects: { publishedReport: '年度报告' },
});
