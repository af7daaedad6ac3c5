import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId } from '../../platform/ids.js';
import { object, text } from '../../platform/schema.js';
import { agencies } from '../agencies/index.js';
import { records, type PublishedRecordSummary } from '../records/index.js';
import { inTreeOrder } from './catalog.js';
import { loadCatalog, loadItem, type ItemInReach } from './catalog-access.js';
import { scopesOf } from './catalog.policy.js';
import { indentedName } from './catalog.presenter.js';
import * as repo from './catalog.repository.js';

/**
 * Published 主动公开 records filed under the catalog items they fulfil, so that a reader finds
 * them where the catalogue says they are published: by a clerk on the item's page, or on
 * publication under the items the drafter chose. The records stay the records module's; the
 * catalog keeps only the links and asks that module which records the public may read.
 */

export type LinkedRecord = PublishedRecordSummary;

/** Who files the record, which decides how a refusal is worded and whether a repeat is an error. */
type Filing = 'clerk' | 'publication';

/**
 * Files a record under an item: the record must be published by the agency whose catalog it is
 * or by one below it (a township's record may sit under the county's item, never the reverse);
 * a clerk is told when it is there already, a publication lets it be. Audited in the caller's
 * transaction.
 */
async function linkRecordToItem(
  ctx: Ctx,
  { item, catalog, path }: ItemInReach,
  recordId: string,
  filing: Filing,
): Promise<void> {
  const [record] = isId(recordId)
    ? await records.publishedSummaries(ctx, { ids: [recordId], agencyPath: path })
    : [];
  if (!record) throw await refusal(ctx, item.name, recordId, filing);
  if (await repo.findLink(ctx.db, item.id, record.id)) {
    if (filing === 'publication') return;
    throw new ConflictError(`“${record.title}”已关联到该事项`);
  }
  await repo.insertLink(ctx.db, {
    record_id: record.id,
    catalog_item_id: item.id,
    linked_by: ctx.actor.id,
    linked_at: ctx.clock.now().toISOString(),
  });
  await recordAudit(ctx, {
    action: 'catalog.link',
    subjectType: 'catalogItem',
    subjectId: item.id,
    agencyId: catalog.agencyId,
    after: { item: item.name, recordId: record.id, title: record.title },
  });
}

/** Why a record cannot be filed under the item, in the words of the door that tried. */
async function refusal(ctx: Ctx, itemName: string, recordId: string, filing: Filing): Promise<Error> {
  // On publication the record is published in this transaction: only the item can be wrong.
  if (filing === 'publication')
    return ValidationError.one('catalogItemId', `目录事项“${itemName}”不属于本机关或上级机关的标准目录`);
  const [elsewhere] = isId(recordId) ? await records.publishedSummaries(ctx, { ids: [recordId] }) : [];
  if (!elsewhere) return ValidationError.one('recordId', '只能关联已发布的主动公开信息');
  return ValidationError.one('recordId', `“${elsewhere.title}”不是本机关或下级机关发布的信息`);
}

const linkSchema = object({ recordId: text('政府信息') });

/** Files a published 主动公开 record of the agency (or one below it) under an item. */
export async function linkRecord(ctx: Ctx, itemId: string, recordId: unknown): Promise<void> {
  const input = linkSchema.parse({ recordId });
  await inTransaction(ctx, async (ctx) =>
    linkRecordToItem(ctx, await loadItem(ctx, itemId, 'link'), input.recordId, 'clerk'),
  );
}

export async function unlinkRecord(ctx: Ctx, itemId: string, recordId: string): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const { item, catalog } = await loadItem(ctx, itemId, 'link');
    if (!(await repo.deleteLink(ctx.db, item.id, recordId))) throw new NotFoundError('该信息未关联到此事项');
    await recordAudit(ctx, {
      action: 'catalog.unlink',
      subjectType: 'catalogItem',
      subjectId: item.id,
      agencyId: catalog.agencyId,
      before: { item: item.name, recordId },
    });
  });
}

/**
 * On publication, files the record under the items its drafter chose. An item must belong to a
 * catalog of the record's agency or of an agency above it; anything else stops the publication
 * with a message, so nothing is filed where the public would not look for it. The publication
 * itself is the authority here: the records module checked who may publish.
 */
export async function fileOnPublication(
  ctx: Ctx,
  e: { recordId: string; agencyId: string; catalogItemIds: string[] },
): Promise<void> {
  for (const itemId of e.catalogItemIds) {
    const item = isId(itemId) ? await repo.findItem(ctx.db, itemId) : undefined;
    if (!item) throw ValidationError.one('catalogItemId', '所选目录事项已被删除，请退回修改后重新选择');
    const catalog = (await repo.findCatalog(ctx.db, item.catalogId))!;
    const path = await agencies.pathOf(ctx, catalog.agencyId);
    await linkRecordToItem(ctx, { item, catalog, path }, e.recordId, 'publication');
  }
}

/** The records filed under an item that the public can read now (a withdrawn one drops out). */
export async function publishedRecordsForItem(ctx: Ctx, itemId: string): Promise<LinkedRecord[]> {
  if (!isId(itemId)) return [];
  return records.publishedSummaries(ctx, { idIn: repo.recordIdsUnderItem(itemId) });
}

/** The published records a clerk may file under items of a catalog: its agency's and below. */
export async function linkableRecords(
  ctx: Ctx,
  catalogId: string,
): Promise<Array<{ id: string; title: string }>> {
  const { path } = await loadCatalog(ctx, catalogId, 'link');
  // By the agency's place in the tree (names are not unique); linkRecord checks again by id.
  const found = await records.publishedSummaries(ctx, { agencyPath: path });
  return found.map((r) => ({ id: r.id, title: r.title }));
}

export interface ItemChoiceGroup {
  label: string;
  items: Array<{ id: string; label: string }>;
}

/**
 * The items a drafter may file a record under: those of the catalogs of every agency in the
 * actor's scope and of their ancestors (a department's records go under the city's catalog, a
 * town's under its own), grouped per catalog, in tree order.
 */
export async function itemChoices(ctx: Ctx): Promise<ItemChoiceGroup[]> {
  const scopes = scopesOf(ctx.actor, 'fileRecords');
  if (scopes.length === 0) return [];
  const ancestorIds = [...new Set(scopes.flatMap((p) => p.split('/').filter(Boolean)))];
  const catalogsHere = await repo.catalogsForFiling(ctx.db, ancestorIds, scopes);
  const itemsOf = await repo.itemsOfCatalogs(
    ctx.db,
    catalogsHere.map((c) => c.id),
  );
  const groups: ItemChoiceGroup[] = [];
  for (const c of catalogsHere) {
    const items = inTreeOrder(itemsOf.get(c.id) ?? []);
    if (!items.length) continue;
    groups.push({
      label: `${c.agencyName} · ${c.domainName}`,
      items: items.map((i) => ({ id: i.id, label: indentedName(i) })),
    });
  }
  return groups;
}
