// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/lint/table-ownership.test.ts).

export interface AppealTable {
  id: string;
  agency_id: string;
  request_id: string | null;
  /** review (行政复议), litigationDirect (未经复议直接起诉), litigationAfterReview (复议后起诉). */
  kind: string;
  filed_on: string;
  /** upheld, corrected, other, pending. */
  result: string;
  decided_on: string | null;
  case_number: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    appeal: AppealTable;
  }
}
