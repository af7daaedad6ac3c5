import type { FieldError } from '../../platform/errors.js';

/**
 * 基层政务公开标准目录 (国办发〔2019〕54号; legal.md §5): the columns of a catalog item as published
 * (§5.3), their rules, the item tree and the comparison of two versions. Pure: no I/O.
 */

// The starter trees of the 26 domains are data, in templates/ (one file per domain); they import
// the column types below, and this file imports none of them.

export const catalogKinds = ['domain', 'local', 'village'] as const;
export type CatalogKind = (typeof catalogKinds)[number];
export const catalogKindLabels: Record<CatalogKind, string> = {
  domain: '试点领域',
  local: '本地增设领域',
  village: '村（社区）事务公开',
};

/** The domain code of the 村（社区）事务公开 list of a village or community. */
export const VILLAGE_DOMAIN = 'village';
export const VILLAGE_DOMAIN_NAME = '村（社区）事务公开';

export type ItemLevel = 1 | 2 | 3;
export const MAX_LEVEL: ItemLevel = 3;
export const itemLevelLabels: Record<ItemLevel, string> = { 1: '一级事项', 2: '二级事项', 3: '三级事项' };

/** 公开渠道和载体 as the published catalogues list them (legal.md §5.3), in their usual order. */
export const disclosureChannels = [
  '政府网站',
  '政府公报',
  '两微一端',
  '发布会/听证会',
  '广播电视',
  '纸质媒体',
  '公开查阅点',
  '政务服务中心',
  '便民服务站',
  '入户/现场',
  '社区/企事业单位/村公示栏（电子屏）',
  '精准推送',
  '其他',
] as const;
export type Channel = (typeof disclosureChannels)[number];

export const audiences = ['全社会', '特定群众'] as const;
export type Audience = (typeof audiences)[number];
export const methods = ['主动', '依申请'] as const;
export type Method = (typeof methods)[number];
export const disclosureTiers = ['县级', '乡级'] as const;
export type Tier = (typeof disclosureTiers)[number];
export const itemTypes = ['政务服务事项', '非政务服务事项'] as const;
export type ItemType = (typeof itemTypes)[number];
/** The “五公开”: 决策、执行、管理、服务、结果. */
export const processes = ['决策', '执行', '管理', '服务', '结果'] as const;
export type Process = (typeof processes)[number];

/** 条例第二十六条: within 20 working days of being formed or changed, unless a law says otherwise. */
export const DEFAULT_TIME_LIMIT = '信息形成（或者变更）之日起20个工作日内';

export interface ItemColumns {
  name: string;
  contentElements: string;
  basis: string;
  timeLimit: string;
  subject: string;
  channels: Channel[];
  audience: Audience | null;
  method: Method | null;
  tiers: Tier[];
  itemType: ItemType | null;
  process: Process | null;
}

export const columnKeys = [
  'name',
  'contentElements',
  'basis',
  'timeLimit',
  'subject',
  'channels',
  'audience',
  'method',
  'tiers',
  'itemType',
  'process',
] as const satisfies ReadonlyArray<keyof ItemColumns>;

export const columnLabels: Record<keyof ItemColumns, string> = {
  name: '事项名称',
  contentElements: '公开内容（要素）',
  basis: '公开依据',
  timeLimit: '公开时限',
  subject: '公开主体',
  channels: '公开渠道和载体',
  audience: '公开对象',
  method: '公开方式',
  tiers: '公开层级',
  itemType: '事项类型',
  process: '过程',
};

export interface CatalogItem extends ItemColumns {
  id: string;
  catalogId: string;
  parentId: string | null;
  level: ItemLevel;
  position: number;
  derivedFromItemId: string | null;
}

export interface Catalog {
  id: string;
  agencyId: string;
  domainCode: string;
  domainName: string;
  kind: CatalogKind;
  version: number;
  derivedFromCatalogId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One item as a version keeps it. */
export type SnapshotItem = Omit<CatalogItem, 'catalogId'>;

/** The columns of an item that says nothing yet beyond its name (a heading, a new template node). */
export const emptyColumns: Omit<ItemColumns, 'name'> = {
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

const textLimits: Record<'name' | 'contentElements' | 'basis' | 'timeLimit' | 'subject', number> = {
  name: 100,
  contentElements: 2000,
  basis: 2000,
  timeLimit: 200,
  subject: 200,
};

/** A multi-choice value as a form (one string or many), a workbook or JSON gives it. */
function listOf(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const parts = Array.isArray(raw) ? raw : [raw];
  return parts
    .flatMap((p) => (typeof p === 'string' ? p.split(/[、,，;；\n]+/) : []))
    .map((s) => s.trim())
    .filter(Boolean);
}

function textOf(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number') return String(raw);
  return undefined;
}

const methodAliases: Record<string, Method> = { 依申请公开: '依申请' };
const audienceAliases: Record<string, Audience> = { 特定群体: '特定群众' };

/**
 * Reads and checks the columns of an item of `level` in a catalog of `kind`. The 一级事项 of a
 * published catalogue is often only a heading over its 二级事项, so only its name is required;
 * 二级 and 三级事项 carry every minimum element of 54号 (名称、内容、依据、时限、主体、方式、渠道、
 * 对象) and their 公开层级 (a village's own list has none). Every problem is returned, each
 * naming its field.
 */
export function readColumns(
  raw: Record<string, unknown>,
  level: number,
  kind: CatalogKind,
): { columns: ItemColumns; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const full = level >= 2;
  const text = (key: keyof typeof textLimits, required: boolean): string => {
    const v = textOf(raw[key]);
    const label = columnLabels[key];
    if (v === undefined) {
      errors.push({ field: key, message: `${label}格式不正确，应为文字` });
      return '';
    }
    if (required && v === '') errors.push({ field: key, message: `请填写${label}` });
    else if ([...v].length > textLimits[key])
      errors.push({ field: key, message: `${label}不能超过 ${textLimits[key]} 个字符` });
    return v;
  };
  const choice = <V extends string>(
    key: 'audience' | 'method' | 'itemType' | 'process',
    values: readonly V[],
    required: boolean,
    aliases: Record<string, V> = {},
  ): V | null => {
    const v = textOf(raw[key]);
    const label = columnLabels[key];
    if (v === undefined || v === '') {
      if (required) errors.push({ field: key, message: `请选择${label}（${values.join('或')}）` });
      return null;
    }
    const found = values.find((x) => x === v) ?? aliases[v];
    if (!found) {
      errors.push({
        field: key,
        message: `${label}应为${values.map((x) => `“${x}”`).join('或')}，不能是“${v}”`,
      });
      return null;
    }
    return found;
  };
  const set = <V extends string>(key: 'channels' | 'tiers', values: readonly V[], required: boolean): V[] => {
    const label = columnLabels[key];
    const given = listOf(raw[key]);
    const unknown = given.filter((g) => !values.includes(g as V));
    if (unknown.length)
      errors.push({
        field: key,
        message: `“${unknown.join('、')}”不是标准的${label}，应为${values.join('、')}中的一项或几项`,
      });
    const chosen = values.filter((v) => given.includes(v));
    if (required && chosen.length === 0 && unknown.length === 0)
      errors.push({ field: key, message: `请至少选择一项${label}` });
    return chosen;
  };
  const columns: ItemColumns = {
    name: text('name', true),
    contentElements: text('contentElements', full),
    basis: text('basis', full),
    timeLimit: text('timeLimit', full),
    subject: text('subject', full),
    channels: set('channels', disclosureChannels, full),
    audience: choice('audience', audiences, full, audienceAliases),
    method: choice('method', methods, full, methodAliases),
    tiers: set('tiers', disclosureTiers, full && kind !== 'village'),
    itemType: choice('itemType', itemTypes, false),
    process: choice('process', processes, false),
  };
  return { columns, errors };
}

/** Items in reading order: each item followed by its subtree, siblings by position. */
export function inTreeOrder<T extends { id: string; parentId: string | null; position: number }>(
  items: readonly T[],
): T[] {
  const children = new Map<string | null, T[]>();
  for (const it of items) {
    const list = children.get(it.parentId) ?? [];
    list.push(it);
    children.set(it.parentId, list);
  }
  for (const list of children.values())
    list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const out: T[] = [];
  const walk = (parent: string | null) => {
    for (const c of children.get(parent) ?? []) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}

/** The item and everything under it. */
export function subtreeOf<T extends { id: string; parentId: string | null }>(
  items: readonly T[],
  id: string,
): T[] {
  const out: T[] = [];
  const add = (pid: string) => {
    for (const it of items)
      if (it.parentId === pid) {
        out.push(it);
        add(it.id);
      }
  };
  const self = items.find((i) => i.id === id);
  if (self) out.push(self);
  add(id);
  return out;
}

/**
 * Why a tree is not a lawful catalog, or null: every parent in the tree, a 一级事项 has none,
 * a child is one level below its parent, nothing below 三级事项, siblings numbered 1..n and
 * named differently (a name is how a clerk, and a workbook, tells them apart).
 */
export function treeProblem(
  items: ReadonlyArray<{
    id: string;
    parentId: string | null;
    level: number;
    position: number;
    name: string;
  }>,
): string | null {
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const it of items) {
    if (it.level < 1 || it.level > MAX_LEVEL) return `“${it.name}”的层级应为一级、二级或三级事项`;
    if (it.parentId === null) {
      if (it.level !== 1) return `“${it.name}”没有上级事项，应为一级事项`;
      continue;
    }
    const parent = byId.get(it.parentId);
    if (!parent) return `“${it.name}”的上级事项不在本目录中`;
    if (it.level !== parent.level + 1)
      return `“${it.name}”应比上级事项“${parent.name}”低一级（${itemLevelLabels[(parent.level + 1) as ItemLevel] ?? '超过三级'}）`;
  }
  const groups = new Map<string | null, typeof items>();
  for (const it of items) groups.set(it.parentId, [...(groups.get(it.parentId) ?? []), it]);
  for (const list of groups.values()) {
    const positions = list.map((i) => i.position).sort((a, b) => a - b);
    if (positions.some((p, i) => p !== i + 1)) return '同一上级下的事项序号应从 1 起连续编排';
    const names = new Set<string>();
    for (const it of list) {
      if (names.has(it.name)) return `同一上级事项下已有名为“${it.name}”的事项`;
      names.add(it.name);
    }
  }
  return null;
}

export interface ItemChange {
  before: SnapshotItem;
  after: SnapshotItem;
  /** The changed columns, by their Chinese header. */
  columns: string[];
}

export interface VersionDiff {
  added: SnapshotItem[];
  removed: SnapshotItem[];
  changed: ItemChange[];
}

function sameColumn(a: ItemColumns, b: ItemColumns, key: keyof ItemColumns): boolean {
  const x = a[key];
  const y = b[key];
  if (Array.isArray(x) && Array.isArray(y)) return x.join('|') === y.join('|');
  return x === y;
}

/** Each item's rank among the siblings it has in both versions: a move of one shifts no other. */
function ranksAmongKept(items: readonly SnapshotItem[], kept: ReadonlySet<string>): Map<string, number> {
  const ranks = new Map<string, number>();
  const byParent = new Map<string | null, SnapshotItem[]>();
  for (const it of items)
    if (kept.has(it.id)) byParent.set(it.parentId, [...(byParent.get(it.parentId) ?? []), it]);
  for (const list of byParent.values())
    list.sort((a, b) => a.position - b.position).forEach((it, i) => ranks.set(it.id, i));
  return ranks;
}

/**
 * What changed from version `a` to version `b`: items added, removed, and changed with the
 * columns named as the catalogue heads them. Items are matched by id, which edits, moves and
 * workbook imports keep.
 */
export function compareVersions(a: readonly SnapshotItem[], b: readonly SnapshotItem[]): VersionDiff {
  const before = new Map(a.map((i) => [i.id, i]));
  const after = new Map(b.map((i) => [i.id, i]));
  const kept = new Set(
    a.filter((i) => after.has(i.id) && after.get(i.id)!.parentId === i.parentId).map((i) => i.id),
  );
  const rankA = ranksAmongKept(a, kept);
  const rankB = ranksAmongKept(b, kept);
  const changed: ItemChange[] = [];
  for (const item of inTreeOrder(b)) {
    const old = before.get(item.id);
    if (!old) continue;
    const columns = columnKeys.filter((k) => !sameColumn(old, item, k)).map((k) => columnLabels[k]);
    if (old.parentId !== item.parentId) columns.push('上级事项');
    else if (rankA.get(item.id) !== rankB.get(item.id)) columns.push('排列顺序');
    if (columns.length) changed.push({ before: old, after: item, columns });
  }
  return {
    added: inTreeOrder(b).filter((i) => !before.has(i.id)),
    removed: inTreeOrder(a).filter((i) => !after.has(i.id)),
    changed,
  };
}

export function describeDiff(d: VersionDiff): string {
  const parts = [
    d.added.length ? `新增 ${d.added.length} 项` : '',
    d.removed.length ? `删除 ${d.removed.length} 项` : '',
    d.changed.length ? `修改 ${d.changed.length} 项` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('，') : '无变化';
}

/** The title a published catalogue carries, as on its workbook. */
export function catalogTitle(agencyName: string, c: { kind: CatalogKind; domainName: string }): string {
  if (c.kind === 'village') return `${agencyName}${c.domainName}目录`;
  return `${agencyName}${c.domainName}领域基层政务公开标准目录`;
}
