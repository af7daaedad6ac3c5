import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../db/database.js';
import { onPublicPagesTouched, readPageVersion } from '../page-version.js';

/**
 * Public pages rendered once and sent again to every anonymous visitor until a write changes what
 * they show (ADR 0013). One cache per server process, bounded by entries and bytes (least
 * recently used first out); each page remembers the version stamp (platform/page-version.ts) it
 * was rendered under and is stale as soon as the stamp in the database differs. The stamp is read
 * at most every `versionCheckMs`, and on every request for a second after this process itself
 * touched it (its transaction's commit comes a moment later), so a page changes right after a
 * publication here and within `versionCheckMs` after one in another process.
 */

export interface CachedPage {
  body: string;
  /** A strong validator: the body's hash, the same in every process for the same bytes. */
  etag: string;
  /** Every header the first response carried (security headers, type, validators). */
  headers: Record<string, string>;
}

interface Entry extends CachedPage {
  version: string;
  storedAt: number;
  size: number;
}

export interface PageCacheOptions {
  entries: number;
  bytes: number;
  ttlMs: number;
  versionCheckMs: number;
}

export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether an If-None-Match header names `etag` (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private version: string | null = null;
  private checkedAt = 0;
  private reading: Promise<string> | null = null;
  /**
   * This process touched the stamp: its commit is not visible yet, so read the stamp on every
   * request until this instant (then as usual, every versionCheckMs).
   */
  private watchUntil = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Executor,
    private readonly opts: PageCacheOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.unsubscribe = onPublicPagesTouched(() => {
      this.watchUntil = this.now() + Math.max(opts.versionCheckMs, 1000);
    });
  }

  /** The stamp the pages of this request are rendered and looked up under. */
  async currentVersion(): Promise<string> {
    const t = this.now();
    if (this.version !== null && t > this.watchUntil && t - this.checkedAt < this.opts.versionCheckMs)
      return this.version;
    this.reading ??= readPageVersion(this.db)
      .then((v) => {
        this.checkedAt = this.now();
        if (v !== this.version) {
          // Nothing rendered under another stamp will be served again: free it now.
          this.entries.clear();
          this.bytes = 0;
          this.version = v;
        }
        return v;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  get(key: string, version: string): CachedPage | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.version !== version || this.now() - e.storedAt > this.opts.ttlMs) {
      this.drop(key, e);
      return null;
    }
    // Most recently used last: the Map's order is the eviction order.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  /** Keeps a page rendered under `version` unless the stamp moved on while it was rendered. */
  set(key: string, version: string, page: CachedPage): void {
    if (this.opts.entries === 0 || version !== this.version) return;
    const size = page.body.length * 2 + key.length * 2 + 200;
    if (size > this.opts.bytes / 8) return;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { ...page, version, storedAt: this.now(), size });
    this.bytes += size;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.opts.entries && this.bytes <= this.opts.bytes) break;
      this.drop(k, e);
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  close(): void {
    this.unsubscribe();
    this.entries.clear();
    this.bytes = 0;
  }

  private drop(key: string, e: Entry): void {
    this.entries.delete(key);
    this.bytes -= e.size;
  }
}

/** Paths never cached: the back office, the API, static files (cached by their own headers), health. */
const privatePaths = /^\/(admin|api|static|healthz)(\/|\?|$)/;

export interface PageCacheHooks {
  /** Register first: answers a hit before any other hook, with the headers the page was kept with. */
  onRequest(req: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Register after the hook that sets cookies and before the one that defaults to no-store. */
  onSend(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown>;
  onResponse(req: FastifyRequest, reply: FastifyReply): Promise<void>;
}

/**
 * Serves anonymous GETs of public pages from `cache` and keeps what they render; gives every such
 * page an ETag, `Cache-Control: public` and a 304 to a matching If-None-Match. A request that
 * carries one of `personalCookies` (a session, a proof, a flash message) is never looked up; a
 * response is never kept — `no-store` as before — when `personal(req)` says so (a signed-in user,
 * a CSRF token put in a form) or it sets a cookie. A page comes in `variant`s (the 关怀模式), each
 * kept under its own key; `Vary: Cookie` tells shared caches the same.
 */
export function pageCacheHooks(
  cache: PageCache,
  opts: {
    maxAgeSeconds: number;
    personalCookies: string[];
    personal(req: FastifyRequest): boolean;
    /**
     * Which rendering of the same address the request asks for, from a cookie every visitor may
     * carry (the 关怀模式's `gk_care`): '' for the ordinary page. Each variant is kept apart.
     */
    variant?(req: FastifyRequest): string;
  },
): PageCacheHooks {
  type State = { key: string; version: string; keep?: { body: string; etag: string; type: string } };
  const states = new WeakMap<FastifyRequest, State>();
  const personalCookie = new RegExp(`(^|;)\\s*(${opts.personalCookies.join('|')})=`);
  return {
    async onRequest(req, reply) {
      if (req.method !== 'GET' || privatePaths.test(req.url)) return;
      const cookie = req.headers.cookie;
      if (cookie && personalCookie.test(cookie)) return;
      const version = await cache.currentVersion();
      const variant = opts.variant?.(req) ?? '';
      const key = variant ? `${variant} ${req.url}` : req.url;
      states.set(req, { key, version });
      const page = cache.get(key, version);
      if (!page) return;
      // Written as it was first sent, past the other hooks: they ran for it then, with the same
      // outcome for any anonymous visitor.
      reply.hijack();
      const fresh = !matchesEtag(req.headers['if-none-match'], page.etag);
      if (fresh) {
        reply.raw.writeHead(200, page.headers);
        reply.raw.end(page.body);
      } else {
        const headers = { ...page.headers };
        delete headers['content-type'];
        delete headers['content-length'];
        reply.raw.writeHead(304, headers);
        reply.raw.end();
      }
    },
    async onSend(req, reply, payload) {
      const state = states.get(req);
      if (!state) return payload;
      const keep =
        reply.statusCode === 200 &&
        typeof payload === 'string' &&
        !reply.hasHeader('set-cookie') &&
        !reply.hasHeader('cache-control') &&
        !reply.hasHeader('x-ratelimit-limit') &&
        !opts.personal(req);
      if (!keep) return payload;
      const etag = etagOf(payload);
      state.keep = { body: payload, etag, type: String(reply.getHeader('content-type') ?? 'text/html') };
      reply.header('etag', etag);
      reply.header('cache-control', `public, max-age=${opts.maxAgeSeconds}, must-revalidate`);
      // The same address answers a signed-in member of staff with a page of their own.
      reply.header('vary', 'Cookie');
      if (!matchesEtag(req.headers['if-none-match'], etag)) return payload;
      reply.code(304).removeHeader('content-type').removeHeader('content-length');
      return null;
    },
    async onResponse(req, reply) {
      const state = states.get(req);
      if (!state?.keep) return;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(reply.getHeaders()))
        if (v !== undefined && k !== 'content-length') headers[k] = String(v);
      headers['content-length'] = String(Buffer.byteLength(state.keep.body));
      headers['content-type'] = state.keep.type;
      const { body, etag } = state.keep;
      cache.set(state.key, state.version, { body, etag, headers });
    },
  };
}
