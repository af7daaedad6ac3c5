import type { Ctx } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { isId } from '../../platform/ids.js';
import type { RecordIdQuery } from '../search/index.js';
import * as attachmentRepo from './record-attachment.repository.js';
import type { AttachmentInfo } from './record-attachment.repository.js';
import * as repo from './record.repository.js';
import type {
  PublicListItem,
  PublishedMetadata,
  PublishedRecord,
  PublishedRecordSummary,
  RecordLink,
} from './record.repository.js';
import type { RecordTable } from './record.tables.js';

/**
 * What the portal shows of 主动公开: published records only, to anyone. A record that is not
 * published does not exist here.
 */

export type { PublicListItem, PublishedMetadata, PublishedRecordSummary };

/** What the portal shows: a published record with its issuing agency, or nothing. */
export async function publicView(ctx: Ctx, id: string): Promise<PublishedRecord | null> {
  if (!isId(id)) return null;
  return (await repo.publishedWithAgency(ctx.db, id)) ?? null;
}

/**
 * A published record named by its id or its 索引号, with the address the public reads it at
 * (`publicUrl` in front when the installation has one): what a reply links to (在线查看).
 */
export async function publishedRecordRef(
  ctx: Ctx,
  ref: string,
  publicUrl: string | null,
): Promise<{ id: string; title: string; url: string } | null> {
  const wanted = ref.trim();
  const id = isId(wanted) ? wanted : await repo.publishedIdByIndexNumber(ctx.db, wanted);
  const link = id ? await repo.publishedLink(ctx.db, id) : null;
  return link && { id: link.id, title: link.title, url: `${publicUrl ?? ''}/records/${link.id}` };
}

export interface RecordLinks {
  interprets: RecordLink | null;
  interpretations: RecordLink[];
  repeals: RecordLink | null;
  amends: RecordLink | null;
  repealedBy: RecordLink[];
  amendedBy: RecordLink[];
}

/**
 * What links a record to others: the document it interprets and its 政策解读; the document it
 * repeals or amends, and those that repeal or amend it. Only published records are named.
 */
export async function linksOf(ctx: Ctx, row: RecordTable): Promise<RecordLinks> {
  const target = async (id: string | null) => (id ? repo.publishedLink(ctx.db, id) : null);
  const changedBy = await repo.publishedChangesOf(ctx.db, row.id);
  return {
    interprets: await target(row.interprets_record_id),
    interpretations: await repo.publishedInterpretationsOf(ctx.db, row.id),
    repeals: await target(row.repeals_record_id),
    amends: await target(row.amends_record_id),
    repealedBy: changedBy.filter((r) => r.repeals).map(({ id, title }) => ({ id, title })),
    amendedBy: changedBy.filter((r) => !r.repeals).map(({ id, title }) => ({ id, title })),
  };
}

export interface PublicRecordPage {
  record: PublishedRecord;
  attachments: AttachmentInfo[];
  links: RecordLinks;
}

/** The portal's page of a record: the record, its files and its links, or 404 once withdrawn. */
export async function publicRecordPage(ctx: Ctx, id: string): Promise<PublicRecordPage> {
  const record = await publicView(ctx, id);
  if (!record) throw new NotFoundError('未找到该信息，可能已撤回');
  return {
    record,
    attachments: await attachmentRepo.listOf(ctx.db, record.id),
    links: await linksOf(ctx, record),
  };
}

/**
 * Published records for the portal's columns and feeds, newest first: of an agency and the
 * agencies under it, optionally of one 主题分类 (a first-level class includes its sub-classes)
 * or of some 体裁.
 */
export async function publicList(
  ctx: Ctx,
  f: {
    agencyPath?: string;
    subjectCategory?: string;
    genres?: readonly string[];
    page?: number;
    pageSize?: number;
  },
): Promise<{ total: number; rows: PublicListItem[] }> {
  const size = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
  const page = Math.max(f.page ?? 1, 1);
  return repo.publicList(
    ctx.db,
    { agencyPath: f.agencyPath, subjectCategory: f.subjectCategory, genres: f.genres },
    { offset: (page - 1) * size, limit: size },
  );
}

/** How many published records of an agency (and those under it) each 主题分类 holds. */
export async function subjectCounts(
  ctx: Ctx,
  agencyPath: string,
): Promise<Array<{ category: string; count: number }>> {
  return repo.subjectCounts(ctx.db, agencyPath);
}

/**
 * Published records as other modules list them (the catalog's item and domain pages, the
 * records a clerk may file under an item), newest first: those whose id is in `idIn` or `ids`,
 * within an agency's subtree, at most `limit`. Anyone may read them: they are public.
 */
export async function publishedSummaries(
  ctx: Ctx,
  opts: { idIn?: RecordIdQuery; ids?: readonly string[]; agencyPath?: string; limit?: number },
): Promise<PublishedRecordSummary[]> {
  return repo.publishedSummaries(ctx.db, opts);
}

/** Every published record's metadata (索引号, 标题, 文号, 发布机构, dates, 有效性, 主题分类, 体裁): public. */
export async function publishedMetadata(ctx: Ctx): Promise<PublishedMetadata[]> {
  return repo.publishedMetadata(ctx.db);
}
