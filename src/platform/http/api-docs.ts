import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import swagger, { type SwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import type { Installation } from '../module.js';
import { isApiOperation } from './api.js';

/**
 * The API's OpenAPI 3.1 document (`/api/v1/openapi.json`), built by @fastify/swagger from the
 * routes' `apiRoute` schemas with every page left out, and its renderer at `/api/docs` (Swagger
 * UI from @fastify/swagger-ui, served from the package: no CDN). ADR 0019.
 */
export async function registerApiDocument(
  app: FastifyInstance,
  opts: { siteUrl: string; modules: Installation; staticRoot: string },
): Promise<void> {
  await app.register(swagger, openApiOptions(opts.siteUrl, opts.modules) as SwaggerOptions);
  // The document's renderer, served from the package (no CDN); it needs inline styles.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { persistAuthorization: false, tryItOutEnabled: true, docExpansion: 'list' },
    theme: {
      title: '政务公开平台接口文档',
      favicon: [
        {
          filename: 'favicon.svg',
          rel: 'icon',
          type: 'image/svg+xml',
          sizes: 'any',
          content: readFileSync(join(opts.staticRoot, 'favicon.svg')),
        },
      ],
    },
    logo: {
      type: 'image/svg+xml',
      content: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="260" height="40" viewBox="0 0 260 40">' +
          '<text x="0" y="28" font-size="22" font-family="sans-serif" fill="#fff">政务公开平台 · 接口文档</text></svg>',
      ),
      href: '/',
      target: '_self',
    },
    staticCSP: true,
    transformStaticCSP: (header) =>
      header.replace(/style-src ([^;]*)/, (_m, v: string) =>
        v.includes("'unsafe-inline'") ? `style-src ${v}` : `style-src ${v} 'unsafe-inline'`,
      ),
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/** OpenAPI 3.1 options for @fastify/swagger: the API and only the API. */
function openApiOptions(siteUrl: string, modules: Installation) {
  const scopes = Object.fromEntries(
    [...modules.apiScopes].map(([name, s]) => [name, `${s.label} · ${s.labelEn}`]),
  );
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '政务公开平台接口 · Gongkai API',
        version: '1',
        description: [
          '其他系统（OA、12345、门户、省级平台）以服务账号的接口令牌调用：`Authorization: Bearer <令牌>`。',
          '答复为 `{"data": …}`，列表另有 `next`（下一页的 cursor）；错误为 `{"error": {status, code, message}}`；',
          '时间均为北京时间并带时区（+08:00）；GET 答复带 ETag，可用 If-None-Match 得到 304；',
          '每个 POST 都可带 `Idempotency-Key` 请求头，重试时不会重复登记。',
          '',
          'Other systems call with a service account token. Answers are `{"data": …}` envelopes,',
          'lists carry a `next` cursor, timestamps are Beijing time with offset, reads have ETags, and',
          'every POST honours `Idempotency-Key`.',
        ].join('\n'),
      },
      servers: [{ url: siteUrl }],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: `服务账号的接口令牌 · service account token. Scopes: ${Object.keys(scopes).join(', ')}`,
          },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'gk_session',
            description: '工作平台的登录会话（写操作另需 x-csrf-token 请求头）· staff browser session',
          },
        },
      },
      'x-scopes': scopes,
    },
    hideUntagged: false,
    transform: ({ schema, url, route }: { schema: FastifySchema; url: string; route: RouteOptions }) => {
      if (!isApiOperation(route)) return { schema: { ...schema, hide: true }, url };
      return { schema, url };
    },
  };
}
