import { systemActor } from '../platform/access.js';
import { createWorker, type JobLogger, type Worker } from '../platform/jobs/index.js';
import type { Container } from './container.js';

/**
 * Composition root of the worker: the job kit's worker over every installed module's jobs and
 * schedules (src/app/modules.ts). `gongkai worker` runs it alone; `npm start` runs the same
 * worker inside the web server unless GONGKAI_WORKER=off.
 */
export function createAppWorker(c: Container, logger?: JobLogger): Worker {
  return createWorker({
    context: (label) => c.ctx(systemActor(label)),
    definitions: c.installation.jobs,
    schedules: c.installation.schedules,
    concurrency: c.config.jobConcurrency,
    pruneAfterDays: c.config.jobRetentionDays,
    logger,
  });
}
