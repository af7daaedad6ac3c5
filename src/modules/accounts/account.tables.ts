// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/lint/table-ownership.test.ts).

export interface StaffUserTable {
  id: string;
  agency_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  failed_login_count: number;
  locked_until: string | null;
  disabled_at: string | null;
  last_login_at: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
  /** 'person', or 'service' for a service account (服务账号) that only calls the API. */
  kind: string;
}

/** An API token of a service account; the token itself is never stored, only its SHA-256. */
export interface ApiTokenTable {
  id: string;
  service_account_id: string;
  agency_id: string;
  token_hash: string;
  /** The token's last four characters, to tell tokens apart in the list. */
  hint: string;
  /** JSON array of scope names. */
  scopes: string;
  rate_per_minute: number | null;
  note: string | null;
  expires_at: string;
  created_at: string;
  created_by: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface RoleAssignmentTable {
  id: string;
  user_id: string;
  role: string;
  /** The role holds for this agency and its whole subtree. */
  agency_id: string;
  created_at: string;
}

export interface StaffSessionTable {
  /** SHA-256 of the session token; the token itself is only in the browser's cookie. */
  id: string;
  user_id: string;
  /** The account's agency at login: every tenant table carries one (see DESIGN.md). */
  agency_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface StaffNotificationTable {
  id: string;
  agency_id: string;
  /** The staff member it is for; null: for the agency's office heads. */
  user_id: string | null;
  kind: string;
  subject_type: string;
  subject_id: string;
  day: string;
  message: string;
  created_at: string;
  read_at: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    staff_user: StaffUserTable;
    role_assignment: RoleAssignmentTable;
    staff_session: StaffSessionTable;
    staff_notification: StaffNotificationTable;
    api_token: ApiTokenTable;
  }
}
