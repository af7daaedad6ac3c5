// The job kit (ADR 0008): background work as rows of the `job` table, enqueued in the
// transaction of the change that causes it and run by a worker under a lease.
export {
  canManageJobs,
  currentPeriod,
  defaultBackoff,
  defineJob,
  DEFAULT_MAX_ATTEMPTS,
  jobStateLabels,
  jobStates,
  periodKey,
  type JobDefinition,
  type JobRunInfo,
  type JobSchedule,
  type JobState,
} from './job.js';
export {
  discardJob,
  enqueue,
  jobCounts,
  listJobs,
  retryJob,
  type EnqueueInput,
  type JobView,
} from './job.service.js';
export {
  createWorker,
  PRUNE_JOB,
  builtInJobLabels,
  type JobLogger,
  type JobOutcome,
  type Worker,
  type WorkerOptions,
} from './job.worker.js';
