import type { FastifyInstance } from 'fastify';
import * as openData from './open-data.service.js';
import { OpenDataPageView } from './views/open-data-page.js';

const crumbs = [
  { label: '首页', href: '/' },
  { label: '标准化规范化专栏', href: '/standardization' },
  { label: '信息化', href: '/standardization/digital' },
  { label: '开放数据' },
];

/** The portal's 开放数据 page: public. */
export function registerOpenDataPortalRoutes(app: FastifyInstance): void {
  app.get('/open-data', async (req, reply) =>
    reply.page(
      { title: '开放数据', area: 'portal', crumbs },
      <OpenDataPageView p={await openData.portalPage(req.ctx)} />,
    ),
  );
}
