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
  /** 0–511 from a hash of record_id: buckets 0–3 are the sample (search_sample), bucket 0 its first part. */
  bucket: number;
}

/**
 * One row (id 1): a random version, new with every write to the index, keying cached counts;
 * and how many records the index holds.
 */
export interface SearchStateTable {
  id: number;
  version: string;
  doc_count: number;
}

/**
 * The index's sample: its rows of buckets 0–3 (one in 128), copied here with the columns a
 * match and the filters test, so an estimate reads a small table from start to end.
 */
export type SearchSampleTable = Omit<SearchDocTable, 'title_grams'>;

declare module '../../platform/db/schema.js' {
  interface Database {
    search_doc: SearchDocTable;
    search_state: SearchStateTable;
    search_sample: SearchSampleTable;
  }
}
