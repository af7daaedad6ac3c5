import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '../../platform/errors.js';
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
const tags = ['开放数据'];

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

/** REST: open data (`/api/v1/open/…`), read-only and unauthenticated, rate-limited per address. */
export function registerOpenDataApi(
  app: FastifyInstance,
  opts: { perMinute: number; publicUrl: string | null },
): void {
  const base = opts.publicUrl;
  const limited = { rateLimit: { max: opts.perMinute, timeWindow: '1 minute' } };
  const action = (
    name: string,
    summary: string,
    run: (req: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => Promise<unknown>,
  ) =>
    app.get<{ Querystring: Query }>(
      `/api/v1/open/action/${name}`,
      { schema: { tags, summary }, config: limited, errorHandler: ckanErrors },
      run,
    );

  action('package_list', '数据集名称列表（CKAN package_list）', async (req, reply) => {
    const { names } = await openData.packageList(req.ctx);
    return json(req, reply, ckanSuccess(names));
  });
  action(
    'package_search',
    '检索数据集（CKAN package_search）：q 关键词，fq 过滤（organization、year、tags、name、res_format），rows、start 分页',
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
  action('package_show', '一个数据集及其资源（CKAN package_show?id=）', async (req, reply) => {
    const r = await openData.packageShow(req.ctx, req.query);
    return json(req, reply, ckanSuccess(ckanPackage(r.dataset, r.data, base)));
  });
  action(
    'organization_list',
    '发布数据集的机构（CKAN organization_list，all_fields=true 给出详情）',
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
    {
      schema: { tags, summary: '一张数据表（CSV 或 JSON），可按任一列过滤，如 ?agency_id=…&year=2020' },
      config: limited,
    },
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
    {
      schema: { tags, summary: '一份已发布的年度报告（年度报告数据契约 gongkai.annual-report/1）' },
      config: limited,
    },
    async (req, reply) => json(req, reply, await openData.openReport(req.ctx, req.params.id)),
  );
  const packageOpts = (scope: Awaited<ReturnType<typeof openData.bulk>>['scope'], publisher: string) => ({
    base,
    name: ['gongkai-open-data', scope.agency ? scope.agency.id : null, scope.year].filter(Boolean).join('-'),
    title: `${scope.agency?.name ?? publisher}${scope.year ? `${scope.year}年` : ''}政务公开开放数据`,
  });
  app.get<{ Querystring: Query }>(
    '/api/v1/open/datapackage.json',
    {
      schema: { tags, summary: '数据包描述（Frictionless Tabular Data Package），可用 agency、year 限定' },
      config: limited,
    },
    async (req, reply) => {
      const r = await openData.bulk(req.ctx, req.query);
      return json(req, reply, dataPackage(r.tables, r.data, packageOpts(r.scope, r.data.publisher)));
    },
  );
  app.get<{ Querystring: Query }>(
    '/api/v1/open/datapackage.zip',
    {
      schema: {
        tags,
        summary: '批量下载：datapackage.json 和每张表的 CSV；agency（含下级机构）、year 可限定',
      },
      config: limited,
    },
    async (req, reply) => {
      const r = await openData.bulk(req.ctx, req.query);
      const o = packageOpts(r.scope, r.data.publisher);
      return cacheable(req, reply, dataPackageZip(r.tables, r.data, o), 'application/zip', `${o.name}.zip`);
    },
  );
}
