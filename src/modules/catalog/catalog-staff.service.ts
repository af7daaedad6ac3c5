import type { Ctx } from '../../platform/context.js';
import { ForbiddenError } from '../../platform/errors.js';
import { agencies, type Agency } from '../agencies/index.js';
import { inTreeOrder, MAX_LEVEL, subtreeOf, type Catalog, type CatalogItem } from './catalog.js';
import { loadCatalog, loadItem } from './catalog-access.js';
import { linkableRecords, publishedRecordsForItem, type LinkedRecord } from './catalog-links.service.js';
import { listVersions, type VersionEntry } from './catalog-versions.service.js';
import { allowedOn, can, scopesOf, type CatalogAction } from './catalog.policy.js';
import * as repo from './catalog.repository.js';

/**
 * The catalogs as the back office reads them: lists scoped to the actor's agencies, one catalog,
 * one item, and a model per page that carries what the actor may do there (`allowed`), so the
 * pages never decide permissions themselves.
 */

export interface CatalogListItem extends Catalog {
  agencyName: string;
  itemCount: number;
}

/** The catalogs of every agency in the actor's scope, in agency-tree order. */
export async function list(ctx: Ctx): Promise<CatalogListItem[]> {
  const scopes = scopesOf(ctx.actor, 'read');
  if (scopes.length === 0) throw new ForbiddenError();
  return repo.listCatalogs(ctx.db, { withinPaths: scopes });
}

/** The agencies (not dissolved) the actor may make a catalog for. */
async function creatableAgencies(ctx: Ctx): Promise<Agency[]> {
  return (await agencies.listForStaff(ctx)).filter((a) => !a.dissolvedAt && can(ctx.actor, 'create', a));
}

/** Catalogs the townships among `agencies` may derive from: those of the agencies above them. */
async function sourcesFor(ctx: Ctx, townships: readonly Agency[]): Promise<CatalogListItem[]> {
  const above = new Set(townships.flatMap((t) => t.path.split('/').filter((id) => id && id !== t.id)));
  return (await repo.listCatalogs(ctx.db, { agencyIds: [...above] })).filter((c) => c.kind !== 'village');
}

/**
 * Catalogs a township in the actor's care may derive from: those of the agencies above it
 * (a township clerk cannot open the county's catalog, but may build on it).
 */
export async function derivationSources(
  ctx: Ctx,
): Promise<{ townships: Agency[]; sources: CatalogListItem[] }> {
  const townships = (await creatableAgencies(ctx)).filter((a) => a.level === 'township');
  return { townships, sources: await sourcesFor(ctx, townships) };
}

export interface CatalogView {
  catalog: Catalog;
  agency: { id: string; name: string; level: string; kind: string; path: string };
  /** In reading order. */
  items: CatalogItem[];
  /** What the actor may do with this catalog. */
  allowed: CatalogAction[];
}

/** A catalog with its items, for staff who keep or oversee it. */
export async function get(ctx: Ctx, catalogId: string): Promise<CatalogView> {
  const { catalog } = await loadCatalog(ctx, catalogId, 'read');
  // agencies.get, not getPublic: a dissolved agency's catalog stays readable to its staff.
  const a = await agencies.get(ctx, catalog.agencyId);
  return {
    catalog,
    agency: { id: a.id, name: a.name, level: a.level, kind: a.kind, path: a.path },
    items: inTreeOrder(await repo.itemsOf(ctx.db, catalog.id)),
    allowed: allowedOn(ctx.actor, a),
  };
}

export interface ItemView {
  item: CatalogItem;
  catalog: Catalog;
  allowed: CatalogAction[];
  /** Where the item may be moved: items above 三级 outside its own subtree. */
  parents: CatalogItem[];
}

export async function getItem(ctx: Ctx, itemId: string): Promise<ItemView> {
  const { item, catalog, path } = await loadItem(ctx, itemId, 'read');
  const items = await repo.itemsOf(ctx.db, catalog.id);
  return {
    item,
    catalog,
    allowed: allowedOn(ctx.actor, { path }),
    parents: items.filter(
      (i) => i.level < MAX_LEVEL && !subtreeOf(items, item.id).some((s) => s.id === i.id),
    ),
  };
}

export interface IndexPage {
  catalogs: CatalogListItem[];
  /** Offices (not villages) that may adopt a template or add a local domain. */
  offices: Agency[];
  /** Villages and communities that may take up their 村（社区）事务公开 list. */
  villages: Agency[];
  /** Townships that may derive, and the catalogs above them they may derive from. */
  townships: Agency[];
  sources: CatalogListItem[];
}

/** The back office's list of catalogs, with the forms to make new ones. */
export async function indexPage(ctx: Ctx): Promise<IndexPage> {
  const catalogs = await list(ctx);
  const mine = await creatableAgencies(ctx);
  const townships = mine.filter((a) => a.level === 'township');
  return {
    catalogs,
    offices: mine.filter((a) => a.kind !== 'villageCommunity'),
    villages: mine.filter((a) => a.kind === 'villageCommunity'),
    townships,
    sources: await sourcesFor(ctx, townships),
  };
}

export interface CatalogPage extends CatalogView {
  versions: VersionEntry[];
  /** Townships below the agency that may derive their catalog from this one. */
  townships: Agency[];
}

/** One catalog's back-office page: its items, history, and the forms its keepers may use. */
export async function catalogPage(ctx: Ctx, catalogId: string): Promise<CatalogPage> {
  const view = await get(ctx, catalogId);
  const versions = await listVersions(ctx, view.catalog.id);
  const townships =
    view.allowed.includes('create') && view.catalog.kind !== 'village'
      ? (await creatableAgencies(ctx)).filter(
          (a) => a.level === 'township' && a.path.startsWith(view.agency.path) && a.id !== view.agency.id,
        )
      : [];
  return { ...view, versions, townships };
}

export interface ItemPage extends ItemView {
  linked: LinkedRecord[];
  /** Published records the actor may file under the item (none when it may not link). */
  linkable: Array<{ id: string; title: string }>;
  /** What later modules offer for the item (ModuleExtensions.catalogItemLinks). */
  links: Array<{ label: string; href: string; note?: string }>;
}

/** One item's back-office page: its columns, where it may move, and the records filed under it. */
export async function itemPage(ctx: Ctx, itemId: string): Promise<ItemPage> {
  const view = await getItem(ctx, itemId);
  const linked = await publishedRecordsForItem(ctx, view.item.id);
  const linkable = view.allowed.includes('link') ? await linkableRecords(ctx, view.catalog.id) : [];
  const links = (
    await Promise.all(ctx.modules.extensions('catalogItemLinks').map((f) => f(ctx, view.item.id)))
  ).flat();
  return { ...view, linked, linkable, links };
}
