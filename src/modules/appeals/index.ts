import { describeAudit } from '../../platform/audit.js';
import { registerReportContribution } from '../annual-report/index.js';
import { section4 } from './appeal.service.js';

export * as appeals from './appeal.service.js';
export { appealKindLabels, appealResultLabels } from './appeal.service.js';
export { registerAppealRoutes } from './appeal.routes.js';

describeAudit({
  actions: { 'appeal.record': '登记复议或诉讼', 'appeal.decide': '登记复议或诉讼结果' },
  subjects: { appeal: '行政复议、行政诉讼' },
});

// Section 四 of the annual report.
registerReportContribution({
  name: 'appeals',
  contribute: async (ctx, scope) => ({ appeals: await section4(ctx, scope) }),
});
