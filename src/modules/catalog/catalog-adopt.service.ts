import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { object, text } from '../../platform/schema.js';
import { agencies, type Agency } from '../agencies/index.js';
import {
  emptyColumns,
  inTreeOrder,
  VILLAGE_DOMAIN,
  type Catalog,
  type CatalogItem,
  type ItemLevel,
} from './catalog.js';
import { agencyToCreateFor } from './catalog-access.js';
import { commit, createCatalog, creatingCatalog, reservedDomainName } from './catalog-commit.js';
import * as repo from './catalog.repository.js';
import { domainTemplate, type DomainTemplate, type TemplateNode } from './templates/index.js';

/**
 * How an agency comes to have a catalog (国办发〔2019〕54号): it adopts the starter tree of one of
 * the 26 pilot domains (a village or community: its 村（社区）事务公开 list), adds a domain of its
 * own, or, as a township, derives its catalog from the 乡级 items of an agency above it.
 */

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
 * An agency adopts the starter tree of one of the 26 pilot domains (a village or community: its
 * 村（社区）事务公开 list) as version 1 of its catalog for that domain.
 */
export async function adoptTemplate(ctx: Ctx, agencyId: string, domainCode: string): Promise<Catalog> {
  const agency = await agencyToCreateFor(ctx, agencyId);
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
  const agency = await agencyToCreateFor(ctx, agencyId);
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

/**
 * A township (乡镇、街道) takes from a catalog of an agency above it every item whose 公开层级
 * includes 乡级, with the headings above them; each copy remembers the item it came from.
 */
export async function deriveTownship(
  ctx: Ctx,
  townshipAgencyId: string,
  fromCatalogId: string,
): Promise<Catalog> {
  const township = await agencyToCreateFor(ctx, townshipAgencyId);
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
