import type { Ctx } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { agencies, type Agency } from '../agencies/index.js';
import { annualReports, type PublishedEntry } from '../annual-report/index.js';
import { catalogs, domainTemplates, type PublishedByItem } from '../catalog/index.js';
import { records, type PublicListItem } from '../records/index.js';
import {
  comingEntries,
  disclosureRuleGenres,
  interpretationGenres,
  linkLevels,
  policyDocumentGenres,
  websiteRuleGenres,
  type LinkLevel,
  type PortalColumnEntry,
  type PortalLink,
} from './portal.js';

/**
 * The portal's page models: the home page, the 标准化规范化专栏 and its five columns, the 网站地图.
 * Everything shown is public; the services asked (agencies, records, catalogs, annual reports)
 * read only what the public may read.
 */

declare module '../../platform/module.js' {
  interface ModuleExtensions {
    /** Services a module adds to the 专栏's 便民化 or 信息化 column (portal.ts PortalColumnEntry). */
    portalColumnEntries?: readonly PortalColumnEntry[];
  }
}

async function siteRoot(ctx: Ctx): Promise<Agency> {
  const root = await agencies.root(ctx);
  if (!root) throw new NotFoundError('尚未设立机构');
  return root;
}

export interface HomePage {
  root: Agency | null;
  latest: PublicListItem[];
  policies: PublicListItem[];
  interpretations: PublicListItem[];
  reports: PublishedEntry[];
  /** Reports published before the platform, as recorded (年报检查). */
  reportsBefore: Array<{ year: number; name: string }>;
  agencyCount: number;
}

/** The home page: the newest information, 政策文件, 政策解读, the 年报, and the way to apply. */
export async function homePage(ctx: Ctx): Promise<HomePage> {
  const root = (await agencies.root(ctx)) ?? null;
  const all = await agencies.listPublic(ctx);
  if (!root)
    return {
      root,
      latest: [],
      policies: [],
      interpretations: [],
      reports: [],
      reportsBefore: [],
      agencyCount: 0,
    };
  const list = async (genres?: readonly string[], pageSize = 8) =>
    (await records.publicList(ctx, { agencyPath: root.path, genres, pageSize })).rows;
  const reports = await annualReports.portalList(ctx, root.id);
  return {
    root,
    latest: await list(undefined, 10),
    policies: await list(policyDocumentGenres),
    interpretations: await list(interpretationGenres, 6),
    reports: reports.published,
    reportsBefore: reports.before,
    agencyCount: all.length,
  };
}

export interface LeveledGroup {
  level: LinkLevel;
  links: PortalLink[];
  records: PublicListItem[];
}

/** Groups configured links, and the own level's records, by level from the top; empty levels are left out. */
function byLevel(links: readonly PortalLink[], own: PublicListItem[]): LeveledGroup[] {
  return linkLevels
    .map((level) => ({
      level,
      links: links.filter((l) => l.level === level),
      records: level === '本级' ? own : [],
    }))
    .filter((g) => g.links.length || g.records.length);
}

/**
 * 制度化: the disclosure, website and new-media rules of the national, provincial, city and own
 * levels — the levels above as configured links, the own level as its published records.
 */
export async function rulesColumn(
  ctx: Ctx,
  links: readonly PortalLink[],
): Promise<{ root: Agency; groups: LeveledGroup[] }> {
  const root = await siteRoot(ctx);
  const own = await records.publicList(ctx, {
    agencyPath: root.path,
    genres: [...disclosureRuleGenres, ...websiteRuleGenres],
    pageSize: 100,
  });
  return { root, groups: byLevel(links, own.rows) };
}

export interface StandardsColumn {
  root: Agency;
  guides: LeveledGroup[];
  /** The 26 pilot domains' 标准指引, by the State Council department that issued each. */
  domainGuides: Array<{ code: string; name: string; ministry: string }>;
  /** The site's own catalogs: the pilot domains adopted, then its own (the “26+10”). */
  ownCatalogs: Array<{ id: string; name: string; kind: string; items: number }>;
  /** Townships (镇、街道) with catalogs of their own, and their domains. */
  townships: Array<{ agencyId: string; agencyName: string; domains: string[] }>;
}

/** 标准化: the guidelines, the “26+10” catalogs of the site's own level, the townships' catalogs. */
export async function standardsColumn(ctx: Ctx, links: readonly PortalLink[]): Promise<StandardsColumn> {
  const root = await siteRoot(ctx);
  const own = await catalogs.publicCatalogs(ctx, root.id);
  const townshipIds = new Set(
    (await agencies.listPublic(ctx)).filter((a) => a.kind === 'townshipStreet').map((a) => a.id),
  );
  const index = await catalogs.publicIndex(ctx);
  return {
    root,
    guides: byLevel(links, []),
    domainGuides: domainTemplates.map((d) => ({ code: d.code, name: d.name, ministry: d.ministry })),
    ownCatalogs: own.catalogs.map(({ catalog, items }) => ({
      id: catalog.id,
      name: catalog.domainName,
      kind: catalog.kind,
      items: items.length,
    })),
    townships: index.filter((e) => townshipIds.has(e.agencyId)),
  };
}

/** 规范化: every catalog of the site's own level, each item with the information published under it. */
export async function normsColumn(
  ctx: Ctx,
  domainCode?: string,
): Promise<{ root: Agency; catalogs: PublishedByItem[]; selected: PublishedByItem | null }> {
  const root = await siteRoot(ctx);
  const list = await catalogs.publishedByItem(ctx, root.id);
  const selected = domainCode ? (list.find((c) => c.catalog.domainCode === domainCode) ?? null) : null;
  if (domainCode && !selected) throw new NotFoundError('本级没有这个领域的标准目录');
  return { root, catalogs: list, selected };
}

/**
 * 便民化 or 信息化: what the installed modules offer there, what the platform already offers, and
 * what is still coming — never an empty column.
 */
export function serviceColumn(
  ctx: Ctx,
  column: 'convenience' | 'digital',
): { entries: PortalColumnEntry[]; coming: Array<{ title: string; text: string }> } {
  const added = ctx.modules
    .extensions('portalColumnEntries')
    .flat()
    .filter((e) => e.column === column);
  const builtIn: PortalColumnEntry[] =
    column === 'convenience'
      ? [
          { column, title: '依申请公开', href: '/apply', text: '在线提交政府信息公开申请。' },
          {
            column,
            title: '办理进度查询',
            href: '/cases',
            text: '凭受理编号和查询码查看申请的办理进度和答复。',
          },
        ]
      : [
          {
            column,
            title: '政府信息检索',
            href: '/search',
            text: '按标题、正文、文号、索引号检索主动公开的政府信息。',
          },
          { column, title: '信息订阅', href: '/xxgk', text: '按机构和按领域订阅新发布的政府信息（Atom）。' },
        ];
  const taken = new Set(added.map((e) => e.title));
  return {
    entries: [...builtIn, ...added],
    coming: comingEntries[column].filter((c) => !taken.has(c.title)),
  };
}

/** The 网站地图: the site's sections, each agency's 政府信息公开 column, the 专栏. */
export async function sitemap(ctx: Ctx): Promise<{ root: Agency | null; agencies: Agency[] }> {
  const all = await agencies.listPublic(ctx);
  return { root: (await agencies.root(ctx)) ?? null, agencies: all.filter((a) => !a.dissolvedAt) };
}

/** A list page of the home page's 政策文件 or 政策解读: the site's records of those 体裁, newest first. */
export async function genreList(
  ctx: Ctx,
  genres: readonly string[],
  page: number,
  pageSize = 20,
): Promise<{ total: number; rows: PublicListItem[] }> {
  const root = await agencies.root(ctx);
  return records.publicList(ctx, { agencyPath: root?.path, genres, page, pageSize });
}

/** Who runs the site (the top agency), for the 隐私声明's contact. */
export async function siteOwner(ctx: Ctx): Promise<Agency | null> {
  return (await agencies.root(ctx)) ?? null;
}
