import type { FastifyInstance } from 'fastify';
import { ANY_SCOPE } from '../../platform/http/api-auth.js';
import { apiRoute, cursorOf, pageQuery, readCursor } from '../../platform/http/api.js';
import { out } from '../../platform/http/api-schema.js';
import { requireStaff } from '../../platform/http/server.js';
import * as accounts from './account.service.js';
import * as auditLog from './audit-log.service.js';

const isPage = (v: unknown): v is { page: number } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as { page: unknown }).page) &&
  (v as { page: number }).page >= 1;

export function registerAccountApi(app: FastifyInstance): void {
  app.get(
    '/api/v1/me',
    apiRoute({
      scope: ANY_SCOPE,
      tags: ['账号 Accounts'],
      summary: '当前账号：登录的工作人员，或令牌所属的服务账号及其权限范围',
      summaryEn: 'Who am I: the signed-in staff member, or the token’s service account and scopes',
      data: out.any('账号 · account'),
    }),
    async (req) => {
      const auth = requireStaff(req);
      const me = await accounts.me(req.ctx);
      return { data: auth.token ? { ...me, token: { id: auth.token.id, scopes: auth.token.scopes } } : me };
    },
  );

  app.get<{ Querystring: Record<string, string> }>(
    '/api/v1/audit-events',
    apiRoute({
      scope: 'audit:read',
      tags: ['审计 Audit'],
      summary: '审计日志（按权限范围），新的在前，每页 50 条',
      summaryEn: 'Audit log within the caller’s scope, newest first, 50 a page',
      querystring: {
        type: 'object',
        properties: {
          cursor: pageQuery.cursor,
          action: { type: 'string', description: '操作，如 api.call' },
          actor: { type: 'string', description: '操作人名称的一部分' },
          from: { type: 'string', format: 'date' },
          to: { type: 'string', format: 'date' },
        },
      },
      list: true,
      data: out.any('一条审计记录 · one audit event'),
    }),
    async (req) => {
      requireStaff(req);
      const at = readCursor(req.query.cursor, isPage)?.page ?? 1;
      const r = await auditLog.browse(req.ctx, req.query, at);
      const more = r.page === at && r.page * r.pageSize < r.total;
      return { data: r.page === at ? r.events : [], next: more ? cursorOf({ page: at + 1 }) : null };
    },
  );
}
