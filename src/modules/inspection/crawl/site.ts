import type { CrawledUrl } from '../inspection.js';

/**
 * What belongs to the site being inspected, and what each address met is to the crawler.
 *
 * The site is one origin (scheme, host and port): the home page's address after its redirects.
 * `www.example.gov.cn` and `example.gov.cn` are different sites — unless the home page asked
 * for one and was redirected to the other (http→https, adding or dropping `www.`): then the
 * address asked for is an alias of the site, and its pages are the site's pages too (most
 * redirect into it). A department site that lives under a path of a portal
 * (`http://host/demo-sites/edu/`) is limited to that path prefix (`scope`): the portal's other
 * pages are links of the department site, checked but not crawled.
 */
export class Site {
  readonly origins: Set<string>;
  readonly prefix: string;

  constructor(
    /** The home page's address after redirects. */
    readonly home: string,
    /** The home page's address as asked for (an alias origin when it differs). */
    requested: string,
    scope: string | null,
  ) {
    const origin = new URL(home).origin;
    this.origins = new Set([origin, new URL(requested).origin]);
    this.prefix = scopePrefix(scope);
  }

  get origin(): string {
    return new URL(this.home).origin;
  }

  /** Same origin as the site (or its alias). */
  has(u: URL): boolean {
    return this.origins.has(u.origin);
  }

  /** Within the site and its path prefix. */
  inScope(u: URL): boolean {
    return this.has(u) && u.pathname.startsWith(this.prefix);
  }

  /** The address robots.txt is asked about: an alias's path on the site's own origin. */
  robotsAddress(u: URL): string {
    return this.has(u) ? new URL(u.pathname + u.search, this.origin).href : u.href;
  }

  /**
   * What the crawler does with an address: fetch it as a page (in scope, not a known non-HTML
   * file), fetch it as an attachment (a document type whose text is searched), or check it as a
   * link; null for what is not fetched at all (mailto:, tel:, javascript:, data: …).
   */
  classify(url: string): CrawledUrl['kind'] | null {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    const ext = extensionOf(u);
    if ((attachmentExtensions as readonly string[]).includes(ext)) return 'attachment';
    if (this.inScope(u) && !notHtml.has(ext)) return 'page';
    return 'link';
  }
}

/** Attachments fetched and searched for personal data (WPS 文字 .wps and 表格 .et included). */
export const attachmentExtensions = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'txt', 'wps', 'et'] as const;

/** Extensions that are never HTML pages: checked as links. */
const notHtml = new Set(
  (
    'jpg jpeg png gif bmp webp svg ico tif tiff css js mjs json xml rss zip rar 7z gz tgz tar bz2 ' +
    'mp3 mp4 wav avi flv wmv mov mkv webm swf apk ipa exe msi dmg iso ppt pptx pps csv ofd ceb caj ' +
    'woff woff2 ttf eot'
  ).split(' '),
);

/** The path prefix of a scope given as a path (`/demo-sites/edu/`) or an address; `/` when none. */
export function scopePrefix(scope: string | null | undefined): string {
  if (!scope) return '/';
  const path = /^https?:\/\//i.test(scope) ? new URL(scope).pathname : scope;
  return path.startsWith('/') ? path : `/${path}`;
}

/** The lower-case extension of the address's last path segment, or ''. */
export function extensionOf(u: URL): string {
  const last = u.pathname.split('/').at(-1) ?? '';
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}

/** Media types read as HTML pages. */
export function isHtml(contentType: string | null, body: Uint8Array | null): boolean {
  if (contentType) return contentType === 'text/html' || contentType === 'application/xhtml+xml';
  // No Content-Type: HTML if it looks like it.
  const head = body ? Buffer.from(body.subarray(0, 512)).toString('latin1').trimStart() : '';
  return /^<(!doctype html|html|head|body)/i.test(head);
}

/** An attachment's extension from its media type, for a page address that answered with a document. */
export function attachmentTypeOf(contentType: string | null): string | null {
  const types: Record<string, string> = {
    'application/pdf': 'pdf',
    'application/msword': 'doc',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
    'application/vnd.ms-excel': 'xls',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
    'text/plain': 'txt',
  };
  return contentType ? (types[contentType] ?? null) : null;
}

/**
 * An HTML page's text in its own encoding: the header's charset, else a `<meta charset>` or
 * `http-equiv` in the first bytes, else a BOM, else UTF-8 (many government sites are GB2312/GBK,
 * which the decoder reads as GB18030).
 */
export function decodeHtml(body: Uint8Array, headerCharset: string | null): string {
  let label = headerCharset;
  if (!label) {
    const head = Buffer.from(body.subarray(0, 4096)).toString('latin1');
    label = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1] ?? null;
  }
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) label = 'utf-8';
  const normalized = label?.toLowerCase() ?? 'utf-8';
  const encoding = ['gb2312', 'gbk', 'x-gbk', 'gb_2312-80'].includes(normalized) ? 'gb18030' : normalized;
  try {
    return new TextDecoder(encoding).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
