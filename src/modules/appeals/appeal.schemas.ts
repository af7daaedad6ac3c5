import { date, object, oneOf, optional, text } from '../../platform/schema.js';
import { appealKindLabels, appealKinds, decidedResultLabels, decidedResults } from './appeal.presenter.js';

/** A 复议 or 诉讼 as the clerk records it, linked to the application it concerns if any. */
export const recordAppealSchema = object({
  agencyId: text('被申请（被诉）机关'),
  requestId: optional(text('相关申请')),
  kind: oneOf('类型', appealKinds, appealKindLabels),
  filedOn: date('申请复议或起诉之日'),
  caseNumber: optional(text('案号', { max: 60 })),
  note: optional(text('备注', { max: 2000 })),
});

/** Its result, once decided or judged. */
export const decideAppealSchema = object({
  result: oneOf('结果', decidedResults, decidedResultLabels),
  decidedOn: date('决定或判决之日'),
});
