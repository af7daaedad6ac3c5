import { beijingDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { agencies, type Agency } from '../agencies/index.js';
import { calendar, calendarDay, type WorkCalendar } from '../calendar/index.js';
import { distanceMetres, formatDistance, validLatLng, type LatLng } from './coords.js';
import {
  formatIntervals,
  formatWeekly,
  hoursOn,
  openStateAt,
  openStateLabel,
  type OpeningHours,
} from './hours.js';
import { navLinks, type NavLink } from './nav-links.js';
import {
  placeAccessibilityLabels,
  placeKindLabels,
  placeServiceLabels,
  type PlaceAccessibility,
  type PlaceKind,
  type PlaceService,
} from './places.js';
import * as repo from './places.repository.js';
import { placesSettings } from './places.settings.js';
import type { PlaceTable } from './places.tables.js';

/** A place as the public pages, the kiosk and the map show it. */
export interface PublicPlace {
  id: string;
  kind: PlaceKind;
  kindLabel: string;
  name: string;
  electronic: boolean;
  agencyId: string;
  agencyName: string;
  venue: string | null;
  address: string;
  /** WGS-84. */
  lat: number;
  lng: number;
  phone: string | null;
  services: string[];
  accessibility: string[];
  hours: string;
  followCalendar: boolean;
  /** The special arrangements from today on (the next 60 days), as written for people. */
  upcoming: string[];
  today: { date: string; hours: string; reason: string | null; open: boolean; state: string };
  nav: NavLink[];
  description: string | null;
  photos: Array<{ id: string; caption: string }>;
  /** Metres from the point the list was sorted by, when it was. */
  distance: number | null;
  distanceText: string | null;
}

const parseJson = <T>(s: string): T => JSON.parse(s) as T;

function hoursOf(row: PlaceTable): OpeningHours {
  return parseJson<OpeningHours>(row.hours);
}

/** Beijing's date and HH:MM now. */
function nowInBeijing(ctx: Ctx): { date: string; time: string } {
  const at = ctx.clock.now();
  const local = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return { date: beijingDate(at), time: local.slice(11, 16) };
}

function present(
  ctx: Ctx,
  row: repo.PlaceRow,
  cal: WorkCalendar,
  photos: Array<{ id: string; caption: string }>,
  from: LatLng | null,
): PublicPlace {
  const h = hoursOf(row);
  const now = nowInBeijing(ctx);
  const day = hoursOn(h, now.date, calendarDay(cal, now.date));
  const s = placesSettings.of(ctx);
  const upcomingEnd = new Date(Date.parse(`${now.date}T00:00:00Z`) + 60 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const distance = from ? distanceMetres(from, row) : null;
  return {
    id: row.id,
    kind: row.kind as PlaceKind,
    kindLabel: row.electronic
      ? `${placeKindLabels[row.kind as PlaceKind]}（电子屏）`
      : placeKindLabels[row.kind as PlaceKind],
    name: row.name,
    electronic: row.electronic === 1,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    venue: row.venue,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    phone: row.phone,
    services: parseJson<PlaceService[]>(row.services).map((x) => placeServiceLabels[x]),
    accessibility: parseJson<PlaceAccessibility[]>(row.accessibility).map((x) => placeAccessibilityLabels[x]),
    hours: formatWeekly(h.weekly),
    followCalendar: h.followCalendar,
    upcoming: h.exceptions
      .filter((e) => e.to >= now.date && e.from <= upcomingEnd)
      .map(
        (e) =>
          `${e.from === e.to ? e.from : `${e.from} 至 ${e.to}`} ${e.intervals.length ? formatIntervals(e.intervals) : '不开放'}${e.note ? `（${e.note}）` : ''}`,
      ),
    today: {
      date: now.date,
      hours: formatIntervals(day.intervals),
      reason: day.reason,
      open: day.intervals.length > 0,
      state: openStateLabel(openStateAt(day, now.time)),
    },
    nav: navLinks(row, { tencentKey: s.tencentKey }),
    description: row.description,
    photos,
    distance,
    distanceText: distance === null ? null : formatDistance(distance),
  };
}

async function presentAll(ctx: Ctx, rows: repo.PlaceRow[], from: LatLng | null): Promise<PublicPlace[]> {
  const cal = await calendar.load(ctx);
  const photos = new Map<string, Array<{ id: string; caption: string }>>();
  for (const p of await repo.photosOf(
    ctx.db,
    rows.map((r) => r.id),
  )) {
    const list = photos.get(p.place_id) ?? [];
    list.push({ id: p.id, caption: p.caption });
    photos.set(p.place_id, list);
  }
  const out = rows.map((r) => present(ctx, r, cal, photos.get(r.id) ?? [], from));
  if (from) out.sort((a, b) => a.distance! - b.distance!);
  return out;
}

/**
 * 天地图 tiles, when the site has both a key and the 审图号 to print with them (地图管理条例第二十二条:
 * a public map shows its 审图号); with either missing, the schematic view.
 */
export function tiandituBasemap(ctx: Ctx): { kind: 'tianditu'; key: string; reviewNumber: string } | null {
  const s = placesSettings.of(ctx);
  return s.tiandituKey && s.reviewNumber
    ? { kind: 'tianditu', key: s.tiandituKey, reviewNumber: s.reviewNumber }
    : null;
}

/** `lat,lng` from a query string (the "离我最近" button), or null when absent or not a point. */
export function parseNear(raw: string | undefined): LatLng | null {
  const m = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(raw ?? '');
  if (!m) return null;
  const p = { lat: Number(m[1]), lng: Number(m[2]) };
  return validLatLng(p) ? p : null;
}

export interface PublicListQuery {
  agency?: string | undefined;
  kind?: string | undefined;
  near?: string | undefined;
}

/** The public list and map: a subtree's open places (the whole city by default), nearest first when asked. */
export async function publicList(ctx: Ctx, q: PublicListQuery) {
  const root = await agencies.root(ctx);
  let agency: Agency | undefined = root;
  if (q.agency) {
    try {
      agency = await agencies.getPublic(ctx, q.agency);
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
  const near = parseNear(q.near);
  let rows = await repo.listOpen(ctx.db, agency?.path ?? null);
  const kind = q.kind && q.kind in placeKindLabels ? (q.kind as PlaceKind) : null;
  if (kind) rows = rows.filter((r) => r.kind === kind);
  const places = await presentAll(ctx, rows, near);
  // Agencies that have places, for the filter: the towns and departments people look for.
  // Agencies that have places, and those above them.
  const all = await repo.listOpen(ctx.db, null);
  const list = (await agencies.listPublic(ctx)).filter((a) =>
    all.some((r) => r.agency_path.startsWith(a.path)),
  );
  return {
    agency: agency ? { id: agency.id, name: agency.name } : null,
    rootId: root?.id ?? null,
    agencies: list,
    kind,
    near,
    places,
    counts: Object.fromEntries(
      (Object.keys(placeKindLabels) as PlaceKind[]).map((k) => [
        k,
        places.filter((p) => p.kind === k).length,
      ]),
    ) as Record<PlaceKind, number>,
    basemap: tiandituBasemap(ctx) ?? { kind: 'schematic' as const },
  };
}
export type PlacesPage = Awaited<ReturnType<typeof publicList>>;

export async function publicPlace(ctx: Ctx, id: string): Promise<PublicPlace> {
  const row = await repo.find(ctx.db, id);
  if (!row || row.status !== 'open') throw new NotFoundError('没有找到这个地点，可能已撤销');
  return (await presentAll(ctx, [row], null))[0]!;
}

/**
 * The places near an agency for a village screen (kiosk): its own and those of its township's
 * subtree, nearest to its own first place first (by name when it has none).
 */
export async function placesNear(ctx: Ctx, agencyId: string, limit = 6): Promise<PublicPlace[]> {
  const agency = await agencies.getPublic(ctx, agencyId);
  // A village's or a community's neighbourhood is its township's.
  const parent =
    agency.kind === 'villageCommunity' ? agency.path.split('/').filter(Boolean).slice(0, -1) : [];
  const scopePath = parent.length ? `/${parent.join('/')}/` : agency.path;
  const rows = await repo.listOpen(ctx.db, scopePath);
  const own = rows.find((r) => r.agency_id === agency.id);
  const list = await presentAll(ctx, rows, own ? { lat: own.lat, lng: own.lng } : null);
  return list.slice(0, limit);
}

export async function photoFile(ctx: Ctx, id: string) {
  const f = await repo.photo(ctx.db, id);
  if (!f || f.status !== 'open') throw new NotFoundError('没有找到这张照片');
  return { mediaType: f.media_type, content: Buffer.from(f.content) };
}
