import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import * as docs from './official-document.service.js';
import { recordStates, type RecordState } from './record.js';
import { attachmentLine, historyLine, staffListItem, staffRecord } from './record.presenter.js';
import * as records from './record.service.js';
import * as attachments from './record-attachment.service.js';
import { DocumentsPage } from './views/documents-page.js';
import { RecordForm } from './views/record-form.js';
import { RecordList } from './views/record-list.js';
import { RecordPage } from './views/record-page.js';
import { scopes } from './record.policy.js';

type Body = Record<string, string>;
type Params = { id: string };

const crumbs = [
  { label: '工作台', href: '/admin' },
  { label: '主动公开', href: '/admin/records' },
];

/** The back office of 主动公开: records from draft to publication, and the 公文 register. */
export function registerRecordAdminRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/records',
    label: '主动公开',
    area: 'admin',
    order: 25,
    visibleTo: (actor) => scopes(actor, 'read').length > 0,
  });

  app.get<{ Querystring: { state?: string } }>('/admin/records', async (req, reply) => {
    requireStaff(req);
    const state = recordStates.includes(req.query.state as RecordState)
      ? (req.query.state as RecordState)
      : undefined;
    const items = await records.list(req.ctx, state ? { state } : {});
    return reply.page(
      { title: '主动公开', crumbs: [{ label: '工作台', href: '/admin' }, { label: '主动公开' }] },
      <RecordList items={items.map(staffListItem)} state={state} />,
    );
  });

  const renderNew = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) => {
    requireStaff(req);
    const page = await records.draftPage(req.ctx);
    return reply.page(
      { title: '起草主动公开信息', crumbs: [...crumbs, { label: '起草' }] },
      <RecordForm page={page} values={values} errors={errors} csrf={reply.csrf()} />,
    );
  };
  app.get('/admin/records/new', async (req, reply) => renderNew(req, reply, {}, []));
  app.post<{ Body: Body }>('/admin/records', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const r = await records.createDraft(req.ctx, req.body);
        return reply.flash('success', '草稿已保存').redirect(`/admin/records/${r.id}`, 303);
      },
      (errors) => renderNew(req, reply, req.body, errors),
    );
  });

  const renderRecord = async (
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const page = await records.recordPage(req.ctx, req.params.id);
    const r = staffRecord(page.record);
    return reply.page(
      { title: r.title, crumbs: [...crumbs, { label: r.title }] },
      <RecordPage
        record={r}
        history={page.events.map(historyLine)}
        attachments={page.attachments.map(attachmentLine)}
        allowed={page.allowed}
        links={page.links}
        today={page.today}
        errors={errors}
        csrf={reply.csrf()}
      />,
    );
  };
  app.get<{ Params: Params }>('/admin/records/:id', async (req, reply) => renderRecord(req, reply, []));

  /** A step of the workflow: one service call, then back to the record (or its page with the errors). */
  const step = (
    action: string,
    run: (req: FastifyRequest<{ Params: Params; Body: Body }>) => Promise<unknown>,
    done: string,
  ) =>
    app.post<{ Params: Params; Body: Body }>(`/admin/records/:id/${action}`, async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          const result = (await run(req)) as { late?: boolean; publishDeadline?: string };
          const message = result.late
            ? `${done}。注意：已超过公开时限（${result.publishDeadline}），条例第二十六条要求自形成或变更之日起 20 个工作日内公开`
            : done;
          return reply
            .flash(result.late ? 'info' : 'success', message)
            .redirect(`/admin/records/${req.params.id}`, 303);
        },
        (errors) => renderRecord(req, reply, errors),
      );
    });
  step('submit', (req) => records.submitForReview(req.ctx, req.params.id), '已送保密审查');
  step('review', (req) => records.review(req.ctx, req.params.id, req.body), '已提交审核结论');
  step('approve', (req) => records.approve(req.ctx, req.params.id), '已批准发布');
  step('publish', (req) => records.publish(req.ctx, req.params.id), '已发布');
  step('schedule', (req) => records.schedule(req.ctx, req.params.id, req.body), '已设定定时发布');
  step('unschedule', (req) => records.unschedule(req.ctx, req.params.id), '已取消定时发布');
  step('validity', (req) => records.changeValidity(req.ctx, req.params.id, req.body), '已修改有效性');
  step('withdraw', (req) => records.withdraw(req.ctx, req.params.id, req.body.reason ?? ''), '已撤回');

  app.post<{ Params: Params; Body: Record<string, unknown> }>(
    '/admin/records/:id/attachments',
    async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          const file = req.body.file as { filename?: string; bytes?: Buffer } | undefined;
          const added = await attachments.add(req.ctx, req.params.id, {
            name: file?.filename ?? '',
            bytes: file?.bytes ?? new Uint8Array(),
          });
          return reply
            .flash('success', `已上传附件“${attachmentLine(added).fileName}”`)
            .redirect(`/admin/records/${req.params.id}#attachments`, 303);
        },
        (errors) => renderRecord(req, reply, errors),
      );
    },
  );
  app.post<{ Params: Params & { file: string } }>(
    '/admin/records/:id/attachments/:file/remove',
    async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          await attachments.remove(req.ctx, req.params.id, req.params.file);
          return reply
            .flash('success', '已删除附件')
            .redirect(`/admin/records/${req.params.id}#attachments`, 303);
        },
        (errors) => renderRecord(req, reply, errors),
      );
    },
  );

  // 公开属性源头认定: register each 公文 with its attribute; the year's counts per agency.
  const renderDocs = async (
    req: FastifyRequest<{ Querystring: { year?: string } }>,
    reply: FastifyReply,
    values: Body,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const year = /^\d{4}$/.test(req.query.year ?? '') ? Number(req.query.year) : undefined;
    const page = await docs.documentsPage(req.ctx, year);
    return reply.page(
      { title: '公文公开属性登记', crumbs: [...crumbs, { label: '公文公开属性登记' }] },
      <DocumentsPage page={page} values={values} errors={errors} csrf={reply.csrf()} />,
    );
  };
  app.get<{ Querystring: { year?: string } }>('/admin/documents', async (req, reply) =>
    renderDocs(req, reply, {}, []),
  );
  app.post<{ Querystring: { year?: string }; Body: Body }>('/admin/documents', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        await docs.register(req.ctx, req.body);
        return reply.flash('success', '已登记').redirect('/admin/documents', 303);
      },
      (errors) => renderDocs(req, reply, req.body, errors),
    );
  });
}
