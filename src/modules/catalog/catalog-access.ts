import type { Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId } from '../../platform/ids.js';
import { agencies, type Agency } from '../agencies/index.js';
import type { Catalog, CatalogItem } from './catalog.js';
import { assertCan, type CatalogAction } from './catalog.policy.js';
import * as repo from './catalog.repository.js';

/**
 * How every use case reaches a catalog or an item: found by id (a malformed id is simply not
 * found), with the path of the agency that keeps it, and the actor allowed `action` on it.
 */

export interface CatalogInReach {
  catalog: Catalog;
  /** The path of the agency whose catalog it is. */
  path: string;
}

export interface ItemInReach extends CatalogInReach {
  item: CatalogItem;
}

export async function loadCatalog(ctx: Ctx, id: string, action: CatalogAction): Promise<CatalogInReach> {
  const catalog = isId(id) ? await repo.findCatalog(ctx.db, id) : undefined;
  if (!catalog) throw new NotFoundError('未找到该目录');
  const path = await agencies.pathOf(ctx, catalog.agencyId);
  assertCan(ctx.actor, action, { path });
  return { catalog, path };
}

export async function loadItem(ctx: Ctx, id: string, action: CatalogAction): Promise<ItemInReach> {
  const item = isId(id) ? await repo.findItem(ctx.db, id) : undefined;
  if (!item) throw new NotFoundError('未找到该公开事项');
  return { item, ...(await loadCatalog(ctx, item.catalogId, action)) };
}

/** The agency a new catalog is made for, chosen in a form field; the actor must keep its catalogs. */
export async function agencyToCreateFor(ctx: Ctx, agencyId: string, field = 'agencyId'): Promise<Agency> {
  const agency = isId(agencyId) ? await agencies.getPublic(ctx, agencyId).catch(() => undefined) : undefined;
  if (!agency) throw ValidationError.one(field, '请选择机构');
  assertCan(ctx.actor, 'create', agency);
  return agency;
}
