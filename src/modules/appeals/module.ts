import type { GongkaiModule } from '../../platform/module.js';
import { appealKindLabels, appealResultLabels } from './appeal.presenter.js';
import { registerAppealRoutes } from './appeal.routes.js';
import { section4 } from './appeal.service.js';
import * as appealTable from './migrations/0006-appeal-handler.js';

/** 行政复议 and 行政诉讼 about disclosure; section 四 of the annual report. */
export const appealsModule: GongkaiModule = {
  name: 'appeals',
  label: '行政复议与行政诉讼',
  tables: { appeal: { backup: { orderBy: 'id' } } },
  migrations: { '0006-appeal-handler': appealTable },
  audit: {
    actions: { 'appeal.record': '登记复议或诉讼', 'appeal.decide': '登记复议或诉讼结果' },
    subjects: { appeal: '行政复议、行政诉讼' },
    fields: { kind: '类别', filedOn: '受理日期', requestId: '', result: '结果', decidedOn: '审结日期' },
    values: { kind: appealKindLabels, result: appealResultLabels },
  },
  routes: registerAppealRoutes,
  reportContribution: {
    name: 'appeals',
    contribute: async (ctx, scope) => ({ appeals: await section4(ctx, scope) }),
  },
};
