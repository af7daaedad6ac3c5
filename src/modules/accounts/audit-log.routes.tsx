import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../platform/http/server.js';
import { auditLogPage } from './audit-log.service.js';
import { AuditLog } from './views/audit-log.js';
import { scopes } from './account.policy.js';

/** 审计日志: every write, filtered by operation, operator and date, within the reader's scope. */
export function registerAuditLogRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/audit',
    label: '审计日志',
    area: 'admin',
    order: 90,
    visibleTo: (actor) => scopes(actor, 'readAudit').length > 0,
  });

  app.get<{ Querystring: Record<string, string> }>('/admin/audit', async (req, reply) => {
    requireStaff(req);
    const page = await auditLogPage(req.ctx, req.query);
    if (page.errors.length) reply.status(400);
    return reply.page(
      { title: '审计日志', crumbs: [{ label: '工作台', href: '/admin' }, { label: '审计日志' }] },
      <AuditLog page={page} query={req.query} />,
    );
  });
}
