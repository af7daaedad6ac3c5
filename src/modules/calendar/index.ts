import { describeAudit } from '../../platform/audit.js';

export * from './calendar.js';
export * as calendar from './calendar.service.js';
export { validateNotice, noticeFromForm } from './calendar-notice.js';
export { shippedNotices, type YearNotice } from '../../platform/db/reference/calendar-notices.js';
export { registerCalendarRoutes } from './calendar.routes.js';
export { registerCalendarCommands } from './calendar.cli.js';

describeAudit({
  actions: { 'calendar.enterNotice': '录入节假日安排' },
  subjects: { calendarYear: '节假日安排' },
});
