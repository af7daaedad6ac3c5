import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, ValidationError, type FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import { reportDocument, reportWorkbook } from './inspection-export.js';
import { reportTitle, runTime, beijingTime } from './inspection-report-text.js';
import { listPage, runReport, sitePage } from './inspection-report.service.js';
import { reviewResult, startRun } from './inspection-runs.service.js';
import { createSite, setActive, siteForm, updateSite } from './inspection-sites.service.js';
import { mayView } from './inspection.policy.js';
import { RunReportView } from './views/run-report.js';
import { SiteFormView, SiteListView, SitePageView, type SiteFormValues } from './views/sites.js';

const home = { label: '网站检查', href: '/admin/inspection' };
const crumbs = (...more: Array<{ label: string; href?: string }>) => [
  { label: '工作台', href: '/admin' },
  home,
  ...more,
];

type Body = Record<string, string | string[]>;
type Id = { Params: { id: string } };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A download named in Chinese (RFC 5987), with an ASCII name for old clients. */
function sendDownload(reply: FastifyReply, type: string, ascii: string, name: string, bytes: Buffer) {
  return reply
    .type(type)
    .header('cache-control', 'private, no-store')
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(bytes);
}

/** A run's report for a download: only a finished run has one. */
async function finishedReport(req: FastifyRequest, runId: string) {
  const r = await runReport(req.ctx, runId);
  if (!r.summary) throw new ConflictError('这次检查尚未完成，没有可下载的报告');
  return r;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Back office of the site inspector: the list of sites (with those at risk), adding and changing a
 * site, a site's page with its latest report and history, a run's report, starting a run, pausing
 * a site, a person's decision on a 待人工确认 result, and the quarterly self-inspection report as
 * XLSX and DOCX.
 */
export function registerInspectionAdminRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/inspection',
    label: '网站检查',
    area: 'admin',
    order: 68,
    visibleTo: mayView,
  });

  app.get<{ Querystring: { risk?: string } }>('/admin/inspection', async (req, reply) => {
    requireStaff(req);
    const risk = req.query.risk === '1';
    return reply.page(
      {
        title: risk ? '有风险的网站' : '网站检查',
        crumbs: risk ? crumbs({ label: '有风险的网站' }) : crumbs(),
      },
      <SiteListView p={await listPage(req.ctx, { risk })} risk={risk} />,
    );
  });

  const renderNew = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: SiteFormValues | null,
    errors: FieldError[],
  ) => {
    const form = await siteForm(req.ctx, null);
    return reply.page(
      { title: '新增检查网站', crumbs: crumbs({ label: '新增网站' }) },
      <>
        <h1 class="gk-title">新增检查网站</h1>
        <SiteFormView
          action="/admin/inspection/sites/new"
          csrf={reply.csrf()}
          choices={form.choices}
          values={values ?? form.values}
          errors={errors}
          creating
        />
      </>,
    );
  };
  app.get('/admin/inspection/sites/new', async (req, reply) => {
    requireStaff(req);
    return renderNew(req, reply, null, []);
  });
  app.post<{ Body: Body }>('/admin/inspection/sites/new', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const { id } = await createSite(req.ctx, req.body);
        return reply
          .flash('success', `已将“${one(req.body.name) ?? ''}”加入检查名单`)
          .redirect(`/admin/inspection/sites/${id}`, 303);
      },
      (errors) => renderNew(req, reply, req.body, errors),
    );
  });

  const renderEdit = async (
    req: FastifyRequest<Id>,
    reply: FastifyReply,
    values: SiteFormValues | null,
    errors: FieldError[],
  ) => {
    const form = await siteForm(req.ctx, req.params.id);
    const name = form.site?.name ?? '';
    return reply.page(
      {
        title: `编辑 ${name}`,
        crumbs: crumbs({ label: name, href: `/admin/inspection/sites/${req.params.id}` }, { label: '编辑' }),
      },
      <>
        <h1 class="gk-title">编辑检查网站：{name}</h1>
        <SiteFormView
          action={`/admin/inspection/sites/${req.params.id}/edit`}
          csrf={reply.csrf()}
          choices={form.choices}
          values={values ?? form.values}
          errors={errors}
          creating={false}
        />
      </>,
    );
  };
  app.get<Id>('/admin/inspection/sites/:id/edit', async (req, reply) => {
    requireStaff(req);
    return renderEdit(req, reply, null, []);
  });
  app.post<Id & { Body: Body }>('/admin/inspection/sites/:id/edit', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await updateSite(req.ctx, req.params.id, req.body);
        return reply.flash('success', '已保存').redirect(`/admin/inspection/sites/${req.params.id}`, 303);
      },
      (errors) => renderEdit(req, reply, req.body, errors),
    );
  });

  app.get<Id>('/admin/inspection/sites/:id', async (req, reply) => {
    requireStaff(req);
    const page = await sitePage(req.ctx, req.params.id);
    return reply.page(
      { title: page.site.name, crumbs: crumbs({ label: page.site.name }) },
      <SitePageView page={page} csrf={reply.csrf()} />,
    );
  });

  app.post<Id>('/admin/inspection/sites/:id/run', async (req, reply) => {
    requireStaff(req);
    const run = await startRun(req.ctx, req.params.id);
    return reply
      .flash(
        'info',
        run.existing ? '这个网站正在检查中，检查完成后本页显示结果' : '已开始检查，检查完成后本页显示结果',
      )
      .redirect(`/admin/inspection/sites/${req.params.id}`, 303);
  });

  app.post<Id & { Body: Body }>('/admin/inspection/sites/:id/active', async (req, reply) => {
    requireStaff(req);
    const raw = one(req.body.active);
    if (raw !== '1' && raw !== '0') throw ValidationError.one('active', '请选择暂停或恢复检查');
    await setActive(req.ctx, req.params.id, raw === '1');
    return reply
      .flash(
        'success',
        raw === '1' ? '已恢复检查：首页探测和定期检查照常进行' : '已暂停检查：不再探测首页，也不定期检查',
      )
      .redirect(`/admin/inspection/sites/${req.params.id}`, 303);
  });

  app.post<Id & { Body: Body }>('/admin/inspection/results/:id/review', async (req, reply) => {
    requireStaff(req);
    const decision = one(req.body.decision);
    if (decision !== 'confirmed' && decision !== 'dismissed')
      throw ValidationError.one('decision', '请选择“确认是问题”或“不是问题”');
    const runId = await reviewResult(req.ctx, req.params.id, decision);
    return reply
      .flash(
        'success',
        decision === 'confirmed' ? '已确认是问题，将列入自查报告的问题清单' : '已确认不是问题',
      )
      .redirect(`/admin/inspection/runs/${runId}#r-${req.params.id}`, 303);
  });

  app.get<Id>('/admin/inspection/runs/:id', async (req, reply) => {
    requireStaff(req);
    const r = await runReport(req.ctx, req.params.id);
    const when = beijingTime(runTime(r.run));
    return reply.page(
      {
        title: `${r.site.name} ${when} 检查报告`,
        crumbs: crumbs(
          { label: r.site.name, href: `/admin/inspection/sites/${r.site.id}` },
          { label: `${when} 检查报告` },
        ),
      },
      <>
        <h1 class="gk-title">
          {r.site.name}检查报告（{when}）
        </h1>
        <RunReportView r={r} csrf={reply.csrf()} />
      </>,
    );
  });

  app.get<Id>('/admin/inspection/runs/:id/report.xlsx', async (req, reply) => {
    requireStaff(req);
    const r = await finishedReport(req, req.params.id);
    return sendDownload(
      reply,
      XLSX,
      'inspection-report.xlsx',
      `${reportTitle(r)}.xlsx`,
      await reportWorkbook(r),
    );
  });

  app.get<Id>('/admin/inspection/runs/:id/report.docx', async (req, reply) => {
    requireStaff(req);
    const r = await finishedReport(req, req.params.id);
    return sendDownload(
      reply,
      DOCX,
      'inspection-report.docx',
      `${reportTitle(r)}.docx`,
      await reportDocument(r),
    );
  });
}
