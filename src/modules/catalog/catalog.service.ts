import { holdsRoleOver, scopesFor, type Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { integer, object, optional, text } from '../../platform/schema.js';
import { agencies, type Agency } from '../agencies/index.js';
import { records } from '../records/index.js';
import {
  catalogTitle,
  columnKeys,
  columnLabels,
  compareVersions,
  describeDiff,
  domainTemplate,
  domainTemplates,
  inTreeOrder,
  itemLevelLabels,
  MAX_LEVEL,
  readColumns,
  subtreeOf,
  treeProblem,
  VILLAGE_DOMAIN,
  VILLAGE_DOMAIN_NAME,
  type Catalog,
  type CatalogItem,
  type CatalogKind,
  type DomainTemplate,
  type ItemColumns,
  type ItemLevel,
  type SnapshotItem,
  type TemplateNode,
  type VersionDiff,
} from './catalog.js';
import { buildWorkbook, parseWorkbook, CatalogImportRefused, type ParsedItem } from './catalog-excel.js';
import * as repo from './catalog.repository.js';

/**
 * 基层政务公开标准目录: an agency adopts a domain's starter tree, edits it to its practice, a
 * township derives its own from the county's 乡级 items, and published records are filed under
 * the items they fulfil. Every change is a new version of the whole tree, so any two versions can
 * be compared, and every change is audited in its transaction.
 */

/** Who keeps a catalog: the 公开办 and its clerks of the agency or any agency above it. */
const editors: readonly Role[] = ['admin', 'officeHead', 'clerk'];
/** Who may read it in the back office; the portal shows it to everyone. */
const readers: readonly Role[] = [...editors, 'supervisor'];

async function loadCatalog(
  ctx: Ctx,
  id: string,
  roles: readonly Role[],
): Promise<{ catalog: Catalog; path: string }> {
  const catalog = isId(id) ? await repo.findCatalog(ctx.db, id) : undefined;
  if (!catalog) throw new NotFoundError('未找到该目录');
  const path = await agencies.pathOf(ctx, catalog.agencyId);
  if (!holdsRoleOver(ctx.actor, roles, path)) throw new ForbiddenError();
  return { catalog, path };
}

async function loadItem(
  ctx: Ctx,
  id: string,
  roles: readonly Role[],
): Promise<{ item: CatalogItem; catalog: Catalog; path: string }> {
  const item = isId(id) ? await repo.findItem(ctx.db, id) : undefined;
  if (!item) throw new NotFoundError('未找到该公开事项');
  return { item, ...(await loadCatalog(ctx, item.catalogId, roles)) };
}

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

function snapshotOf(items: readonly CatalogItem[]): SnapshotItem[] {
  return inTreeOrder(items).map(({ catalogId: _c, ...rest }) => rest);
}

/**
 * Writes `after` over `before` (inserts, updates, deletions, with the links of removed items),
 * raises the version and keeps the new tree as that version, all in the caller's transaction.
 */
async function commit(
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

const emptyColumns: Omit<ItemColumns, 'name'> = {
  contentElements: '',
  basis: '',
  timeLimit: '',
  subject: '',
  channels: [],
  audience: null,
  method: null,
  tiers: [],
  itemType: null,
  process: null,
};

function itemsFromTemplate(catalogId: string, nodes: readonly TemplateNode[]): CatalogItem[] {
  const out: CatalogItem[] = [];
  const walk = (list: readonly TemplateNode[], parentId: string | null, level: ItemLevel) =>
    list.forEach((n, i) => {
      const { children, ...cols } = n;
      const item: CatalogItem = {
        ...emptyColumns,
        ...cols,
        id: newId(),
        catalogId,
        parentId,
        level,
        position: i + 1,
        derivedFromItemId: null,
      };
      out.push(item);
      if (children) walk(children, item.id, (level + 1) as ItemLevel);
    });
  walk(nodes, null, 1);
  return out;
}

/**
 * Runs a transaction that creates a catalog; if another one created the same domain meanwhile
 * (PostgreSQL lets both get past the check), the unique constraint answers with a conflict.
 */
async function creatingCatalog<T>(run: () => Promise<T>, message: string): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(message);
    throw e;
  }
}

/** Why a local domain may not take this name, or null. */
function reservedDomainName(name: string): string | null {
  const n = name.replace(/\s+/g, '');
  if (n === VILLAGE_DOMAIN_NAME) return `“${VILLAGE_DOMAIN_NAME}”是村（社区）专用目录，不能作为本地领域名称`;
  if (domainTemplates.some((d) => d.name === n || `${d.name}领域` === n))
    return `“${name}”是试点领域，请从标准指引模板采用`;
  return null;
}

async function createCatalog(
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
  if (await repo.findByDomainName(ctx.db, agency.id, c.name))
    throw ValidationError.one('name', `${agency.name}已有名为“${c.name}”的目录`);
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

async function editableAgency(ctx: Ctx, agencyId: string, field = 'agencyId'): Promise<Agency> {
  const agency = isId(agencyId) ? await agencies.getPublic(ctx, agencyId).catch(() => undefined) : undefined;
  if (!agency) throw ValidationError.one(field, '请选择机构');
  if (!holdsRoleOver(ctx.actor, editors, agency.path)) throw new ForbiddenError();
  return agency;
}

/**
 * An agency adopts the starter tree of one of the 26 pilot domains (a village or community: its
 * 村（社区）事务公开 list) as version 1 of its catalog for that domain.
 */
export async function adoptTemplate(ctx: Ctx, agencyId: string, domainCode: string): Promise<Catalog> {
  const agency = await editableAgency(ctx, agencyId);
  const template = domainTemplate(domainCode);
  if (!template) throw ValidationError.one('domainCode', '请从 26 个试点领域中选择领域');
  const village = agency.kind === 'villageCommunity';
  if (village && domainCode !== VILLAGE_DOMAIN)
    throw ValidationError.one('domainCode', '村（社区）请采用“村（社区）事务公开”目录');
  if (!village && domainCode === VILLAGE_DOMAIN)
    throw ValidationError.one('domainCode', '“村（社区）事务公开”目录仅供村（社区）采用');
  return creatingCatalog(
    () => adoptIn(ctx, agency, template, village),
    `${agency.name}已有“${template.name}”目录（可能刚由他人采用），请刷新后查看`,
  );
}

async function adoptIn(
  ctx: Ctx,
  agency: Agency,
  template: DomainTemplate,
  village: boolean,
): Promise<Catalog> {
  return inTransaction(ctx, async (ctx) => {
    const catalog = await createCatalog(ctx, agency, {
      code: template.code,
      name: template.name,
      kind: village ? 'village' : 'domain',
      derivedFrom: null,
    });
    const items = itemsFromTemplate(catalog.id, template.items);
    const saved = await commit(
      ctx,
      catalog,
      [],
      items,
      `采用${template.ministry}标准指引模板（${items.length} 项）`,
    );
    await recordAudit(ctx, {
      action: 'catalog.adopt',
      subjectType: 'catalog',
      subjectId: catalog.id,
      agencyId: agency.id,
      after: { domain: template.name, items: items.length },
    });
    return saved;
  });
}

const localDomainSchema = object({ name: text('领域名称', { max: 50 }) });

/** A domain the agency adds beyond the 26 (e.g. 教育收费, 海洋渔业), starting empty. */
export async function addLocalDomain(ctx: Ctx, agencyId: string, raw: unknown): Promise<Catalog> {
  const input = localDomainSchema.parse(raw);
  const agency = await editableAgency(ctx, agencyId);
  if (agency.kind === 'villageCommunity')
    throw ValidationError.one('agencyId', '村（社区）请采用“村（社区）事务公开”目录');
  const reserved = reservedDomainName(input.name);
  if (reserved) throw ValidationError.one('name', reserved);
  return creatingCatalog(
    () =>
      inTransaction(ctx, async (ctx) => {
        const catalog = await createCatalog(ctx, agency, {
          code: `local:${newId()}`,
          name: input.name,
          kind: 'local',
          derivedFrom: null,
        });
        const saved = await commit(ctx, catalog, [], [], '新增本地领域');
        await recordAudit(ctx, {
          action: 'catalog.addLocal',
          subjectType: 'catalog',
          subjectId: catalog.id,
          agencyId: agency.id,
          after: { domain: input.name },
        });
        return saved;
      }),
    `${agency.name}已有名为“${input.name}”的目录（可能刚由他人新增），请刷新后查看`,
  );
}

/** Reads an item's columns from a form or JSON; every bad field is reported at once. */
function columnsOrThrow(raw: unknown, level: number, kind: CatalogKind): ItemColumns {
  const { columns, errors } = readColumns(
    (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>,
    level,
    kind,
  );
  if (errors.length) throw new ValidationError(errors);
  return columns;
}

function assertNameFree(
  items: readonly CatalogItem[],
  parentId: string | null,
  name: string,
  self?: string,
): void {
  if (items.some((i) => i.parentId === parentId && i.name === name && i.id !== self))
    throw ValidationError.one('name', `同一上级事项下已有名为“${name}”的事项`);
}

function parentIdOf(raw: unknown): string | null {
  const v = (raw && typeof raw === 'object' ? (raw as Record<string, unknown>).parentId : undefined) ?? null;
  if (v === null || v === '') return null;
  if (typeof v !== 'string') throw ValidationError.one('parentId', '上级事项格式不正确');
  return v;
}

async function auditItem(
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

/** A new item at the end of its parent's children (a 一级事项 when no parent is given). */
export async function addItem(ctx: Ctx, catalogId: string, raw: unknown): Promise<CatalogItem> {
  return inTransaction(ctx, async (ctx) => {
    const { catalog } = await loadCatalog(ctx, catalogId, editors);
    const items = await repo.itemsOf(ctx.db, catalog.id);
    const parentId = parentIdOf(raw);
    const parent = parentId ? items.find((i) => i.id === parentId) : undefined;
    if (parentId && !parent) throw ValidationError.one('parentId', '所选上级事项不在本目录中');
    const level = parent ? parent.level + 1 : 1;
    if (level > MAX_LEVEL) throw ValidationError.one('parentId', '三级事项之下不能再设事项');
    const columns = columnsOrThrow(raw, level, catalog.kind);
    assertNameFree(items, parentId, columns.name);
    const item: CatalogItem = {
      ...columns,
      id: newId(),
      catalogId: catalog.id,
      parentId,
      level: level as ItemLevel,
      position: items.filter((i) => i.parentId === parentId).length + 1,
      derivedFromItemId: null,
    };
    await commit(ctx, catalog, items, [...items, item], `新增${itemLevelLabels[item.level]}“${item.name}”`);
    await auditItem(ctx, catalog, 'catalog.itemAdd', item);
    return item;
  });
}

/** Changes an item's columns; its place in the tree stays (see moveItem). */
export async function updateItem(ctx: Ctx, itemId: string, raw: unknown): Promise<CatalogItem> {
  return inTransaction(ctx, async (ctx) => {
    const { item, catalog } = await loadItem(ctx, itemId, editors);
    const columns = columnsOrThrow(raw, item.level, catalog.kind);
    const items = await repo.itemsOf(ctx.db, catalog.id);
    assertNameFree(items, item.parentId, columns.name, item.id);
    const updated: CatalogItem = { ...item, ...columns };
    const changed = columnKeys.filter((k) => JSON.stringify(item[k]) !== JSON.stringify(updated[k]));
    if (changed.length === 0) return item;
    await commit(
      ctx,
      catalog,
      items,
      items.map((i) => (i.id === item.id ? updated : i)),
      `修改“${updated.name}”的${changed.map((k) => columnLabels[k]).join('、')}`,
    );
    await auditItem(
      ctx,
      catalog,
      'catalog.itemUpdate',
      updated,
      Object.fromEntries(changed.map((k) => [k, item[k]])),
      Object.fromEntries(changed.map((k) => [k, updated[k]])),
    );
    return updated;
  });
}

function renumber(items: CatalogItem[], parentId: string | null): void {
  items
    .filter((i) => i.parentId === parentId)
    .sort((a, b) => a.position - b.position)
    .forEach((i, n) => {
      i.position = n + 1;
    });
}

const moveSchema = object({ position: optional(integer('排列序号', 1, 10_000)) });

/**
 * Moves an item (with everything under it) to another parent or another place among its
 * siblings. Levels follow the new parent; nothing may end below 三级事项, inside itself, or
 * without the columns its new level requires.
 */
export async function moveItem(ctx: Ctx, itemId: string, raw: unknown): Promise<CatalogItem> {
  const { position } = moveSchema.parse(raw);
  const parentId = parentIdOf(raw);
  return inTransaction(ctx, async (ctx) => {
    const { item, catalog } = await loadItem(ctx, itemId, editors);
    const before = await repo.itemsOf(ctx.db, catalog.id);
    const after = before.map((i) => ({ ...i }));
    const moving = subtreeOf(after, item.id);
    const parent = parentId ? after.find((i) => i.id === parentId) : undefined;
    if (parentId && !parent) throw ValidationError.one('parentId', '所选上级事项不在本目录中');
    if (parent && moving.some((m) => m.id === parent.id))
      throw ValidationError.one('parentId', '不能移到自身或自身的下级事项之下');
    const shift = (parent ? parent.level + 1 : 1) - item.level;
    const deepest = Math.max(...moving.map((m) => m.level)) + shift;
    if (deepest > MAX_LEVEL)
      throw ValidationError.one('parentId', `移动后“${item.name}”的下级事项将超过三级，请先调整下级事项`);
    for (const m of moving) {
      m.level = (m.level + shift) as ItemLevel;
      const { errors } = readColumns(m as unknown as Record<string, unknown>, m.level, catalog.kind);
      if (errors.length)
        throw ValidationError.one(
          'parentId',
          `“${m.name}”成为${itemLevelLabels[m.level]}后须填写完整：${errors.map((e) => e.message).join('；')}`,
        );
    }
    assertNameFree(after, parentId, item.name, item.id);
    const self = after.find((i) => i.id === item.id)!;
    const oldParent = self.parentId;
    self.parentId = parentId;
    const siblings = after
      .filter((i) => i.parentId === parentId && i.id !== self.id)
      .sort((a, b) => a.position - b.position);
    const at = Math.min(Math.max(position ?? siblings.length + 1, 1), siblings.length + 1);
    siblings.splice(at - 1, 0, self);
    siblings.forEach((s, n) => {
      s.position = n + 1;
    });
    if (oldParent !== parentId) renumber(after, oldParent);
    const unchanged = oldParent === parentId && self.position === item.position;
    if (unchanged) return item;
    const where = parent ? `“${parent.name}”之下` : '一级事项';
    await commit(ctx, catalog, before, after, `移动“${item.name}”至${where}第 ${self.position} 位`);
    await auditItem(
      ctx,
      catalog,
      'catalog.itemMove',
      self,
      { parentId: oldParent, position: item.position, level: item.level },
      { parentId, position: self.position, level: self.level },
    );
    return self;
  });
}

/** Removes an item and everything under it, with their links to records. */
export async function removeItem(ctx: Ctx, itemId: string): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const { item, catalog } = await loadItem(ctx, itemId, editors);
    const before = await repo.itemsOf(ctx.db, catalog.id);
    const gone = new Set(subtreeOf(before, item.id).map((i) => i.id));
    const after = before.filter((i) => !gone.has(i.id)).map((i) => ({ ...i }));
    renumber(after, item.parentId);
    const extra = gone.size > 1 ? `及其下级事项 ${gone.size - 1} 项` : '';
    await commit(ctx, catalog, before, after, `删除“${item.name}”${extra}`);
    await auditItem(ctx, catalog, 'catalog.itemRemove', item, { name: item.name, removed: gone.size }, null);
  });
}

/**
 * A township (乡镇、街道) takes from a catalog of an agency above it every item whose 公开层级
 * includes 乡级, with the headings above them; each copy remembers the item it came from.
 */
export async function deriveTownship(
  ctx: Ctx,
  townshipAgencyId: string,
  fromCatalogId: string,
): Promise<Catalog> {
  const township = await editableAgency(ctx, townshipAgencyId);
  if (township.level !== 'township')
    throw ValidationError.one('agencyId', `“${township.name}”不是乡镇（街道），只有乡级机关从上级目录派生`);
  const source = isId(fromCatalogId) ? await repo.findCatalog(ctx.db, fromCatalogId) : undefined;
  if (!source) throw ValidationError.one('fromCatalogId', '请选择要派生的上级目录');
  const sourcePath = await agencies.pathOf(ctx, source.agencyId);
  if (!township.path.startsWith(sourcePath) || source.agencyId === township.id)
    throw ValidationError.one('fromCatalogId', '只能从本乡镇（街道）上级机关的目录派生');
  if (source.kind === 'village') throw ValidationError.one('fromCatalogId', '村（社区）事务公开目录不能派生');
  return creatingCatalog(
    () => deriveIn(ctx, township, source),
    `${township.name}已有“${source.domainName}”目录（可能刚由他人派生），请刷新后查看`,
  );
}

async function deriveIn(ctx: Ctx, township: Agency, source: Catalog): Promise<Catalog> {
  return inTransaction(ctx, async (ctx) => {
    const all = await repo.itemsOf(ctx.db, source.id);
    const byId = new Map(all.map((i) => [i.id, i]));
    const keep = new Set<string>();
    for (const it of all) {
      if (!it.tiers.includes('乡级')) continue;
      for (let p: CatalogItem | undefined = it; p; p = p.parentId ? byId.get(p.parentId) : undefined)
        keep.add(p.id);
    }
    if (keep.size === 0)
      throw ValidationError.one(
        'fromCatalogId',
        `“${source.domainName}”目录没有公开层级含“乡级”的事项，无可派生`,
      );
    const catalog = await createCatalog(ctx, township, {
      code: source.domainCode,
      name: source.domainName,
      kind: source.kind,
      derivedFrom: source.id,
    });
    const ids = new Map<string, string>();
    const copies: CatalogItem[] = [];
    const counters = new Map<string | null, number>();
    for (const it of inTreeOrder(all)) {
      if (!keep.has(it.id)) continue;
      const id = newId();
      ids.set(it.id, id);
      const parentId = it.parentId ? ids.get(it.parentId)! : null;
      const position = (counters.get(parentId) ?? 0) + 1;
      counters.set(parentId, position);
      copies.push({ ...it, id, catalogId: catalog.id, parentId, position, derivedFromItemId: it.id });
    }
    const sourceAgency = await agencies.getPublic(ctx, source.agencyId).catch(() => undefined);
    const saved = await commit(
      ctx,
      catalog,
      [],
      copies,
      `由${sourceAgency?.name ?? '上级机关'}目录派生（${copies.length} 项）`,
    );
    await recordAudit(ctx, {
      action: 'catalog.derive',
      subjectType: 'catalog',
      subjectId: catalog.id,
      agencyId: township.id,
      after: { domain: source.domainName, from: source.id, items: copies.length },
    });
    return saved;
  });
}

export interface CatalogListItem extends Catalog {
  agencyName: string;
  itemCount: number;
}

/** The catalogs of every agency in the actor's scope, in agency-tree order. */
export async function list(ctx: Ctx): Promise<CatalogListItem[]> {
  const scopes = scopesFor(ctx.actor, readers);
  if (scopes.length === 0) throw new ForbiddenError();
  const rows = await repo.listCatalogs(ctx.db);
  return rows
    .filter((r) => scopes.some((p) => r.agencyPath.startsWith(p)))
    .map(({ agencyPath: _p, ...r }) => r);
}

/**
 * Catalogs a township in the actor's care may derive from: those of the agencies above it
 * (a township clerk cannot open the county's catalog, but may build on it).
 */
export async function derivationSources(
  ctx: Ctx,
): Promise<{ townships: Agency[]; sources: CatalogListItem[] }> {
  const townships = (await agencies.listForStaff(ctx)).filter(
    (a) => a.level === 'township' && !a.dissolvedAt && holdsRoleOver(ctx.actor, editors, a.path),
  );
  const above = new Set(townships.flatMap((t) => t.path.split('/').filter((id) => id && id !== t.id)));
  const sources = (await repo.listCatalogs(ctx.db, [...above]))
    .filter((c) => c.kind !== 'village')
    .map(({ agencyPath: _p, ...r }) => r);
  return { townships, sources };
}

export interface CatalogView {
  catalog: Catalog;
  agency: { id: string; name: string; level: string; kind: string; path: string };
  /** In reading order. */
  items: CatalogItem[];
  canEdit: boolean;
}

async function view(ctx: Ctx, catalog: Catalog): Promise<CatalogView> {
  // agencies.get, not getPublic: a dissolved agency's catalog stays readable to its staff.
  const a = await agencies.get(ctx, catalog.agencyId);
  return {
    catalog,
    agency: { id: a.id, name: a.name, level: a.level, kind: a.kind, path: a.path },
    items: inTreeOrder(await repo.itemsOf(ctx.db, catalog.id)),
    canEdit: holdsRoleOver(ctx.actor, editors, a.path),
  };
}

/** A catalog with its items, for staff who keep or oversee it. */
export async function get(ctx: Ctx, catalogId: string): Promise<CatalogView> {
  const { catalog } = await loadCatalog(ctx, catalogId, readers);
  return view(ctx, catalog);
}

export async function getItem(
  ctx: Ctx,
  itemId: string,
): Promise<{ item: CatalogItem; catalog: Catalog; canEdit: boolean; parents: CatalogItem[] }> {
  const { item, catalog, path } = await loadItem(ctx, itemId, readers);
  const items = await repo.itemsOf(ctx.db, catalog.id);
  return {
    item,
    catalog,
    canEdit: holdsRoleOver(ctx.actor, editors, path),
    parents: items.filter(
      (i) => i.level < MAX_LEVEL && !subtreeOf(items, item.id).some((s) => s.id === i.id),
    ),
  };
}

export interface VersionEntry {
  version: number;
  actorLabel: string;
  changedAt: string;
  summary: string;
}

export async function listVersions(ctx: Ctx, catalogId: string): Promise<VersionEntry[]> {
  const { catalog } = await loadCatalog(ctx, catalogId, readers);
  return (await repo.versionsOf(ctx.db, catalog.id)).map((v) => ({
    version: v.version,
    actorLabel: v.actor_label,
    changedAt: v.changed_at,
    summary: v.summary,
  }));
}

const versionSchema = object({ version: integer('版本', 1, 2_147_483_647) });

/** A version number as the integer column holds it, or a 400 naming the field (never a SQL error). */
function versionOf(raw: unknown): number {
  return versionSchema.parse({ version: raw }).version;
}

/** The item tree as version `version` left it. */
export async function snapshot(ctx: Ctx, catalogId: string, version: number): Promise<SnapshotItem[]> {
  const { catalog } = await loadCatalog(ctx, catalogId, readers);
  version = versionOf(version);
  const v = await repo.findVersion(ctx.db, catalog.id, version);
  if (!v) throw ValidationError.one('version', `该目录没有第 ${version} 版`);
  return JSON.parse(v.snapshot) as SnapshotItem[];
}

/** What changed between two versions of a catalog (in either order: v1 is the earlier). */
export async function compare(ctx: Ctx, catalogId: string, v1: number, v2: number): Promise<VersionDiff> {
  await loadCatalog(ctx, catalogId, readers);
  const [x, y] = [versionOf(v1), versionOf(v2)];
  const [from, to] = x <= y ? [x, y] : [y, x];
  const a = await snapshot(ctx, catalogId, from);
  const b = await snapshot(ctx, catalogId, to);
  return compareVersions(a, b);
}

const linkSchema = object({ recordId: text('政府信息') });

/** Files a published 主动公开 record of the agency (or one below it) under an item. */
export async function linkRecord(ctx: Ctx, itemId: string, recordId: unknown): Promise<void> {
  const input = linkSchema.parse({ recordId });
  await inTransaction(ctx, async (ctx) => {
    const { item, catalog, path } = await loadItem(ctx, itemId, editors);
    const record = await records.publicView(ctx, input.recordId);
    if (!record) throw ValidationError.one('recordId', '只能关联已发布的主动公开信息');
    const recordPath = await agencies.pathOf(ctx, record.agency_id);
    if (!recordPath.startsWith(path))
      throw ValidationError.one('recordId', `“${record.title}”不是本机关或下级机关发布的信息`);
    if (await repo.findLink(ctx.db, item.id, record.id))
      throw new ConflictError(`“${record.title}”已关联到该事项`);
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
  });
}

export async function unlinkRecord(ctx: Ctx, itemId: string, recordId: string): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const { item, catalog } = await loadItem(ctx, itemId, editors);
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

export type LinkedRecord = repo.PublishedRecordRow;

/** The records filed under an item that the public can read now (a withdrawn one drops out). */
export async function publishedRecordsForItem(ctx: Ctx, itemId: string): Promise<LinkedRecord[]> {
  if (!isId(itemId)) return [];
  return repo.publishedRecordsFiled(ctx.db, { itemId });
}

/** The published records a clerk may file under items of a catalog: its agency's and below. */
export async function linkableRecords(
  ctx: Ctx,
  catalogId: string,
): Promise<Array<{ id: string; title: string }>> {
  const { path } = await loadCatalog(ctx, catalogId, editors);
  // By the agency's place in the tree (names are not unique); linkRecord checks again by id.
  return ctx.db
    .selectFrom('record as r')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .select(['r.id', 'r.title'])
    .where('r.state', '=', 'published')
    .where('a.path', 'like', `${path}%`)
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

/** The portal's index: every agency that has published a catalog, with its domains. */
export async function publicIndex(
  ctx: Ctx,
): Promise<Array<{ agencyId: string; agencyName: string; domains: string[] }>> {
  const out = new Map<string, { agencyId: string; agencyName: string; domains: string[] }>();
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
  const list = await repo.listCatalogs(ctx.db, [agency.id]);
  const items = await repo.itemsOfCatalogs(
    ctx.db,
    list.map((c) => c.id),
  );
  const catalogs = list.map((c) => ({ catalog: c, items: inTreeOrder(items.get(c.id) ?? []) }));
  return { agency, catalogs };
}

/** The portal page of one item: its columns, where it sits, and the records filed under it. */
export async function publicItem(ctx: Ctx, itemId: string) {
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

/** The catalog as a workbook in the standard layout of legal.md §5.3. */
export async function exportExcel(ctx: Ctx, catalogId: string): Promise<{ filename: string; bytes: Buffer }> {
  const v = await get(ctx, catalogId);
  const title = catalogTitle(v.agency.name, v.catalog);
  return { filename: `${title}.xlsx`, bytes: await buildWorkbook(title, v.items) };
}

/** A name path, e.g. 批准服务信息 › 申报要求: how a clerk tells an item by name. */
function namePath(
  items: ReadonlyArray<{ id: string; parentId: string | null; name: string }>,
  id: string,
): string {
  const byId = new Map(items.map((i) => [i.id, i]));
  const names: string[] = [];
  for (let it = byId.get(id); it; it = it.parentId ? byId.get(it.parentId) : undefined)
    names.unshift(it.name);
  return names.join(' › ');
}

/**
 * Why a workbook whose title row reads `title` is not a catalogue of this catalog's domain, or
 * null. The title names the domain (as an exported one does: 某县重大建设项目领域…目录).
 */
function domainMismatch(catalog: Catalog, title: string): string | null {
  const plain = (s: string) => s.replace(/\s+/g, '');
  if (plain(title).includes(plain(catalog.domainName))) return null;
  const other = [...domainTemplates, domainTemplate(VILLAGE_DOMAIN)!]
    .sort((a, b) => b.name.length - a.name.length)
    .find((d) => plain(title).includes(d.name));
  if (other)
    return `该工作簿是“${other.name}”领域的目录（标题：${title}），不能导入“${catalog.domainName}”目录，未导入任何内容`;
  return `工作簿标题“${title || '（空）'}”未写明“${catalog.domainName}”领域，不能导入本目录：请导入本领域的目录（标题行应含“${catalog.domainName}”），未导入任何内容`;
}

/**
 * Replaces a catalog's tree with a workbook's, in one transaction. An item keeps its id (so its
 * history, links and derived copies stay attached) when the workbook carries that id (exported
 * here: renamed or moved, it is still the same item), or else when an item of that name is
 * already under the same parent; the rest are added, and items absent from the workbook are
 * removed, unless records are filed under them. Any bad cell and nothing changes.
 */
export async function importExcel(
  ctx: Ctx,
  catalogId: string,
  bytes: Uint8Array,
): Promise<{ catalog: Catalog; diff: VersionDiff }> {
  const { catalog } = await loadCatalog(ctx, catalogId, editors);
  const parsed = await parseWorkbook(bytes, catalog.kind, (title) => domainMismatch(catalog, title));
  return inTransaction(ctx, async (ctx) => applyParsed(ctx, catalog, parsed.items, parsed.title));
}

async function applyParsed(
  ctx: Ctx,
  catalog: Catalog,
  rows: readonly ParsedItem[],
  title: string,
): Promise<{ catalog: Catalog; diff: VersionDiff }> {
  const wrong = domainMismatch(catalog, title);
  if (wrong) throw ValidationError.one('file', wrong);
  const before = await repo.itemsOf(ctx.db, catalog.id);
  const byId = new Map(before.map((i) => [i.id, i]));
  // By id first. A row copied in Excel carries its original's id too: the copy whose name is
  // still the item's keeps it, the others are new items.
  const claimed = new Map<string, CatalogItem>();
  const rowsWithId = new Map<string, ParsedItem[]>();
  for (const r of rows)
    if (r.id && byId.has(r.id)) rowsWithId.set(r.id, [...(rowsWithId.get(r.id) ?? []), r]);
  for (const [id, list] of rowsWithId) {
    const old = byId.get(id)!;
    claimed.set((list.find((r) => r.columns.name === old.name) ?? list[0]!).key, old);
  }
  const taken = new Set([...claimed.values()].map((i) => i.id));
  // Then, for a workbook without ids (e.g. made by hand), by name under the same parent.
  const byPlace = new Map(
    before.filter((i) => !taken.has(i.id)).map((i) => [`${i.parentId ?? ''}\u0000${i.name}`, i]),
  );
  const byKey = new Map<string, CatalogItem>();
  const after: CatalogItem[] = [];
  const counters = new Map<string | null, number>();
  for (const r of rows) {
    const parentId = r.parentKey === null ? null : byKey.get(r.parentKey)!.id;
    const position = (counters.get(parentId) ?? 0) + 1;
    counters.set(parentId, position);
    const place = `${parentId ?? ''}\u0000${r.columns.name}`;
    const old = claimed.get(r.key) ?? byPlace.get(place);
    byPlace.delete(place);
    const item: CatalogItem = {
      ...r.columns,
      id: old?.id ?? newId(),
      catalogId: catalog.id,
      parentId,
      level: r.level,
      position,
      derivedFromItemId: old?.derivedFromItemId ?? null,
    };
    byKey.set(r.key, item);
    after.push(item);
  }
  const kept = new Set(after.map((i) => i.id));
  const removed = inTreeOrder(before).filter((i) => !kept.has(i.id));
  const linked = await repo.linkedItemIds(
    ctx.db,
    removed.map((i) => i.id),
  );
  if (linked.size)
    throw ValidationError.one(
      'file',
      `以下事项已关联政府信息，不能通过导入删除：${removed
        .filter((i) => linked.has(i.id))
        .map((i) => `“${namePath(before, i.id)}”`)
        .join('、')}；请先在事项页取消关联，未导入任何内容`,
    );
  const diff = compareVersions(snapshotOf(before), snapshotOf(after));
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) return { catalog, diff };
  const saved = await commit(ctx, catalog, before, after, `从 Excel 导入：${describeDiff(diff)}`);
  await recordAudit(ctx, {
    action: 'catalog.import',
    subjectType: 'catalog',
    subjectId: catalog.id,
    agencyId: catalog.agencyId,
    after: { title, added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
  });
  for (const item of removed)
    await recordAudit(ctx, {
      action: 'catalog.itemRemove',
      subjectType: 'catalogItem',
      subjectId: item.id,
      agencyId: catalog.agencyId,
      before: {
        catalog: catalog.domainName,
        name: namePath(before, item.id),
        level: item.level,
        via: 'Excel 导入',
      },
    });
  return { catalog: saved, diff };
}

/**
 * For the command line: imports a workbook into an agency's catalog of the domain its title
 * names (or `domain`), creating the catalog when the agency has none yet.
 */
export async function importExcelForAgency(
  ctx: Ctx,
  agencyIdOrName: string,
  bytes: Uint8Array,
  domain?: string,
): Promise<{ catalog: Catalog; diff: VersionDiff; created: boolean }> {
  const agency = await agencies.resolve(ctx, agencyIdOrName);
  if (!holdsRoleOver(ctx.actor, editors, agency.path)) throw new ForbiddenError();
  const village = agency.kind === 'villageCommunity';
  const kind: CatalogKind = village ? 'village' : 'domain';
  const parsed = await parseWorkbook(bytes, kind);
  const template =
    (domain ? domainTemplate(domain) : undefined) ??
    (village
      ? domainTemplate(VILLAGE_DOMAIN)
      : [...domainTemplates]
          .sort((a, b) => b.name.length - a.name.length)
          .find((d) => parsed.title.includes(d.name)));
  if (domain && !template && !domain.startsWith('local:'))
    throw ValidationError.one('domain', `未知的领域代码“${domain}”`);
  return inTransaction(ctx, async (ctx) => {
    let catalog = template
      ? await repo.findByDomain(ctx.db, agency.id, template.code)
      : domain
        ? await repo.findByDomain(ctx.db, agency.id, domain)
        : undefined;
    let created = false;
    if (!catalog) {
      if (!template) {
        if (village) throw ValidationError.one('file', '村（社区）只能导入村（社区）事务公开目录');
        const name = parsed.title
          .replace(agency.name, '')
          .replace(/(领域)?基层政务公开标准目录$/, '')
          .trim();
        if (!name) throw ValidationError.one('file', '无法从标题行识别领域，请用 --domain 指定');
        catalog = await createCatalog(ctx, agency, {
          code: `local:${newId()}`,
          name,
          kind: 'local',
          derivedFrom: null,
        });
      } else {
        catalog = await createCatalog(ctx, agency, {
          code: template.code,
          name: template.name,
          kind,
          derivedFrom: null,
        });
      }
      created = true;
    }
    const result = await applyParsed(ctx, catalog, parsed.items, parsed.title);
    return { ...result, created };
  });
}

export { CatalogImportRefused };

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
  const scopes = scopesFor(ctx.actor, editors);
  if (scopes.length === 0) return [];
  const ancestorIds = [...new Set(scopes.flatMap((p) => p.split('/').filter(Boolean)))];
  const catalogsHere = await ctx.db
    .selectFrom('catalog as c')
    .innerJoin('agency as a', 'a.id', 'c.agency_id')
    .select(['c.id', 'c.domain_name', 'a.name as agencyName'])
    .where((eb) =>
      eb.or([
        ...(ancestorIds.length ? [eb('c.agency_id', 'in', ancestorIds)] : []),
        ...scopes.map((p) => eb('a.path', 'like', `${p}%`)),
      ]),
    )
    .orderBy('a.path')
    .orderBy('c.domain_name')
    .execute();
  const itemsOf = await repo.itemsOfCatalogs(
    ctx.db,
    catalogsHere.map((c) => c.id),
  );
  const groups: ItemChoiceGroup[] = [];
  for (const c of catalogsHere) {
    const items = inTreeOrder(itemsOf.get(c.id) ?? []);
    if (!items.length) continue;
    groups.push({
      label: `${c.agencyName} · ${c.domain_name}`,
      items: items.map((i) => ({ id: i.id, label: `${'\u3000'.repeat(i.level - 1)}${i.name}` })),
    });
  }
  return groups;
}

/**
 * On publication, files the record under the items its drafter chose. An item must belong to a
 * catalog of the record's agency or of an agency above it; anything else stops the publication
 * with a message, so nothing is filed where the public would not look for it.
 */
export async function fileOnPublication(
  ctx: Ctx,
  e: { recordId: string; agencyId: string; catalogItemIds: string[] },
): Promise<void> {
  if (!e.catalogItemIds.length) return;
  const recordPath = await agencies.pathOf(ctx, e.agencyId);
  for (const itemId of e.catalogItemIds) {
    const item = isId(itemId) ? await repo.findItem(ctx.db, itemId) : undefined;
    if (!item) throw ValidationError.one('catalogItemId', '所选目录事项已被删除，请退回修改后重新选择');
    const catalog = (await repo.findCatalog(ctx.db, item.catalogId))!;
    const catalogPath = await agencies.pathOf(ctx, catalog.agencyId);
    if (!recordPath.startsWith(catalogPath))
      throw ValidationError.one('catalogItemId', `目录事项“${item.name}”不属于本机关或上级机关的标准目录`);
    if (await repo.findLink(ctx.db, item.id, e.recordId)) continue;
    await repo.insertLink(ctx.db, {
      record_id: e.recordId,
      catalog_item_id: item.id,
      linked_by: ctx.actor.id,
      linked_at: ctx.clock.now().toISOString(),
    });
    await recordAudit(ctx, {
      action: 'catalog.link',
      subjectType: 'catalogItem',
      subjectId: item.id,
      agencyId: catalog.agencyId,
      after: { item: item.name, recordId: e.recordId },
    });
  }
}

/** The newest published records filed under any item of a domain, in every agency: the domain's feed. */
export async function publishedRecordsForDomain(
  ctx: Ctx,
  domainCode: string,
  limit = 50,
): Promise<{ domainName: string; records: LinkedRecord[] } | null> {
  const named = await ctx.db
    .selectFrom('catalog')
    .select('domain_name')
    .where('domain_code', '=', domainCode)
    .executeTakeFirst();
  if (!named) return null;
  const found = await repo.publishedRecordsFiled(ctx.db, { domainCode }, Math.max(0, Math.floor(limit)));
  return { domainName: named.domain_name, records: found };
}
