// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/lint/table-ownership.test.ts).

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

declare module '../../platform/db/schema.js' {
  interface Database {
    record_sequence: RecordSequenceTable;
    record: RecordTable;
    record_event: RecordEventTable;
    official_document: OfficialDocumentTable;
    record_attachment: RecordAttachmentTable;
  }
}
