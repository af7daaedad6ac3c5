import type { FastifyInstance } from 'fastify';
import { apiRoute, cursorOf, limitOf, listQuery, readCursor } from '../../../platform/http/api.js';
import { out } from '../../../platform/http/api-schema.js';
import { requireStaff } from '../../../platform/http/server.js';
import { apiReport, documentJson } from './annual-report.presenter.js';
import { documentSchema, reportIdSchema } from './annual-report.schemas.js';
import * as annualReports from './annual-report.service.js';
import { listPublished, publishedContract } from './published-contracts.service.js';

const tags = ['年度报告 Annual reports'];

const publishedPath = '/api/v1/annual-reports/published';
const isAfter = (v: unknown): v is { after: string } =>
  typeof v === 'object' && v !== null && typeof (v as { after: unknown }).after === 'string';

const publishedItem = out.object({
  id: out.string('报告 ID'),
  agencyId: out.string('机构 ID'),
  agencyName: out.string('机构名称'),
  year: out.integer('年度'),
  scope: out.oneOf('范围：self 本机关，tree 含下级机关', ['self', 'tree']),
  source: out.oneOf('来源：platform 在本平台发布，recorded 本平台之前发布、经年报检查记录', [
    'platform',
    'recorded',
  ]),
  format: out.oneOf('报告格式（国家格式的版本）', ['2019', '2021']),
  publishedAt: out.nullable(out.instant('在本平台发布的时间；recorded 为 null')),
  contract: out.string('报告数据（gongkai.annual-report/1）的地址'),
});

/** REST: the report of any year and scope as built now, and an agency's report by its ID. */
export function registerAnnualReportApi(app: FastifyInstance): void {
  app.get(
    '/api/v1/annual-reports/build',
    apiRoute({
      scope: 'reports:read',
      tags,
      summary:
        '用平台数据生成年度报告数据（gongkai.annual-report/1），含文字部分和全部检查结果（与页面、命令行一致）',
      summaryEn: 'Build annual report data from the platform (gongkai.annual-report/1), with text and checks',
      querystring: documentSchema.json(),
      data: out.any('年度报告数据 · annual report data (see /api/v1/schemas/annual-report.json)'),
    }),
    async (req) => {
      requireStaff(req);
      return { data: documentJson(await annualReports.documentFor(req.ctx, req.query)) };
    },
  );
  // `published` is a static segment: it wins over `/api/v1/annual-reports/:id` whatever the order.
  app.get<{ Querystring: Record<string, string | undefined> }>(
    publishedPath,
    apiRoute({
      scope: 'reports:read',
      public: true,
      tags,
      summary: '已发布的年度报告：在本平台发布的，以及本平台之前发布、经年报检查记录的；可按年度、机构筛选',
      summaryEn: 'Published annual reports (on the platform, and recorded ones), by year and agency',
      querystring: listQuery({
        year: { type: 'string', pattern: '^\\d{4}$', description: '年度，如 2020' },
        agency: { type: 'string', description: '机构 ID' },
      }),
      list: true,
      data: publishedItem,
    }),
    async (req) => {
      const r = await listPublished(req.ctx, {
        year: req.query.year,
        agency: req.query.agency,
        after: readCursor(req.query.cursor, isAfter)?.after ?? null,
        limit: limitOf(req.query.limit),
      });
      return {
        data: r.reports.map((p) => ({
          id: p.id,
          agencyId: p.agencyId,
          agencyName: p.agencyName,
          year: p.year,
          scope: p.scope,
          source: p.source,
          format: p.format,
          publishedAt: p.publishedAt,
          contract: `${publishedPath}/${p.id}`,
        })),
        next: r.nextAfter ? cursorOf({ after: r.nextAfter }) : null,
      };
    },
  );
  app.get<{ Params: { id: string } }>(
    `${publishedPath}/:id`,
    apiRoute({
      scope: 'reports:read',
      public: true,
      tags,
      summary: '一份已发布的年度报告的数据（年度报告数据契约 gongkai.annual-report/1）',
      summaryEn: 'One published annual report as contract data (gongkai.annual-report/1)',
      params: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', description: '已发布年度报告列表中的 id' } },
      },
      data: out.any('年度报告数据 · annual report data (see /api/v1/schemas/annual-report.json)'),
    }),
    async (req) => ({ data: await publishedContract(req.ctx, req.params.id) }),
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/annual-reports/:id',
    apiRoute({
      scope: 'reports:read',
      tags,
      summary: '本机关年度报告（草稿或已发布）：数据、文字部分和检查结果',
      summaryEn: 'One of the agency’s annual reports (draft or published): data, text and checks',
      params: reportIdSchema.json(),
      data: out.any('年度报告 · annual report'),
    }),
    async (req) => {
      requireStaff(req);
      return { data: apiReport(await annualReports.get(req.ctx, req.params.id)) };
    },
  );
}
