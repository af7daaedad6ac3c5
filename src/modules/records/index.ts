// The records module's public surface. What it contributes to the platform is in module.ts.

export * from './record.js';
export * as records from './record.service.js';
export type { PublicListItem, PublishedRecordSummary } from './record.service.js';
export type { RecordIdQuery } from '../search/index.js';
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

export { importRecords } from './record-import.service.js';
export { subjectCategoryTree, subjectCategoryProblem } from './subject-category.js';
export {
  section2Documents,
  ruleGenres,
  normativeDocumentGenres,
  publishedInYearByGenre,
} from './record.stats.js';
export {
  searchRecords,
  ensureSearchIndex,
  type SearchHit,
  type SearchResult,
} from './record-search.service.js';
export { searchResultJson } from './record.presenter.js';
