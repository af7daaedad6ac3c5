import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError, type FieldError } from '../../platform/errors.js';
import { agencies, type Agency } from '../agencies/index.js';
import {
  planQuery,
  searchIndexFor,
  snippet,
  type RecordIdQuery,
  type SearchDocument,
  type SnippetPart,
} from '../search/index.js';
import { bodyText, type Validity } from './record.js';
import * as attachmentRepo from './record-attachment.repository.js';
import { assertCan } from './record.policy.js';
import * as repo from './record.repository.js';
import { searchSchema } from './record.schemas.js';
import type { RecordTable } from './record.tables.js';

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

/**
 * Puts published records in the index (again); anything else is taken out. Called inside the
 * transaction that changed them.
 */
export async function indexRecords(ctx: Ctx, rows: readonly RecordTable[]): Promise<void> {
  const index = searchIndexFor(ctx.db);
  const published = rows.filter((r) => r.state === 'published');
  const other = rows.filter((r) => r.state !== 'published').map((r) => r.id);
  if (published.length) {
    const texts = await attachmentRepo.textsOf(
      ctx.db,
      published.map((r) => r.id),
    );
    await index.put(
      ctx.db,
      published.map((r) => searchDocumentOf(r, texts.get(r.id))),
    );
  }
  if (other.length) await index.remove(ctx.db, other);
}

/**
 * Rebuilds the index when it does not hold exactly the published records (a restored backup,
 * an upgrade that added the index), or always with `force`: at start, after a restore and by
 * `gongkai search-index rebuild`.
 */
export async function ensureSearchIndex(
  ctx: Ctx,
  opts: { force?: boolean } = {},
): Promise<{ rebuilt: boolean; indexed: number }> {
  // The index holds every agency's records: the whole tree's.
  assertCan(ctx.actor, 'rebuildSearchIndex', { path: (await agencies.root(ctx))?.path ?? '/' });
  const index = searchIndexFor(ctx.db);
  const published = await repo.countPublished(ctx.db);
  if (!opts.force && (await index.size(ctx.db)) === published) return { rebuilt: false, indexed: published };
  await inTransaction(ctx, async (ctx) => {
    // The engine's bulk path: rows written in large statements, the full-text indexes built once.
    async function* documents(): AsyncGenerator<SearchDocument[]> {
      for (let after = ''; ;) {
        const batch = await repo.publishedAfter(ctx.db, after, 500);
        if (!batch.length) return;
        const texts = await attachmentRepo.textsOf(
          ctx.db,
          batch.map((r) => r.id),
        );
        yield batch.map((r) => searchDocumentOf(r, texts.get(r.id)));
        after = batch.at(-1)!.id;
      }
    }
    await index.rebuild(ctx.db, documents());
  });
  return { rebuilt: true, indexed: published };
}

export const pageSize = 10;

/**
 * The records filed under a catalog domain: the catalog writes the subquery (its tables). Without
 * a catalog installed no record is in any domain.
 */
function inDomain(ctx: Ctx, domainCode: string): RecordIdQuery {
  return ctx.modules.capabilities.recordsInDomain?.(domainCode) ?? repo.noRecords();
}

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
  /** How many records match; beyond the search module's EXACT_COUNT_CAP an estimate… */
  total: number;
  /** …shown as “约 N 条”. */
  totalApproximate: boolean;
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
  const agencyPath = input.agency ? (await agencies.resolvePublic(ctx, input.agency)).path : undefined;
  const found = await searchIndexFor(ctx.db).search(ctx.db, {
    plan,
    filters: {
      agencyPath,
      recordIdIn: input.domain ? inDomain(ctx, input.domain) : undefined,
      subjectCategory: input.subject ?? undefined,
      year: input.year ?? undefined,
      validity: input.validity ?? undefined,
    },
    sort: input.sort ?? 'relevance',
    offset: (page - 1) * size,
    limit: size,
  });
  const rows = await repo.withAgencyByIds(
    ctx.db,
    found.hits.map((h) => h.recordId),
  );
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
  return {
    query: input.q,
    total: found.total,
    totalApproximate: found.approximate,
    page,
    pageSize: size,
    hits,
  };
}

export interface SearchPage {
  /** Null until a query is asked (the empty form), or when it was refused. */
  result: SearchResult | null;
  errors: FieldError[];
  /** The agencies a reader can filter by. */
  agencies: Agency[];
  /** The catalog domains, when a catalog is installed. */
  domains: ReadonlyArray<{ value: string; label: string }>;
  /** The last eight years, newest first. */
  years: string[];
}

/** The portal's search page: the form's choices and, once asked, the results or what was wrong. */
export async function searchPage(ctx: Ctx, query: Record<string, unknown>): Promise<SearchPage> {
  let result: SearchResult | null = null;
  let errors: FieldError[] = [];
  if (query.q !== undefined) {
    try {
      result = await searchRecords(ctx, query);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors = e.fields;
    }
  }
  const year = Number(beijingDate(ctx.clock.now()).slice(0, 4));
  return {
    result,
    errors,
    agencies: await agencies.listPublic(ctx),
    domains: ctx.modules.capabilities.searchDomains?.() ?? [],
    years: Array.from({ length: 8 }, (_, i) => String(year - i)),
  };
}
