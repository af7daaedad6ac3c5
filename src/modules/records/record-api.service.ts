import { beijingDayStart } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { integer, object, optional, text } from '../../platform/schema.js';
import { agencies } from '../agencies/index.js';
import { bodyText, validityLabels, type Validity } from './record.js';
import * as attachmentRepo from './record-attachment.repository.js';
import * as apiRepo from './record-api.repository.js';
import type { PublishedListRow } from './record-api.repository.js';
import { importRecordItems } from './record-import.service.js';
import * as repo from './record.repository.js';

/**
 * 主动公开 for other systems (the API): published records as a CMS, the provincial platform or
 * an archive reads them — a list newest first, paged by keyset, and one record by its 索引号 —
 * and records pushed in the shape of `gongkai records import`. Public data, and only that.
 */

/** The address of a published record on the portal (a path on the site). */
const recordUrl = (id: string) => `/records/${id}`;

/** A moment as a query gives it: a date, or a time with or without an offset. */
const momentField = (label: string) =>
  optional(
    text(label, {
      max: 40,
      pattern: /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
      patternMessage: `${label}应为 YYYY-MM-DD 或带时区的时间，如 2026-03-01T08:00:00+08:00（不带时区按北京时间）`,
    }),
  );

export const listFilterSchema = object({
  agency: optional(text('agency（发布机构 ID 或名称）', { max: 100 })),
  year: optional(integer('year（发布年份）', 1949, 2100)),
  updatedSince: momentField('updatedSince（更新时间起）'),
});

export const withdrawnFilterSchema = object({ since: momentField('since（撤回时间起）') });

/** Where a page starts: after the last record of the previous page. */
export interface ListPosition {
  publishedAt: string;
  id: string;
}

export const isListPosition = (v: unknown): v is ListPosition =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ListPosition).publishedAt === 'string' &&
  typeof (v as ListPosition).id === 'string';

export interface PublishedListItem {
  id: string;
  indexNumber: string | null;
  title: string;
  documentNumber: string | null;
  agencyId: string;
  agencyName: string;
  publishedAt: string;
  writtenDate: string | null;
  validity: Validity;
  validityLabel: string;
  subjectCategory: string | null;
  genre: string | null;
  url: string;
}

/** An instant given as a date (Beijing midnight) or a time (Beijing when it names no offset). */
function instantOf(s: string, field = 'updatedSince', label = 'updatedSince（更新时间起）'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return beijingDayStart(s);
  const withOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}+08:00`;
  const at = new Date(withOffset.replace(' ', 'T'));
  if (Number.isNaN(at.getTime())) throw ValidationError.one(field, `${label}“${s}”不是有效的时间`);
  return at.toISOString();
}

/** Where a page of withdrawals starts: after the last one of the previous page. */
export interface WithdrawnPosition {
  withdrawnAt: string;
  id: string;
}

export const isWithdrawnPosition = (v: unknown): v is WithdrawnPosition =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as WithdrawnPosition).withdrawnAt === 'string' &&
  typeof (v as WithdrawnPosition).id === 'string';

/**
 * Records withdrawn from the portal, oldest withdrawal first, since an instant: what a mirror
 * that follows `GET /api/v1/records?updatedSince=` must take down. The reason stays internal.
 */
export async function withdrawnRecords(
  ctx: Ctx,
  raw: unknown,
  page: { after: WithdrawnPosition | null; limit: number },
): Promise<{ items: Array<Omit<apiRepo.WithdrawnRow, 'id'>>; next: WithdrawnPosition | null }> {
  const f = withdrawnFilterSchema.parse(raw);
  const rows = await apiRepo.withdrawnPage(ctx.db, {
    since: f.since ? instantOf(f.since, 'since', 'since（撤回时间起）') : undefined,
    after: page.after ?? undefined,
    limit: page.limit + 1,
  });
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    items: shown.map((r) => ({
      indexNumber: r.indexNumber,
      title: r.title,
      agencyId: r.agencyId,
      withdrawnAt: r.withdrawnAt,
    })),
    next: rows.length > page.limit && last ? { withdrawnAt: last.withdrawnAt, id: last.id } : null,
  };
}

function listItem(r: PublishedListRow): PublishedListItem {
  const validity = r.validity as Validity;
  return { ...r, validity, validityLabel: validityLabels[validity], url: recordUrl(r.id) };
}

/**
 * One page of published records, newest first: of one agency (by ID or name), published in one
 * year (Beijing time), changed since an instant. `next` is the position after the page's last
 * record, or null when nothing follows.
 */
export async function publishedRecords(
  ctx: Ctx,
  raw: unknown,
  page: { after: ListPosition | null; limit: number },
): Promise<{ items: PublishedListItem[]; next: ListPosition | null }> {
  const f = listFilterSchema.parse(raw);
  let agencyId: string | undefined;
  if (f.agency) {
    try {
      agencyId = (await agencies.resolvePublic(ctx, f.agency)).id;
    } catch (e) {
      if (e instanceof NotFoundError) throw ValidationError.one('agency', `未找到发布机构“${f.agency}”`);
      throw e;
    }
  }
  const rows = await apiRepo.publishedPage(ctx.db, {
    agencyId,
    since: f.year ? beijingDayStart(`${f.year}-01-01`) : undefined,
    before: f.year ? beijingDayStart(`${f.year + 1}-01-01`) : undefined,
    updatedSince: f.updatedSince ? instantOf(f.updatedSince) : undefined,
    after: page.after ?? undefined,
    limit: page.limit + 1,
  });
  const items = rows.slice(0, page.limit).map(listItem);
  const last = items.at(-1);
  return {
    items,
    next: rows.length > page.limit && last ? { publishedAt: last.publishedAt, id: last.id } : null,
  };
}

export interface PublishedRecordView extends PublishedListItem {
  dateFormedOrChanged: string;
  validityDate: string | null;
  keywords: string | null;
  summary: string | null;
  bodyHtml: string;
  bodyText: string;
  attachments: Array<{
    id: string;
    name: string;
    mediaType: string;
    size: number;
    sha256: string;
    url: string;
  }>;
}

/** One published record by its 索引号: metadata, text and files. Unknown or withdrawn: 404. */
export async function publishedRecord(ctx: Ctx, indexNumber: string): Promise<PublishedRecordView> {
  const wanted = indexNumber.trim().toUpperCase();
  const id = wanted ? await repo.publishedIdByIndexNumber(ctx.db, wanted) : null;
  const r = id ? await repo.publishedWithAgency(ctx.db, id) : undefined;
  if (!r || !r.published_at) throw new NotFoundError(`未找到索引号为“${indexNumber}”的已发布信息`);
  const files = await attachmentRepo.listOf(ctx.db, r.id);
  return {
    ...listItem({
      id: r.id,
      indexNumber: r.index_number,
      title: r.title,
      documentNumber: r.document_number,
      agencyId: r.agency_id,
      agencyName: r.agencyName,
      publishedAt: r.published_at,
      writtenDate: r.written_date,
      validity: r.validity,
      subjectCategory: r.subject_category,
      genre: r.genre,
    }),
    dateFormedOrChanged: r.date_formed_or_changed,
    validityDate: r.validity_date,
    keywords: r.keywords,
    summary: r.summary,
    bodyHtml: r.body_html,
    bodyText: bodyText(r.body_html),
    attachments: files.map((f) => ({
      id: f.id,
      name: f.file_name,
      mediaType: f.media_type,
      size: f.byte_size,
      sha256: f.sha256,
      url: `/attachments/${f.id}`,
    })),
  };
}

/** The most records one push may carry (an archive of more comes in batches). */
export const MAX_PUSHED = 1000;

/**
 * Records pushed by a CMS or an archive: `{agency, records: [...]}`, each record as a line of
 * `gongkai records import`; all or nothing, published at once with their 索引号.
 */
export async function pushRecords(
  ctx: Ctx,
  raw: unknown,
): Promise<{ imported: number; first: string | null; last: string | null }> {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const problems: Array<{ field: string; message: string }> = [];
  if (typeof body.agency !== 'string' || !body.agency.trim())
    problems.push({ field: 'agency', message: '请填写 agency（发布机构 ID 或名称）' });
  if (!Array.isArray(body.records))
    problems.push({ field: 'records', message: 'records（政府信息）应为数组，每项一条信息' });
  else if (body.records.length > MAX_PUSHED)
    problems.push({
      field: 'records',
      message: `一次最多推送 ${MAX_PUSHED} 条，本次有 ${body.records.length} 条，请分批推送`,
    });
  if (problems.length) throw new ValidationError(problems);
  return importRecordItems(ctx, (body.agency as string).trim(), body.records as unknown[]);
}
