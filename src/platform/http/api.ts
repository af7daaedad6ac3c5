import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { beijingIso } from '../clock.js';
import { ValidationError } from '../errors.js';
import type { Installation } from '../module.js';
import { ANY_SCOPE } from './api-auth.js';

/**
 * The API's conventions, in one place (ADR 0019). Every route under /api/v1 is declared with
 * `apiRoute`: it names the one scope a token needs, a summary in Chinese and English, and the
 * schemas of its input and of its answer, which the OpenAPI document shows. Answers are
 * `{ "data": … }` (lists: `{ "data": […], "next": cursor | null }`), errors
 * `{ "error": { status, code, message, fields? } }`, every timestamp Beijing time with its offset,
 * every read carries an ETag and answers 304, and every POST honours `Idempotency-Key`
 * (api-idempotency.ts). The CKAN-style open-data catalog keeps CKAN's `{ success, result }`, which
 * CKAN clients read (ADR 0019).
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The API scope a token needs for this route (GongkaiModule.apiScopes), or `any`. */
    scope?: string;
  }
}

type Json = Record<string, unknown>;

export interface ApiRouteSpec {
  scope: string;
  /** What the operation does, in Chinese … */
  summary: string;
  /** … and in English. */
  summaryEn: string;
  tags: readonly string[];
  description?: string;
  /** Callable without a token or session (public data); a token must still hold the scope. */
  public?: boolean;
  querystring?: Json;
  params?: Json;
  body?: Json;
  /** The JSON Schema of `data` in a successful answer. */
  data?: Json;
  /** `data` is one page of a list, with `next` for the following page. */
  list?: boolean;
  /** The JSON Schema of `meta` next to a list's `data` (a total, say). */
  meta?: Json;
  /** The status of a successful answer (201 for a POST that creates). */
  status?: number;
  /** Another media type than the envelope (a CSV, the contract's JSON Schema). */
  produces?: string;
}

const errorSchema: Json = {
  type: 'object',
  description: '错误 · Error',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['status', 'code', 'message'],
      properties: {
        status: { type: 'integer' },
        code: { type: 'string', description: '机器可读的错误代码 · machine-readable code' },
        message: { type: 'string', description: '中文说明 · message in Chinese' },
        requiredScope: { type: 'string' },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

/** Query parameters of a paged list. */
export const pageQuery: Json = {
  cursor: { type: 'string', description: '上一页答复中的 next · `next` of the previous page' },
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, description: '每页条数 · page size' },
};

/** A querystring schema of `properties` plus the paging parameters. */
export function listQuery(properties: Json = {}): Json {
  return { type: 'object', properties: { ...properties, ...pageQuery } };
}

/** The options of an API route: its schema for the document and its scope for the token gate. */
export function apiRoute(spec: ApiRouteSpec): { schema: FastifySchema; config: { scope: string } } {
  const ok = spec.status ?? 200;
  const data = spec.data ?? { description: '见说明 · see the description' };
  const success: Json = spec.produces
    ? { description: '成功 · OK', content: { [spec.produces]: { schema: spec.data ?? {} } } }
    : spec.list
      ? {
          type: 'object',
          description: '成功 · OK',
          required: ['data', 'next', ...(spec.meta ? ['meta'] : [])],
          properties: {
            data: { type: 'array', items: data },
            next: { type: ['string', 'null'], description: '下一页的 cursor，没有下一页时为 null' },
            ...(spec.meta ? { meta: spec.meta } : {}),
          },
        }
      : { type: 'object', description: '成功 · OK', required: ['data'], properties: { data } };
  const bearer = spec.scope === ANY_SCOPE ? [] : [spec.scope];
  const security: Array<Record<string, string[]>> = [
    { bearerAuth: bearer },
    { sessionCookie: [] },
    ...(spec.public ? [{}] : []),
  ];
  const response: Json = { [ok]: success, '4XX': errorSchema };
  return {
    schema: {
      tags: [...spec.tags],
      summary: `${spec.summary} · ${spec.summaryEn}`,
      description: [
        spec.description,
        spec.scope === ANY_SCOPE
          ? '任何有效令牌均可调用 · any valid token'
          : `令牌权限范围 · token scope: \`${spec.scope}\``,
        spec.public ? '公开数据，无需登录或令牌 · public, no token needed' : null,
      ]
        .filter(Boolean)
        .join('\n\n'),
      ...(spec.querystring ? { querystring: spec.querystring } : {}),
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      response,
      security,
    } as FastifySchema,
    config: { scope: spec.scope },
  };
}

/** An opaque cursor for the next page: the position, as base64url JSON. */
export function cursorOf(position: Json): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position in `raw` (null: the first page); a cursor this server did not give is refused. */
export function readCursor<T>(raw: unknown, check: (v: unknown) => v is T): T | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const bad = ValidationError.one('cursor', '参数 cursor 无效，请使用上一页答复中的 next');
  if (typeof raw !== 'string') throw bad;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(raw, 'base64url').toString());
  } catch {
    throw bad;
  }
  if (!check(v)) throw bad;
  return v;
}

/** The page size of `raw` (1–100, default 20). */
export function limitOf(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return 20;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw ValidationError.one('limit', '参数 limit 应为 1–100 之间的整数');
  return n;
}

/** Every timestamp the API gives is Beijing time with its offset (2026-12-07T18:00:00.000+08:00). */
function beijingReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? beijingIso(value) : value;
}

export const serializeJson = (payload: unknown): string => JSON.stringify(payload, beijingReplacer);

/** The methods and paths no API document lists: pages, files, the document itself. */
export function isApiOperation(route: Pick<RouteOptions, 'url' | 'method'>): boolean {
  return (
    route.url.startsWith('/api/v1/') &&
    route.url !== '/api/v1/openapi.json' &&
    !(Array.isArray(route.method) ? route.method : [route.method]).every((m) => m === 'HEAD')
  );
}

/**
 * The conventions' hooks: every /api/v1 route must name a scope (a route without one stops the
 * server at start, so the document can list every operation's scope); JSON is serialized with
 * Beijing timestamps; reads get an ETag and 304.
 */
export function registerApiConventions(app: FastifyInstance, modules: Installation): void {
  app.addHook('onRoute', (route) => {
    if (!isApiOperation(route)) return;
    const scope = route.config?.scope;
    if (!scope)
      throw new Error(`API route ${String(route.method)} ${route.url} names no scope (use apiRoute)`);
    if (scope !== ANY_SCOPE && !modules.apiScopes.has(scope))
      throw new Error(
        `API route ${String(route.method)} ${route.url} names scope ${scope}, which no module declares`,
      );
  });
  app.setReplySerializer(serializeJson);
  // Response schemas document the answer; the answer itself is not filtered through them.
  app.setSerializerCompiler(() => serializeJson);

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' || !req.url.startsWith('/api/') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' || reply.getHeader('etag')) return payload;
    const etag = `W/"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', etag);
    const asked = req.headers['if-none-match'];
    if (typeof asked === 'string' && asked.split(',').some((t) => t.trim() === etag)) {
      reply.status(304);
      return '';
    }
    return payload;
  });
}

/** The API error shape's `code` for each status: one shape for every error. */
const errorCodes: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  500: 'internal_error',
};

export const apiErrorCode = (status: number): string => errorCodes[status] ?? 'error';
