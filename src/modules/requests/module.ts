import type { GongkaiModule } from '../../platform/module.js';
import * as requestTables from './migrations/0004-request.js';
import * as requestEvents from './migrations/0005-request-events.js';
import * as requestHandler from './migrations/0006-appeal-handler-request.js';
import * as requestLetters from './migrations/0007-request-letter.js';
import * as glossaryNames from './migrations/0020-request-glossary-names.js';
import * as section3Index from './migrations/0021-request-section3-index.js';
import { dailyCheck, recomputeAfterCalendarChange } from './request-queue.service.js';
import { registerRequestApi } from './request.api.js';
import { eventLabels } from './request.presenter.js';
import { caseActions } from './request.schemas.js';
import { registerRequestAdminRoutes } from './request.admin.routes.js';
import { registerRequestPortalRoutes } from './request.portal.routes.js';
import { requestWorkbench } from './request-workbench.js';
import { processingFeeFacts, section3 } from './request.stats.js';

/** 依申请公开: applications, their legal clock, steps, outcomes, letters and fees; section 三. */
export const requestsModule: GongkaiModule = {
  name: 'requests',
  label: '依申请公开',
  tables: {
    request_sequence: { backup: { orderBy: 'year', key: 'agency_id' } },
    request: { backup: { orderBy: 'id' } },
    request_event: { backup: { orderBy: 'id' } },
    request_letter: { backup: { orderBy: 'id' } },
  },
  migrations: {
    '0004-request': requestTables,
    '0005-request-events': requestEvents,
    '0006-appeal-handler-request': requestHandler,
    '0007-request-letter': requestLetters,
    '0020-request-glossary-names': glossaryNames,
    '0021-request-section3-index': section3Index,
  },
  audit: {
    actions: {
      'request.receive': '收到政府信息公开申请',
      'request.assign': '指定承办人',
      'request.viewPersonalData': '查看申请人完整个人信息',
      'request.expire': '逾期不补正或未缴费，办结',
      'request.dueChanged': '节假日安排变更，答复期限随之变更',
      ...Object.fromEntries(caseActions.map((a) => [`request.${a}`, eventLabels[a]])),
    },
    subjects: { request: '政府信息公开申请' },
  },
  routes: (app, web) => {
    registerRequestPortalRoutes(app, {
      publicFormRateLimitPerMinute: web.config.publicFormRateLimitPerMinute,
    });
    registerRequestAdminRoutes(app);
  },
  api: (app, web) =>
    registerRequestApi(app, { publicFormRateLimitPerMinute: web.config.publicFormRateLimitPerMinute }),
  jobs: [{ name: 'requests.dailyCheck', label: '申请期限检查（逾期、临期提醒）', run: dailyCheck }],
  schedules: [{ job: 'requests.dailyCheck', every: 'day' }],
  on: {
    // A new holiday notice moves the due dates of open cases.
    'calendar.changed': async (ctx, { previous }) => {
      await recomputeAfterCalendarChange(ctx, previous);
    },
  },
  workbench: requestWorkbench,
  reportContribution: {
    name: 'requests',
    // Section 三, and the 信息处理费 section 六 states (the report never reads this module's tables).
    contribute: async (ctx, scope) => ({
      requests: await section3(ctx, scope),
      facts: { processingFees: await processingFeeFacts(ctx, scope) },
    }),
  },
};
