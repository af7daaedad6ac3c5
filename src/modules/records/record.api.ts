import type { FastifyInstance } from 'fastify';
import { apiRoute, cursorOf, readCursor } from '../../platform/http/api.js';
import { out } from '../../platform/http/api-schema.js';
import { registerDocumentsApi } from './official-document.api.js';
import { registerPublishedRecordsApi } from './record-published.api.js';
import { searchResultJson } from './record.presenter.js';
import { pageSize as defaultPageSize, searchRecords } from './record-search.service.js';
import { searchSchema } from './record.schemas.js';

const isPage = (v: unknown): v is { page: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { page: unknown }).page);

/**
 * REST endpoints of 主动公开: search over published records; the list, one record and records
 * pushed (record-published.api.ts); 公文 registered by the OA system (official-document.api.ts).
 */
export function registerRecordApi(app: FastifyInstance): void {
  const query = searchSchema.json() as { properties?: Record<string, unknown> };
  // Paging is by cursor here; `page` is the portal's.
  const properties = Object.fromEntries(Object.entries(query.properties ?? {}).filter(([k]) => k !== 'page'));
  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/api/v1/search',
    apiRoute({
      scope: 'records:read',
      public: true,
      tags: ['主动公开 Records'],
      summary:
        '检索已发布的政府信息：按相关度（完全匹配的文号、索引号、短语在前）或发布日期排序；meta.totalApproximate 为 true 时 total 是约数',
      summaryEn: 'Search published records, by relevance or date; `meta.total` may be an estimate',
      querystring: {
        ...query,
        properties: { ...properties, cursor: { type: 'string', description: '上一页答复中的 next' } },
      },
      list: true,
      data: out.object({
        indexNumber: out.string('索引号'),
        title: out.string('标题'),
        docNumber: out.text('文号'),
        snippet: out.string('摘要'),
        score: out.number('相关度'),
      }),
      meta: out.object({ total: out.integer('命中条数'), totalApproximate: out.boolean('total 是否为约数') }),
    }),
    async (req) => {
      const page = readCursor(req.query.cursor, isPage)?.page ?? 1;
      const r = searchResultJson(await searchRecords(req.ctx, { ...req.query, page: String(page) }));
      const size = Number(req.query.pageSize) || defaultPageSize;
      const more = r.hits.length === size && page * size < r.total && page < 1000;
      return {
        data: r.hits,
        next: more ? cursorOf({ page: page + 1 }) : null,
        meta: { total: r.total, totalApproximate: r.totalApproximate },
      };
    },
  );
  registerPublishedRecordsApi(app);
  registerDocumentsApi(app);
}
