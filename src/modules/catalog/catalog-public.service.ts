import type { Ctx } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { isId } from '../../platform/ids.js';
import { agencies, type Agency } from '../agencies/index.js';
import { records, type RecordIdQuery } from '../records/index.js';
import { inTreeOrder, type Catalog, type CatalogItem } from './catalog.js';
import { publishedRecordsForItem, type LinkedRecord } from './catalog-links.service.js';
import * as repo from './catalog.repository.js';
import { domainTemplates } from './templates/index.js';

/**
 * The catalog as the portal shows it to everyone (条例第二十条: what is published, where): who has
 * a catalog, an agency's catalogs, one item with the records filed under it, a domain's newest
 * records. Nothing here needs a role; the catalogs are public once adopted.
 */

export interface PublicIndexEntry {
  agencyId: string;
  agencyName: string;
  domains: string[];
}

/** The portal's index: every agency that has published a catalog, with its domains. */
export async function publicIndex(ctx: Ctx): Promise<PublicIndexEntry[]> {
  const out = new Map<string, PublicIndexEntry>();
  for (const c of await repo.listCatalogs(ctx.db)) {
    const entry = out.get(c.agencyId) ?? { agencyId: c.agencyId, agencyName: c.agencyName, domains: [] };
    entry.domains.push(c.domainName);
    out.set(c.agencyId, entry);
  }
  return [...out.values()];
}

/** The portal: an agency's catalogs with their items. */
export async function publicCatalogs(
  ctx: Ctx,
  agencyId: string,
): Promise<{ agency: Agency; catalogs: Array<{ catalog: Catalog; items: CatalogItem[] }> }> {
  if (!isId(agencyId)) throw new NotFoundError('未找到该机构');
  const agency = await agencies.getPublic(ctx, agencyId);
  const list = await repo.listCatalogs(ctx.db, { agencyIds: [agency.id] });
  const items = await repo.itemsOfCatalogs(
    ctx.db,
    list.map((c) => c.id),
  );
  const catalogs = list.map((c) => ({ catalog: c, items: inTreeOrder(items.get(c.id) ?? []) }));
  return { agency, catalogs };
}

export interface PublicItemPage {
  item: CatalogItem;
  catalog: Catalog;
  agency: Agency;
  /** From the 一级事项 down to the item's parent. */
  ancestors: CatalogItem[];
  children: CatalogItem[];
  records: LinkedRecord[];
}

/** The portal page of one item: its columns, where it sits, and the records filed under it. */
export async function publicItem(ctx: Ctx, itemId: string): Promise<PublicItemPage> {
  const item = isId(itemId) ? await repo.findItem(ctx.db, itemId) : undefined;
  if (!item) throw new NotFoundError('未找到该公开事项');
  const catalog = (await repo.findCatalog(ctx.db, item.catalogId))!;
  const agency = await agencies.getPublic(ctx, catalog.agencyId);
  const items = await repo.itemsOf(ctx.db, catalog.id);
  const ancestors: CatalogItem[] = [];
  for (let p = item.parentId; p;) {
    const parent = items.find((i) => i.id === p);
    if (!parent) break;
    ancestors.unshift(parent);
    p = parent.parentId;
  }
  const children = inTreeOrder(items).filter((i) => i.parentId === item.id);
  return { item, catalog, agency, ancestors, children, records: await publishedRecordsForItem(ctx, item.id) };
}

export interface PublishedByItem {
  catalog: Catalog;
  /** The catalog's items in tree order, each with the published records filed under it. */
  items: Array<{ item: CatalogItem; records: LinkedRecord[] }>;
  /** How many published records the catalog's items hold in all. */
  total: number;
}

/**
 * An agency's catalogs, each item with the information published under it (the 规范化 column of
 * the portal's 标准化规范化专栏): three queries however many catalogs and items there are.
 */
export async function publishedByItem(ctx: Ctx, agencyId: string): Promise<PublishedByItem[]> {
  const { catalogs } = await publicCatalogs(ctx, agencyId);
  const links = await repo.linksOfCatalogs(
    ctx.db,
    catalogs.map((c) => c.catalog.id),
  );
  const found = await records.publishedSummaries(ctx, { ids: [...new Set(links.map((l) => l.recordId))] });
  const byId = new Map(found.map((r) => [r.id, r]));
  const under = new Map<string, LinkedRecord[]>();
  for (const l of links) {
    const r = byId.get(l.recordId);
    if (r) under.set(l.itemId, [...(under.get(l.itemId) ?? []), r]);
  }
  const newestFirst = (a: LinkedRecord, b: LinkedRecord) => (a.publishedAt < b.publishedAt ? 1 : -1);
  return catalogs.map(({ catalog, items }) => {
    const withRecords = items.map((item) => ({
      item,
      records: (under.get(item.id) ?? []).sort(newestFirst),
    }));
    return { catalog, items: withRecords, total: withRecords.reduce((s, i) => s + i.records.length, 0) };
  });
}

/** The newest published records filed under any item of a domain, in every agency: the domain's feed. */
export async function publishedRecordsForDomain(
  ctx: Ctx,
  domainCode: string,
  limit = 50,
): Promise<{ domainName: string; records: LinkedRecord[] } | null> {
  const domainName = await repo.domainNameOf(ctx.db, domainCode);
  if (domainName === undefined) return null;
  const found = await records.publishedSummaries(ctx, {
    idIn: repo.recordIdsInDomain(domainCode),
    limit: Math.max(0, Math.floor(limit)),
  });
  return { domainName, records: found };
}

/**
 * The ids of the records filed under a domain's items, for search to filter by (the records
 * module's capability `recordsInDomain`): a subquery over the catalog's own tables.
 */
export function recordsInDomain(domainCode: string): RecordIdQuery {
  return repo.recordIdsInDomain(domainCode);
}

/** The domains search offers as a filter: the 26 pilot domains. */
export function searchDomains(): ReadonlyArray<{ value: string; label: string }> {
  return domainTemplates.map((d) => ({ value: d.code, label: d.name }));
}
