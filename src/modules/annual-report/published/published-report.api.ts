import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../../platform/http/api.js';
import { out } from '../../../platform/http/api-schema.js';
import { requireStaff } from '../../../platform/http/server.js';
import { annualReportJsonSchema } from '../contract/schema.js';
import { uploaded } from './published-report.schemas.js';
import * as reports from './published-report.service.js';

const tags = ['年度报告 Annual reports'];

/** REST: the contract's JSON Schema, and the checker of a published report. */
export function registerPublishedReportApi(app: FastifyInstance): void {
  app.get(
    '/api/v1/schemas/annual-report.json',
    apiRoute({
      scope: 'reports:read',
      public: true,
      tags,
      summary: '年度报告数据的 JSON Schema（gongkai.annual-report/1）',
      summaryEn: 'JSON Schema of annual report data (gongkai.annual-report/1)',
      produces: 'application/schema+json',
    }),
    async (_req, reply) => reply.type('application/schema+json; charset=utf-8').send(annualReportJsonSchema),
  );
  app.post<{ Body: Record<string, unknown> }>(
    '/api/v1/reports/check',
    apiRoute({
      scope: 'reports:write',
      tags,
      summary: '检查一份已发布的年度报告（multipart 上传 file，或 JSON {name, text}）',
      summaryEn: 'Check a published annual report (multipart `file`, or JSON {name, text})',
      body: {
        type: 'object',
        properties: {
          name: { type: 'string', description: '文件名' },
          text: { type: 'string', description: '报告全文' },
        },
      },
      data: out.object({
        id: out.string('检查记录 ID'),
        status: out.string('状态'),
        error: out.text('无法读取时的原因'),
        report: out.nullable(out.any('读出的报告数据（gongkai.annual-report/1）')),
      }),
    }),
    async (req) => {
      requireStaff(req);
      const r = await reports.check(req.ctx, uploaded(req.body ?? {}));
      return { data: { id: r.id, status: r.status, error: r.error, report: r.data } };
    },
  );
}
