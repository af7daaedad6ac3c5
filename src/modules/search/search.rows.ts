import { normalize, normalizeDocNumber, normalizedTitleGrams, normalizedTokens } from './search.js';
import type { Row } from './search.dialect.js';
import type { SearchDocument } from './search.index.js';

// A document made a row of the index: normalized text, its words (jieba) and its title's pieces.
// Cutting words is most of a rebuild's work, so a large rebuild runs `toRows` in threads.

/**
 * Every record falls in one of BUCKETS buckets by a hash of its id. The sample (search_sample) is
 * buckets 0 to SAMPLE_BUCKETS − 1, one record in 128; its first part, bucket 0 (one in 512), is
 * read first, and the rest only when that first part is not enough to be sure.
 */
export const BUCKETS = 512;
export const SAMPLE_BUCKETS = 4;

/** A record's bucket: FNV-1a of its id, so both engines put it in the same bucket. */
export function bucketOf(recordId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < recordId.length; i++) h = Math.imul(h ^ recordId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % BUCKETS;
}

export function toRow(d: SearchDocument): Row {
  const title = normalize(d.title);
  const body = normalize(d.body);
  return {
    record_id: d.recordId,
    agency_id: d.agencyId,
    title,
    body,
    doc_number: d.docNumber ? normalizeDocNumber(d.docNumber) : null,
    index_number: d.indexNumber,
    subject_category: d.subjectCategory,
    year: d.year,
    validity: d.validity,
    published_at: d.publishedAt,
    bucket: bucketOf(d.recordId),
    words: normalizedTokens([
      title,
      body,
      normalize(d.docNumber ?? ''),
      normalize(d.subjectCategory ?? ''),
    ]).join(' '),
    title_grams: normalizedTitleGrams(title).join(' '),
  };
}

/** A thread's task: many documents at once, so a message carries thousands of rows. */
export function toRows(docs: readonly SearchDocument[]): Row[] {
  return docs.map(toRow);
}
