import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import * as caseService from './request-case.service.js';
import * as queueService from './request-queue.service.js';
import { uploadedFiles } from './request-file.js';
import { act } from './request-steps.service.js';
import * as requests from './request.service.js';
import { ApplicationForm } from './views/application-form.js';
import { CasePageView } from './views/case-page.js';
import { sendDocx, sendFile } from './views/docx.js';
import { ApprovalsView, QueueView } from './views/queue.js';
import { scopeFor } from './request.policy.js';

type Body = Record<string, string>;
const crumbs = [
  { label: '工作台', href: '/admin' },
  { label: '依申请公开', href: '/admin/requests' },
];

/** The back office's 依申请公开: the queue, approvals, registering an application, one case. */
export function registerRequestAdminRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/requests',
    label: '依申请公开',
    area: 'admin',
    order: 30,
    visibleTo: (actor) => scopeFor(actor, 'read').length > 0,
  });

  app.get<{ Querystring: Record<string, string> }>('/admin/requests', async (req, reply) => {
    requireStaff(req);
    return reply.page(
      { title: '依申请公开', crumbs: [{ label: '工作台', href: '/admin' }, { label: '依申请公开' }] },
      <QueueView q={await queueService.queuePage(req.ctx, req.query)} />,
    );
  });

  app.get('/admin/requests/approvals', async (req, reply) => {
    requireStaff(req);
    return reply.page(
      { title: '延期审批', crumbs: [...crumbs, { label: '延期审批' }] },
      <ApprovalsView items={await queueService.approvals(req.ctx)} />,
    );
  });

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) => {
    requireStaff(req);
    return reply.page(
      { title: '登记申请', crumbs: [...crumbs, { label: '登记申请' }] },
      <>
        <h1 class="gk-title">登记当面、邮寄、传真或口头提出的申请</h1>
        <ApplicationForm
          action="/admin/requests"
          csrf={reply.csrf()}
          values={values}
          errors={errors}
          agencies={await requests.registrationAgencies(req.ctx)}
          clerk
        />
      </>,
    );
  };
  app.get('/admin/requests/new', async (req, reply) => renderNew(req, reply, {}, []));
  app.post<{ Body: Body }>('/admin/requests', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const r = await requests.registerByClerk(req.ctx, req.body);
        return reply
          .flash('success', `已登记，受理编号 ${r.acceptanceNumber}，查询码 ${r.lookupCode}（请告知申请人）`)
          .redirect(`/admin/requests/${r.id}`, 303);
      },
      (errors) => renderNew(req, reply, req.body, errors),
    );
  });

  const renderCase = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldError[],
    opts: { unmask?: boolean; reply?: caseService.ReplyInput } = {},
  ) => {
    requireStaff(req);
    const page = await caseService.casePage(req.ctx, id, opts);
    return reply.page(
      { title: page.case.acceptanceNumber, crumbs: [...crumbs, { label: page.case.acceptanceNumber }] },
      <CasePageView p={page} csrf={reply.csrf()} errors={errors} />,
    );
  };
  app.get<{ Params: { id: string } }>('/admin/requests/:id', async (req, reply) =>
    renderCase(req, reply, req.params.id, []),
  );
  // Every step of a case; the reply form is multipart (its files), and its 拟稿 button asks for the
  // letter drafted again for what the clerk chose, storing nothing.
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/admin/requests/:id/act',
    async (req, reply) => {
      requireStaff(req);
      const { action, files, draft, ...input } = req.body;
      const filled = caseService.replyInputFrom(input);
      if (draft) return renderCase(req, reply, req.params.id, [], { reply: filled });
      return withForm(
        reply,
        async () => {
          await act(
            req.ctx,
            req.params.id,
            typeof action === 'string' ? action : '',
            input,
            uploadedFiles(files),
          );
          return reply.flash('success', '已记录').redirect(`/admin/requests/${req.params.id}`, 303);
        },
        (errors) =>
          renderCase(
            req,
            reply,
            req.params.id,
            errors,
            action === 'replied'
              ? { reply: { ...filled, letter: typeof input.letter === 'string' ? input.letter : null } }
              : {},
          ),
      );
    },
  );
  app.get<{ Params: { id: string; fileId: string } }>(
    '/admin/requests/:id/files/:fileId',
    async (req, reply) => {
      requireStaff(req);
      const f = await caseService.caseFile(req.ctx, req.params.id, req.params.fileId);
      return sendFile(reply, f);
    },
  );
  app.get<{ Params: { id: string; letterId: string } }>(
    '/admin/requests/:id/letters/:letterId.docx',
    async (req, reply) => {
      requireStaff(req);
      const letter = await caseService.caseLetter(req.ctx, req.params.id, req.params.letterId);
      return sendDocx(reply, letter.title, letter.docx);
    },
  );
  app.post<{ Params: { id: string } }>('/admin/requests/:id/assign', async (req, reply) => {
    requireStaff(req);
    await caseService.take(req.ctx, req.params.id);
    return reply.flash('success', '已由您承办').redirect(`/admin/requests/${req.params.id}`, 303);
  });
  // The handling clerk's own look at the applicant's personal data, audited by the service.
  app.post<{ Params: { id: string } }>('/admin/requests/:id/personal', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return renderCase(req, reply, req.params.id, [], { unmask: true });
  });
}
