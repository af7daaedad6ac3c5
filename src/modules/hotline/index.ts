// The hotline module's public surface: what other modules may use (issue 14 grows it: the
// portal's statistics pages and the conversion of a 工单 into a 依申请公开 application).
export * from './hotline.js';
export * as hotline from './hotline.service.js';
export * as hotlineRequests from './hotline-request.service.js';
