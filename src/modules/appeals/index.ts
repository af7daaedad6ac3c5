import { describeAudit } from '../../platform/audit.js';

export * as appeals from './appeal.service.js';
export { appealKindLabels, appealResultLabels } from './appeal.service.js';
export { registerAppealRoutes } from './appeal.routes.js';

describeAudit({
  actions: { 'appeal.record': '登记复议或诉讼', 'appeal.decide': '登记复议或诉讼结果' },
  subjects: { appeal: '行政复议、行政诉讼' },
});
