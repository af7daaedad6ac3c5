import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.js';
import { out } from '../../platform/http/api-schema.js';
import { documentStatus, recordKeys, registerDocument } from './document-intake.service.js';
import {
  disclosureAttributeLabels,
  disclosureAttributes,
  withheldReasonLabels,
  withheldReasons,
} from './official-document.service.js';
import { recordStates, validities, validityLabels } from './record.js';
import { draftSchema } from './record.schemas.js';

/**
 * The OA system's door: a 公文 registered with its 公开属性 at source, and read back with its
 * record's state and 索引号 once published.
 */

const tags = ['公文 Documents'];
const labelled = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}（${v}）`)
    .join('、');

const draft = draftSchema.json() as { properties: Record<string, unknown> };
const recordInput = {
  type: 'object',
  description: '主动公开时必填：生成的政府信息的元数据与正文（其余取自公文）',
  required: ['subjectCategory', 'genre'],
  properties: Object.fromEntries(recordKeys.map((k) => [k, draft.properties[k]])),
};

const registerBody = {
  type: 'object',
  required: ['title', 'writtenDate', 'disclosureAttribute'],
  properties: {
    agencyId: { type: 'string', description: '制发机关 ID 或名称；不填为服务账号所属机构' },
    title: { type: 'string', maxLength: 300, description: '公文标题' },
    documentNumber: { type: 'string', maxLength: 60, description: '文号，如 晋政文〔2026〕12号' },
    writtenDate: { type: 'string', format: 'date', description: '成文日期' },
    disclosureAttribute: {
      type: 'string',
      enum: [...disclosureAttributes, ...Object.values(disclosureAttributeLabels)],
      description: `公开属性：${labelled(disclosureAttributeLabels)}`,
    },
    withheldReason: {
      type: 'string',
      enum: [...withheldReasons],
      description: `不予公开理由（不予公开时必填）：${labelled(withheldReasonLabels)}`,
    },
    note: { type: 'string', maxLength: 1000, description: '说明' },
    record: {
      ...recordInput,
      properties: {
        ...recordInput.properties,
        validity: {
          type: 'string',
          enum: [...validities],
          description: `有效性：${labelled(validityLabels)}，默认有效`,
        },
        body: { type: 'string', description: '正文（HTML 或纯文本）；有附件时可不填，记为“详见附件。”' },
      },
    },
    attachments: {
      type: 'array',
      description: '主动公开时的附件（PDF、DOCX、XLSX、PNG、JPG），随正文一并保密审查',
      items: {
        type: 'object',
        required: ['filename', 'contentBase64'],
        properties: {
          filename: { type: 'string', description: '文件名（含扩展名）' },
          contentBase64: { type: 'string', contentEncoding: 'base64', description: '文件内容（Base64）' },
        },
      },
    },
  },
};

export function registerDocumentsApi(app: FastifyInstance): void {
  app.post(
    '/api/v1/documents',
    {
      ...apiRoute({
        scope: 'documents:write',
        tags,
        summary:
          '登记公文及其公开属性（源头认定）；主动公开的同时生成政府信息草稿、附上附件并送保密审查，全部成功才保存',
        summaryEn:
          'Register a document with its disclosure attribute; a proactive one is drafted as a record with its files and sent to review, all or nothing',
        description: '请求体不超过 64 MB（附件按 Base64 计）。',
        body: registerBody,
        status: 201,
        data: out.object({
          id: out.string('公文 ID'),
          disclosureAttribute: out.oneOf('公开属性', disclosureAttributes),
          record: out.nullable(
            out.object({
              id: out.string('政府信息 ID'),
              state: out.oneOf('状态（送审后为 inReview）', recordStates),
              indexNumber: out.text('索引号（发布时编定，此时为 null）'),
            }),
          ),
        }),
      }),
      bodyLimit: 64 * 1_048_576,
    },
    async (req, reply) => reply.status(201).send({ data: await registerDocument(req.ctx, req.body) }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/documents/:id',
    apiRoute({
      scope: 'documents:write',
      tags,
      summary: '查看登记的公文：公开属性，及其政府信息的状态、索引号（发布后）和门户地址',
      summaryEn: 'A registered document, with its record’s state, index number once published, and URL',
      params: {
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' } },
        required: ['id'],
      },
      data: out.object({
        id: out.string('公文 ID'),
        agencyId: out.string('制发机关 ID'),
        agencyName: out.string('制发机关'),
        title: out.string('公文标题'),
        documentNumber: out.text('文号'),
        writtenDate: out.date('成文日期'),
        disclosureAttribute: out.oneOf('公开属性', disclosureAttributes),
        withheldReason: {
          ...out.nullable(out.oneOf('不予公开理由', withheldReasons)),
          enum: [...withheldReasons, null],
        },
        note: out.text('说明'),
        registeredAt: out.instant('登记时间'),
        record: out.nullable(
          out.object({
            id: out.string('政府信息 ID'),
            state: out.oneOf('状态', recordStates),
            stateLabel: out.string('状态（中文）'),
            indexNumber: out.text('索引号（发布后）'),
            publishedAt: out.nullable(out.instant('发布时间')),
            url: out.text('门户网站上的地址（站内路径，发布后）'),
          }),
        ),
      }),
    }),
    async (req) => ({ data: await documentStatus(req.ctx, req.params.id) }),
  );
}
