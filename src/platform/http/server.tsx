import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Child } from 'hono/jsx';
import { sql } from 'kysely';
import { anonymous, withProofs, type Actor } from '../access.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config/config.js';
import type { FieldCipher } from '../crypto.js';
import type { Ctx } from '../context.js';
import type { Db } from '../db/database.js';
import type { Installation } from '../module.js';
import { isDomainError, UnauthenticatedError, ValidationError } from '../errors.js';
import type { Flash } from '../ui/components.js';
import { ErrorPage, Layout, type NavItem, type PageMeta } from '../ui/layout.js';
import { siteSettings } from '../ui/site.settings.js';
import { careModeOf, registerCareSwitch } from './care-mode.js';
import { cleanValue } from './clean-input.js';
import { PageCache, pageCacheHooks } from './page-cache.js';
import { pageCacheSettings } from './page-cache.settings.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { registerTokenGate } from './api-auth.js';
import { registerIdempotency } from './api-idempotency.js';
import { registerApiDocument } from './api-docs.js';
import { apiErrorCode, registerApiConventions } from './api.js';

/** What the web layer knows of a signed-in staff member; the accounts module fills it in. */
export interface WebAuth {
  actor: Actor;
  user: { id: string; username: string; displayName: string; mustChangePassword: boolean };
  sessionId: string;
  /** The API token the request came with (api-auth.ts); then there is no session. */
  token?: { id: string; scopes: readonly string[]; ratePerMinute: number | null };
}

export interface SiteInfo {
  name: string;
  phone: string | null;
  address: string | null;
}

export interface WebDeps {
  config: Config;
  db: Db;
  clock: Clock;
  secret: string;
  cipher: FieldCipher;
  modules: Installation;
  authenticate(ctx: Ctx, token: string): Promise<WebAuth | null>;
  site(ctx: Ctx): Promise<SiteInfo>;
  logger?: boolean;
}

export type PageOptions = Pick<PageMeta, 'title'> &
  Partial<Pick<PageMeta, 'crumbs' | 'area' | 'tags'>> & { status?: number };

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    auth: WebAuth | null;
  }
  interface FastifyReply {
    page(opts: PageOptions, body: Child): Promise<FastifyReply>;
    flash(kind: Flash['kind'], message: string): FastifyReply;
    /** The CSRF token for forms on this response; the same token however often it is asked for. */
    csrf(): string;
    /**
     * Remembers in this browser that the person proved `subject` (a key the module's service
     * built after checking, e.g., a 查询码), for PROOF_LIFETIME_SECONDS; the actor of this
     * request and of the following ones carries it (Actor.proofs).
     */
    prove(subject: string): FastifyReply;
    /** Forgets everything this browser proved (结束查看), for this request and the following ones. */
    forgetProofs(): FastifyReply;
    /** Hands `value` to the next request for `path` only, once (e.g. a receipt shown once). */
    handOver(name: string, value: unknown, path: string): FastifyReply;
    /** What the previous response handed over under `name` (and forgets it), or null. */
    takeHandedOver<T>(name: string, path: string): T | null;
  }
  interface FastifyInstance {
    nav: NavItem[];
  }
  interface FastifyContextConfig {
    /** false: the route authenticates by a secret in its address and takes no CSRF token. */
    csrf?: boolean;
  }
}

export const SESSION_COOKIE = 'gk_session';
/** Where @fastify/csrf-protection keeps the browser's CSRF secret (its default name). */
export const CSRF_COOKIE = '_csrf';
const FLASH_COOKIE = 'gk_flash';
/** The signed list of what the person has proven: [[subject, expires (epoch ms)], …]. */
export const PROOF_COOKIE = 'gk_proof';
/** How long a proof lasts in the browser: half an hour, as the case cookie always did. */
export const PROOF_LIFETIME_SECONDS = 30 * 60;
/** A browser keeps at most this many proofs (the oldest go first): the cookie stays small. */
const MAX_PROOFS = 20;
type ProofEntry = [subject: string, expires: number];
const staticRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'ui', 'static');

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/');
}

/**
 * The page sent when the error page itself cannot be rendered (the layout fails: its JSX runtime
 * is broken, or the site's details cannot be read from a database that is down). A constant, no
 * JSX and nothing from the request or the failure, so that it cannot fail in turn.
 */
export const STATIC_ERROR_PAGE =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<title>系统繁忙</title><link rel="stylesheet" href="/static/gongkai.css"></head>' +
  '<body><main class="gk-error-page"><p class="gk-error-page__code">500</p>' +
  '<h1 class="gk-title">系统繁忙，请稍后再试</h1><p><a href="/">返回首页</a></p></main></body></html>';

export async function renderDocument(node: Child): Promise<string> {
  return `<!doctype html>${await Promise.resolve(String(await node))}`;
}

/**
 * Builds the HTTP server: security headers, cookies, CSRF on every unsafe method, rate limits
 * (opt-in per route), the shared page layout, Chinese error pages that leak nothing, and the
 * OpenAPI document. Modules add their routes afterwards (see src/app/web.ts).
 */
export async function createServer(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            // Never log credentials or cookies; bodies are not logged at all.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
    // A hop count trusts that many proxies in front (the nearest first), never every client.
    trustProxy:
      typeof deps.config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(deps.config.trustProxy)
        : deps.config.trustProxy,
    bodyLimit: 1_048_576,
  });
  app.decorate('nav', [] as NavItem[]);
  // The site's own address (PUBLIC_URL), never the request's Host: the 47号 网页标签 name it.
  const siteUrl = (deps.config.publicUrl ?? `http://localhost:${deps.config.port}`).replace(/\/+$/, '');
  const csrfTokens = new WeakMap<FastifyRequest, string>();
  const proofEntries = new WeakMap<FastifyRequest, ProofEntry[]>();
  const cacheSettings = deps.modules.settingsOf(pageCacheSettings);
  const cache = new PageCache(deps.db, {
    entries: cacheSettings.entries,
    bytes: cacheSettings.megabytes * 1_048_576,
    ttlMs: cacheSettings.ttlSeconds * 1000,
    versionCheckMs: cacheSettings.versionCheckMs,
  });
  app.addHook('onClose', async () => cache.close());
  const pageCache = pageCacheHooks(cache, {
    maxAgeSeconds: cacheSettings.maxAgeSeconds,
    personalCookies: [SESSION_COOKIE, PROOF_COOKIE, FLASH_COOKIE],
    personal: (req) => req.auth !== null || (proofEntries.get(req)?.length ?? 0) > 0 || csrfTokens.has(req),
    variant: (req) => (careModeOf(req) ? 'care' : ''),
  });
  // First of all hooks: a kept public page is answered before any other work (page-cache.ts).
  app.addHook('onRequest', pageCache.onRequest);
  // Route schemas document the API (OpenAPI); input is parsed by the services' own schemas,
  // which give Chinese messages per field, so Fastify's validator is a pass-through.
  app.setValidatorCompiler(() => (data) => ({ value: data }));

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    hsts: deps.config.cookieSecure,
  });
  await app.register(cookie, { secret: deps.secret });
  await app.register(formbody);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: deps.config.cookieSecure,
    },
  });
  await app.register(rateLimit, {
    global: false,
    // Counted in the database: several servers behind one load balancer share each limit.
    store: databaseRateLimitStore(deps.db, deps.clock),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `操作过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`,
    }),
  });
  await app.register(fastifyStatic, { root: staticRoot, prefix: '/static/', maxAge: '1h' });
  // Uploads arrive as form fields (files as Buffers) so the CSRF token in the same form is
  // checked like any other field.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 20 * 1024 * 1024, files: 5, fields: 20 },
    async onFile(part) {
      (part as unknown as { value: unknown }).value = {
        filename: part.filename,
        bytes: await part.toBuffer(),
      };
    },
  });
  await registerApiDocument(app, { siteUrl, modules: deps.modules, staticRoot });
  registerApiConventions(app, deps.modules);

  /** The proofs in the request's cookie that are signed by us and not yet expired. */
  const proofsOf = (req: FastifyRequest): ProofEntry[] => {
    const raw = req.cookies[PROOF_COOKIE];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return [];
    try {
      const list: unknown = JSON.parse(un.value);
      const now = deps.clock.now().getTime();
      if (!Array.isArray(list)) return [];
      return list.filter(
        (e): e is ProofEntry =>
          Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number' && e[1] > now,
      );
    } catch {
      return [];
    }
  };

  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    const base: Ctx = {
      actor: anonymous,
      clock: deps.clock,
      db: deps.db,
      ip: req.ip,
      cipher: deps.cipher,
      modules: deps.modules,
    };
    req.auth = null;
    req.ctx = base;
    if (req.url.startsWith('/static/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.auth = await deps.authenticate(base, token);
    if (req.auth) req.ctx = { ...base, actor: req.auth.actor };
    const proofs = proofsOf(req);
    proofEntries.set(req, proofs);
    if (proofs.length)
      req.ctx = {
        ...req.ctx,
        actor: withProofs(
          req.ctx.actor,
          proofs.map((e) => e[0]),
        ),
      };
  });
  // A bearer token replaces any cookie identity on /api/ (api-auth.ts).
  registerTokenGate(app, deps);
  // Control characters never reach a route (clean-input.ts): the same text on both engines.
  app.addHook('preValidation', async (req) => {
    req.query = cleanValue(req.query, false) as typeof req.query;
    req.params = cleanValue(req.params, false) as typeof req.params;
    if (req.body !== undefined) req.body = cleanValue(req.body, true) as typeof req.body;
  });
  app.addHook('preHandler', (req, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return done();
    // A route that authenticates by a secret in its address (a one-click stop link, RFC 8058)
    // opts out: a mail client posts to it without a form.
    if (req.routeOptions.config?.csrf === false) return done();
    // A token is sent by a system, not by a browser that could be tricked into sending it; and
    // an API call without the browser's cookies carries no identity a forger could borrow (the
    // route then answers 401 itself, or serves the public).
    if (req.auth?.token) return done();
    if (wantsJson(req) && !req.cookies[SESSION_COOKIE] && !req.cookies[PROOF_COOKIE]) return done();
    app.csrfProtection(req, reply, done);
  });
  registerIdempotency(app, deps);
  // A password someone else set must be replaced before anything else is done, by any door.
  app.addHook('preHandler', async (req, reply) => {
    if (!req.auth?.user.mustChangePassword) return;
    const path = req.url.split('?')[0] ?? '';
    if (path === '/admin/account/password' || path === '/admin/logout' || path.startsWith('/static/')) return;
    if (wantsJson(req)) {
      return reply.status(403).send({
        error: { status: 403, code: 'password_change_required', message: '请先在工作平台修改初始密码' },
      });
    }
    if (req.method !== 'GET') {
      return reply.flash('info', '请先修改初始密码').redirect('/admin/account/password', 303);
    }
    if (path.startsWith('/admin')) {
      reply.flash('info', '请先修改初始密码');
      return reply.redirect('/admin/account/password');
    }
  });
  // Anonymous visitors share public pages (ADR 0013): no cookie, an ETag, one rendering per change.
  // A CSRF token is minted only for a page that shows a form (reply.csrf), which is then personal.
  app.addHook('onSend', pageCache.onSend);
  app.addHook('onResponse', pageCache.onResponse);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
    // No page of the platform uses the camera, microphone, payment or USB; location only its own.
    reply.header(
      'permissions-policy',
      'camera=(), microphone=(), payment=(), usb=(), interest-cohort=(), geolocation=(self)',
    );
    return payload;
  });

  // Asking @fastify/csrf-protection twice in one response before the browser has its secret
  // cookie would mint two secrets and leave the form's token unverifiable: ask once, reuse.
  app.decorateReply('csrf', function (this: FastifyReply) {
    let token = csrfTokens.get(this.request);
    if (!token) {
      token = this.generateCsrf();
      csrfTokens.set(this.request, token);
    }
    return token;
  });

  app.decorateReply('prove', function (this: FastifyReply, subject: string) {
    const req = this.request;
    const expires = deps.clock.now().getTime() + PROOF_LIFETIME_SECONDS * 1000;
    const kept = (proofEntries.get(req) ?? []).filter((e) => e[0] !== subject);
    const next: ProofEntry[] = [...kept, [subject, expires] as ProofEntry].slice(-MAX_PROOFS);
    proofEntries.set(req, next);
    this.setCookie(PROOF_COOKIE, JSON.stringify(next), {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: PROOF_LIFETIME_SECONDS,
      secure: deps.config.cookieSecure,
    });
    req.ctx = { ...req.ctx, actor: withProofs(req.ctx.actor, [subject]) };
    return this;
  });

  app.decorateReply('forgetProofs', function (this: FastifyReply) {
    const req = this.request;
    proofEntries.set(req, []);
    this.clearCookie(PROOF_COOKIE, { path: '/' });
    const actor = req.ctx.actor;
    req.ctx = { ...req.ctx, actor: actor.kind === 'applicant' ? anonymous : { ...actor, proofs: [] } };
    return this;
  });

  app.decorateReply('handOver', function (this: FastifyReply, name: string, value: unknown, path: string) {
    this.setCookie(name, JSON.stringify(value), {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path,
      secure: deps.config.cookieSecure,
    });
    return this;
  });

  app.decorateReply('takeHandedOver', function <T>(this: FastifyReply, name: string, path: string): T | null {
    const raw = this.request.cookies[name];
    const un = raw ? this.request.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return null;
    this.clearCookie(name, { path });
    try {
      return JSON.parse(un.value) as T;
    } catch {
      return null;
    }
  });

  app.decorateReply('flash', function (this: FastifyReply, kind: Flash['kind'], message: string) {
    this.setCookie(FLASH_COOKIE, JSON.stringify({ kind, message }), {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: deps.config.cookieSecure,
    });
    return this;
  });

  app.decorateReply('page', async function (this: FastifyReply, opts: PageOptions, body: Child) {
    const req = this.request;
    let flash: Flash | null = null;
    const rawFlash = req.cookies[FLASH_COOKIE];
    if (rawFlash) {
      const un = req.unsignCookie(rawFlash);
      if (un.valid && un.value) {
        try {
          flash = JSON.parse(un.value) as Flash;
        } catch {
          flash = null;
        }
      }
      this.clearCookie(FLASH_COOKIE, { path: '/' });
    }
    const site = await deps.site(req.ctx);
    const path = req.url.split('?')[0] ?? '/';
    const meta: PageMeta = {
      title: opts.title,
      siteName: site.name,
      area: opts.area ?? (req.url.startsWith('/admin') ? 'admin' : 'portal'),
      path,
      // The 关怀模式 switch comes back to this address (a form shown again: to the form's page).
      back: req.method === 'GET' ? req.url : path,
      careMode: careModeOf(req),
      siteUrl,
      user: req.auth ? { displayName: req.auth.user.displayName, username: req.auth.user.username } : null,
      // Only the signed-in header's 退出登录 form needs one: an anonymous page stays cookie-free.
      csrf: req.auth ? this.csrf() : '',
      flash,
      nav: app.nav.filter((n) => !n.visibleTo || n.visibleTo(req.ctx.actor)),
      footer: { phone: site.phone, address: site.address, ...deps.modules.settingsOf(siteSettings) },
      crumbs: opts.crumbs,
      tags: opts.tags,
    };
    const html = await renderDocument(<Layout meta={meta}>{body}</Layout>);
    return this.status(opts.status ?? this.statusCode)
      .type('text/html; charset=utf-8')
      .send(html);
  });

  registerCareSwitch(app, { cookieSecure: deps.config.cookieSecure });

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await sql`select 1`.execute(deps.db);
    return { status: 'ok' };
  });

  /**
   * The last resort when the error page fails in turn: the static page (or the API's fixed
   * message), status 500. Only the log learns what failed.
   */
  const sendStaticError = (req: FastifyRequest, reply: FastifyReply, failure: unknown) => {
    const e = failure instanceof Error ? failure : new Error(String(failure));
    req.log.error({ err: { message: e.message, stack: e.stack } }, 'error page failed');
    if (wantsJson(req))
      return reply
        .status(500)
        .send({ error: { status: 500, code: 'internal_error', message: '系统繁忙，请稍后再试' } });
    return reply.status(500).type('text/html; charset=utf-8').send(STATIC_ERROR_PAGE);
  };

  app.setNotFoundHandler(async (req, reply) => {
    if (wantsJson(req))
      return reply.status(404).send({ error: { status: 404, code: 'not_found', message: '未找到该地址' } });
    try {
      return await reply.page(
        { title: '页面不存在', status: 404 },
        <ErrorPage status={404} message="您访问的页面不存在或已被删除" />,
      );
    } catch (failure) {
      return sendStaticError(req, reply, failure);
    }
  });

  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    try {
      return await answerError(err, req, reply);
    } catch (failure) {
      return sendStaticError(req, reply, failure);
    }
  });

  /** The Chinese error page (or the API's error object) for a failure; the message leaks nothing. */
  const answerError = async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    let status = 500;
    let message = '系统繁忙，请稍后再试';
    let fields: ValidationError['fields'] | undefined;
    if (isDomainError(err)) {
      status = err.status;
      message = err.message;
      if (err instanceof ValidationError) fields = err.fields;
      if (status === 401 && !wantsJson(req) && req.method === 'GET') {
        return reply.redirect(`/admin/login?next=${encodeURIComponent(req.url)}`);
      }
    } else if (err.code?.startsWith('FST_CSRF')) {
      status = 403;
      message = '页面已过期或请求来源不明，请返回上一页刷新后重试';
    } else if (err.statusCode === 429) {
      status = 429;
      message = err.message;
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      message =
        err.code === 'FST_REQ_FILE_TOO_LARGE' || (status === 413 && !wantsJson(req))
          ? '上传的文件过大（不超过 20 MB）'
          : status === 413
            ? '请求内容过大，请分批提交'
            : '请求格式不正确';
    } else {
      req.log.error({ err: { message: err.message, stack: err.stack, code: err.code } }, 'unhandled error');
    }
    if (wantsJson(req))
      return reply.status(status).send({
        error: { status, code: apiErrorCode(status), message, ...(fields ? { fields } : {}) },
      });
    const titles: Record<number, string> = {
      400: '提交的内容有误',
      401: '请先登录',
      403: '没有权限',
      404: '页面不存在',
      429: '操作过于频繁',
      500: '系统繁忙',
    };
    return reply.page(
      { title: titles[status] ?? '出错了', status },
      <>
        <ErrorPage status={status} message={message} />
        {fields && fields.length > 1 ? (
          <ul>
            {fields.map((f) => (
              <li>{f.message}</li>
            ))}
          </ul>
        ) : null}
      </>,
    );
  };

  return app;
}

/** The actor must be a signed-in staff member; otherwise the error handler sends them to login. */
export function requireStaff(req: FastifyRequest): WebAuth {
  if (!req.auth) throw new UnauthenticatedError();
  return req.auth;
}

/**
 * Runs a form's action; when the input is invalid, answers 400 with the form shown again
 * (values kept, errors inline) instead of an error page.
 */
export async function withForm(
  reply: FastifyReply,
  run: () => Promise<unknown>,
  onInvalid: (errors: ValidationError['fields']) => Promise<unknown>,
): Promise<unknown> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ValidationError) {
      reply.status(400);
      return onInvalid(e.fields);
    }
    throw e;
  }
}
