import { describeAudit } from '../../platform/audit.js';
import { registerJob } from '../../platform/jobs/index.js';
import { registerReportContribution } from '../annual-report/index.js';
import { section2Documents } from './record.stats.js';
import { publishDue } from './record.service.js';

export * from './record.js';
export * as records from './record.service.js';
export type { PublicListItem } from './record.service.js';
export * as officialDocuments from './official-document.service.js';
export * as recordAttachments from './record-attachment.service.js';
export {
  disclosureAttributes,
  disclosureAttributeLabels,
  withheldReasons,
  withheldReasonLabels,
  type DisclosureAttribute,
  type AttributeCounts,
} from './official-document.service.js';

describeAudit({
  actions: {
    'record.draft': '起草政府信息',
    'record.submitted': '政府信息送审',
    'record.reviewPassed': '保密审查通过',
    'record.reviewReturned': '保密审查退回',
    'record.approved': '批准发布',
    'record.publish': '发布政府信息',
    'record.withdrawn': '撤回政府信息',
    'officialDocument.register': '登记公文公开属性',
    'record.import': '迁移导入政府信息',
    'record.validityChanged': '修改有效性',
    'record.scheduled': '设定定时发布',
    'record.attachmentAdded': '上传附件',
    'record.attachmentRemoved': '删除附件',
    'record.unscheduled': '取消定时发布',
  },
  subjects: { record: '政府信息', officialDocument: '公文' },
});
export { registerRecordRoutes } from './record.routes.js';
export { registerRecordCommands } from './record.cli.js';
export { importRecords, ImportRefused } from './record-import.js';
export { subjectCategoryTree, subjectCategoryProblem } from './subject-category.js';
export { section2Documents, ruleGenres, normativeDocumentGenres } from './record.stats.js';
export {
  searchRecords,
  searchResultJson,
  ensureSearchIndex,
  indexRecords,
  pageSize as searchPageSize,
  type SearchHit,
  type SearchResult,
} from './record.search.js';

// Scheduled publications go out within a minute of their set time; a failed minute is not
// retried, the next minute's run picks the same records up.
registerJob(
  { name: 'records.publishDue', label: '定时发布', run: publishDue, maxAttempts: 1 },
  { every: 'minute' },
);

// 规章 and 规范性文件 of section 二 of the annual report.
registerReportContribution({
  name: 'records',
  contribute: async (ctx, scope) => ({ proactive: await section2Documents(ctx, scope) }),
});
