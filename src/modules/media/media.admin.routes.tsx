import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import { findingKinds, type FindingKind } from './media.js';
import * as activity from './media-activity.service.js';
import * as figures from './media-figures.service.js';
import { mayView } from './media.policy.js';
import * as media from './media.service.js';
import { AccountDetail, AccountForm, AccountList, type AccountFormValues } from './views/admin-account.js';
import { FiguresPage, ImportPage } from './views/admin-figures.js';

const home = { label: '政务新媒体', href: '/admin/media' };
const crumbs = (...more: Array<{ label: string; href?: string }>) => [
  { label: '工作台', href: '/admin' },
  home,
  ...more,
];

type Body = Record<string, string | string[]>;
type Id = { Params: { id: string } };

/** Back office: the registry, each account's lifecycle and activity, the import, the figures. */
export function registerMediaAdminRoutes(app: FastifyInstance): void {
  app.nav.push({ href: '/admin/media', label: '政务新媒体', area: 'admin', order: 67, visibleTo: mayView });

  app.get<{ Querystring: { flag?: string } }>('/admin/media', async (req, reply) => {
    requireStaff(req);
    const flag = findingKinds.find((k) => k === req.query.flag) ?? null;
    return reply.page(
      { title: '政务新媒体账号', crumbs: crumbs() },
      <AccountList p={await activity.listPage(req.ctx)} flag={flag as FindingKind | null} />,
    );
  });

  const renderNew = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: AccountFormValues,
    errors: FieldError[],
  ) =>
    reply.page(
      { title: '登记政务新媒体账号', crumbs: crumbs({ label: '登记账号' }) },
      <>
        <h1 class="gk-title">登记政务新媒体账号</h1>
        <AccountForm
          action="/admin/media/new"
          csrf={reply.csrf()}
          hosts={await media.hostChoices(req.ctx)}
          values={values}
          errors={errors}
          registering
        />
      </>,
    );
  app.get('/admin/media/new', async (req, reply) => {
    requireStaff(req);
    return renderNew(req, reply, {}, []);
  });
  app.post<{ Body: Body }>('/admin/media/new', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const a = await media.register(req.ctx, req.body);
        return reply.flash('success', `已登记“${a.name}”`).redirect(`/admin/media/${a.id}`, 303);
      },
      (errors) => renderNew(req, reply, req.body, errors),
    );
  });

  const renderImport = async (reply: FastifyReply, errors: FieldError[]) =>
    reply.page(
      { title: '导入政务新媒体运营数据', crumbs: crumbs({ label: '导入运营数据' }) },
      <ImportPage csrf={reply.csrf()} errors={errors} />,
    );
  app.get('/admin/media/import', async (req, reply) => {
    requireStaff(req);
    return renderImport(reply, []);
  });
  app.post<{ Body: Record<string, unknown> }>('/admin/media/import', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const file = req.body.file as { bytes?: Buffer } | undefined;
        const r = await activity.importActivity(req.ctx, file?.bytes ?? new Uint8Array());
        return reply
          .flash('success', `已导入 ${r.rows} 行：新增 ${r.inserted} 行，更新 ${r.updated} 行`)
          .redirect('/admin/media', 303);
      },
      (errors) => renderImport(reply, errors),
    );
  });

  app.get<{ Querystring: { year?: string } }>('/admin/media/figures', async (req, reply) => {
    requireStaff(req);
    const p = await figures.figuresPage(req.ctx, req.query.year);
    return reply.page(
      { title: '政务新媒体统计', crumbs: crumbs({ label: '统计与年度报表' }) },
      <FiguresPage f={p.f} years={p.years} />,
    );
  });
  app.get<{ Querystring: { year?: string } }>('/admin/media/figures.xlsx', async (req, reply) => {
    requireStaff(req);
    const { year, bytes } = await figures.annualReportWorkbook(req.ctx, req.query.year);
    const name = `政务新媒体年度报表-${year}.xlsx`;
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="media-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .send(bytes);
  });

  const renderAccount = async (
    req: FastifyRequest<Id>,
    reply: FastifyReply,
    form: 'event' | 'activity' | null,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const page = await media.accountPage(req.ctx, req.params.id);
    return reply.page(
      { title: page.account.name, crumbs: crumbs({ label: page.account.name }) },
      <AccountDetail
        page={page}
        csrf={reply.csrf()}
        form={form}
        errors={errors}
        eventValues={form === 'event' ? values : {}}
        activityValues={form === 'activity' ? values : {}}
      />,
    );
  };
  app.get<Id>('/admin/media/:id', async (req, reply) => {
    requireStaff(req);
    return renderAccount(req, reply, null, {}, []);
  });
  app.post<Id & { Body: Record<string, string> }>('/admin/media/:id/events', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await media.addEvent(req.ctx, req.params.id, req.body);
        return reply.flash('success', '已记录').redirect(`/admin/media/${req.params.id}`, 303);
      },
      (errors) => renderAccount(req, reply, 'event', req.body, errors),
    );
  });
  app.post<Id & { Body: Record<string, string> }>('/admin/media/:id/activity', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await activity.recordActivity(req.ctx, req.params.id, req.body);
        return reply.flash('success', '已保存运营数据').redirect(`/admin/media/${req.params.id}`, 303);
      },
      (errors) => renderAccount(req, reply, 'activity', req.body, errors),
    );
  });

  const renderEdit = async (
    req: FastifyRequest<Id>,
    reply: FastifyReply,
    values: AccountFormValues | null,
    errors: FieldError[],
  ) => {
    const e = await media.editPage(req.ctx, req.params.id);
    return reply.page(
      {
        title: `修改 ${e.page.account.name}`,
        crumbs: crumbs(
          { label: e.page.account.name, href: `/admin/media/${req.params.id}` },
          { label: '修改' },
        ),
      },
      <>
        <h1 class="gk-title">修改登记信息：{e.page.account.name}</h1>
        <AccountForm
          action={`/admin/media/${req.params.id}/edit`}
          csrf={reply.csrf()}
          hosts={e.hosts}
          values={values ?? e.values}
          errors={errors}
          registering={false}
        />
      </>,
    );
  };
  app.get<Id>('/admin/media/:id/edit', async (req, reply) => {
    requireStaff(req);
    return renderEdit(req, reply, null, []);
  });
  app.post<Id & { Body: Body }>('/admin/media/:id/edit', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await media.update(req.ctx, req.params.id, req.body);
        return reply.flash('success', '已保存').redirect(`/admin/media/${req.params.id}`, 303);
      },
      (errors) => renderEdit(req, reply, req.body, errors),
    );
  });
}
