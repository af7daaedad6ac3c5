import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { agencies } from '../agencies/index.js';
import {
  catalogTitle,
  compareVersions,
  describeDiff,
  inTreeOrder,
  VILLAGE_DOMAIN,
  type Catalog,
  type CatalogItem,
  type CatalogKind,
  type VersionDiff,
} from './catalog.js';
import { loadCatalog } from './catalog-access.js';
import { commit, createCatalog, snapshotOf } from './catalog-commit.js';
import { buildWorkbook, parseWorkbook, type ParsedItem } from './catalog-excel.js';
import { assertCan } from './catalog.policy.js';
import { namePath } from './catalog.presenter.js';
import * as repo from './catalog.repository.js';
import { list, type CatalogListItem } from './catalog-staff.service.js';
import { domainTemplate, domainTemplates } from './templates/index.js';

/**
 * The catalog as the standard workbook (legal.md §5.3), out and back in. Reading the workbook is
 * catalog-excel.ts (on the platform's import kit); this file decides what a workbook read means
 * for a catalog: which rows are which items, what may be removed, and the new version.
 */

/** For the command line: an agency's catalog of a domain (by code or name) as a workbook. */
export async function exportExcelForAgency(
  ctx: Ctx,
  agencyIdOrName: string,
  domain: string,
): Promise<{ bytes: Buffer; agencyName: string; catalog: CatalogListItem }> {
  const agency = await agencies.resolve(ctx, agencyIdOrName);
  const found = (await list(ctx)).find(
    (c) => c.agencyId === agency.id && (c.domainCode === domain || c.domainName === domain),
  );
  if (!found) throw new NotFoundError(`${agency.name}没有“${domain}”目录`);
  const { bytes } = await exportExcel(ctx, found.id);
  return { bytes, agencyName: agency.name, catalog: found };
}

/** The catalog as a workbook in the standard layout of legal.md §5.3. */
export async function exportExcel(ctx: Ctx, catalogId: string): Promise<{ filename: string; bytes: Buffer }> {
  const { catalog } = await loadCatalog(ctx, catalogId, 'export');
  // agencies.get, not getPublic: a dissolved agency's catalog stays readable to its staff.
  const agency = await agencies.get(ctx, catalog.agencyId);
  const title = catalogTitle(agency.name, catalog);
  const items = inTreeOrder(await repo.itemsOf(ctx.db, catalog.id));
  return { filename: `${title}.xlsx`, bytes: await buildWorkbook(title, items) };
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
  const { catalog } = await loadCatalog(ctx, catalogId, 'import');
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
  assertCan(ctx.actor, 'import', agency);
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
