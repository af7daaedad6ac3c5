import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../../platform/http/server.js';
import { sendFile } from '../compile/annual-report.routes.js';
import { comparisonCharts } from './comparison.charts.js';
import * as comparisons from './comparison.service.js';
import { COMPARE_PATH, ComparePageView } from './views/compare-page.js';

type Query = Record<string, unknown>;

/**
 * Back office: annual reports side by side (年度报告对比). A GET form, so that a comparison is
 * a link one can keep or send, and works without JavaScript; each table downloads as CSV and XLSX.
 */
export function registerCompareRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: Query }>(COMPARE_PATH, async (req, reply) => {
    requireStaff(req);
    const page = await comparisons.comparePage(req.ctx, req.query);
    const charts = page.comparison ? await comparisonCharts(page.comparison, page.comparison.indicator) : [];
    return reply.page(
      {
        title: '年度报告对比',
        status: page.errors.length ? 400 : 200,
        crumbs: [
          { label: '工作台', href: '/admin' },
          { label: '年度报告', href: '/admin/annual-reports' },
          { label: '年度报告对比' },
        ],
      },
      <ComparePageView page={page} charts={charts} />,
    );
  });

  app.get<{ Params: { table: string; format: string }; Querystring: Query }>(
    `${COMPARE_PATH}/:table.:format`,
    async (req, reply) => {
      requireStaff(req);
      return sendFile(reply, await comparisons.download(req.ctx, { ...req.query, ...req.params }));
    },
  );
}
