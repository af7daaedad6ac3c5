import { formatDateTime } from '../../platform/clock.js';
import { jobStateLabels, type JobState, type JobView } from '../../platform/jobs/index.js';

/** A job as the back office shows it: what it does in Chinese, never its payload. */
export interface JobRow {
  id: string;
  label: string;
  state: JobState;
  stateLabel: string;
  attempts: string;
  when: string;
  lastError: string | null;
  result: string | null;
}

export function jobRow(job: JobView, labelOf: (name: string) => string): JobRow {
  const when =
    job.state === 'done' || job.state === 'dead'
      ? `完成于 ${formatDateTime(job.finishedAt ?? job.runAt)}`
      : job.state === 'running'
        ? `运行中，租约至 ${job.lockedUntil ? formatDateTime(job.lockedUntil) : '—'}`
        : `计划于 ${formatDateTime(job.runAt)}`;
  return {
    id: job.id,
    label: labelOf(job.name),
    state: job.state,
    stateLabel: jobStateLabels[job.state],
    attempts: job.maxAttempts ? `${job.attempts}/${job.maxAttempts}` : String(job.attempts),
    when,
    lastError: job.lastError,
    result: job.result,
  };
}
