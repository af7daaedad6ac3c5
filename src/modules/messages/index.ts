// The messages module's public surface: what other modules may use.
import * as intake from './message.service.js';
import * as steps from './message-steps.service.js';
import * as ratingService from './message-rating.service.js';
import * as views from './message-views.service.js';
import * as statsService from './message-stats.service.js';

export * from './message.js';
export type { StepAction } from './message.schemas.js';
export {
  computeClock,
  stageLabels,
  type MessageClock,
  type MessageEvent,
  type MessageStage,
} from './message-clock.js';
/** Intake and every step of a 来信, its pages and figures. */
export const messages = { ...intake, ...steps, ...views, ...statsService };
/** 好差评 of 来信 replies and of 依申请公开 答复, with the 差评 closed loop. */
export const ratings = ratingService;
