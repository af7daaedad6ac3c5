import type { JobDefinition, JobSchedule } from './job.js';

/**
 * Transitional: modules still declare their jobs when their index.ts is imported (review
 * §2.6), and the processes that run a worker read them here. Once app/ lists the modules and
 * each module exports its jobs, the worker is given them directly and this file goes.
 */
const definitions = new Map<string, JobDefinition<never>>();
const schedules: JobSchedule[] = [];

/** Declares a kind of job and, optionally, when the scheduler enqueues it. */
export function registerJob<P>(definition: JobDefinition<P>, schedule?: Omit<JobSchedule, 'job'>): void {
  if (definitions.has(definition.name)) return;
  definitions.set(definition.name, definition);
  if (schedule) schedules.push({ job: definition.name, ...schedule });
}

/** Everything registered so far, for `createWorker({ ...registeredJobs(), … })`. */
export function registeredJobs(): { definitions: JobDefinition<never>[]; schedules: JobSchedule[] } {
  return { definitions: [...definitions.values()], schedules: [...schedules] };
}
