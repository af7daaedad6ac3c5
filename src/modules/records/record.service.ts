// The records module's use cases, one file per group; this is their one surface (`records.*`).
// record-workflow: drafting, 保密审查, approval, withdrawal and the staff pages.
// record-publication: publication now or at a set time, with the 索引号.
// record-validity: 有效性, and the originals a repealing or amending document marks.
// record-public: what the portal and other modules list.

export {
  approve,
  createDraft,
  draftPage,
  get,
  list,
  recordPage,
  review,
  submitForReview,
  withdraw,
  type DraftPage,
  type RecordListItem,
  type RecordPage,
} from './record-workflow.service.js';
export {
  publish,
  publishDue,
  publicationTimeliness,
  schedule,
  unschedule,
  type Published,
} from './record-publication.service.js';
export { changeValidity } from './record-validity.service.js';
export {
  linksOf,
  publicList,
  publicRecordPage,
  publicView,
  publishedMetadata,
  publishedSummaries,
  subjectCounts,
  type PublicListItem,
  type PublishedMetadata,
  type PublicRecordPage,
  type PublishedRecordSummary,
  type RecordLinks,
} from './record-public.service.js';
