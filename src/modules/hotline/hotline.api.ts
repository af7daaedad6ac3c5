import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.js';
import { out } from '../../platform/http/api-schema.js';
import { requireStaff } from '../../platform/http/server.js';
import * as hotline from './hotline.service.js';
import { ticketColumns } from './hotline.service.js';
import { satisfactionLabels, ticketTypeLabels } from './hotline.js';

const tags = ['12345 热线 Hotline'];

/** What a column may hold: its field's schema, an enumeration widened by its Chinese labels. */
const labelsOf: Record<string, Record<string, string>> = {
  ticketType: ticketTypeLabels,
  satisfaction: satisfactionLabels,
};

/** One 工单 of a push: the import's columns, each by its key (or its header, as in the import). */
const ticketSchema = {
  type: 'object',
  description:
    '一张工单：与工单导入同列。字段名用下列英文键，也可用导入表头的中文列名（如“工单编号”）；时间为 YYYY-MM-DD HH:MM:SS（北京时间）',
  properties: Object.fromEntries(
    ticketColumns.list.map((c) => {
      const json = c.field.json;
      const labels = labelsOf[c.key];
      const values = Array.isArray(json.enum) ? (json.enum as string[]) : null;
      return [
        c.key,
        {
          ...json,
          ...(values && labels ? { enum: [...values, ...values.map((v) => labels[v]!)] } : {}),
          description: `${c.header}${c.required ? '（必填）' : '（可不填）'}`,
        },
      ];
    }),
  ),
};

/** REST: the 12345 platform pushes its 工单, as the office imports them from its export. */
export function registerHotlineApi(app: FastifyInstance): void {
  app.post(
    '/api/v1/hotline/tickets',
    apiRoute({
      scope: 'hotline:write',
      tags,
      summary:
        '推送 12345 工单（与工单导入同列）：有一处错误则全部不导入，错误指明第几条、哪个字段；已有的工单编号按新数据更新',
      summaryEn:
        'Push 12345 tickets (the columns of the ticket import): all or nothing; a known ticket number is updated',
      body: {
        type: 'object',
        required: ['tickets'],
        properties: {
          tickets: {
            type: 'array',
            minItems: 1,
            maxItems: hotline.MAX_PUSHED_TICKETS,
            items: ticketSchema,
          },
        },
      },
      description: `一次最多 ${hotline.MAX_PUSHED_TICKETS} 张工单，请求体不超过 1 MB；更多的请分批推送（每批可带 Idempotency-Key）。`,
      status: 201,
      data: out.object({
        imported: out.integer('本次推送的工单数'),
        inserted: out.integer('新增的工单数'),
        updated: out.integer('已有工单编号、按新数据更新的工单数'),
      }),
    }),
    async (req, reply) => {
      requireStaff(req);
      const r = await hotline.pushTickets(req.ctx, req.body);
      return reply.status(201).send({ data: { imported: r.rows, inserted: r.inserted, updated: r.updated } });
    },
  );
}
