/**
 * The database's type: the platform's own tables here, each module's in its `<x>.tables.ts`.
 * Conventions (every table, every module): keys are UUIDv7 text; instants are ISO-8601 UTC text; dates are YYYY-MM-DD text;
 * flags are integers 0/1; JSON is text. Both engines then return the same shapes.
 */

export interface AuditEventTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_label: string;
  agency_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
}

/**
 * Background work (platform/jobs, ADR 0008): written in the transaction of the change that
 * causes it, claimed by a worker under a lease (`locked_by` until `locked_until`).
 */
export interface JobTable {
  id: string;
  /** The job definition's name, `module.verb`. */
  name: string;
  payload_json: string | null;
  /** queued | running | done | dead */
  state: string;
  /** Claims so far, including runs cut short by a crash. */
  attempts: number;
  /** Null: the definition's, or the kit's default. */
  max_attempts: number | null;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  /** The last failure's message only, truncated: never a stack or a payload. */
  last_error: string | null;
  /** Unique while the row exists, e.g. `requests.dailyCheck@2026-12-06`. */
  dedupe_key: string | null;
  created_at: string;
  finished_at: string | null;
  result: string | null;
}

/** The stamp of the public pages' version (platform/page-version.ts): one row, id 1. */
export interface PageVersionTable {
  id: number;
  stamp: string;
  changed_at: string;
}

/** Requests counted against a rate limit (platform/http/rate-limit-store.ts), shared by every process. */
export interface RateLimitCounterTable {
  /** The limited route and the client: `POST /admin/login|203.0.113.7`. */
  key: string;
  hits: number;
  /** When the count starts again (ISO-8601 UTC). */
  window_ends_at: string;
}

/** The first answer to a POST sent with an Idempotency-Key (platform/http/api-idempotency.ts). */
export interface IdempotencyKeyTable {
  /** SHA-256 of the caller and the key: no key is stored as sent. */
  id: string;
  /** SHA-256 of the method, address and body of the first request. */
  request_hash: string;
  /** Null while the first request runs. */
  status: number | null;
  content_type: string | null;
  body: string | null;
  created_at: string;
  expires_at: string;
}

/**
 * Every table, by name. The platform declares its own here; each module adds its tables from its
 * `<x>.tables.ts` by declaration merging, so the platform names no module's table and a new
 * module touches no shared file.
 */
export interface Database {
  audit_event: AuditEventTable;
  job: JobTable;
  page_version: PageVersionTable;
  rate_limit_counter: RateLimitCounterTable;
  idempotency_key: IdempotencyKeyTable;
}
