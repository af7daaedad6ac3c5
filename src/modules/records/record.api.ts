import type { FastifyInstance } from 'fastify';
import { searchResultJson } from './record.presenter.js';
import { searchRecords } from './record-search.service.js';
import { searchSchema } from './record.schemas.js';

/** REST endpoints of 主动公开: search over published records. */
export function registerRecordApi(app: FastifyInstance): void {
  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/api/v1/search',
    {
      schema: {
        tags: ['检索'],
        summary:
          '检索已发布的政府信息：{"total", "totalApproximate", "hits": [{indexNumber, title, docNumber, snippet, score}]}（totalApproximate 为 true 时 total 是约数），按相关度（完全匹配的文号、索引号、短语在前）或发布日期排序',
        querystring: searchSchema.json(),
      },
    },
    async (req) => searchResultJson(await searchRecords(req.ctx, req.query)),
  );
}
