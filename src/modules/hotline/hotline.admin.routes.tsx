import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime } from '../../platform/clock.js';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import { CsrfField, ErrorSummary, Summary } from '../../platform/ui/components.js';
import { mayImportAnywhere } from './hotline.policy.js';
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
        <section class="gk-section">
          <h2 class="gk-section__title">导入工单（CSV 或 Excel）</h2>
          <p class="gk-hint">
            从 12345
            热线工单系统导出，第一行为表头：工单编号、受理时间、诉求类型、诉求内容、承办单位、办理时限、办结时间、回访时间、满意度、是否有效。时间写作
            2026-03-05 09:30:00（Excel 另存后的 2026/3/5 9:30
            也可以）；承办单位写本平台的机构全称或简称。已导入过的工单编号按新数据更新。有一处错误则整个文件不导入，并列出出错的行和列。
          </p>
          <form
            class="gk-form"
            method="post"
            action="/admin/hotline"
            enctype="multipart/form-data"
            novalidate
          >
            <CsrfField token={reply.csrf()} />
            <ErrorSummary errors={errors} />
            <label class="gk-label" for="f-file">
              工单文件
            </label>
            <input class="gk-input" id="f-file" type="file" name="file" accept=".csv,.xlsx,text/csv" />
            <p>
              <button class="gk-button" type="submit">
                导入
              </button>
            </p>
          </form>
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
