import { sql } from 'kysely';
import { beijingDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { RecordTable } from './record.tables.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId } from '../../platform/ids.js';
import { integer, object, oneOf, optional, text } from '../../platform/schema.js';
import { agencies } from '../agencies/index.js';
import {
  planQuery,
  searchIndexFor,
  snippet,
  snippetText,
  type SearchDocument,
  type SnippetPart,
} from '../search/index.js';
import { bodyText, validities, validityLabels, type Validity } from './record.js';

/**
 * Searching published records. Publishing puts a record in the index in the same transaction,
 * withdrawing takes it out, so the portal never finds a record it would not show.
 */

export function searchDocumentOf(row: RecordTable, attachmentText = ''): SearchDocument {
  const publishedAt = row.published_at ?? row.updated_at;
  return {
    recordId: row.id,
    agencyId: row.agency_id,
    title: row.title,
    body: [row.summary ?? '', row.keywords ?? '', bodyText(row.body_html), attachmentText]
      .filter(Boolean)
      .join('\n'),
    docNumber: row.document_number,
    indexNumber: row.index_number,
    subjectCategory: row.subject_category,
    validity: row.validity,
    publishedAt,
    year: Number(beijingDate(new Date(publishedAt)).slice(0, 4)),
  };
}

/** The text read from each record's attachments (DOCX, XLSX, PDF), searched with its body. */
async function attachmentTexts(db: Executor, recordIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await db
      .selectFrom('record_attachment')
      .select(['record_id', 'text'])
      .where('record_id', 'in', recordIds.slice(i, i + 500))
      .where('text', 'is not', null)
      .orderBy('record_id')
      .orderBy('position')
      .execute();
    for (const r of rows) out.set(r.record_id, [out.get(r.record_id), r.text].filter(Boolean).join('\n'));
  }
  return out;
}

/** Puts published records in the index (again); anything else is taken out. */
export async function indexRecords(db: Executor, rows: readonly RecordTable[]): Promise<void> {
  const index = searchIndexFor(db);
  const published = rows.filter((r) => r.state === 'published');
  const other = rows.filter((r) => r.state !== 'published').map((r) => r.id);
  if (published.length) {
    const texts = await attachmentTexts(
      db,
      published.map((r) => r.id),
    );
    await index.put(
      db,
      published.map((r) => searchDocumentOf(r, texts.get(r.id))),
    );
  }
  if (other.length) await index.remove(db, other);
}

/**
 * Rebuilds the index when it does not hold exactly the published records (a restored backup,
 * an upgrade that added the index): at start and by `gongkai search-index rebuild`.
 */
export async function ensureSearchIndex(
  db: Executor,
  force = false,
): Promise<{ rebuilt: boolean; indexed: number }> {
  const index = searchIndexFor(db);
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from record where state = 'published'`.execute(db);
  const published = Number(rows[0]?.n ?? 0);
  if (!force && (await index.size(db)) === published) return { rebuilt: false, indexed: published };
  await db.transaction().execute(async (tx) => {
    await index.clear(tx);
    let after = '';
    for (;;) {
      const batch = await tx
        .selectFrom('record')
        .selectAll()
        .where('state', '=', 'published')
        .where('id', '>', after)
        .orderBy('id')
        .limit(500)
        .execute();
      if (!batch.length) break;
      const texts = await attachmentTexts(
        tx,
        batch.map((r) => r.id),
      );
      await index.put(
        tx,
        batch.map((r) => searchDocumentOf(r, texts.get(r.id))),
      );
      after = batch.at(-1)!.id;
    }
  });
  return { rebuilt: true, indexed: published };
}

export const pageSize = 10;

/** The agency filter names any agency the portal shows, by id or by name. */
async function publicAgency(ctx: Ctx, idOrName: string): Promise<{ path: string }> {
  if (isId(idOrName)) return agencies.getPublic(ctx, idOrName);
  const found = (await agencies.listPublic(ctx)).filter((a) => a.name === idOrName);
  if (found.length === 0) throw new NotFoundError(`未找到机构“${idOrName}”`);
  if (found.length > 1)
    throw ValidationError.one('agency', `有 ${found.length} 个机构名为“${idOrName}”，请改用机构 ID`);
  return found[0]!;
}

export const searchSchema = object({
  q: text('检索词', { max: 100 }),
  agency: optional(text('发布机构', { max: 100 })),
  domain: optional(text('目录领域', { max: 60 })),
  subject: optional(text('主题分类', { max: 60 })),
  year: optional(integer('年份', 1949, 2100)),
  validity: optional(oneOf('有效性', validities, validityLabels)),
  sort: optional(oneOf('排序', ['relevance', 'date'] as const, { relevance: '相关度', date: '发布日期' })),
  page: optional(integer('页码', 1, 1000)),
  pageSize: optional(integer('每页条数', 1, 100)),
});

export interface SearchHit {
  id: string;
  indexNumber: string;
  title: string;
  docNumber: string | null;
  agencyName: string;
  publishedAt: string;
  validity: Validity;
  subjectCategory: string | null;
  snippet: SnippetPart[];
  score: number;
}

export interface SearchResult {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
}

/**
 * Portal, API and CLI search over published records: exact 文号 / 索引号 first, then the phrase
 * in the title, in the body, then the query's words; newest first among equals, or by date.
 */
export async function searchRecords(ctx: Ctx, raw: unknown): Promise<SearchResult> {
  const input = searchSchema.parse(raw);
  const plan = planQuery(input.q);
  if (!plan) throw ValidationError.one('q', '请输入检索词（标点符号之外至少一个字）');
  const size = input.pageSize ?? pageSize;
  const page = input.page ?? 1;
  const agencyPath = input.agency ? (await publicAgency(ctx, input.agency)).path : undefined;
  const found = await searchIndexFor(ctx.db).search(ctx.db, {
    plan,
    filters: {
      agencyPath,
      domain: input.domain ?? undefined,
      subjectCategory: input.subject ?? undefined,
      year: input.year ?? undefined,
      validity: input.validity ?? undefined,
    },
    sort: input.sort ?? 'relevance',
    offset: (page - 1) * size,
    limit: size,
  });
  const ids = found.hits.map((h) => h.recordId);
  const rows = ids.length
    ? await ctx.db
        .selectFrom('record as r')
        .innerJoin('agency as a', 'a.id', 'r.agency_id')
        .selectAll('r')
        .select('a.name as agencyName')
        .where('r.id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hits: SearchHit[] = [];
  for (const h of found.hits) {
    const r = byId.get(h.recordId);
    if (!r) continue;
    hits.push({
      id: r.id,
      indexNumber: r.index_number ?? '',
      title: r.title,
      docNumber: r.document_number,
      agencyName: r.agencyName,
      publishedAt: r.published_at ?? '',
      validity: r.validity as Validity,
      subjectCategory: r.subject_category,
      snippet: snippet([r.summary ?? '', bodyText(r.body_html)].filter(Boolean).join(' '), plan),
      score: h.score,
    });
  }
  return { query: input.q, total: found.total, page, pageSize: size, hits };
}

/** The CLI's and API's shape of a result. */
export function searchResultJson(r: SearchResult): {
  total: number;
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
    hits: r.hits.map((h) => ({
      indexNumber: h.indexNumber,
      title: h.title,
      docNumber: h.docNumber,
      snippet: snippetText(h.snippet),
      score: h.score,
    })),
  };
}
