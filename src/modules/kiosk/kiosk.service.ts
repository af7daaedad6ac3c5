import { beijingDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { agencies, type Agency } from '../agencies/index.js';
import { catalogs, VILLAGE_DOMAIN, VILLAGE_DOMAIN_NAME } from '../catalog/index.js';
import { placesNear, type PublicPlace } from '../places/index.js';
import { bodyText, records } from '../records/index.js';
import {
  EXCERPT_CHARS,
  excerpt,
  ITEM_CHARS,
  noticeGenres,
  unsigned,
  type KioskContent,
  type KioskItem,
  type KioskPlace,
  type KioskRecord,
} from './kiosk.js';

/**
 * What a village screen shows (issue 16 §3), read on every request: the screens poll, and what
 * they show is public. A village or community shows its 村（社区）事务公开 items and its township's
 * 通知公告 and newest information; a township or any other agency shows its own.
 */

/** Records per list: two slides of 通知公告 and two of 最新信息 at most. */
const LIST_SIZE = 8;
/** Places nearby: one slide. */
const PLACES = 3;

/** The township (镇、街道) a village or community belongs to; any other agency is its own. */
async function townshipOf(ctx: Ctx, agency: Agency): Promise<Agency | null> {
  if (agency.kind !== 'villageCommunity' || !agency.parentId) return null;
  return agencies.getPublic(ctx, agency.parentId);
}

const shortNameOf = (a: Agency) => a.shortName ?? a.name;

/** A published record as a screen shows it, with the first lines of its text. */
async function kioskRecord(
  ctx: Ctx,
  r: { id: string; title: string; agencyName: string; publishedAt: string | null },
  max = EXCERPT_CHARS,
): Promise<KioskRecord> {
  const full = await records.publicView(ctx, r.id);
  const text = full?.summary?.trim() || unsigned(bodyText(full?.body_html ?? ''), r.agencyName);
  return {
    id: r.id,
    title: r.title,
    agencyName: r.agencyName,
    date: r.publishedAt ? beijingDate(new Date(r.publishedAt)) : '',
    excerpt: excerpt(text, max),
  };
}

/** The village's 事务公开 items (the leaves of its village catalog), each with its newest record. */
async function villageItems(ctx: Ctx, agencyId: string): Promise<KioskItem[]> {
  const out: KioskItem[] = [];
  for (const { catalog, items } of await catalogs.publishedByItem(ctx, agencyId)) {
    if (catalog.domainCode !== VILLAGE_DOMAIN) continue;
    const parents = new Set(items.map(({ item }) => item.parentId));
    for (const { item, records: under } of items) {
      if (parents.has(item.id)) continue;
      const newest = under[0];
      out.push({
        id: item.id,
        name: item.name,
        contentElements: item.contentElements,
        timeLimit: item.timeLimit,
        latest: newest ? await kioskRecord(ctx, newest, ITEM_CHARS) : null,
      });
    }
  }
  return out;
}

function kioskPlace(p: PublicPlace): KioskPlace {
  const t = p.today;
  return {
    name: p.name,
    kindLabel: p.kindLabel,
    address: p.address,
    today: t.open
      ? `今日开放 ${t.hours}${t.state.startsWith('开放中') ? '，现在开放' : t.state === '今天已结束' ? '，今日已结束' : ''}`
      : `今日不开放${t.reason ? `（${t.reason}）` : ''}`,
    phone: p.phone,
  };
}

/** The places near the agency, when the places module is installed (the screen works without it). */
async function nearbyPlaces(ctx: Ctx, agencyId: string): Promise<KioskPlace[]> {
  if (!ctx.modules.modules.some((m) => m.name === 'places')) return [];
  // The screen itself (the village's electronic 公开栏) is where the reader stands: not "nearby".
  return (await placesNear(ctx, agencyId, PLACES + 1))
    .filter((p) => !(p.electronic && p.agencyId === agencyId))
    .slice(0, PLACES)
    .map(kioskPlace);
}

/**
 * Everything the screen of an agency (by id, full name or short name) shows now. The township's
 * lists hold what the township and the agency itself published (not the other villages' posts),
 * less what the item slides already show.
 */
export async function screenContent(ctx: Ctx, idOrName: string): Promise<KioskContent> {
  const agency = await agencies.resolvePublic(ctx, idOrName);
  const township = await townshipOf(ctx, agency);
  const scope = township ?? agency;
  const items = await villageItems(ctx, agency.id);
  const shown = new Set(items.flatMap((i) => (i.latest ? [i.latest.id] : [])));
  const publishers = new Set([agency.name, scope.name]);
  const list = async (genres?: readonly string[]) => {
    const found = await records.publicList(ctx, { agencyPath: scope.path, genres, pageSize: LIST_SIZE * 3 });
    const rows = found.rows
      .filter((r) => publishers.has(r.agencyName) && !shown.has(r.id))
      .slice(0, LIST_SIZE);
    for (const r of rows) shown.add(r.id);
    return Promise.all(rows.map((r) => kioskRecord(ctx, r)));
  };
  const notices = await list(noticeGenres);
  const latest = await list();
  return {
    agency: { id: agency.id, name: agency.name, shortName: shortNameOf(agency) },
    township: township && { id: township.id, name: shortNameOf(township) },
    items,
    notices,
    latest,
    places: await nearbyPlaces(ctx, agency.id),
    generatedAt: ctx.clock.now().toISOString(),
  };
}

export interface ScreenEntry {
  id: string;
  name: string;
  /** Whether it keeps a 村（社区）事务公开 list (its screen then opens with it). */
  hasVillageCatalog: boolean;
}

/** The screens there are: every village and community, by township, in the tree's order. */
export async function screenIndex(ctx: Ctx): Promise<Array<{ township: string; screens: ScreenEntry[] }>> {
  const all = await agencies.listPublic(ctx);
  const withCatalog = new Set(
    (await catalogs.publicIndex(ctx))
      .filter((e) => e.domains.includes(VILLAGE_DOMAIN_NAME))
      .map((e) => e.agencyId),
  );
  const groups = new Map<string, ScreenEntry[]>();
  for (const a of all) {
    if (a.kind !== 'villageCommunity' || a.dissolvedAt) continue;
    const parent = all.find((p) => p.id === a.parentId);
    const key = parent ? shortNameOf(parent) : '';
    groups.set(key, [
      ...(groups.get(key) ?? []),
      { id: a.id, name: shortNameOf(a), hasVillageCatalog: withCatalog.has(a.id) },
    ]);
  }
  return [...groups].map(([township, screens]) => ({ township, screens }));
}
