import { date, object, oneOf, optional, text, type Infer } from '../../platform/schema.js';
import { periodKinds, periodLabels } from './supervision.js';

/** The dashboard's filter (also of each list and CSV): the period and an agency of the subtree. */
export const supervisionFilterSchema = object({
  period: optional(oneOf('期间', periodKinds, periodLabels)),
  from: optional(date('起始日期')),
  to: optional(date('截止日期')),
  agency: optional(text('机构')),
});
export type SupervisionFilter = Infer<typeof supervisionFilterSchema.shape>;
