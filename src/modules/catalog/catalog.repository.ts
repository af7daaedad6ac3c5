import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { agencyField, withinSubtrees } from '../agencies/index.js';
import type { RecordIdQuery } from '../records/index.js';
import type {
  CatalogItemTable,
  CatalogTable,
  CatalogVersionTable,
  RecordCatalogLinkTable,
} from './catalog.tables.js';
import type {
  Audience,
  Catalog,
  CatalogItem,
  CatalogKind,
  Channel,
  ItemLevel,
  ItemType,
  Method,
  Process,
  Tier,
} from './catalog.js';

export function toCatalog(r: CatalogTable): Catalog {
  return {
    id: r.id,
    agencyId: r.agency_id,
    domainCode: r.domain_code,
    domainName: r.domain_name,
    kind: r.kind as CatalogKind,
    version: r.version,
    derivedFromCatalogId: r.derived_from_catalog_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toItem(r: CatalogItemTable): CatalogItem {
  return {
    id: r.id,
    catalogId: r.catalog_id,
    parentId: r.parent_id,
    level: r.level as ItemLevel,
    position: r.position,
    name: r.name,
    contentElements: r.content_elements,
    basis: r.basis,
    timeLimit: r.time_limit,
    subject: r.subject,
    channels: JSON.parse(r.channels) as Channel[],
    audience: r.audience as Audience | null,
    method: r.method as Method | null,
    tiers: JSON.parse(r.tiers) as Tier[],
    itemType: r.item_type as ItemType | null,
    process: r.process as Process | null,
    derivedFromItemId: r.derived_from_item_id,
  };
}

function itemColumns(
  i: CatalogItem,
): Omit<CatalogItemTable, 'id' | 'catalog_id' | 'created_at' | 'updated_at'> {
  return {
    parent_id: i.parentId,
    level: i.level,
    position: i.position,
    name: i.name,
    content_elements: i.contentElements,
    basis: i.basis,
    time_limit: i.timeLimit,
    subject: i.subject,
    channels: JSON.stringify(i.channels),
    audience: i.audience,
    method: i.method,
    tiers: JSON.stringify(i.tiers),
    item_type: i.itemType,
    process: i.process,
    derived_from_item_id: i.derivedFromItemId,
  };
}

export async function insertCatalog(db: Executor, row: CatalogTable): Promise<void> {
  await db.insertInto('catalog').values(row).execute();
}

export async function findCatalog(db: Executor, id: string): Promise<Catalog | undefined> {
  const r = await db.selectFrom('catalog').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toCatalog(r);
}

export async function findByDomain(
  db: Executor,
  agencyId: string,
  code: string,
): Promise<Catalog | undefined> {
  const r = await db
    .selectFrom('catalog')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('domain_code', '=', code)
    .executeTakeFirst();
  return r && toCatalog(r);
}

export async function findByDomainName(
  db: Executor,
  agencyId: string,
  name: string,
): Promise<Catalog | undefined> {
  const r = await db
    .selectFrom('catalog')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('domain_name', '=', name)
    .executeTakeFirst();
  return r && toCatalog(r);
}

export interface CatalogRow extends Catalog {
  agencyName: string;
  itemCount: number;
}

/**
 * Catalogs with their agency's name, in agency-tree then domain order: those of `agencyIds`, or
 * of the agencies within `withinPaths`; all of them when neither is given.
 */
export async function listCatalogs(
  db: Executor,
  filter: { agencyIds?: readonly string[]; withinPaths?: readonly string[] } = {},
): Promise<CatalogRow[]> {
  if (filter.agencyIds?.length === 0 || filter.withinPaths?.length === 0) return [];
  let q = db
    .selectFrom('catalog as c')
    .selectAll('c')
    .select(agencyField('c.agency_id', 'name').as('agency_name'))
    .select((eb) =>
      eb
        .selectFrom('catalog_item as i')
        .whereRef('i.catalog_id', '=', 'c.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('item_count'),
    )
    .orderBy(agencyField('c.agency_id', 'depth'))
    .orderBy(agencyField('c.agency_id', 'sort_order'))
    .orderBy(agencyField('c.agency_id', 'name'))
    .orderBy('c.created_at')
    .orderBy('c.id');
  if (filter.agencyIds) q = q.where('c.agency_id', 'in', [...filter.agencyIds]);
  if (filter.withinPaths) q = q.where(withinSubtrees('c.agency_id', filter.withinPaths));
  const rows = await q.execute();
  return rows.map((r) => ({ ...toCatalog(r), agencyName: r.agency_name, itemCount: r.item_count ?? 0 }));
}

/**
 * The catalogs of these agencies and of every agency within these subtrees, in agency-tree then
 * domain-name order: where a drafter may file a record.
 */
export async function catalogsForFiling(
  db: Executor,
  agencyIds: readonly string[],
  withinPaths: readonly string[],
): Promise<Array<{ id: string; domainName: string; agencyName: string }>> {
  return db
    .selectFrom('catalog as c')
    .select(['c.id as id', 'c.domain_name as domainName'])
    .select(agencyField('c.agency_id', 'name').as('agencyName'))
    .where((eb) =>
      eb.or([
        ...(agencyIds.length ? [eb('c.agency_id', 'in', [...agencyIds])] : []),
        withinSubtrees('c.agency_id', withinPaths),
      ]),
    )
    .orderBy(agencyField('c.agency_id', 'path'))
    .orderBy('c.domain_name')
    .execute();
}

/** The name of a domain as a catalog of it carries it, or undefined when no agency has one. */
export async function domainNameOf(db: Executor, domainCode: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('catalog')
    .select('domain_name')
    .where('domain_code', '=', domainCode)
    .executeTakeFirst();
  return r?.domain_name;
}

/** Raises the version only if nobody else did since it was read: of two editors, one wins. */
export async function bumpVersion(db: Executor, id: string, from: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('catalog')
    .set({ version: from + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function itemsOf(db: Executor, catalogId: string): Promise<CatalogItem[]> {
  const rows = await db.selectFrom('catalog_item').selectAll().where('catalog_id', '=', catalogId).execute();
  return rows.map(toItem);
}

/** The items of several catalogs in one query, by catalog. */
export async function itemsOfCatalogs(
  db: Executor,
  catalogIds: readonly string[],
): Promise<Map<string, CatalogItem[]>> {
  const out = new Map<string, CatalogItem[]>(catalogIds.map((id) => [id, []]));
  if (catalogIds.length === 0) return out;
  const rows = await db
    .selectFrom('catalog_item')
    .selectAll()
    .where('catalog_id', 'in', catalogIds)
    .execute();
  for (const r of rows) out.get(r.catalog_id)?.push(toItem(r));
  return out;
}

export async function findItem(db: Executor, id: string): Promise<CatalogItem | undefined> {
  const r = await db.selectFrom('catalog_item').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toItem(r);
}

export async function insertItems(db: Executor, items: readonly CatalogItem[], now: string): Promise<void> {
  // Parents first: the foreign key on parent_id is checked row by row.
  const sorted = [...items].sort((a, b) => a.level - b.level);
  for (let i = 0; i < sorted.length; i += 100) {
    await db
      .insertInto('catalog_item')
      .values(
        sorted.slice(i, i + 100).map((it) => ({
          id: it.id,
          catalog_id: it.catalogId,
          ...itemColumns(it),
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
}

export async function updateItem(db: Executor, item: CatalogItem, now: string): Promise<void> {
  await db
    .updateTable('catalog_item')
    .set({ ...itemColumns(item), updated_at: now })
    .where('id', '=', item.id)
    .execute();
}

export async function deleteItems(db: Executor, items: readonly CatalogItem[]): Promise<void> {
  if (items.length === 0) return;
  await db
    .deleteFrom('record_catalog_link')
    .where(
      'catalog_item_id',
      'in',
      items.map((i) => i.id),
    )
    .execute();
  // Children before parents.
  for (const level of [3, 2, 1]) {
    const ids = items.filter((i) => i.level === level).map((i) => i.id);
    if (ids.length) await db.deleteFrom('catalog_item').where('id', 'in', ids).execute();
  }
}

export async function insertVersion(db: Executor, row: CatalogVersionTable): Promise<void> {
  await db.insertInto('catalog_version').values(row).execute();
}

export async function versionsOf(
  db: Executor,
  catalogId: string,
): Promise<Array<Omit<CatalogVersionTable, 'snapshot'>>> {
  const rows = await db
    .selectFrom('catalog_version')
    .select(['id', 'catalog_id', 'version', 'actor_id', 'actor_label', 'changed_at', 'summary'])
    .where('catalog_id', '=', catalogId)
    .orderBy('version', 'desc')
    .execute();
  return rows;
}

export async function findVersion(
  db: Executor,
  catalogId: string,
  version: number,
): Promise<CatalogVersionTable | undefined> {
  const r = await db
    .selectFrom('catalog_version')
    .selectAll()
    .where('catalog_id', '=', catalogId)
    .where('version', '=', version)
    .executeTakeFirst();
  return r;
}

export async function insertLink(db: Executor, row: RecordCatalogLinkTable): Promise<void> {
  await db.insertInto('record_catalog_link').values(row).execute();
}

export async function findLink(
  db: Executor,
  itemId: string,
  recordId: string,
): Promise<RecordCatalogLinkTable | undefined> {
  return db
    .selectFrom('record_catalog_link')
    .selectAll()
    .where('catalog_item_id', '=', itemId)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
}

export async function deleteLink(db: Executor, itemId: string, recordId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('record_catalog_link')
    .where('catalog_item_id', '=', itemId)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Which of these items have records filed under them. */
export async function linkedItemIds(db: Executor, itemIds: readonly string[]): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('record_catalog_link')
    .select('catalog_item_id')
    .distinct()
    .where('catalog_item_id', 'in', itemIds)
    .execute();
  return new Set(rows.map((r) => r.catalog_item_id));
}

/**
 * The ids of the records filed under an item, as a subquery for the records module, which owns
 * the records and says which of them the public may read.
 */
export function recordIdsUnderItem(itemId: string): RecordIdQuery {
  return sql`select l.record_id from record_catalog_link l where l.catalog_item_id = ${itemId}`;
}

/** Every (item, record) link of the items of some catalogs. */
export async function linksOfCatalogs(
  db: Executor,
  catalogIds: readonly string[],
): Promise<Array<{ itemId: string; recordId: string }>> {
  if (catalogIds.length === 0) return [];
  return db
    .selectFrom('record_catalog_link as l')
    .innerJoin('catalog_item as i', 'i.id', 'l.catalog_item_id')
    .select(['l.catalog_item_id as itemId', 'l.record_id as recordId'])
    .where('i.catalog_id', 'in', [...catalogIds])
    .execute();
}

/** The ids of the records filed under any item of a domain's catalogs, in every agency. */
export function recordIdsInDomain(domainCode: string): RecordIdQuery {
  return sql`select l.record_id from record_catalog_link l
    join catalog_item i on i.id = l.catalog_item_id
    join catalog c on c.id = i.catalog_id
    where c.domain_code = ${domainCode}`;
}
