import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.js';
import { out } from '../../platform/http/api-schema.js';
import { requireStaff } from '../../platform/http/server.js';
import { state } from './request-case.service.js';
import { queue } from './request-queue.service.js';
import { act } from './request-steps.service.js';
import { apiCaseView } from './request.presenter.js';
import { caseActions, onlineApplicationSchema } from './request.schemas.js';
import * as requests from './request.service.js';

const tags = ['依申请公开 Requests'];

/**
 * The REST doors of the same services. Personal data is masked in every API response: the
 * handling clerk sees it in the clear only on the case page, and each viewing is audited.
 */
export function registerRequestApi(
  app: FastifyInstance,
  opts: { publicFormRateLimitPerMinute: number },
): void {
  app.post(
    '/api/v1/requests',
    {
      ...apiRoute({
        scope: 'requests:write',
        public: true,
        tags,
        summary: '在线提交政府信息公开申请（返回受理编号和查询码）',
        summaryEn: 'Submit a request for government information (returns its number and lookup code)',
        body: onlineApplicationSchema.json(),
        status: 201,
        data: out.any('受理编号、查询码和答复期限 · number, lookup code, due date'),
      }),
      config: {
        scope: 'requests:write',
        rateLimit: { max: opts.publicFormRateLimitPerMinute, timeWindow: '1 minute' },
      },
    },
    async (req, reply) => reply.status(201).send({ data: await requests.submitOnline(req.ctx, req.body) }),
  );
  app.get(
    '/api/v1/requests',
    apiRoute({
      scope: 'requests:read',
      tags,
      summary: '办理中的申请（按权限范围，含期限）',
      summaryEn: 'Open requests within the caller’s scope, with their deadlines',
      data: out.array(out.any('一件申请 · one request')),
    }),
    async (req) => {
      requireStaff(req);
      return { data: await queue(req.ctx) };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/requests/:id',
    apiRoute({
      scope: 'requests:read',
      tags,
      summary: '一件申请：个人信息已脱敏，含期限的计算过程',
      summaryEn: 'One request, personal data masked, with how its deadline was computed',
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      data: out.any('申请 · request'),
    }),
    async (req) => {
      requireStaff(req);
      const s = await state(req.ctx, req.params.id);
      return { data: apiCaseView(s.request, s.events, s.deadline, (v) => req.ctx.cipher.decrypt(v)) };
    },
  );
  app.post<{ Params: { id: string; action: string } }>(
    '/api/v1/requests/:id/actions/:action',
    apiRoute({
      scope: 'requests:write',
      tags,
      summary: '办理一步：补正、征询、延期、收费、答复、撤回',
      summaryEn: 'Take a step on a request: supplement, consult, extend, fee, reply, withdraw',
      params: {
        type: 'object',
        properties: { id: { type: 'string' }, action: { type: 'string', enum: caseActions } },
        required: ['id', 'action'],
      },
      data: out.any('办理后的申请 · the request after the step'),
    }),
    async (req) => {
      requireStaff(req);
      return { data: await act(req.ctx, req.params.id, req.params.action, req.body) };
    },
  );
}
