import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../../platform/http/server.js';
import { apiReport, documentJson } from './annual-report.presenter.js';
import { documentSchema, reportIdSchema } from './annual-report.schemas.js';
import * as annualReports from './annual-report.service.js';

const tags = ['年度报告'];

/** REST: the report of any year and scope as built now, and an agency's report by its ID. */
export function registerAnnualReportApi(app: FastifyInstance): void {
  app.get(
    '/api/v1/annual-reports/build',
    {
      schema: {
        tags,
        summary:
          '用平台数据生成年度报告数据（gongkai.annual-report/1），含文字部分和全部检查结果（与页面、命令行一致）；需登录',
        querystring: documentSchema.json(),
      },
    },
    async (req) => {
      requireStaff(req);
      return { data: documentJson(await annualReports.documentFor(req.ctx, req.query)) };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/annual-reports/:id',
    {
      schema: {
        tags,
        summary: '本机关年度报告（草稿或已发布）：数据、文字部分和检查结果；需登录',
        params: reportIdSchema.json(),
      },
    },
    async (req) => {
      requireStaff(req);
      return { data: apiReport(await annualReports.get(req.ctx, req.params.id)) };
    },
  );
}
