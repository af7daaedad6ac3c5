import type { GongkaiModule } from '../../platform/module.js';
import * as requestTables from './migrations/0004-request.js';
import * as requestEvents from './migrations/0005-request-events.js';
import * as requestHandler from './migrations/0006-appeal-handler-request.js';
import * as requestLetters from './migrations/0007-request-letter.js';
import { dailyCheck, recomputeAfterCalendarChange } from './request-case.service.js';
import { registerRequestApi } from './request.api.js';
import { registerRequestRoutes } from './request.routes.js';
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
  },
  audit: {
    actions: { 'request.receive': '收到政府信息公开申请' },
    subjects: { request: '政府信息公开申请' },
  },
  routes: (app, web) =>
    registerRequestRoutes(app, {
      publicFormRateLimitPerMinute: web.config.publicFormRateLimitPerMinute,
      cookieSecure: web.config.cookieSecure,
    }),
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
  reportContribution: {
    name: 'requests',
    // Section 三, and the 信息处理费 section 六 states (the report never reads this module's tables).
    contribute: async (ctx, scope) => ({
      requests: await section3(ctx, scope),
      facts: { processingFees: await processingFeeFacts(ctx, scope) },
    }),
  },
};
