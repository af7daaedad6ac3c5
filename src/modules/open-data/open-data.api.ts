import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '../../platform/errors.js';
import { apiRoute } from '../../platform/http/api.js';
import { out } from '../../platform/http/api-schema.js';
import { matchesEtag } from '../../platform/http/page-cache.js';
import { toCsv } from './open-data.js';
import {
  ckanError,
  ckanPackage,
  ckanSuccess,
  dataPackage,
  dataPackageZip,
  tableJson,
} from './open-data.presenter.js';
import * as openData from './open-data.service.js';

type Query = Record<string, string | undefined>;
const tags = ['开放数据 Open data'];

/**
 * An answer anyone may keep: an ETag of its bytes (304 to a matching If-None-Match), public for five
 * minutes, readable from other sites' scripts (open data is meant to be reused).
 */
function cacheable(
  req: FastifyRequest,
  reply: FastifyReply,
  body: string | Buffer,
  type: string,
  file?: string,
) {
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  reply
    .header('etag', etag)
    .header('cache-control', 'public, max-age=300, must-revalidate')
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .type(type);
  if (file) reply.header('content-disposition', `attachment; filename="${file}"`);
  if (matchesEtag(req.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.send(body);
}

const json = (req: FastifyRequest, reply: FastifyReply, value: unknown) =>
  cacheable(req, reply, JSON.stringify(value), 'application/json; charset=utf-8');

/** The catalog answers refusals in CKAN's envelope, with the message in Chinese. */
async function ckanErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const status = isDomainError(err) ? err.status : err.statusCode === 429 ? 429 : 500;
  const message = status === 500 ? '系统繁忙，请稍后再试' : err.message;
  return reply.status(status).send(ckanError(status, message));
}

const str = (description: string) => ({ type: 'string', description });
const int = (description: string) => ({ type: 'integer', minimum: 0, description });
/** The parameters of each CKAN action, as CKAN names them. */
const ckanQueries: Record<string, Record<string, unknown>> = {
  package_search: {
    type: 'object',
    properties: {
      q: str('关键词'),
      fq: str('过滤，如 organization:<机构 ID> year:2020'),
      rows: int('每页条数（0–1000）'),
      start: int('从第几条起'),
    },
  },
  package_show: { type: 'object', properties: { id: str('数据集名称') }, required: ['id'] },
  organization_list: {
    type: 'object',
    properties: { all_fields: { type: 'boolean', description: '给出详情' } },
  },
};

/** REST: open data (`/api/v1/open/…`), read-only and unauthenticated, rate-limited per address. */
export function registerOpenDataApi(
  app: FastifyInstance,
  opts: { perMinute: number; publicUrl: string | null },
): void {
  const base = opts.publicUrl;
  const limited = { rateLimit: { max: opts.perMinute, timeWindow: '1 minute' } };
  const route = (summary: string, summaryEn: string, produces?: string, query?: Record<string, unknown>) => ({
    ...apiRoute({
      scope: 'open:read',
      public: true,
      tags,
      summary,
      summaryEn,
      ...(produces ? { produces } : { data: out.any('数据 · data') }),
      ...(query ? { querystring: query } : {}),
    }),
    config: { ...limited, scope: 'open:read' },
  });
  const action = (
    name: string,
    summary: string,
    summaryEn: string,
    run: (req: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => Promise<unknown>,
  ) =>
    app.get<{ Querystring: Query }>(
      `/api/v1/open/action/${name}`,
      { ...route(summary, summaryEn, 'application/json', ckanQueries[name]), errorHandler: ckanErrors },
      run,
    );

  action(
    'package_list',
    '数据集名称列表（CKAN package_list）',
    'Names of the datasets (CKAN package_list)',
    async (req, reply) => {
      const { names } = await openData.packageList(req.ctx);
      return json(req, reply, ckanSuccess(names));
    },
  );
  action(
    'package_search',
    '检索数据集（CKAN package_search）：q 关键词，fq 过滤（organization、year、tags、name、res_format），rows、start 分页',
    'Search datasets (CKAN package_search): q, fq, rows, start',
    async (req, reply) => {
      const r = await openData.packageSearch(req.ctx, req.query);
      return json(
        req,
        reply,
        ckanSuccess({
          count: r.count,
          sort: 'score desc, metadata_modified desc',
          facets: {},
          search_facets: {},
          results: r.results.map((d) => ckanPackage(d, r.data, base)),
        }),
      );
    },
  );
  action(
    'package_show',
    '一个数据集及其资源（CKAN package_show?id=）',
    'One dataset and its resources (CKAN package_show)',
    async (req, reply) => {
      const r = await openData.packageShow(req.ctx, req.query);
      return json(req, reply, ckanSuccess(ckanPackage(r.dataset, r.data, base)));
    },
  );
  action(
    'organization_list',
    '发布数据集的机构（CKAN organization_list，all_fields=true 给出详情）',
    'Agencies that publish datasets (CKAN organization_list)',
    async (req, reply) => {
      const r = await openData.organizationList(req.ctx, req.query);
      return json(
        req,
        reply,
        ckanSuccess(
          r.allFields
            ? r.organizations.map((o) => ({
                id: o.id,
                name: o.id,
                title: o.title,
                display_name: o.title,
                package_count: o.packages,
              }))
            : r.organizations.map((o) => o.id),
        ),
      );
    },
  );

  app.get<{ Params: { name: string; format: string }; Querystring: Query }>(
    '/api/v1/open/tables/:name.:format',
    route(
      '一张数据表（CSV 或 JSON），可按任一列过滤，如 ?agency_id=…&year=2020',
      'One table as CSV or JSON, filtered by any column',
      'text/csv',
    ),
    async (req, reply) => {
      const format = req.params.format;
      if (format !== 'csv' && format !== 'json') return reply.callNotFound();
      const { data, table } = await openData.openTable(req.ctx, req.params.name, req.query);
      return format === 'csv'
        ? cacheable(req, reply, toCsv(table), 'text/csv; charset=utf-8', `${table.name}.csv`)
        : json(req, reply, tableJson(table, data));
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/open/annual-reports/:id.json',
    route(
      '一份已发布的年度报告（年度报告数据契约 gongkai.annual-report/1）',
      'One published annual report as contract JSON (gongkai.annual-report/1)',
      'application/json',
    ),
    async (req, reply) => json(req, reply, await openData.openReport(req.ctx, req.params.id)),
  );
  const packageOpts = (scope: Awaited<ReturnType<typeof openData.bulk>>['scope'], publisher: string) => ({
    base,
    name: ['gongkai-open-data', scope.agency ? scope.agency.id : null, scope.year].filter(Boolean).join('-'),
    title: `${scope.agency?.name ?? publisher}${scope.year ? `${scope.year}年` : ''}政务公开开放数据`,
  });
  app.get<{ Querystring: Query }>(
    '/api/v1/open/datapackage.json',
    route(
      '数据包描述（Frictionless Tabular Data Package），可用 agency、year 限定',
      'Data package descriptor (Frictionless Tabular Data Package), by agency and year',
      'application/json',
    ),
    async (req, reply) => {
      const r = await openData.bulk(req.ctx, req.query);
      return json(req, reply, dataPackage(r.tables, r.data, packageOpts(r.scope, r.data.publisher)));
    },
  );
  app.get<{ Querystring: Query }>(
    '/api/v1/open/datapackage.zip',
    route(
      '批量下载：datapackage.json 和每张表的 CSV；agency（含下级机构）、year 可限定',
      'Bulk download: datapackage.json and every table as CSV',
      'application/zip',
    ),
    async (req, reply) => {
      const r = await openData.bulk(req.ctx, req.query);
      const o = packageOpts(r.scope, r.data.publisher);
      return cacheable(req, reply, dataPackageZip(r.tables, r.data, o), 'application/zip', `${o.name}.zip`);
    },
  );
}
