// The records module's public surface. What it contributes to the platform is in module.ts.

export * from './record.js';
export * as records from './record.service.js';
export type { PublicListItem, PublishedRecordSummary, RecordIdQuery } from './record.service.js';
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
