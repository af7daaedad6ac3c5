// The static engine: what can be read from a page's HTML without rendering it (cheerio) — page
// language, title, image alt text, link and button names, form labels, zoom allowed, and the
// presence of a care-mode link. Contrast, font sizes, targets and motion need a browser and are
// `inapplicable`. Rule codes are axe-core's, so results compare across engines.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Clock } from '../../../platform/clock.js';
import type { CheckResult, Outcome } from '../inspection.js';
import { axeMessage } from './axe-messages.js';
import { collapse, linkTarget, pickCareLink, type CareLink, type CareLinkCandidate } from './care-link.js';
import { clip, evidence, noBrowserResults, pageUnavailable, result } from './results.js';

type Doc = cheerio.CheerioAPI;

/** Elements no one sees: inside hidden/aria-hidden/template/noscript, or styled display:none. */
function hidden($: Doc, el: Element): boolean {
  return $(el)
    .parents()
    .addBack()
    .toArray()
    .some((n) => {
      if (n.type !== 'tag') return false;
      const a = n.attribs;
      return (
        n.name === 'template' ||
        n.name === 'noscript' ||
        a.hidden !== undefined ||
        a['aria-hidden'] === 'true' ||
        /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style ?? '')
      );
    });
}

const attr = (el: Element, name: string): string => (el.attribs[name] ?? '').trim();

/** The accessible name a static reading can find: aria-label(ledby), text, image alt, title. */
function nameOf($: Doc, el: Element): string {
  if (attr(el, 'aria-label') || attr(el, 'aria-labelledby'))
    return attr(el, 'aria-label') || '（aria-labelledby）';
  const text = collapse($(el).text());
  if (text) return text;
  const alts = $(el)
    .find('img[alt], [role="img"][aria-label]')
    .toArray()
    .map((i) => attr(i, 'alt') || attr(i, 'aria-label'))
    .filter(Boolean);
  if (alts.length > 0) return alts.join(' ');
  return attr(el, 'title');
}

interface PageRule {
  rule: string;
  /** What fails (an element, or a description when quoting the element would say nothing); null: nothing to check. */
  offenders: Array<Element | string> | null;
  /** Short text of the evidence when there is no element to quote. */
  note?: string;
}

function snippet($: Doc, el: Element | string): string {
  return typeof el === 'string' ? el : clip($.html(el) ?? '', 160);
}

function ruleResult($: Doc, r: PageRule, url: string, at: string): CheckResult {
  const outcome: Outcome =
    r.offenders === null ? 'inapplicable' : r.offenders.length > 0 ? 'violation' : 'pass';
  const count = outcome === 'violation' && r.offenders ? `（共 ${r.offenders.length} 处）` : '';
  const ev =
    outcome === 'violation' && r.offenders && r.offenders.length > 0
      ? r.offenders.slice(0, 3).map((el) => evidence(url, at, snippet($, el)))
      : [evidence(url, at, r.note ?? null)];
  return result('accessibility', outcome, r.rule, axeMessage(r.rule, outcome) + count, ev, null);
}

/** `user-scalable=no|0` or `maximum-scale` under 2 forbids zooming (axe-core's meta-viewport). */
export function viewportBlocksZoom(content: string): boolean {
  const props = new Map<string, string>();
  for (const part of content.split(/[,;]/)) {
    const [k, v] = part.split('=').map((s) => s.trim().toLowerCase());
    if (k) props.set(k, v ?? '');
  }
  const scalable = props.get('user-scalable');
  if (scalable !== undefined && ['no', '0'].includes(scalable)) return true;
  const max = props.get('maximum-scale');
  if (max !== undefined && max !== '' && !['yes', 'device-width', 'device-height'].includes(max)) {
    const n = Number(max);
    if (Number.isFinite(n) && n >= 0 && n < 2) return true;
  }
  return false;
}

/** The static checks of one page. */
export function staticPageResults(html: string, url: string, at: string): CheckResult[] {
  const $ = cheerio.load(html);
  const visible = (selector: string): Element[] =>
    $(selector)
      .toArray()
      .filter((el): el is Element => el.type === 'tag' && !hidden($, el));
  const html$ = $('html').first().get(0) as Element | undefined;
  const rules: PageRule[] = [];

  const lang = html$ ? attr(html$, 'lang') || attr(html$, 'xml:lang') : '';
  const langTag = `<html lang="${lang}">`;
  rules.push({ rule: 'html-has-lang', offenders: lang ? [] : ['<html> 没有 lang 属性'], note: langTag });
  rules.push({
    rule: 'html-lang-valid',
    offenders: lang ? (/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(lang) ? [] : [langTag]) : null,
    note: langTag,
  });

  const title = collapse($('title').first().text());
  rules.push({
    rule: 'document-title',
    offenders: title ? [] : [$('title').length > 0 ? '<title> 为空' : '页面没有 <title>'],
    note: `<title>${clip(title, 60)}</title>`,
  });

  const images = visible('img');
  rules.push({
    rule: 'image-alt',
    offenders:
      images.length === 0
        ? null
        : images.filter(
            (el) =>
              el.attribs.alt === undefined &&
              !attr(el, 'aria-label') &&
              !attr(el, 'aria-labelledby') &&
              !attr(el, 'title') &&
              !['presentation', 'none'].includes(attr(el, 'role')),
          ),
  });

  const links = visible('a[href]');
  rules.push({
    rule: 'link-name',
    offenders: links.length === 0 ? null : links.filter((el) => !nameOf($, el)),
  });

  const buttons = visible('button, [role="button"]:not(input)');
  rules.push({
    rule: 'button-name',
    offenders: buttons.length === 0 ? null : buttons.filter((el) => !nameOf($, el)),
  });
  const inputButtons = visible('input[type="button" i], input[type="submit" i], input[type="reset" i]');
  rules.push({
    rule: 'input-button-name',
    offenders:
      inputButtons.length === 0
        ? null
        : inputButtons.filter((el) => {
            const type = attr(el, 'type').toLowerCase();
            const named = attr(el, 'aria-label') || attr(el, 'aria-labelledby') || attr(el, 'title');
            // submit and reset have the browser's own name (提交/重置) unless value is set empty.
            if (type === 'button') return !named && !attr(el, 'value');
            return !named && el.attribs.value !== undefined && !attr(el, 'value');
          }),
  });

  const controls = visible(
    'input:not([type="hidden" i]):not([type="submit" i]):not([type="reset" i]):not([type="button" i]):not([type="image" i]), select, textarea',
  );
  const labelFor = new Set(
    $('label[for]')
      .toArray()
      .map((l) => attr(l as Element, 'for')),
  );
  rules.push({
    rule: 'label',
    offenders:
      controls.length === 0
        ? null
        : controls.filter(
            (el) =>
              !attr(el, 'aria-label') &&
              !attr(el, 'aria-labelledby') &&
              !attr(el, 'title') &&
              !attr(el, 'placeholder') &&
              !(attr(el, 'id') && labelFor.has(attr(el, 'id'))) &&
              $(el).closest('label').length === 0,
          ),
  });

  const viewport = $('meta[name="viewport" i]').first().get(0) as Element | undefined;
  rules.push({
    rule: 'meta-viewport',
    offenders: viewport ? (viewportBlocksZoom(attr(viewport, 'content')) ? [viewport] : []) : null,
    note: viewport ? `<meta name="viewport" content="${attr(viewport, 'content')}">` : undefined,
  });

  return rules.map((r) => ruleResult($, r, url, at));
}

/** Links and buttons of a page whose name mentions a care mode, read with cheerio. */
export function staticCareCandidates(html: string, url: string): CareLinkCandidate[] {
  const $ = cheerio.load(html);
  return $('a, button, [role="button"], [role="link"]')
    .toArray()
    .map((n: AnyNode, index) => {
      const el = n as Element;
      return {
        index,
        text: clip(nameOf($, el), 40),
        url: el.name === 'a' ? linkTarget(el.attribs.href, url) : null,
      };
    });
}

/**
 * The static engine over `pages`: per page the static rules, then `careModeMissing` (a care link
 * was found or not; its mode is not entered), then the rendering checks `inapplicable` with
 * `reason`.
 */
export async function runStaticEngine(
  pages: string[],
  fetchHtml: (url: string) => Promise<string | null>,
  clock: Clock,
  reason: string,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let care: CareLink | null = null;
  for (const url of pages) {
    const at = clock.now().toISOString();
    let html: string | null;
    try {
      html = await fetchHtml(url);
    } catch (e) {
      results.push(pageUnavailable(url, at, `无法获取页面：${e instanceof Error ? e.message : String(e)}`));
      continue;
    }
    if (html === null) {
      results.push(pageUnavailable(url, at, '无法获取页面'));
      continue;
    }
    results.push(...staticPageResults(html, url, at));
    care ??= pickCareLink(staticCareCandidates(html, url), url);
  }
  const at = clock.now().toISOString();
  const first = pages[0] ?? null;
  results.push(
    care
      ? result(
          'agedCare',
          'pass',
          'careModeMissing',
          `页面提供关怀模式入口「${care.text}」（未进入关怀模式测量：${reason}）`,
          [evidence(care.url ?? care.foundOn, at, care.text)],
        )
      : result(
          'agedCare',
          'violation',
          'careModeMissing',
          '未提供适老化（关怀）模式',
          [evidence(first, at, '页面上没有关怀模式、长辈版、适老等入口')],
          'moderate',
        ),
  );
  results.push(...noBrowserResults(first, at, reason));
  return results;
}
