/**
 * Row shapes of every table, one place for the whole schema (as Ghost keeps one schema file).
 * Domain types and rules live in the modules; these are only what the database holds.
 * Conventions: keys are UUIDv7 text; instants are ISO-8601 UTC text; dates are YYYY-MM-DD text;
 * flags are integers 0/1; JSON is text. Both engines then return the same shapes.
 */

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

export interface CalendarYearTable {
  year: number;
  notice: string;
  entered_at: string;
  entered_by: string | null;
}

export interface CalendarDayTable {
  date: string;
  year: number;
  kind: string;
  name: string;
}

export interface RecordSequenceTable {
  agency_id: string;
  year: number;
  last_value: number;
}

/** One 政府信息 for 主动公开, with the metadata of legal.md §7. */
export interface RecordTable {
  id: string;
  agency_id: string;
  /** draft → inReview → (returned | reviewed) → approved → published → withdrawn */
  state: string;
  /** `{统一社会信用代码}/{YYYY}-{NNNNN}`, given at publication. */
  index_number: string | null;
  title: string;
  document_number: string | null;
  written_date: string | null;
  date_formed_or_changed: string;
  published_at: string | null;
  scheduled_at: string | null;
  subject_category: string | null;
  genre: string | null;
  validity: string;
  validity_date: string | null;
  keywords: string | null;
  summary: string | null;
  body_html: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** For a 政策解读: the document it interprets. */
  interprets_record_id: string | null;
  /** JSON array of the catalog items the record is filed under; linked at publication. */
  catalog_item_ids: string | null;
  /** The earlier document this one repeals: marked 废止 when this is published. */
  repeals_record_id: string | null;
  /** The earlier document this one amends: marked as amended when this is published. */
  amends_record_id: string | null;
}

export interface RecordEventTable {
  id: string;
  record_id: string;
  type: string;
  actor_id: string | null;
  actor_label: string;
  at: string;
  note: string | null;
}

/** 公开属性源头认定: a 公文 with the disclosure attribute fixed when it was drafted. */
export interface OfficialDocumentTable {
  id: string;
  agency_id: string;
  title: string;
  document_number: string | null;
  written_date: string;
  /** proactiveDisclosure | disclosureOnRequest | withheld */
  disclosure_attribute: string;
  /** One of the report's withheld.* reasons of 条例第十四至十六条, when withheld. */
  withheld_reason: string | null;
  note: string | null;
  /** The published record, once a 主动公开 document is out. */
  record_id: string | null;
  registered_by: string | null;
  created_at: string;
}

/** A 基层政务公开标准目录 of one agency for one domain (legal.md §5.2), or a local domain. */
export interface CatalogTable {
  id: string;
  agency_id: string;
  /** One of the 26 pilot domains' codes, `village`, or `local:<id>` for a domain the agency adds. */
  domain_code: string;
  domain_name: string;
  /** domain | local | village */
  kind: string;
  /** Raised by every change; catalog_version keeps each one. */
  version: number;
  derived_from_catalog_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One 公开事项 of a catalog, with the columns of legal.md §5.3. */
export interface CatalogItemTable {
  id: string;
  catalog_id: string;
  parent_id: string | null;
  /** 1 一级事项, 2 二级事项, 3 三级事项: the parent's level plus one. */
  level: number;
  /** 1-based order among its siblings. */
  position: number;
  name: string;
  content_elements: string;
  basis: string;
  time_limit: string;
  subject: string;
  /** JSON array of 公开渠道和载体 labels. */
  channels: string;
  /** 全社会 | 特定群众 */
  audience: string | null;
  /** 主动 | 依申请 */
  method: string | null;
  /** JSON array of 县级 / 乡级. */
  tiers: string;
  item_type: string | null;
  process: string | null;
  derived_from_item_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A catalog as it stood after one change: the whole item tree as JSON. */
export interface CatalogVersionTable {
  id: string;
  catalog_id: string;
  version: number;
  actor_id: string | null;
  actor_label: string;
  changed_at: string;
  summary: string;
  snapshot: string;
}

/** A published 主动公开 record filed under a catalog item. */
export interface RecordCatalogLinkTable {
  record_id: string;
  catalog_item_id: string;
  linked_by: string | null;
  linked_at: string;
}

export interface RequestSequenceTable {
  agency_id: string;
  year: number;
  last_value: number;
}

export interface RequestTable {
  id: string;
  agency_id: string;
  year: number;
  seq: number;
  acceptance_number: string;
  channel: string;
  applicant_type: string;
  applicant_name: string;
  organization_code: string | null;
  id_type: string;
  /** Encrypted (FieldCipher); the index finds the same applicant without decrypting. */
  id_number_enc: string;
  id_number_index: string;
  phone_enc: string;
  address_enc: string | null;
  email: string | null;
  description: string;
  provision_form: string;
  delivery_method: string;
  received_on: string;
  submitted_at: string;
  registered_by: string | null;
  lookup_hash: string;
  created_at: string;
  updated_at: string;
  replied_on: string | null;
  withdrawn_on: string | null;
  /** The day the case ended, however it ended (reply, withdrawal, 补正 or fee not given in time). */
  closed_on: string | null;
  /** The outcome, as the annual report's row key (granted, withheld.stateSecret, other.feeUnpaid …). */
  outcome: string | null;
  /** The clerk handling it: the only one who sees the applicant's personal data unmasked. */
  handler_id: string | null;
}

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

export interface RequestEventTable {
  id: string;
  request_id: string;
  agency_id: string;
  type: string;
  occurred_on: string;
  at: string;
  actor_id: string | null;
  data_json: string | null;
}

export interface RequestLetterTable {
  id: string;
  request_id: string;
  agency_id: string;
  kind: string;
  title: string;
  body: string;
  issued_on: string;
  created_at: string;
  created_by: string | null;
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

/**
 * One published record as the search index holds it: matching text normalized (NFKC, lower
 * case), the filters, and the jieba tokens (`words`: FTS5 text on SQLite, tsvector on
 * PostgreSQL). Derived from `record`; rebuilt, never backed up.
 */
/** A file attached to a record; `text` is what search reads from it (DOCX, XLSX, PDF). */
export interface RecordAttachmentTable {
  id: string;
  record_id: string;
  position: number;
  file_name: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  content: Uint8Array;
  text: string | null;
  created_by: string | null;
  created_at: string;
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

export interface SearchDocTable {
  record_id: string;
  agency_id: string;
  title: string;
  body: string;
  doc_number: string | null;
  index_number: string | null;
  subject_category: string | null;
  year: number;
  validity: string;
  published_at: string;
  words: string;
}

export interface Database {
  agency: AgencyTable;
  agency_history: AgencyHistoryTable;
  staff_user: StaffUserTable;
  role_assignment: RoleAssignmentTable;
  staff_session: StaffSessionTable;
  audit_event: AuditEventTable;
  published_report: PublishedReportTable;
  calendar_year: CalendarYearTable;
  calendar_day: CalendarDayTable;
  request_sequence: RequestSequenceTable;
  request: RequestTable;
  request_event: RequestEventTable;
  appeal: AppealTable;
  request_letter: RequestLetterTable;
  staff_notification: StaffNotificationTable;
  job: JobTable;
  record_sequence: RecordSequenceTable;
  record: RecordTable;
  record_event: RecordEventTable;
  official_document: OfficialDocumentTable;
  catalog: CatalogTable;
  catalog_item: CatalogItemTable;
  catalog_version: CatalogVersionTable;
  record_catalog_link: RecordCatalogLinkTable;
  search_doc: SearchDocTable;
  record_attachment: RecordAttachmentTable;
  report_figure: ReportFigureTable;
  annual_report: AnnualReportTable;
}

/**
 * Tables in the order a restore must fill them (parents first), with the column that orders
 * rows within a table so self-references are satisfied, and the table's unique key (`id`
 * unless named). Sessions are left out of backups on
 * purpose: restoring them would bring back logins that were ended.
 */
export const backupTables: ReadonlyArray<{
  table: keyof Database;
  orderBy: string;
  key?: string;
  /** Rows read at a time, for tables with large values (attachments). */
  page?: number;
}> = [
  { table: 'calendar_year', orderBy: 'year', key: 'year' },
  { table: 'calendar_day', orderBy: 'date', key: 'date' },
  { table: 'agency', orderBy: 'depth' },
  { table: 'agency_history', orderBy: 'id' },
  { table: 'staff_user', orderBy: 'id' },
  { table: 'role_assignment', orderBy: 'id' },
  { table: 'audit_event', orderBy: 'id' },
  { table: 'published_report', orderBy: 'id' },
  { table: 'request_sequence', orderBy: 'year', key: 'agency_id' },
  { table: 'request', orderBy: 'id' },
  { table: 'request_event', orderBy: 'id' },
  { table: 'appeal', orderBy: 'id' },
  { table: 'request_letter', orderBy: 'id' },
  { table: 'staff_notification', orderBy: 'id' },
  { table: 'record_sequence', orderBy: 'year', key: 'agency_id' },
  { table: 'record', orderBy: 'id' },
  { table: 'record_event', orderBy: 'id' },
  { table: 'official_document', orderBy: 'id' },
  { table: 'record_attachment', orderBy: 'id', page: 10 },
  { table: 'report_figure', orderBy: 'year', key: 'key' },
  { table: 'annual_report', orderBy: 'id' },
  // Queued jobs are the outbox of the rows above: restored together, none is lost or doubled.
  { table: 'job', orderBy: 'id' },
  { table: 'catalog', orderBy: 'id' },
  // Parents before children: a child's level is its parent's plus one.
  { table: 'catalog_item', orderBy: 'level' },
  { table: 'catalog_version', orderBy: 'id' },
  { table: 'record_catalog_link', orderBy: 'catalog_item_id', key: 'record_id' },
];
