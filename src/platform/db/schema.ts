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

export interface JobRunTable {
  name: string;
  day: string;
  started_at: string;
  finished_at: string | null;
  result: string | null;
}

/**
 * Every table, by name. The platform declares its own here; each module adds its tables from its
 * `<x>.tables.ts` by declaration merging, so the platform names no module's table and a new
 * module touches no shared file.
 */
export interface Database {
  audit_event: AuditEventTable;
  job_run: JobRunTable;
}
