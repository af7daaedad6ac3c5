import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../platform/http/server.js';
import * as accounts from './account.service.js';
import * as auditLog from './audit-log.service.js';

const page = (raw: string | undefined) => Math.max(1, Number(raw) || 1);

export function registerAccountApi(app: FastifyInstance): void {
  app.get('/api/v1/me', { schema: { tags: ['账号'], summary: '当前登录的工作人员' } }, async (req) => {
    requireStaff(req);
    return { data: await accounts.me(req.ctx) };
  });

  app.get<{ Querystring: Record<string, string> }>(
    '/api/v1/audit-events',
    { schema: { tags: ['审计'], summary: '审计日志（按权限范围）' } },
    async (req) => {
      requireStaff(req);
      return auditLog.browse(req.ctx, req.query, page(req.query.page));
    },
  );
}
