import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../../platform/http/server.js';
import { annualReportJsonSchema } from '../contract/schema.js';
import { uploaded } from './published-report.schemas.js';
import * as reports from './published-report.service.js';

const tags = ['年度报告'];

/** REST: the contract's JSON Schema, and the checker of a published report. */
export function registerPublishedReportApi(app: FastifyInstance): void {
  app.get(
    '/api/v1/schemas/annual-report.json',
    { schema: { tags, summary: '年度报告数据的 JSON Schema' } },
    async (_req, reply) => reply.type('application/schema+json; charset=utf-8').send(annualReportJsonSchema),
  );
  app.post<{ Body: Record<string, unknown> }>(
    '/api/v1/reports/check',
    { schema: { tags, summary: '检查一份已发布的年度报告（multipart 上传 file，或 JSON {name, text}）' } },
    async (req) => {
      requireStaff(req);
      const r = await reports.check(req.ctx, uploaded(req.body ?? {}));
      return { data: { id: r.id, status: r.status, error: r.error, report: r.data } };
    },
  );
}
