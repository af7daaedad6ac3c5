import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access.js';
import { recordAudit } from '../audit.js';
import type { Clock } from '../clock.js';
import { inTransaction, type Ctx } from '../context.js';
import type { Db } from '../db/database.js';
import type { Installation } from '../module.js';
import { apiSettings } from './api.settings.js';
import { rateLimitHit } from './rate-limit-store.js';

/**
 * Other systems call the API with a bearer token of a service account (the accounts module
 * issues them): `Authorization: Bearer gk_…`. A token request carries no cookie identity: no
 * session, no proofs, no CSRF token (nothing a browser could be tricked into sending). Two gates
 * stand between a token and the data: the route's scope (each API route names one, api.ts) must
 * be among the token's, and the services' own policies then see an actor with only the roles the
 * token's scopes imply, held for the account's agency and subtree. Every token call is audited
 * under the service account, and counted against the token's rate limit in the database.
 */

/** What the accounts module answers for a token (Capabilities.authenticateToken). */
export type TokenAuth =
  | {
      ok: true;
      actor: Actor;
      user: { id: string; username: string; displayName: string; mustChangePassword: false };
      tokenId: string;
      scopes: readonly string[];
      /** The token's own limit per minute; null: GONGKAI_API_TOKEN_RATE_LIMIT. */
      ratePerMinute: number | null;
    }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'disabled' };

/** A route any valid token may call whatever its scopes (only `GET /api/v1/me`, who am I). */
export const ANY_SCOPE = 'any';

const refusals: Record<Exclude<TokenAuth, { ok: true }>['reason'], string> = {
  unknown: '接口令牌无效',
  expired: '接口令牌已过期，请向系统管理员申请新令牌',
  revoked: '接口令牌已被吊销',
  disabled: '该服务账号已停用',
};

/** The token of `Authorization: Bearer …`, or null when the request sends none. */
export function bearerOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : h.trim() ? '' : null;
}

export function sendApiError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error: { status, code, message, ...extra } });
}

interface ApiAuthDeps {
  db: Db;
  clock: Clock;
  modules: Installation;
}

/**
 * Hooks of the token gate. `authenticate` runs in onRequest after the cookie identity was read
 * and replaces it; the scope and the rate limit are checked in preHandler, when the route's
 * configuration is known; the audit event is written in onSend, before the answer leaves.
 */
export function registerTokenGate(app: FastifyInstance, deps: ApiAuthDeps): void {
  const settings = deps.modules.settingsOf(apiSettings);
  const authenticateToken = deps.modules.capabilities.authenticateToken;

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const token = bearerOf(req);
    if (token === null) return;
    const found = token && authenticateToken ? await authenticateToken(req.ctx, token) : null;
    if (!found || !found.ok) {
      return sendApiError(
        reply.header('www-authenticate', 'Bearer realm="gongkai", error="invalid_token"'),
        401,
        'invalid_token',
        found ? refusals[found.reason] : refusals.unknown,
      );
    }
    req.auth = {
      actor: found.actor,
      user: found.user,
      sessionId: '',
      token: { id: found.tokenId, scopes: found.scopes, ratePerMinute: found.ratePerMinute },
    };
    req.ctx = { ...req.ctx, actor: found.actor };
  });

  app.addHook('preHandler', async (req, reply) => {
    const token = req.auth?.token;
    if (!token) return;
    const scope = req.routeOptions.config?.scope;
    if (!scope) return sendApiError(reply, 403, 'not_an_api_operation', '此地址不是接口，不接受接口令牌');
    if (scope !== ANY_SCOPE && !token.scopes.includes(scope)) {
      const label = deps.modules.apiScopes.get(scope)?.label ?? scope;
      return sendApiError(
        reply.header(
          'www-authenticate',
          `Bearer realm="gongkai", error="insufficient_scope", scope="${scope}"`,
        ),
        403,
        'insufficient_scope',
        `接口令牌缺少权限范围 ${scope}（${label}）`,
        { requiredScope: scope },
      );
    }
    const limit = token.ratePerMinute ?? settings.tokenRatePerMinute;
    const { current, ttl } = await rateLimitHit(deps.db, deps.clock, `token|${token.id}`, 60_000);
    reply.header('x-ratelimit-limit', limit).header('x-ratelimit-remaining', Math.max(0, limit - current));
    if (current > limit) {
      const seconds = Math.max(1, Math.ceil(ttl / 1000));
      return sendApiError(
        reply.header('retry-after', seconds),
        429,
        'rate_limited',
        `接口令牌每分钟最多调用 ${limit} 次，请 ${seconds} 秒后再试`,
      );
    }
  });

  // Every call made with a token, whatever its answer, is in the audit log under the account.
  app.addHook('onSend', async (req, reply, payload) => {
    const auth = req.auth;
    if (!auth?.token) return payload;
    const ctx: Ctx = { ...req.ctx, actor: auth.actor };
    await inTransaction(ctx, (ctx) =>
      recordAudit(ctx, {
        action: 'api.call',
        subjectType: 'apiOperation',
        subjectId: null,
        agencyId: auth.actor.agencyId,
        after: {
          method: req.method,
          // The path without its query: a query may carry what a person typed.
          path: req.url.split('?')[0],
          operation: req.routeOptions.url ?? null,
          status: reply.statusCode,
          tokenId: auth.token!.id,
        },
      }),
    );
    return payload;
  });
}
