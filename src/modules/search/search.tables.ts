// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/lint/table-ownership.test.ts).

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

declare module '../../platform/db/schema.js' {
  interface Database {
    search_doc: SearchDocTable;
  }
}
