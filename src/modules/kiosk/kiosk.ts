/**
 * Village screens (村（社区）宣传屏, issue 16 §3): what one screen shows, cut into slides that fit a
 * 1080p screen read from two metres. Pure: no I/O.
 */

/** 体裁 a screen shows as 通知公告: notices, announcements and the 公示 a village posts. */
export const noticeGenres = ['通知', '通告', '公告', '公示', '公示公告', '通知公告'] as const;

/** One published record as a screen shows it: a title, who published it, when, a few lines. */
export interface KioskRecord {
  id: string;
  title: string;
  agencyName: string;
  /** Beijing date, YYYY-MM-DD. */
  date: string;
  /** The first lines of the summary or the body (at most EXCERPT_CHARS characters). */
  excerpt: string;
}

/** One 村（社区）事务公开 item with what was last published under it. */
export interface KioskItem {
  id: string;
  name: string;
  /** The item's 公开内容（要素）. */
  contentElements: string;
  /** The item's 公开时限. */
  timeLimit: string;
  latest: KioskRecord | null;
}

export interface KioskPlace {
  name: string;
  kindLabel: string;
  address: string;
  /** 今日开放 as the places module words it (“今日 8:00–12:00、14:30–17:30，正在开放”). */
  today: string;
  phone: string | null;
}

/** Everything one screen shows, in the order it shows it. */
export interface KioskContent {
  agency: { id: string; name: string; shortName: string };
  /** The township whose records and notices the screen shows (the agency itself unless a village). */
  township: { id: string; name: string } | null;
  items: KioskItem[];
  notices: KioskRecord[];
  latest: KioskRecord[];
  places: KioskPlace[];
  /** When the content was read (ISO-8601 UTC). Not part of the version. */
  generatedAt: string;
}

export type Slide =
  | { kind: 'items'; title: string; items: KioskItem[] }
  | { kind: 'records'; title: string; records: KioskRecord[] }
  | { kind: 'places'; title: string; places: KioskPlace[] }
  | { kind: 'empty'; title: string };

/** How many entries one slide holds on a 1080p screen at the sizes of kiosk.css (see there). */
export const PER_SLIDE = { items: 1, records: 3, places: 3 } as const;

/** Longest excerpt kept of a record's text: about three lines at 32 px on a 1920 px screen. */
export const EXCERPT_CHARS = 90;

/**
 * Longest text of a 村务公开 item's latest post, one item to a slide: the village's accounts and
 * figures are what the screen is for, so up to about seven lines of them are shown, not three.
 */
export const ITEM_CHARS = 320;

/** The first `max` characters of a text, cut at the end of a sentence when one ends near there. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const stop = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'));
  return stop >= max / 2 ? cut.slice(0, stop + 1) : `${cut}…`;
}

/** A body's text without its closing signature (the agency, then the date: 落款): no room for it on a screen. */
export function unsigned(text: string, agencyName: string): string {
  const m = /\s*(\d{4}年\d{1,2}月\d{1,2}日)?\s*$/.exec(text);
  const body = m ? text.slice(0, m.index) : text;
  return agencyName && body.endsWith(agencyName) ? body.slice(0, -agencyName.length).trim() : text;
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A title numbered when its list takes several slides: 通知公告（2/3）. */
function numbered(title: string, i: number, n: number): string {
  return n > 1 ? `${title}（${i + 1}/${n}）` : title;
}

/**
 * The slides of a screen: the village's 事务公开 items, the township's 通知公告, its other newest
 * information, the places nearby — each list over as many slides as it needs, empty lists left
 * out, and one slide saying so when there is nothing at all.
 */
export function slidesOf(c: KioskContent): Slide[] {
  const slides: Slide[] = [];
  const own = c.agency.shortName;
  const town = c.township?.name ?? own;
  const itemPages = chunk(c.items, PER_SLIDE.items);
  itemPages.forEach((items, i) =>
    slides.push({ kind: 'items', title: numbered(`${own}事务公开`, i, itemPages.length), items }),
  );
  const noticePages = chunk(c.notices, PER_SLIDE.records);
  noticePages.forEach((records, i) =>
    slides.push({ kind: 'records', title: numbered(`${town}通知公告`, i, noticePages.length), records }),
  );
  const latestPages = chunk(c.latest, PER_SLIDE.records);
  latestPages.forEach((records, i) =>
    slides.push({ kind: 'records', title: numbered(`${town}最新信息`, i, latestPages.length), records }),
  );
  const placePages = chunk(c.places, PER_SLIDE.places);
  placePages.forEach((places, i) =>
    slides.push({
      kind: 'places',
      title: numbered('附近的公开查阅点和公开栏', i, placePages.length),
      places,
    }),
  );
  if (slides.length === 0) slides.push({ kind: 'empty', title: `${own}信息公开` });
  return slides;
}

/** Rotation and refresh periods (seconds) a screen's address may set, within sane bounds. */
export const timing = {
  rotate: { default: 15, min: 1, max: 600 },
  refresh: { default: 60, min: 1, max: 3600 },
} as const;

/** A period from the address (`?rotate=8`), or the default when absent or out of bounds. */
export function periodOf(raw: unknown, which: keyof typeof timing): number {
  const t = timing[which];
  const n = typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= t.min && n <= t.max ? n : t.default;
}
