import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/errors.js';
import { demoSitePage } from './demo-sites.js';
import { isLoaded } from './demo.service.js';

/**
 * The demo departments' websites the site inspector checks (demo-sites.ts), served only while the
 * demo is loaded: an installation with real data answers 404 here.
 */
export function registerDemoRoutes(app: FastifyInstance): void {
  app.get<{ Params: { '*': string } }>('/demo-sites/*', async (req, reply) => {
    const page = (await isLoaded(req.ctx)) ? demoSitePage(req.params['*'], req.ctx.clock.now()) : null;
    if (!page) throw new NotFoundError('页面不存在');
    return reply.code(page.status).type('text/html; charset=utf-8').send(page.html);
  });
}
