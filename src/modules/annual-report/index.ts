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
