import { recordAudit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/database.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Agency } from '../agencies/index.js';
import {
  columnKeys,
  inTreeOrder,
  treeProblem,
  VILLAGE_DOMAIN_NAME,
  type Catalog,
  type CatalogItem,
  type CatalogKind,
  type SnapshotItem,
} from './catalog.js';
import * as repo from './catalog.repository.js';
import { domainTemplates } from './templates/index.js';

/**
 * The steps every change of a catalog is made of, inside the caller's transaction: a catalog is
 * created once per agency and domain, and every change of its tree is written as a new version of
 * the whole tree, so that any two versions can be compared (legal.md §5.3).
 */

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** Whether a row must be written: any column of legal.md §5.3 or its place in the tree differs. */
function sameRow(a: CatalogItem, b: CatalogItem): boolean {
  return (
    columnKeys.every((k) => sameValue(a[k], b[k])) &&
    a.parentId === b.parentId &&
    a.level === b.level &&
    a.position === b.position &&
    a.derivedFromItemId === b.derivedFromItemId
  );
}

export function snapshotOf(items: readonly CatalogItem[]): SnapshotItem[] {
  return inTreeOrder(items).map(({ catalogId: _c, ...rest }) => rest);
}

/**
 * Writes `after` over `before` (inserts, updates, deletions, with the links of removed items),
 * raises the version and keeps the new tree as that version, all in the caller's transaction.
 */
export async function commit(
  ctx: Ctx,
  catalog: Catalog,
  before: readonly CatalogItem[],
  after: readonly CatalogItem[],
  summary: string,
): Promise<Catalog> {
  const problem = treeProblem(after);
  if (problem) throw ValidationError.one('parentId', problem);
  const now = ctx.clock.now().toISOString();
  const old = new Map(before.map((i) => [i.id, i]));
  const next = new Set(after.map((i) => i.id));
  await repo.insertItems(
    ctx.db,
    after.filter((i) => !old.has(i.id)),
    now,
  );
  for (const it of after) {
    const was = old.get(it.id);
    if (was && !sameRow(was, it)) await repo.updateItem(ctx.db, it, now);
  }
  await repo.deleteItems(
    ctx.db,
    before.filter((i) => !next.has(i.id)),
  );
  if (!(await repo.bumpVersion(ctx.db, catalog.id, catalog.version, now)))
    throw new ConflictError('该目录已被他人修改，请刷新后再试');
  const version = catalog.version + 1;
  await repo.insertVersion(ctx.db, {
    id: newId(),
    catalog_id: catalog.id,
    version,
    actor_id: ctx.actor.id,
    actor_label: ctx.actor.label,
    changed_at: now,
    summary,
    snapshot: JSON.stringify(snapshotOf(after)),
  });
  return { ...catalog, version, updatedAt: now };
}

/**
 * Runs a transaction that creates a catalog; if another one created the same domain meanwhile
 * (PostgreSQL lets both get past the check), the unique constraint answers with a conflict.
 */
export async function creatingCatalog<T>(run: () => Promise<T>, message: string): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(message);
    throw e;
  }
}

/** Why a local domain may not take this name, or null. */
export function reservedDomainName(name: string): string | null {
  const n = name.replace(/\s+/g, '');
  if (n === VILLAGE_DOMAIN_NAME) return `“${VILLAGE_DOMAIN_NAME}”是村（社区）专用目录，不能作为本地领域名称`;
  if (domainTemplates.some((d) => d.name === n || `${d.name}领域` === n))
    return `“${name}”是试点领域，请从标准指引模板采用`;
  return null;
}

/** A new, empty catalog (version 0) of a domain for an agency that has none of that domain or name. */
export async function createCatalog(
  ctx: Ctx,
  agency: Agency,
  c: { code: string; name: string; kind: CatalogKind; derivedFrom: string | null },
): Promise<Catalog> {
  if (c.kind === 'local') {
    const reserved = reservedDomainName(c.name);
    if (reserved) throw ValidationError.one('name', reserved);
  }
  if (await repo.findByDomain(ctx.db, agency.id, c.code))
    throw new ConflictError(`${agency.name}已有“${c.name}”目录`);
  const named = await repo.findByDomainName(ctx.db, agency.id, c.name);
  // The same domain, committed by another between the two reads: the same conflict as above.
  if (named?.domainCode === c.code) throw new ConflictError(`${agency.name}已有“${c.name}”目录`);
  if (named) throw ValidationError.one('name', `${agency.name}已有名为“${c.name}”的目录`);
  const now = ctx.clock.now().toISOString();
  const catalog: Catalog = {
    id: newId(),
    agencyId: agency.id,
    domainCode: c.code,
    domainName: c.name,
    kind: c.kind,
    version: 0,
    derivedFromCatalogId: c.derivedFrom,
    createdAt: now,
    updatedAt: now,
  };
  await repo.insertCatalog(ctx.db, {
    id: catalog.id,
    agency_id: catalog.agencyId,
    domain_code: catalog.domainCode,
    domain_name: catalog.domainName,
    kind: catalog.kind,
    version: 0,
    derived_from_catalog_id: c.derivedFrom,
    created_by: ctx.actor.id,
    created_at: now,
    updated_at: now,
  });
  return catalog;
}

/** The audit event of a change to one item; `after` defaults to the item's catalog and name. */
export async function auditItem(
  ctx: Ctx,
  catalog: Catalog,
  action: string,
  item: { id: string; name: string },
  before?: unknown,
  after?: unknown,
): Promise<void> {
  await recordAudit(ctx, {
    action,
    subjectType: 'catalogItem',
    subjectId: item.id,
    agencyId: catalog.agencyId,
    before,
    after: after ?? { catalog: catalog.domainName, name: item.name },
  });
}
