import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime } from '../../platform/clock.js';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import { Summary, TextField, SpreadsheetUpload } from '../../platform/ui/components.js';
import { ReferredApplicationForm } from '../requests/index.js';
import * as hotlineRequests from './hotline-request.service.js';
import { mayConvertAnywhere, mayImportAnywhere } from './hotline.policy.js';
import * as hotline from './hotline.service.js';

const title = '12345 热线工单导入';

/** Back office: the office imports the hotline's 工单 export; the figures are the portal's page. */
export function registerHotlineAdminRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/hotline',
    label: '12345 热线',
    area: 'admin',
    order: 65,
    visibleTo: mayImportAnywhere,
  });

  const render = async (req: FastifyRequest, reply: FastifyReply, errors: FieldError[]) => {
    requireStaff(req);
    const p = await hotline.importPage(req.ctx);
    return reply.page(
      { title, crumbs: [{ label: '工作台', href: '/admin' }, { label: title }] },
      <>
        <h1 class="gk-title">{title}</h1>
        <Summary
          rows={[
            ['已导入工单', `${p.tickets} 张`],
            ['受理年度', p.years.length ? p.years.map((y) => `${y} 年`).join('、') : '尚无'],
            ['最近导入', p.lastImportAt ? formatDateTime(p.lastImportAt) : '尚未导入'],
          ]}
        />
        <p>
          <a href="/hotline">查看门户网站上的办理情况统计</a>
        </p>
        <p>
          <a href="/admin/hotline/to-request">工单转为依申请公开</a>
        </p>
        <section class="gk-section">
          <h2 class="gk-section__title">导入工单（CSV 或 Excel）</h2>
          <p class="gk-hint">
            从 12345
            热线工单系统导出，第一行为表头：工单编号、受理时间、诉求类型、诉求内容、承办单位、办理时限、办结时间、回访时间、满意度、是否有效。时间写作
            2026-03-05 09:30:00（Excel 另存后的 2026/3/5 9:30
            也可以）；承办单位写本平台的机构全称或简称。已导入过的工单编号按新数据更新。有一处错误则整个文件不导入，并列出出错的行和列。
          </p>
          <SpreadsheetUpload action="/admin/hotline" csrf={reply.csrf()} errors={errors} label="工单文件" />
        </section>
      </>,
    );
  };

  app.get('/admin/hotline', async (req, reply) => render(req, reply, []));
  app.post<{ Body: Record<string, unknown> }>('/admin/hotline', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        // The upload's bytes as they came: the import kit tells the encoding and the kind of file.
        const file = req.body.file as { bytes?: Buffer } | undefined;
        const r = await hotline.importTickets(req.ctx, file?.bytes ?? new Uint8Array());
        return reply
          .flash('success', `已导入 ${r.rows} 张工单：新增 ${r.inserted} 张，更新 ${r.updated} 张`)
          .redirect('/admin/hotline', 303);
      },
      (errors) => render(req, reply, errors),
    );
  });
}

/**
 * 工单转为依申请公开: the clerk of the 承办单位 finds the 工单 by its number, reads it, and completes
 * the application (第二十九条); the application is received on the 工单's 受理时间.
 */
export function registerHotlineRequestRoutes(app: FastifyInstance): void {
  const path = '/admin/hotline/to-request';
  const title = '12345 工单转为依申请公开';
  // Those who import see it from the import page; the clerks of the 承办单位 from the menu.
  app.nav.push({
    href: path,
    label: '12345 工单',
    area: 'admin',
    order: 66,
    visibleTo: (actor) => mayConvertAnywhere(actor) && !mayImportAnywhere(actor),
  });
  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    ticketNumber: string,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const t = ticketNumber ? await hotlineRequests.ticketForRequest(req.ctx, ticketNumber) : null;
    return reply.page(
      { title, crumbs: [{ label: '工作台', href: '/admin' }, { label: title }] },
      <>
        <h1 class="gk-title">{title}</h1>
        <form class="gk-form gk-filters" method="get" action={path}>
          <TextField name="ticket" label="工单编号" value={ticketNumber} errors={[]} />
          <button class="gk-button gk-button--secondary" type="submit">
            查找
          </button>
        </form>
        {t ? (
          <>
            <Summary
              rows={[
                ['工单编号', t.ticketNumber],
                ['承办单位', t.agencyName],
                ['受理时间', t.receivedOn],
                ['诉求内容', <span class="gk-prewrap">{t.content}</span>],
              ]}
            />
            {t.requestId ? (
              <p>
                已转为政府信息公开申请：<a href={`/admin/requests/${t.requestId}`}>查看申请</a>
              </p>
            ) : (
              <ReferredApplicationForm
                action={`${path}?ticket=${encodeURIComponent(t.ticketNumber)}`}
                csrf={reply.csrf()}
                values={Object.keys(values).length ? values : { description: t.content }}
                errors={errors}
                submitLabel="转为依申请公开"
              />
            )}
          </>
        ) : null}
      </>,
    );
  };
  app.get<{ Querystring: { ticket?: string } }>(path, async (req, reply) =>
    render(req, reply, req.query.ticket ?? '', {}, []),
  );
  app.post<{ Querystring: { ticket?: string }; Body: Record<string, string> }>(path, async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const s = await hotlineRequests.convertToRequest(req.ctx, req.query.ticket ?? '', req.body);
        return reply
          .flash('success', `已转为政府信息公开申请，受理编号 ${s.acceptanceNumber}`)
          .redirect(`/admin/requests/${s.id}`, 303);
      },
      (errors) => render(req, reply, req.query.ticket ?? '', req.body, errors),
    );
  });
}
