import type { FastifyInstance } from 'fastify';
import * as media from './media.service.js';
import { MatrixPage } from './views/matrix.js';

const crumbs = [
  { label: '首页', href: '/' },
  { label: '标准化规范化专栏', href: '/standardization' },
  { label: '信息化', href: '/standardization/digital' },
  { label: '政务新媒体矩阵' },
];

/** The portal's 政务新媒体矩阵 and each open account's QR code as PNG. */
export function registerMediaPortalRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: { platform?: string } }>('/media', async (req, reply) =>
    reply.page(
      { title: '政务新媒体矩阵', area: 'portal', crumbs },
      <MatrixPage m={await media.matrix(req.ctx, req.query)} />,
    ),
  );
  app.get<{ Params: { id: string } }>('/media/:id/qr.png', async (req, reply) =>
    reply
      .type('image/png')
      .header('cache-control', 'public, max-age=3600')
      .send(await media.qrCodePng(req.ctx, req.params.id)),
  );
}
