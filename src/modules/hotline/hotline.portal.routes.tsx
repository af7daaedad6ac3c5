import type { FastifyInstance } from 'fastify';
import * as hotline from './hotline.service.js';
import { HotlinePageView } from './views/hotline-page.js';

type Query = { agency?: string; year?: string; month?: string };

const crumbs = [
  { label: '首页', href: '/' },
  { label: '标准化规范化专栏', href: '/standardization' },
  { label: '便民化', href: '/standardization/convenience' },
  { label: '12345 便民服务热线' },
];

/** The portal's 12345 figures: public, for any agency of the tree and any year or month. */
export function registerHotlinePortalRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: Query }>('/hotline', async (req, reply) =>
    reply.page(
      { title: '12345 便民服务热线办理情况', area: 'portal', crumbs },
      <HotlinePageView p={await hotline.portalPage(req.ctx, req.query)} />,
    ),
  );
}
