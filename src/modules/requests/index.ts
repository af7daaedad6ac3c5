import { describeAudit } from '../../platform/audit.js';
import { onEvent } from '../../platform/events.js';
import type { WorkCalendar } from '../calendar/index.js';
import { registerJob } from '../../platform/jobs/index.js';
import { dailyCheck, recomputeAfterCalendarChange } from './request-case.service.js';
import { registerReportContribution } from '../annual-report/index.js';
import { section3 } from './request.stats.js';

export * from './request.js';
export * as requests from './request.service.js';
export * as cases from './request-case.service.js';
export { registerRequestRoutes } from './request.routes.js';
export { registerRequestApi } from './request.api.js';
export { section3 } from './request.stats.js';
export { outcomes, outcomeKeys, reportRow, type Outcome } from './request-outcome.js';
export {
  computeDeadline,
  defaultRules,
  type CaseEvent,
  type DeadlineResult,
  type DeadlineRules,
} from './request-deadline.js';
export { feeByCount, feeByPages, perRequestRate, type FeeComputation } from './request-fee.js';
export { checkIdNumber, maskIdNumber, maskPhone, maskAddress } from './identity.js';

describeAudit({
  actions: { 'request.receive': '收到政府信息公开申请' },
  subjects: { request: '政府信息公开申请' },
});

onEvent('calendar.changed', async (ctx, { previous }) => {
  await recomputeAfterCalendarChange(ctx, previous as WorkCalendar);
});

registerJob(
  { name: 'requests.dailyCheck', label: '申请办理期限每日检查', run: dailyCheck },
  { every: 'day' },
);

// Section 三 of the annual report.
registerReportContribution({
  name: 'requests',
  contribute: async (ctx, scope) => ({ requests: await section3(ctx, scope) }),
});
