import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { scopesFor } from '../../platform/access.js';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import { sendDocx, sendFile, uploadedFiles } from '../requests/index.js';
import * as rating from './message-rating.service.js';
import * as stats from './message-stats.service.js';
import * as steps from './message-steps.service.js';
import * as views from './message-views.service.js';
import * as intake from './message.service.js';
import { stepActions, textFields, type StepAction } from './message.schemas.js';
import { ConvertPage, FromRequestPage, RegisterPage } from './views/admin-forms.js';
import { MessagePage, QueuePage } from './views/admin.js';
import { StatsView } from './views/stats.js';

type Body = Record<string, string>;
const home = { label: '工作台', href: '/admin' };
const queueCrumb = { label: '来信办理', href: '/admin/letters' };
const readers = ['clerk', 'officeHead', 'admin', 'reviewer', 'supervisor'] as const;

/**
 * The back office of 来信: the queue by due date, registering letters and visits, each 来信's page
 * with the steps the actor may take, the 差评 loop, publication, conversion into an application,
 * the 信访处理意见书 and the figures with their workbooks. Thin: every rule is the services'.
 */
export function registerMessageAdminRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/letters',
    label: '来信办理',
    area: 'admin',
    order: 35,
    visibleTo: (actor) => scopesFor(actor, readers).length > 0,
  });

  app.get('/admin/letters', async (req, reply) => {
    requireStaff(req);
    const q = await views.queue(req.ctx);
    return reply.page(
      { title: '来信办理', crumbs: [home, { label: '来信办理' }] },
      <QueuePage
        items={q.items}
        overdue={q.overdue}
        over3={q.unansweredOver3Months.length}
        bad={q.badRatingsOpen}
      />,
    );
  });

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) =>
    reply.page(
      { title: '登记来信来访', crumbs: [home, queueCrumb, { label: '登记' }] },
      <RegisterPage
        csrf={reply.csrf()}
        values={values}
        errors={errors}
        agencies={await stats.choosableAgencies(req.ctx, { villages: false })}
      />,
    );
  app.get('/admin/letters/new', async (req, reply) => {
    requireStaff(req);
    return renderNew(req, reply, { channel: 'post', regime: 'mailbox' }, []);
  });
  app.post<{ Body: Record<string, unknown> }>('/admin/letters/new', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const { files, ...fields } = req.body;
        const w = await intake.register(req.ctx, fields, uploadedFiles(files));
        return reply
          .flash(
            'success',
            `已登记，来信编号 ${w.number}，查询码 ${w.lookupCode}（请告知来信人，只显示这一次）`,
          )
          .redirect(`/admin/letters/${w.id}`, 303);
      },
      (errors) => renderNew(req, reply, textFields(req.body), errors),
    );
  });

  const renderFromRequest = (reply: FastifyReply, requestId: string, values: Body, errors: FieldError[]) =>
    reply.page(
      { title: '申请转来信办理', crumbs: [home, queueCrumb, { label: '申请转来信办理' }] },
      <FromRequestPage requestId={requestId} csrf={reply.csrf()} values={values} errors={errors} />,
    );
  app.get<{ Params: { requestId: string } }>('/admin/letters/from-request/:requestId', async (req, reply) => {
    requireStaff(req);
    return renderFromRequest(reply, req.params.requestId, {}, []);
  });
  app.post<{ Params: { requestId: string }; Body: Body }>(
    '/admin/letters/from-request/:requestId',
    async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          const w = await intake.passFromRequest(req.ctx, req.params.requestId, req.body);
          return reply
            .flash('success', `已转来信办理，来信编号 ${w.number}`)
            .redirect(`/admin/letters/${w.id}`, 303);
        },
        (errors) => renderFromRequest(reply, req.params.requestId, req.body, errors),
      );
    },
  );

  app.get('/admin/letters/stats', async (req, reply) => {
    requireStaff(req);
    const q = req.query as Body;
    const p = await stats.statsPage(req.ctx, q);
    const base = `agency=${p.stats.agency.id}&year=${p.stats.year}`;
    return reply.page(
      { title: '来信办理情况统计', crumbs: [home, queueCrumb, { label: '统计' }] },
      <StatsView
        s={p.stats}
        action="/admin/letters/stats"
        agencies={p.agencies}
        years={p.years}
        downloads={[
          ...(p.stats.month
            ? [
                {
                  href: `/admin/letters/stats.xlsx?${base}&month=${p.stats.month}`,
                  label: '下载本月通报（Excel）',
                },
              ]
            : []),
          { href: `/admin/letters/stats.xlsx?${base}`, label: '下载年度统计（Excel）' },
        ]}
      />,
    );
  });
  app.get('/admin/letters/stats.xlsx', async (req, reply) => {
    requireStaff(req);
    const { filename, bytes } = await stats.statsReport(req.ctx, req.query as Body);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="letters.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      )
      .send(bytes);
  });

  const renderMessage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldError[],
    template?: string,
  ) => {
    const page = await views.staffPage(req.ctx, id);
    const draft = page.may.publish ? await steps.publicationDraft(req.ctx, id) : null;
    return reply.page(
      { title: `来信 ${page.message.number}`, crumbs: [home, queueCrumb, { label: page.message.number }] },
      <MessagePage
        page={page}
        csrf={reply.csrf()}
        errors={errors}
        agencies={await stats.choosableAgencies(req.ctx, { villages: false })}
        draft={draft}
        template={template}
      />,
    );
  };
  app.get<{ Params: { id: string }; Querystring: { template?: string } }>(
    '/admin/letters/:id',
    async (req, reply) => {
      requireStaff(req);
      return renderMessage(req, reply, req.params.id, [], req.query.template);
    },
  );
  app.post<{ Params: { id: string; action: string }; Body: Body }>(
    '/admin/letters/:id/step/:action',
    async (req, reply) => {
      requireStaff(req);
      const action = req.params.action as StepAction;
      if (!stepActions.includes(action)) return reply.callNotFound();
      return withForm(
        reply,
        async () => {
          const r = await steps.step(req.ctx, req.params.id, action, req.body);
          return reply
            .flash('success', `已${steps.stepLabels[action]}，现为“${views.stageLabel(r.stage)}”`)
            .redirect(`/admin/letters/${req.params.id}`, 303);
        },
        (errors) => renderMessage(req, reply, req.params.id, errors),
      );
    },
  );
  app.post<{ Params: { id: string } }>('/admin/letters/:id/take', async (req, reply) => {
    requireStaff(req);
    await steps.take(req.ctx, req.params.id);
    return reply.flash('success', '已由您承办').redirect(`/admin/letters/${req.params.id}`, 303);
  });
  app.post<{ Params: { id: string }; Body: Body }>('/admin/letters/:id/publish', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await steps.publish(req.ctx, req.params.id, req.body);
        return reply.flash('success', '已在来信选登中公开').redirect(`/admin/letters/${req.params.id}`, 303);
      },
      (errors) => renderMessage(req, reply, req.params.id, errors),
    );
  });
  app.get<{ Params: { fileId: string } }>('/admin/letters/files/:fileId', async (req, reply) => {
    requireStaff(req);
    return sendFile(reply, await intake.file(req.ctx, req.params.fileId, false));
  });
  app.get<{ Params: { id: string } }>('/admin/letters/:id/opinion.docx', async (req, reply) => {
    requireStaff(req);
    const l = await views.opinionLetter(req.ctx, req.params.id);
    return sendDocx(reply, l.title, l.docx);
  });

  const renderConvert = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Body,
    errors: FieldError[],
  ) => {
    const page = await views.staffPage(req.ctx, id);
    const m = page.message;
    const start = Object.keys(values).length
      ? values
      : {
          applicantName: m.personal && !m.anonymous ? m.writerName : '',
          phone: m.personal ? (m.phone ?? '') : '',
          address: m.personal ? (m.address ?? '') : '',
          description: `${m.subject}：${m.content}`.slice(0, 4000),
        };
    return reply.page(
      {
        title: '转为依申请公开',
        crumbs: [
          home,
          queueCrumb,
          { label: m.number, href: `/admin/letters/${id}` },
          { label: '转为依申请公开' },
        ],
      },
      <ConvertPage id={id} number={m.number} csrf={reply.csrf()} values={start} errors={errors} />,
    );
  };
  app.get<{ Params: { id: string } }>('/admin/letters/:id/convert', async (req, reply) => {
    requireStaff(req);
    return renderConvert(req, reply, req.params.id, {}, []);
  });
  app.post<{ Params: { id: string }; Body: Body }>('/admin/letters/:id/convert', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const s = await steps.convertToRequest(req.ctx, req.params.id, req.body);
        return reply
          .flash('success', `已转为政府信息公开申请，受理编号 ${s.acceptanceNumber}`)
          .redirect(`/admin/letters/${req.params.id}`, 303);
      },
      (errors) => renderConvert(req, reply, req.params.id, req.body, errors),
    );
  });

  const ratingOps = {
    visit: [rating.visit, '已记录回访核实'],
    resolve: [rating.resolve, '已记录整改或解释说明'],
    dispute: [rating.dispute, '已提出申诉，待上一级机关复核'],
    decide: [rating.decideDispute, '已复核申诉'],
  } as const;
  app.post<{ Params: { rid: string; op: string }; Body: Body }>(
    '/admin/letters/ratings/:rid/:op',
    async (req, reply) => {
      requireStaff(req);
      const op = ratingOps[req.params.op as keyof typeof ratingOps];
      if (!op) return reply.callNotFound();
      const messageId = await rating.subjectOf(req.ctx, req.params.rid);
      return withForm(
        reply,
        async () => {
          await op[0](req.ctx, req.params.rid, req.body);
          return reply
            .flash('success', op[1])
            .redirect(messageId ? `/admin/letters/${messageId}` : '/admin/letters', 303);
        },
        async (errors) =>
          messageId ? renderMessage(req, reply, messageId, errors) : reply.redirect('/admin/letters', 303),
      );
    },
  );
}
