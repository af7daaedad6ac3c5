// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/guards/table-ownership.test.ts).

/**
 * The 政府网站工作年度报表 of the platform's portal for a year: a draft (the office's entries, the
 * platform's figures computed live) or a published version (everything frozen as signed off). A
 * correction is a new version with its reason, as for the annual report.
 */
export interface WebsiteReportTable {
  id: string;
  /** The site's 主办单位: the top agency of the tree (tenant key). */
  agency_id: string;
  year: number;
  version: number;
  /** draft | published | superseded */
  state: string;
  /** The office's entries and overrides (website-report.ts Entries). */
  entered_json: string;
  /** The whole report as published (website-report.ts ReportData); null for a draft. */
  data_json: string | null;
  correction_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_by: string | null;
  published_at: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    website_report: WebsiteReportTable;
  }
}
