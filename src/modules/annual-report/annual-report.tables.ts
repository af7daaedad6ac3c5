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

/** A training session (培训) or an assessment (考核) of an agency's disclosure staff. */
export interface TrainingSessionTable {
  id: string;
  agency_id: string;
  /** training | assessment */
  kind: string;
  title: string;
  /** YYYY-MM-DD */
  held_on: string;
  /** 参训（参加考核）人次 */
  attendees: number;
  /** 学时, a decimal as text, or null */
  hours: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

/** A problem a published section 五 stated, tracked until it is fixed (整改). */
export interface ReportProblemTable {
  id: string;
  agency_id: string;
  year: number;
  /** self | tree */
  scope: string;
  /** built | published */
  source: string;
  report_id: string;
  ordinal: number;
  text: string;
  /** open | fixing | fixed */
  status: string;
  measures: string | null;
  fixed_on: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    published_report: PublishedReportTable;
    report_figure: ReportFigureTable;
    annual_report: AnnualReportTable;
    training_session: TrainingSessionTable;
    report_problem: ReportProblemTable;
  }
}
