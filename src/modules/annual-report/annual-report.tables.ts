// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/lint/table-ownership.test.ts).

export interface PublishedReportTable {
  id: string;
  agency_id: string;
  uploaded_by: string | null;
  uploaded_at: string;
  source_name: string;
  source_kind: string;
  read_status: string;
  report_year: number | null;
  report_agency: string | null;
  error_count: number;
  warning_count: number;
  data_json: string | null;
  info_json: string | null;
  error: string | null;
  history_agency_id: string | null;
  history_year: number | null;
  attached_at: string | null;
  attached_by: string | null;
}

/** A section-二 figure kept in another system, entered for an agency and a year. */
export interface ReportFigureTable {
  agency_id: string;
  year: number;
  /** `licensing.decisions`, `procurement.amountYuan`, … (annual-report proactiveItems). */
  key: string;
  /** A decimal number as text. */
  value: string;
  entered_by: string | null;
  entered_at: string;
}

/** An agency's own annual report for a year and scope: a draft, or a published version. */
export interface AnnualReportTable {
  id: string;
  agency_id: string;
  year: number;
  /** self (本级) | tree (含下级机关) */
  scope: string;
  version: number;
  /** draft | published | superseded */
  state: string;
  /** { section1, section5, section6 } */
  narrative_json: string;
  /** The tables as signed off (published versions only); a draft's are built live. */
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
    published_report: PublishedReportTable;
    report_figure: ReportFigureTable;
    annual_report: AnnualReportTable;
  }
}
