// The requests module's public surface. What it contributes to the platform is in module.ts.
import * as applicantService from './request-applicant.service.js';
import * as caseService from './request-case.service.js';
import * as queueService from './request-queue.service.js';
import * as stepService from './request-steps.service.js';

export * from './request.js';
/** Intake, and what other modules ask about applications (agencyOf, acceptanceNumbers …). */
export * as requests from './request.service.js';
/** A case after intake: its page and steps, the queue, and the applicant's side. */
export const cases = { ...caseService, ...stepService, ...queueService, ...applicantService };
export type { CaseAction } from './request.schemas.js';
export type { QueueItem, QueuePage } from './request-queue.service.js';
export { section3, openCounts as openRequestCounts, type RequestCount } from './request.stats.js';
export { outcomes, outcomeKeys, reportRow, type Outcome } from './request-outcome.js';
export {
  computeDeadline,
  defaultRules,
  dueText,
  provisionalDueNote,
  openStates,
  terminalStates,
  type CaseEvent,
  type CaseState,
  type DeadlineResult,
  type DeadlineRules,
} from './request-deadline.js';
export {
  processingFeeByCount,
  processingFeeByPages,
  perRequestRate,
  type ProcessingFeeComputation,
} from './request-fee.js';
export { checkIdNumber, maskIdNumber, maskPhone, maskAddress } from './identity.js';
export { letterDocx } from './request-letter.service.js';
export { chineseDate } from './request-letter.js';
export { sendDocx, sendFile } from './views/docx.js';
export { checkFiles, uploadedFiles, FILE_ACCEPT, FILE_HINT, type UploadedFile } from './request-file.js';
export { ReferredApplicationForm } from './views/referral-form.js';
