import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../platform/http/server.js';
import { publicAgency, staffAgency } from './agency.presenter.js';
import {
  createAgencySchema,
  moveAgencySchema,
  renameAgencySchema,
  updateAgencySchema,
} from './agency.schemas.js';
import * as agencies from './agency.service.js';

const tags = ['机构'];
const idParam = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] };

export function registerAgencyApi(app: FastifyInstance): void {
  app.get('/api/v1/agencies', { schema: { tags, summary: '机构目录（公开）' } }, async (req) => ({
    data: (await agencies.listPublic(req.ctx)).map(publicAgency),
  }));

  app.get<{ Params: { id: string } }>(
    '/api/v1/agencies/:id',
    { schema: { tags, summary: '机构详情；有权限的工作人员可见全部字段', params: idParam } },
    async (req) => {
      return { data: await agencies.apiView(req.ctx, req.params.id) };
    },
  );

  app.post(
    '/api/v1/agencies',
    { schema: { tags, summary: '新增机构', body: createAgencySchema.json() } },
    async (req, reply) => {
      requireStaff(req);
      return reply.status(201).send({ data: staffAgency(await agencies.create(req.ctx, req.body)) });
    },
  );

  app.patch<{ Params: { id: string } }>(
    '/api/v1/agencies/:id',
    {
      schema: {
        tags,
        summary: '修改机构信息',
        params: idParam,
        body: updateAgencySchema.json({ partial: true }),
      },
    },
    async (req) => {
      requireStaff(req);
      return { data: staffAgency(await agencies.update(req.ctx, req.params.id, req.body)) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/agencies/:id/rename',
    { schema: { tags, summary: '机构更名（保留沿革）', params: idParam, body: renameAgencySchema.json() } },
    async (req) => {
      requireStaff(req);
      return { data: staffAgency(await agencies.rename(req.ctx, req.params.id, req.body)) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/agencies/:id/move',
    { schema: { tags, summary: '调整隶属关系（保留沿革）', params: idParam, body: moveAgencySchema.json() } },
    async (req) => {
      requireStaff(req);
      return { data: staffAgency(await agencies.move(req.ctx, req.params.id, req.body)) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/agencies/:id/history',
    { schema: { tags, summary: '机构沿革', params: idParam } },
    async (req) => {
      requireStaff(req);
      return { data: await agencies.history(req.ctx, req.params.id) };
    },
  );
}
