// The calendar module's public surface. What it contributes to the platform is in module.ts.
export * from './calendar.js';
export * as calendar from './calendar.service.js';
export { validateNotice, noticeFromForm } from './calendar-notice.js';
export { shippedNotices, type YearNotice } from './calendar-notices.data.js';
