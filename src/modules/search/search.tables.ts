// Row shapes of the module's tables, merged into the platform's Database type (see
// src/platform/db/schema.ts). Only this module queries them (test/lint/table-ownership.test.ts).

/**
 * One published record as the search index holds it: matching text normalized (NFKC, lower
 * case), the filters, and the jieba tokens (`words`: FTS5 text on SQLite, tsvector on
 * PostgreSQL). Derived from `record`; rebuilt, never backed up.
 */
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
  /** The title's one- and two-character pieces (search.ts titleGrams): FTS5 text or a tsvector. */
  title_grams: string;
  /** 0–127 from a hash of record_id: bucket 0 is the sample a very common query's count is estimated from. */
  bucket: number;
}

/** One row (id 1): a random version, new with every write to the index, keying cached counts. */
export interface SearchStateTable {
  id: number;
  version: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    search_doc: SearchDocTable;
    search_state: SearchStateTable;
  }
}
