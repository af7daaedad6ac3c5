import type { FastifyInstance } from 'fastify';
import { apiRoute, cursorOf, limitOf, listQuery, readCursor } from '../../platform/http/api.js';
import { out } from '../../platform/http/api-schema.js';
import { validities } from './record.js';
import {
  isListPosition,
  isWithdrawnPosition,
  listFilterSchema,
  MAX_PUSHED,
  publishedRecord,
  publishedRecords,
  pushRecords,
  withdrawnFilterSchema,
  withdrawnRecords,
} from './record-api.service.js';
import { archiveColumns } from './record.schemas.js';

/**
 * The API of published records: the list (newest first, keyset cursor) and one record by its
 * 索引号 for a CMS, the provincial platform or an archive; and records pushed in the shape of
 * `gongkai records import`.
 */

const tags = ['主动公开 Records'];

const listItemFields = {
  id: out.string('政府信息 ID'),
  indexNumber: out.text('索引号'),
  title: out.string('标题'),
  documentNumber: out.text('文号'),
  agencyId: out.string('发布机构 ID'),
  agencyName: out.string('发布机构'),
  publishedAt: out.instant('发布时间'),
  writtenDate: out.nullable(out.date('成文日期')),
  validity: out.oneOf('有效性', validities),
  validityLabel: out.string('有效性（中文）'),
  subjectCategory: out.text('主题分类'),
  genre: out.text('体裁分类'),
  url: out.string('门户网站上的地址（站内路径）'),
};

const recordSchema = out.object({
  ...listItemFields,
  dateFormedOrChanged: out.date('形成（变更）日期'),
  validityDate: out.nullable(out.date('失效或废止日期')),
  keywords: out.text('主题词'),
  summary: out.text('内容概述'),
  bodyHtml: out.string('正文（HTML，已净化）'),
  bodyText: out.string('正文（纯文本）'),
  attachments: out.array(
    out.object({
      id: out.string('附件 ID'),
      name: out.string('文件名'),
      mediaType: out.string('媒体类型'),
      size: out.integer('大小（字节）'),
      sha256: out.string('SHA-256 校验值'),
      url: out.string('下载地址（站内路径）'),
    }),
    '附件，按顺序',
  ),
});

export function registerPublishedRecordsApi(app: FastifyInstance): void {
  const filters = (listFilterSchema.json() as { properties: Record<string, unknown> }).properties;
  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/api/v1/records',
    apiRoute({
      scope: 'records:read',
      public: true,
      tags,
      summary:
        '已发布的政府信息，按发布时间从新到旧；可按发布机构（仅该机构本身）、发布年份、更新时间筛选；以 next 翻页',
      summaryEn: 'Published records, newest first; filter by agency, year of publication, changes since',
      description:
        'updatedSince 取发布、修改有效性等变更时间在此之后的信息，供增量同步；已撤回的信息不再列出，见 /api/v1/records/withdrawn。',
      querystring: listQuery(filters),
      list: true,
      data: out.object(listItemFields),
    }),
    async (req) => {
      const page = await publishedRecords(req.ctx, req.query, {
        after: readCursor(req.query.cursor, isListPosition),
        limit: limitOf(req.query.limit),
      });
      return { data: page.items, next: page.next ? cursorOf({ ...page.next }) : null };
    },
  );

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/api/v1/records/withdrawn',
    apiRoute({
      scope: 'records:read',
      public: true,
      tags,
      summary: '已撤回的政府信息，按撤回时间从早到晚；since 取此后撤回的，供镜像站点同步下线',
      summaryEn: 'Withdrawn records, oldest withdrawal first, since an instant: what a mirror must take down',
      querystring: listQuery(
        (withdrawnFilterSchema.json() as { properties: Record<string, unknown> }).properties,
      ),
      list: true,
      data: out.object({
        indexNumber: out.text('索引号'),
        title: out.string('标题'),
        agencyId: out.string('发布机构 ID'),
        withdrawnAt: out.instant('撤回时间'),
      }),
    }),
    async (req) => {
      const page = await withdrawnRecords(req.ctx, req.query, {
        after: readCursor(req.query.cursor, isWithdrawnPosition),
        limit: limitOf(req.query.limit),
      });
      return { data: page.items, next: page.next ? cursorOf({ ...page.next }) : null };
    },
  );
  app.get<{ Params: { indexNumber: string } }>(
    '/api/v1/records/:indexNumber',
    apiRoute({
      scope: 'records:read',
      public: true,
      tags,
      summary: '按索引号取一条已发布的政府信息：元数据、正文和附件列表',
      summaryEn: 'One published record by its index number: metadata, text and attachments',
      description: '索引号中的“/”须编码为 %2F，例如 /api/v1/records/11350582003632543K%2F2026-00001。',
      params: {
        type: 'object',
        properties: { indexNumber: { type: 'string', description: '索引号（“/”编码为 %2F）' } },
        required: ['indexNumber'],
      },
      data: recordSchema,
    }),
    async (req) => ({ data: await publishedRecord(req.ctx, req.params.indexNumber) }),
  );

  app.post(
    '/api/v1/records',
    {
      ...apiRoute({
        scope: 'records:write',
        tags,
        summary:
          '推送政府信息（与 gongkai records import 同格式），立即发布并编索引号；全部通过才导入，否则逐条逐字段说明问题',
        summaryEn: 'Push records in the shape of `records import`; published at once, all or nothing',
        description: `一次最多 ${MAX_PUSHED} 条；请求体不超过 32 MB。`,
        body: {
          type: 'object',
          required: ['agency', 'records'],
          properties: {
            agency: { type: 'string', description: '发布机构 ID 或名称' },
            records: { type: 'array', maxItems: MAX_PUSHED, items: archiveJson() },
          },
        },
        status: 201,
        data: out.object({
          imported: out.integer('导入条数'),
          first: out.text('首条索引号'),
          last: out.text('末条索引号'),
        }),
      }),
      bodyLimit: 32 * 1_048_576,
    },
    async (req, reply) => reply.status(201).send({ data: await pushRecords(req.ctx, req.body) }),
  );
}

/** The JSON Schema of one pushed record: the archive's columns. */
function archiveJson(): Record<string, unknown> {
  const list = archiveColumns.list;
  return {
    type: 'object',
    properties: Object.fromEntries(list.map((c) => [c.key, c.field.json])),
    required: list.filter((c) => c.required).map((c) => c.key),
  };
}
