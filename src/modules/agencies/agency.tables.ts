// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/lint/table-ownership.test.ts).

export interface AgencyTable {
  id: string;
  parent_id: string | null;
  /** Materialised path of ids, '/root/…/self/', for subtree scoping. */
  path: string;
  depth: number;
  name: string;
  short_name: string | null;
  level: string;
  kind: string;
  credit_code: string | null;
  region_code: string | null;
  address: string | null;
  postcode: string | null;
  office_hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  sort_order: number;
  created_at: string;
  updated_at: string;
  dissolved_at: string | null;
}

export interface AgencyHistoryTable {
  id: string;
  agency_id: string;
  change: string;
  name: string;
  short_name: string | null;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
  reason: string | null;
  recorded_by: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    agency: AgencyTable;
    agency_history: AgencyHistoryTable;
  }
}
