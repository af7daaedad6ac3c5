import { snippetText } from '../search/index.js';
import {
  recordStateLabels,
  sanitizeBody,
  validityLabels,
  type RecordState,
  type Validity,
} from './record.js';
import type { AttachmentInfo } from './record-attachment.repository.js';
import type { SearchResult } from './record-search.service.js';
import type { PublishedRecord, RecordListItem } from './record.repository.js';
import type { RecordEventTable, RecordTable } from './record.tables.js';

/**
 * What each audience sees of a record: staff (every field, its state and history), the public
 * (the metadata block of legal.md §7 and the body, once published) and the API/CLI (search
 * results). Records carry no personal data; bodies are sanitized again on the way out.
 */

export const recordEventLabels: Record<string, string> = {
  drafted: '起草',
  submitted: '送审',
  reviewPassed: '保密审查通过',
  reviewReturned: '保密审查退回',
  approved: '批准发布',
  published: '发布',
  withdrawn: '撤回',
  imported: '迁移导入',
  validityChanged: '修改有效性',
  scheduled: '设定定时发布',
  amended: '被修改',
  unscheduled: '取消定时发布',
};

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The back office's view of a record. */
export function staffRecord(r: RecordTable) {
  const state = r.state as RecordState;
  return {
    id: r.id,
    title: r.title,
    state,
    stateLabel: recordStateLabels[state],
    indexNumber: r.index_number,
    documentNumber: r.document_number,
    writtenDate: r.written_date,
    dateFormedOrChanged: r.date_formed_or_changed,
    publishedAt: r.published_at,
    scheduledAt: r.scheduled_at,
    subjectCategory: r.subject_category,
    genre: r.genre,
    validity: r.validity as Validity,
    validityLabel: validityLabels[r.validity as Validity],
    keywords: r.keywords,
    summary: r.summary,
    bodyHtml: sanitizeBody(r.body_html),
  };
}
export type StaffRecord = ReturnType<typeof staffRecord>;

export function staffListItem(r: RecordListItem) {
  return { ...r, stateLabel: recordStateLabels[r.state] };
}
export type StaffListItem = ReturnType<typeof staffListItem>;

/** A record's history: who did which step when, with their note. */
export function historyLine(e: RecordEventTable) {
  return { at: e.at, step: recordEventLabels[e.type] ?? e.type, actor: e.actor_label, note: e.note };
}
export type HistoryLine = ReturnType<typeof historyLine>;

export function attachmentLine(f: AttachmentInfo) {
  return {
    id: f.id,
    fileName: f.file_name,
    size: formatSize(f.byte_size),
    /** How much text search reads from it, or null when none could be read. */
    textLength: f.text ? f.text.length : null,
  };
}
export type AttachmentLine = ReturnType<typeof attachmentLine>;

/** The portal's view of a published record. */
export function publicRecord(r: PublishedRecord) {
  const validity = r.validity as Validity;
  return {
    id: r.id,
    title: r.title,
    indexNumber: r.index_number,
    agencyName: r.agencyName,
    subjectCategory: r.subject_category,
    writtenDate: r.written_date,
    documentNumber: r.document_number,
    publishedAt: r.published_at,
    validityLabel: validityLabels[validity],
    /** `（废止日期：…）` or `（失效日期：…）` when the document has ended. */
    validityDate: r.validity_date
      ? `（${validity === 'repealed' ? '废止' : '失效'}日期：${r.validity_date}）`
      : '',
    keywords: r.keywords,
    bodyHtml: sanitizeBody(r.body_html),
  };
}
export type PublicRecord = ReturnType<typeof publicRecord>;

/** The API's and the CLI's shape of a search result. */
export function searchResultJson(r: SearchResult): {
  total: number;
  /** True when `total` is an estimate (a very common query): “约 N 条”. */
  totalApproximate: boolean;
  hits: Array<{
    indexNumber: string;
    title: string;
    docNumber: string | null;
    snippet: string;
    score: number;
  }>;
} {
  return {
    total: r.total,
    totalApproximate: r.totalApproximate,
    hits: r.hits.map((h) => ({
      indexNumber: h.indexNumber,
      title: h.title,
      docNumber: h.docNumber,
      snippet: snippetText(h.snippet),
      score: h.score,
    })),
  };
}
