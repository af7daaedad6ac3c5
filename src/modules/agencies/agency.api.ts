import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../platform/http/server.js';
import { apiRoute } from '../../platform/http/api.js';
import { publicAgency as publicAgencyOf, staffAgency as staffAgencyOf } from './agency.presenter.js';
import { out } from '../../platform/http/api-schema.js';
import { agencyKinds, agencyLevels } from './agency.js';
import {
  createAgencySchema,
  moveAgencySchema,
  renameAgencySchema,
  updateAgencySchema,
} from './agency.schemas.js';
import * as agencies from './agency.service.js';

const tags = ['机构 Agencies'];
const idParam = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] };

const publicAgencySchema = {
  id: out.string('机构 ID'),
  parentId: out.text('上级机构 ID'),
  name: out.string('名称'),
  shortName: out.text('简称'),
  level: out.oneOf('层级', agencyLevels),
  levelLabel: out.string('层级（中文）'),
  kind: out.oneOf('类型', agencyKinds),
  kindLabel: out.string('类型（中文）'),
  creditCode: out.text('统一社会信用代码'),
  address: out.text('地址'),
  postcode: out.text('邮编'),
  officeHours: out.text('办公时间'),
  phone: out.text('电话'),
  fax: out.text('传真'),
  email: out.text('电子邮箱'),
  website: out.text('网站'),
};
const publicAgency = out.object(publicAgencySchema);
const staffAgency = out.object({
  ...publicAgencySchema,
  path: out.string('树中位置'),
  depth: out.integer('层数'),
  regionCode: out.text('行政区划代码'),
  sortOrder: out.integer('排序'),
  dissolvedAt: out.text('撤销日期'),
  createdAt: out.instant('创建时间'),
  updatedAt: out.instant('更新时间'),
});

export function registerAgencyApi(app: FastifyInstance): void {
  app.get(
    '/api/v1/agencies',
    apiRoute({
      scope: 'agencies:read',
      public: true,
      tags,
      summary: '机构目录（公开）',
      summaryEn: 'Directory of agencies (public)',
      data: out.array(publicAgency),
    }),
    async (req) => ({ data: (await agencies.listPublic(req.ctx)).map(publicAgencyOf) }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/agencies/:id',
    apiRoute({
      scope: 'agencies:read',
      public: true,
      tags,
      summary: '机构详情；有权限的工作人员可见全部字段',
      summaryEn: 'One agency; staff with access see every field',
      params: idParam,
      data: { anyOf: [staffAgency, publicAgency] },
    }),
    async (req) => {
      return { data: await agencies.apiView(req.ctx, req.params.id) };
    },
  );

  app.post(
    '/api/v1/agencies',
    apiRoute({
      scope: 'agencies:write',
      tags,
      summary: '新增机构',
      summaryEn: 'Create an agency',
      body: createAgencySchema.json(),
      status: 201,
      data: staffAgency,
    }),
    async (req, reply) => {
      requireStaff(req);
      return reply.status(201).send({ data: staffAgencyOf(await agencies.create(req.ctx, req.body)) });
    },
  );

  app.patch<{ Params: { id: string } }>(
    '/api/v1/agencies/:id',
    apiRoute({
      scope: 'agencies:write',
      tags,
      summary: '修改机构信息',
      summaryEn: 'Update an agency',
      params: idParam,
      body: updateAgencySchema.json({ partial: true }),
      data: staffAgency,
    }),
    async (req) => {
      requireStaff(req);
      return { data: staffAgencyOf(await agencies.update(req.ctx, req.params.id, req.body)) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/agencies/:id/rename',
    apiRoute({
      scope: 'agencies:write',
      tags,
      summary: '机构更名（保留沿革）',
      summaryEn: 'Rename an agency, keeping its history',
      params: idParam,
      body: renameAgencySchema.json(),
      data: staffAgency,
    }),
    async (req) => {
      requireStaff(req);
      return { data: staffAgencyOf(await agencies.rename(req.ctx, req.params.id, req.body)) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/agencies/:id/move',
    apiRoute({
      scope: 'agencies:write',
      tags,
      summary: '调整隶属关系（保留沿革）',
      summaryEn: 'Move an agency in the tree, keeping its history',
      params: idParam,
      body: moveAgencySchema.json(),
      data: staffAgency,
    }),
    async (req) => {
      requireStaff(req);
      return { data: staffAgencyOf(await agencies.move(req.ctx, req.params.id, req.body)) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/agencies/:id/history',
    apiRoute({
      scope: 'agencies:read',
      tags,
      summary: '机构沿革',
      summaryEn: 'History of an agency (renames, moves)',
      params: idParam,
      data: out.array(out.any('一次变更 · one change')),
    }),
    async (req) => {
      requireStaff(req);
      return { data: await agencies.history(req.ctx, req.params.id) };
    },
  );
}
