import type { Migration } from 'kysely';
import * as foundationAudit from './0001-foundation-audit.js';
import * as jobRun from './0008-notification-jobs-run.js';
import * as job from '../../jobs/job.migration.js';
import * as pageVersion from './0027-page-version.js';
import * as rateLimit from './0028-rate-limit.js';
import * as idempotency from './0043-idempotency.js';

/**
 * The platform's own migrations (the audit log, the job tables, the rate-limit counters, the API's idempotency keys). Each module declares its own in
 * its manifest; an installation runs them all, sorted by name (see platform/module.ts).
 */
export const platformMigrations: Record<string, Migration> = {
  '0001-foundation-audit': foundationAudit,
  '0008-notification-jobs-run': jobRun,
  '0018-job': job,
  '0027-page-version': pageVersion,
  '0028-rate-limit': rateLimit,
  '0043-idempotency': idempotency,
};
