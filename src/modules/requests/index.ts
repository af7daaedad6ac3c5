// The requests module's public surface. What it contributes to the platform is in module.ts.
export * from './request.js';
export * as requests from './request.service.js';
export * as cases from './request-case.service.js';
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
