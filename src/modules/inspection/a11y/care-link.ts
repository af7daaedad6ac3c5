// Which link of a page switches on its care (关怀/长辈/适老) mode. Shared by the browser engine
// (candidates read in the rendered page) and the static engine (candidates read with cheerio).

/** A link or button of a page whose name mentions a care mode. */
export interface CareLinkCandidate {
  /** The accessible name as shown (text, or aria-label / title / image alt), whitespace collapsed. */
  text: string;
  /** The absolute http(s) address it leads to without its fragment, or null (`javascript:`, `#`, a button). */
  url: string | null;
  /** Position among the page's `a, button, [role=button], [role=link]` elements, for the browser to click. */
  index: number;
}

export interface CareLink extends CareLinkCandidate {
  /** The page the link was found on. */
  foundOn: string;
}

/** Names that switch a care mode on. */
const CARE_NAME = /关怀模式|关怀版|长辈版|长者模式|适老|老年|大字版/;
/** 无障碍 counts only when it leads to a page or mode, not a toolbar script. */
const ACCESSIBLE_NAME = /无障碍/;
/** Names that switch it off or talk about it (退出关怀模式, 关闭适老版 …). */
const OFF_NAME = /退出|关闭|返回|取消|标准版|普通版|常规版/;
/** A switch is a short label; a longer text is a headline that mentions the subject (推进适老化改造…). */
const MAX_NAME_LENGTH = 12;

/** Loose pre-filter for the page side: names worth handing to `pickCareLink`. */
export const CARE_NAME_HINT = /关怀|长辈|长者|适老|老年|大字|无障碍/;

/** Collapses whitespace. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The absolute http(s) address an `href` leads to (fragment dropped), or null for scripts and in-page anchors. */
export function linkTarget(href: string | null | undefined, base: string): string | null {
  if (href == null) return null;
  const raw = href.trim();
  if (raw === '' || raw.startsWith('#') || /^javascript:/i.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.href;
}

/** Whether `text` names a care-mode switch (and what kind), or null. */
export function careNameKind(text: string): 'care' | 'accessible' | null {
  const name = collapse(text);
  if (name === '' || name.length > MAX_NAME_LENGTH || OFF_NAME.test(name)) return null;
  if (CARE_NAME.test(name)) return 'care';
  if (ACCESSIBLE_NAME.test(name)) return 'accessible';
  return null;
}

/**
 * The care-mode switch among a page's candidates: the first 关怀模式/长辈版/适老… link or button,
 * else the first 无障碍 link that leads to another page (not a script, not the page itself, not
 * a .js file).
 */
export function pickCareLink(candidates: readonly CareLinkCandidate[], pageUrl: string): CareLink | null {
  const care = candidates.find((c) => careNameKind(c.text) === 'care');
  if (care) return { ...care, foundOn: pageUrl };
  const page = linkTarget(pageUrl, pageUrl);
  const accessible = candidates.find(
    (c) =>
      careNameKind(c.text) === 'accessible' &&
      c.url !== null &&
      c.url !== page &&
      !/\.js$/i.test(new URL(c.url).pathname),
  );
  return accessible ? { ...accessible, foundOn: pageUrl } : null;
}
