import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../platform/http/server.js';
import { can } from './operation.policy.js';
import * as operations from './operation.service.js';
import { JobsView } from './views/jobs-page.js';

const crumbs = [{ label: '工作台', href: '/admin' }, { label: '后台任务' }];

export function registerOperationRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/jobs',
    label: '后台任务',
    area: 'admin',
    order: 90,
    visibleTo: (actor) => can(actor, 'viewJobs'),
  });

  app.get<{ Querystring: { state?: string; page?: string } }>('/admin/jobs', async (req, reply) => {
    requireStaff(req);
    const p = await operations.jobsPage(req.ctx, req.query);
    return reply.page({ title: '后台任务', crumbs }, <JobsView p={p} csrf={reply.csrf()} />);
  });

  app.post<{ Params: { id: string } }>('/admin/jobs/:id/retry', async (req, reply) => {
    requireStaff(req);
    await operations.retry(req.ctx, req.params.id);
    return reply.flash('success', '已重新排入队列，稍后运行').redirect('/admin/jobs?state=queued', 303);
  });

  app.post<{ Params: { id: string } }>('/admin/jobs/:id/discard', async (req, reply) => {
    requireStaff(req);
    await operations.discard(req.ctx, req.params.id);
    return reply.flash('success', '已放弃该任务').redirect('/admin/jobs', 303);
  });
}
