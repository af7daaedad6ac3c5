import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import type { WebContext } from '../../platform/module.js';
import { mayView } from './website-report.policy.js';
import * as websiteReports from './website-report.service.js';
import { FormPage, valuesOf } from './views/admin-form.js';

type Year = { Querystring: { year?: string } };
type Body = Record<string, string>;

/** Back office: the site's 政府网站工作年度报表, its form, preview, publication and correction. */
export function registerWebsiteReportAdminRoutes(app: FastifyInstance, web: WebContext): void {
  const siteUrl = web.config.publicUrl;
  app.nav.push({
    href: '/admin/website-report',
    label: '网站年度报表',
    area: 'admin',
    order: 69,
    visibleTo: mayView,
  });

  const render = async (
    req: FastifyRequest<Year>,
    reply: FastifyReply,
    submitted: Body | null,
    errors: FieldError[],
  ) => {
    const p = await websiteReports.formPage(req.ctx, req.query.year, siteUrl);
    return reply.page(
      {
        title: `政府网站工作年度报表（${p.year}年度）`,
        crumbs: [{ label: '工作台', href: '/admin' }, { label: '政府网站工作年度报表' }],
      },
      <FormPage
        {...p}
        csrf={reply.csrf()}
        values={submitted ?? valuesOf(p.report.entries)}
        errors={errors}
      />,
    );
  };

  app.get<Year>('/admin/website-report', async (req, reply) => {
    requireStaff(req);
    return render(req, reply, null, []);
  });
  app.post<Year & { Body: Body }>('/admin/website-report/save', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const r = await websiteReports.save(req.ctx, req.query.year, req.body, siteUrl);
        return reply.flash('success', '已保存').redirect(`/admin/website-report?year=${r.year}#preview`, 303);
      },
      (errors) => render(req, reply, req.body, errors),
    );
  });
  app.post<Year & { Body: Body }>('/admin/website-report/publish', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const r = await websiteReports.publish(req.ctx, req.query.year, siteUrl);
        return reply
          .flash('success', `${r.year}年度报表已发布`)
          .redirect(`/admin/website-report?year=${r.year}`, 303);
      },
      (errors) => render(req, reply, null, errors),
    );
  });
  app.post<Year & { Body: Body }>('/admin/website-report/correct', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const r = await websiteReports.correct(req.ctx, req.query.year, req.body, siteUrl);
        return reply
          .flash('success', `已创建第 ${r.version} 版（更正版本）`)
          .redirect(`/admin/website-report?year=${r.year}`, 303);
      },
      (errors) => render(req, reply, req.body, errors),
    );
  });
}
