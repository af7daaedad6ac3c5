import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { integer, object, optional } from '../../platform/schema.js';
import {
  columnKeys,
  columnLabels,
  itemLevelLabels,
  MAX_LEVEL,
  readColumns,
  subtreeOf,
  type CatalogItem,
  type CatalogKind,
  type ItemColumns,
  type ItemLevel,
} from './catalog.js';
import { loadCatalog, loadItem } from './catalog-access.js';
import { auditItem, commit } from './catalog-commit.js';
import * as repo from './catalog.repository.js';

/**
 * Editing a catalog's tree (legal.md §5.3): an item is added, changed, moved or removed; each edit
 * is a new version of the whole tree, audited in its transaction.
 */

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

/** A new item at the end of its parent's children (a 一级事项 when no parent is given). */
export async function addItem(ctx: Ctx, catalogId: string, raw: unknown): Promise<CatalogItem> {
  return inTransaction(ctx, async (ctx) => {
    const { catalog } = await loadCatalog(ctx, catalogId, 'edit');
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
    const { item, catalog } = await loadItem(ctx, itemId, 'edit');
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
    const { item, catalog } = await loadItem(ctx, itemId, 'edit');
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

/** Removes an item and everything under it, with their links to records; returns the item removed. */
export async function removeItem(ctx: Ctx, itemId: string): Promise<CatalogItem> {
  return inTransaction(ctx, async (ctx) => {
    const { item, catalog } = await loadItem(ctx, itemId, 'edit');
    const before = await repo.itemsOf(ctx.db, catalog.id);
    const gone = new Set(subtreeOf(before, item.id).map((i) => i.id));
    const after = before.filter((i) => !gone.has(i.id)).map((i) => ({ ...i }));
    renumber(after, item.parentId);
    const extra = gone.size > 1 ? `及其下级事项 ${gone.size - 1} 项` : '';
    await commit(ctx, catalog, before, after, `删除“${item.name}”${extra}`);
    await auditItem(ctx, catalog, 'catalog.itemRemove', item, { name: item.name, removed: gone.size }, null);
    return item;
  });
}
