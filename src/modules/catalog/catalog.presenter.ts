import {
  catalogKindLabels,
  columnKeys,
  columnLabels,
  type Catalog,
  type ItemColumns,
  type SnapshotItem,
  type VersionDiff,
} from './catalog.js';

/**
 * How a catalog reads on a page, the same for the portal and the back office (a catalog holds no
 * personal data, so nothing is masked): cells as the published catalogue writes them, names
 * indented or joined into a path, a change described as a clerk would say it.
 */

/** What a cell of the catalogue shows for a column: several choices joined with 、. */
export function cellText(item: ItemColumns, key: keyof ItemColumns): string {
  const v = item[key];
  if (Array.isArray(v)) return v.join('、');
  return v ?? '';
}

/** The columns after the name, as the catalogue heads them. */
export const detailColumns = columnKeys.filter((k) => k !== 'name');

/** An item's name indented by its level with ideographic spaces (for a select's options). */
export function indentedName(item: { level: number; name: string }): string {
  return `${'\u3000'.repeat(item.level - 1)}${item.name}`;
}

/** A name path, e.g. 批准服务信息 › 申报要求: how a clerk tells an item by name. */
export function namePath(
  items: ReadonlyArray<{ id: string; parentId: string | null; name: string }>,
  id: string,
): string {
  const byId = new Map(items.map((i) => [i.id, i]));
  const names: string[] = [];
  for (let it = byId.get(id); it; it = it.parentId ? byId.get(it.parentId) : undefined)
    names.unshift(it.name);
  return names.join(' › ');
}

/** The kind of a catalog, noting one derived from an agency above. */
export function catalogKindText(c: Pick<Catalog, 'kind' | 'derivedFromCatalogId'>): string {
  return `${catalogKindLabels[c.kind]}${c.derivedFromCatalogId ? '（派生）' : ''}`;
}

/** What an import did, for the message after it. */
export function importOutcome(diff: VersionDiff): string {
  const changes = [
    diff.added.length ? `新增 ${diff.added.length} 项` : '',
    diff.removed.length ? `删除 ${diff.removed.length} 项` : '',
    diff.changed.length ? `修改 ${diff.changed.length} 项` : '',
  ].filter(Boolean);
  return changes.length ? `已导入：${changes.join('，')}` : '已导入：与现有目录相同，无变化';
}

/**
 * How many problems a refused workbook has: the refusal lists the first hundred and ends with
 * “另有 N 处问题未列出” for the rest.
 */
export function problemCount(listed: ReadonlyArray<{ message: string }>): number {
  const rest = /^另有 (\d+) 处问题未列出$/.exec(listed.at(-1)?.message ?? '');
  return rest ? listed.length - 1 + Number(rest[1]) : listed.length;
}

export interface ChangedCell {
  item: SnapshotItem;
  /** The first changed column of its item (the row that names the item). */
  first: boolean;
  column: string;
  before: string;
  after: string;
}

const keyOfLabel = new Map(columnKeys.map((k) => [columnLabels[k], k]));

/** The changed items of a comparison, one row per changed column with the cell before and after. */
export function changedCells(diff: VersionDiff): ChangedCell[] {
  return diff.changed.flatMap((ch) =>
    ch.columns.map((column, n) => {
      // 上级事项 and 排列顺序 are changes of place, not of a cell.
      const key = keyOfLabel.get(column);
      return {
        item: ch.after,
        first: n === 0,
        column,
        before: key ? cellText(ch.before, key) : '',
        after: key ? cellText(ch.after, key) : '',
      };
    }),
  );
}
