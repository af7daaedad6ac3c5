import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { beijingDate, systemClock } from '../../platform/clock.js';
import { findDates, lastDate } from './dates.js';
import type { DatedItem, PageFacts, PageLink } from './inspection.js';
import { findPersonalData } from './personal-data.js';

// The page reader (issue 17): one fetched HTML page into the facts the indicators use
// (inspection.ts PageFacts), read once when the page is fetched. Heuristics, documented where
// they are decided:
//
// - A link's date is one printed in the same list item (`<li>`, `<tr>`, a `<dt>`/`<dd>` pair) or
//   small block (a parent up to three levels up that holds no other link and ≤ 160 characters);
//   the text beside the link is read first (the last date there), then the link's own text, where
//   a month-day without a year counts only at its end. Items with more than four links or more
//   than 300 characters are layout, not list items.
// - Month-days without a year take it from the day the page was read (`options.now`, Beijing),
//   see dates.ts.
// - A link is hidden when it or an ancestor is hidden by an inline style, by a `<style>` rule with
//   a single simple selector (`.x`, `#x`, `div.x`) that no `:hover`/`:focus` rule reveals, by the
//   `hidden` attribute or by `aria-hidden="true"`.
// - Undated items count only list rows whose main link has ≥ 8 characters of text: article titles,
//   not menu entries (机构职能, 首页, 下一页), so that a static page's side menu is no "empty column".

/** 国办发〔2017〕47号 网页标签, by the names the annex writes them. */
export const metaTagNames = [
  'SiteName',
  'SiteDomain',
  'SiteIDCode',
  'ColumnName',
  'ColumnDescription',
  'ColumnKeywords',
  'ColumnType',
  'ArticleTitle',
  'PubDate',
  'ContentSource',
  'Keywords',
  'Author',
  'Description',
  'Url',
] as const;
export type MetaTagName = (typeof metaTagNames)[number];
const metaByLowerName = new Map<string, MetaTagName>(metaTagNames.map((n) => [n.toLowerCase(), n]));

export interface ExtractOptions {
  /** When the page was read: gives month-days printed without a year their year. Default: the system clock. */
  now?: Date;
}

const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object']);
const BLOCK_TAGS = new Set(
  'address article aside blockquote br caption dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre section table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);
const ITEM_TAGS = new Set(['li', 'tr', 'dd', 'dt']);
const MAX_ITEM_LINKS = 4;
const MAX_ITEM_TEXT = 300;
const MAX_BLOCK_TEXT = 160;
const BLOCK_LEVELS = 3;
const MIN_TITLE_CHARS = 8;
const OFFSCREEN_PX = 500;

const PLACEHOLDER =
  /暂无(?:相关)?(?:信息|数据|内容|记录|文章|公开信息)|没有(?:相关|找到|查询到)(?:的)?(?:信息|数据|内容|记录)?|无相关(?:信息|数据|内容|记录)|(?:信息|数据|内容|记录)为空|查询结果为空/;
const NAV_LIKE = /nav|menu/i;
const BREADCRUMB = /crumb|bread|position|location|weizhi|dqwz|curpos|当前位置|面包屑/i;
const FOOTER_LIKE = /foot|bottom|copyright/i;
const SKIP_LINK = /^(?:跳过|跳转到|直达)|主要内容|skip/i;
const LANGUAGE_LINK =
  /^(?:english(?:\s*version)?|en|eng|繁體|繁体|繁體版|繁体版|简体|简体版|中文版?|français|русский|日本語|한국어)$/i;
const HOME_LINK = /^(?:网站首页|首页|返回首页|home)$/i;
const PUB_LINE_SPECIFIC = /(?:发布时间|发布日期|发稿时间|发文日期|发布于)\s*[:：]?\s*/g;
const PUB_LINE_GENERIC = /(?<!成文|印发|生效|施行|实施|废止|截止|有效|开始|结束)日期\s*[:：]?\s*/g;

const isElement = (node: AnyNode | null | undefined): node is Element => {
  const type: string | undefined = node?.type;
  return type === 'tag' || type === 'script' || type === 'style';
};
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const classAndId = (el: Element) => `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;

/** Text of `nodes` with a space at block boundaries, leaving out script/style and whatever `skip` says. */
function textOf(nodes: AnyNode[], skip?: (el: Element) => boolean): string {
  const parts: string[] = [];
  const stack: Array<AnyNode | ' '> = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node === ' ') {
      parts.push(' ');
      continue;
    }
    if (node.type === 'text') {
      parts.push((node as unknown as { data: string }).data);
      continue;
    }
    if (!isElement(node) || SKIP_TAGS.has(node.name) || skip?.(node)) continue;
    const block = BLOCK_TAGS.has(node.name);
    if (block) parts.push(' ');
    if (block) stack.push(' ');
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return parts.join('');
}

function* ancestors(el: Element): Generator<Element> {
  let p = el.parent;
  while (isElement(p)) {
    yield p;
    p = p.parent;
  }
}

function parseStyle(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const prop = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!\s*important/i, '')
      .trim()
      .toLowerCase();
    if (prop) out.set(prop, value);
  }
  return out;
}

function lengthPx(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^(-?\d*\.?\d+)\s*(px|em|rem|pt)?$/.exec(value);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'em' || m[2] === 'rem' ? n * 16 : m[2] === 'pt' ? (n * 4) / 3 : n;
}

/** Whether a set of CSS declarations hides the element (and so everything inside it). */
function declarationsHide(d: Map<string, string>): boolean {
  if (d.get('display') === 'none') return true;
  const visibility = d.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return true;
  if (d.get('opacity') !== undefined && Number(d.get('opacity')) === 0) return true;
  if (lengthPx(d.get('font-size')) === 0) return true;
  const far = (prop: string) => {
    const px = lengthPx(d.get(prop));
    return px !== null && px <= -OFFSCREEN_PX;
  };
  const position = d.get('position');
  if (
    (position === 'absolute' || position === 'fixed' || position === 'relative') &&
    (far('left') || far('top'))
  )
    return true;
  if (far('text-indent') || far('margin-left') || far('margin-top')) return true;
  const overflowHidden = d.get('overflow') === 'hidden';
  const tiny = (prop: string) => {
    const px = lengthPx(d.get(prop));
    return px !== null && px <= 1;
  };
  return overflowHidden && (tiny('width') || tiny('height'));
}

/** Top-level rules of a style sheet (at-rules such as @media are left out: they may not apply). */
function topLevelRules(css: string): Array<{ selectors: string[]; body: string }> {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: Array<{ selectors: string[]; body: string }> = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    let head = text.slice(i, open);
    const semi = head.lastIndexOf(';');
    if (semi >= 0) head = head.slice(semi + 1);
    let depth = 1;
    let j = open + 1;
    while (j < text.length && depth > 0) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}') depth--;
      j++;
    }
    const body = text.slice(open + 1, j - 1);
    if (!head.trim().startsWith('@') && !body.includes('{')) rules.push({ selectors: head.split(','), body });
    i = j;
  }
  return rules;
}

/** Elements a `<style>` rule with one simple selector hides (and no :hover/:focus rule reveals). */
function hiddenBySheet($: cheerio.CheerioAPI): Set<AnyNode> {
  const hidden = new Set<AnyNode>();
  const rules = topLevelRules(
    $('style')
      .toArray()
      .map((el) => $(el).text())
      .join('\n'),
  );
  const revealed = new Set<string>();
  for (const rule of rules)
    for (const s of rule.selectors)
      if (/:(?:hover|focus)/.test(s)) for (const token of s.match(/[.#][\w-]+/g) ?? []) revealed.add(token);
  for (const rule of rules) {
    if (!declarationsHide(parseStyle(rule.body))) continue;
    for (const raw of rule.selectors) {
      const selector = raw.trim();
      if (!/^[a-z]*(?:[.#][\w-]+)+$/i.test(selector)) continue;
      if ((selector.match(/[.#][\w-]+/g) ?? []).some((t) => revealed.has(t))) continue;
      try {
        for (const el of $(selector).toArray()) hidden.add(el);
      } catch {
        // A selector cheerio cannot read hides nothing we can see.
      }
    }
  }
  return hidden;
}

interface Item {
  /** The list row or block holding the links. */
  el: Element;
  /** The row and, for a `<dt>`/`<dd>`, its partner. */
  nodes: Element[];
  kind: 'row' | 'block';
  links: Element[];
  date: string | null;
}

/**
 * Reads one HTML page into the facts the indicators use. `pageUrl` is the address after redirects;
 * `options.now` is when it was read (for month-days printed without a year).
 */
export function extractFacts(html: string, pageUrl: string, options: ExtractOptions = {}): PageFacts {
  const $ = cheerio.load(html);
  const today = beijingDate(options.now ?? systemClock.now());
  const pageKey = absolute(pageUrl, pageUrl) ?? pageUrl;
  const siteRoot = absolute('/', pageKey);
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref && absolute(baseHref, pageUrl)) || pageUrl;
  const body = $('body').get(0) ?? $.root().get(0)!;

  // Hidden: by itself or through an ancestor (memoised up the tree).
  const sheetHidden = hiddenBySheet($);
  const hiddenMemo = new Map<Element, boolean>();
  const selfHidden = (el: Element) =>
    sheetHidden.has(el) ||
    el.attribs.hidden !== undefined ||
    el.attribs['aria-hidden']?.trim().toLowerCase() === 'true' ||
    (el.attribs.style !== undefined && declarationsHide(parseStyle(el.attribs.style)));
  const isHidden = (el: Element): boolean => {
    const chain: Element[] = [];
    let cur: AnyNode | null = el;
    let result = false;
    while (isElement(cur)) {
      const known = hiddenMemo.get(cur);
      if (known !== undefined) {
        result = known;
        break;
      }
      chain.push(cur);
      if (selfHidden(cur)) {
        result = true;
        break;
      }
      cur = cur.parent;
    }
    // Everything below a hidden element is hidden; above the first hidden one, whatever was found.
    for (const e of chain) hiddenMemo.set(e, result);
    return result;
  };

  const within = (el: Element, test: (a: Element) => boolean) => test(el) || [...ancestors(el)].some(test);
  const navLike = (e: Element) =>
    e.name === 'nav' || e.attribs.role === 'navigation' || NAV_LIKE.test(classAndId(e));
  const breadcrumbLike = (e: Element) =>
    BREADCRUMB.test(classAndId(e)) || BREADCRUMB.test(e.attribs['aria-label'] ?? '');
  const footerLike = (e: Element) => e.name === 'footer' || FOOTER_LIKE.test(classAndId(e));

  // Links, with their list item or small block.
  const anchors = $('a[href]').toArray();
  const linkCounts = new Map<Element, number>();
  const linksIn = (e: Element) => {
    let n = linkCounts.get(e);
    if (n === undefined) linkCounts.set(e, (n = $(e).find('a[href]').length));
    return n;
  };
  const linkCount = (nodes: Element[]) => nodes.reduce((n, e) => n + linksIn(e), 0);
  const rowItems = new Map<Element, Item | null>();
  const containerOf = (a: Element): Item | null => {
    const row = [...ancestors(a)].find((e) => ITEM_TAGS.has(e.name));
    if (row) {
      const known = rowItems.get(row);
      if (known !== undefined) return known;
      const nodes = [row];
      const partner = row.name === 'dt' ? nextElement(row) : row.name === 'dd' ? previousElement(row) : null;
      if (partner && partner.name === (row.name === 'dt' ? 'dd' : 'dt')) nodes.push(partner);
      const small = linkCount(nodes) <= MAX_ITEM_LINKS && collapse(textOf(nodes)).length <= MAX_ITEM_TEXT;
      const item: Item | null = small
        ? { el: row, nodes, kind: 'row', links: [], date: dateOf(nodes) }
        : null;
      for (const n of nodes) rowItems.set(n, item);
      return item;
    }
    let cur: AnyNode | null = a.parent;
    for (let level = 0; level < BLOCK_LEVELS && isElement(cur); level++, cur = cur.parent) {
      if (cur.name === 'body' || cur.name === 'html') break;
      if (linkCount([cur]) > 1 || collapse(textOf([cur])).length > MAX_BLOCK_TEXT) break;
      const date = dateOf([cur]);
      if (date) return { el: cur, nodes: [cur], kind: 'block', links: [], date };
    }
    return null;
  };
  const dateOf = (nodes: Element[]): string | null => {
    const beside = textOf(nodes, (e) => e.name === 'a' && e.attribs.href !== undefined);
    const date = lastDate(beside, { monthDay: true, today });
    if (date) return date;
    for (const a of nodes.flatMap((n) => $(n).find('a[href]').toArray())) {
      const text = collapse(textOf([a]));
      const found = findDates(text, { monthDay: true, today }).at(-1);
      if (!found) continue;
      const trailing = text.slice(found.index + found.length).replace(/[\s\])】）]/g, '');
      if (!found.yearImplied || trailing === '') return found.date;
    }
    return null;
  };

  const links: PageLink[] = [];
  const items = new Map<Element, Item>();
  const linkUrl = new Map<Element, string>();
  const linkText = new Map<Element, string>();
  for (const a of anchors) {
    const url = absolute(a.attribs.href ?? '', base);
    if (!url) continue;
    const img = $(a).find('img[alt]').first().attr('alt');
    const text =
      collapse(textOf([a])) ||
      collapse(img ?? '') ||
      collapse(a.attribs.title ?? a.attribs['aria-label'] ?? '');
    linkUrl.set(a, url);
    linkText.set(a, text);
    const item = containerOf(a);
    if (item) {
      items.set(item.el, item);
      item.links.push(a);
    }
    links.push({ url, text, hidden: isHidden(a), date: item?.date ?? null });
  }

  // Navigation: nav, role=navigation, or a nav/menu-like element; no skip, breadcrumb, language or home links.
  const navLinks: PageLink[] = [];
  const navSeen = new Set<string>();
  anchors.forEach((a) => {
    const url = linkUrl.get(a);
    if (!url || !within(a, navLike) || within(a, breadcrumbLike)) return;
    const text = linkText.get(a) ?? '';
    if (SKIP_LINK.test(text) || LANGUAGE_LINK.test(text) || HOME_LINK.test(text)) return;
    if (a.attribs.hreflang !== undefined || a.attribs.lang !== undefined) return;
    if (url === pageKey || url === siteRoot || navSeen.has(url)) return;
    navSeen.add(url);
    navLinks.push({ url, text, hidden: isHidden(a), date: null });
  });

  // List items: dated ones (one main link and a date), undated list rows.
  const datedItems: DatedItem[] = [];
  const datedIndex = new Map<string, DatedItem>();
  let undatedItems = 0;
  for (const item of items.values()) {
    if (within(item.el, navLike) || within(item.el, footerLike) || within(item.el, breadcrumbLike)) continue;
    const main = mainLink(item.links, linkText);
    if (!main) continue;
    const url = linkUrl.get(main)!;
    if (url === pageKey) continue;
    const title = linkText.get(main) ?? '';
    if (item.date) {
      const seen = datedIndex.get(url);
      if (seen) {
        if (item.date > seen.date) seen.date = item.date;
        continue;
      }
      const dated = { url, title, date: item.date };
      datedIndex.set(url, dated);
      datedItems.push(dated);
    } else if (item.kind === 'row' && [...title].length >= MIN_TITLE_CHARS) {
      undatedItems++;
    }
  }

  const visibleText = textOf([body], isHidden);
  return {
    url: pageUrl,
    title: collapse($('title').first().text()),
    meta: metaTags($),
    pubDate: pubDateOf($, body, today, navLike, footerLike),
    links,
    navLinks,
    datedItems,
    undatedItems,
    emptyPlaceholder: PLACEHOLDER.test(collapse(visibleText)),
    footerText: footerTextOf($, body),
    personalData: findPersonalData(collapse(textOf([body]))),
  };
}

function absolute(href: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.href;
}

function nextElement(el: Element): Element | null {
  let n = el.next;
  while (n && !isElement(n)) n = n.next;
  return isElement(n) ? n : null;
}

function previousElement(el: Element): Element | null {
  let n = el.prev;
  while (n && !isElement(n)) n = n.prev;
  return isElement(n) ? n : null;
}

/** The item's main link: the one with the longest text (the title, not 更多 or an icon). */
function mainLink(links: Element[], text: Map<Element, string>): Element | null {
  let best: Element | null = null;
  for (const a of links)
    if ((text.get(a) ?? '').length > (best ? (text.get(best) ?? '').length : 0)) best = a;
  return best;
}

/** The 47号 tags, under their canonical names whatever the case written; the first non-empty wins. */
function metaTags($: cheerio.CheerioAPI): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const el of $('meta[name]').toArray()) {
    const name = metaByLowerName.get((el.attribs.name ?? '').trim().toLowerCase());
    const content = collapse(el.attribs.content ?? '');
    if (name && content && meta[name] === undefined) meta[name] = content;
  }
  return meta;
}

/** Meta PubDate, else the date right after a 发布时间/发布日期 (then a plain 日期) label in the article. */
function pubDateOf(
  $: cheerio.CheerioAPI,
  body: AnyNode,
  today: string,
  navLike: (e: Element) => boolean,
  footerLike: (e: Element) => boolean,
): string | null {
  const meta = $('meta[name]')
    .toArray()
    .find((el) => (el.attribs.name ?? '').trim().toLowerCase() === 'pubdate');
  const fromMeta = meta ? (findDates(meta.attribs.content ?? '')[0]?.date ?? null) : null;
  if (fromMeta) return fromMeta;
  // The article's own text: not navigation, header, footer, nor list rows that hold links.
  const text = collapse(
    textOf(
      [body],
      (e) =>
        e.name === 'header' ||
        navLike(e) ||
        footerLike(e) ||
        (ITEM_TAGS.has(e.name) && $(e).find('a[href]').length > 0),
    ),
  );
  for (const label of [PUB_LINE_SPECIFIC, PUB_LINE_GENERIC]) {
    for (const m of text.matchAll(label)) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      const found = findDates(after, { today })[0];
      if (found && found.index === 0) return found.date;
    }
  }
  return null;
}

/** `<footer>`, else the outermost elements whose class or id says footer/foot/bottom, else the last block. */
function footerTextOf($: cheerio.CheerioAPI, body: AnyNode): string {
  let footers = $('footer').toArray();
  if (!footers.length)
    footers = $('body *')
      .toArray()
      .filter((e) => FOOTER_LIKE.test(classAndId(e)));
  const all = new Set(footers);
  footers = footers.filter((e) => ![...ancestors(e)].some((p) => all.has(p)));
  if (!footers.length) {
    const blocks = isElement(body)
      ? body.children.filter((c): c is Element => isElement(c) && !SKIP_TAGS.has(c.name))
      : [];
    const last = blocks.at(-1);
    footers = last ? [last] : [];
  }
  return collapse(textOf(footers));
}
