import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import * as admin from './push-admin.service.js';
import * as rules from './rule.service.js';
import { scopes } from './push.policy.js';
import { OutboxPage, PushAdminHome, RuleForm } from './views/admin.js';

type Body = Record<string, string | string[]>;
const crumbs = (label: string) => [
  { label: '工作台', href: '/admin' },
  { label: '精准推送', href: '/admin/push' },
  { label },
];

/** Back office: a record's 推送对象, the figures, the outbox. */
export function registerPushAdminRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/push',
    label: '精准推送',
    area: 'admin',
    order: 66,
    visibleTo: (actor) => scopes(actor, 'viewFigures').length > 0,
  });

  app.get<{ Querystring: { year?: string } }>('/admin/push', async (req, reply) => {
    requireStaff(req);
    const p = await admin.homePage(req.ctx, Number(req.query.year) || undefined);
    return reply.page(
      { title: '精准推送', crumbs: crumbs('精准推送').slice(0, -1) },
      <PushAdminHome {...p} />,
    );
  });

  const renderRule = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    errors: FieldError[],
    values?: Body,
  ) => {
    requireStaff(req);
    const p = await rules.recordRulePage(req.ctx, req.params.id);
    const rule = values ? admin.ruleFromForm(values) : p.rule;
    return reply.page(
      { title: '设置推送对象', crumbs: crumbs('设置推送对象') },
      <RuleForm
        csrf={reply.csrf()}
        record={p.record}
        rule={rule}
        categoryId={values ? String(values.categoryId ?? '') : p.categoryId}
        description={p.description}
        reach={p.reach}
        regions={p.regions.map((r) => ({ id: r.id, name: r.name, depth: r.depth }))}
        categories={p.categories}
        errors={errors}
      />,
    );
  };
  app.get<{ Params: { id: string } }>('/admin/push/records/:id', async (req, reply) =>
    renderRule(req, reply, []),
  );
  app.post<{ Params: { id: string }; Body: Body }>('/admin/push/records/:id', async (req, reply) =>
    withForm(
      reply,
      async () => {
        requireStaff(req);
        const r = await rules.setRecordRule(req.ctx, req.params.id, admin.splitLists(req.body));
        return reply
          .flash('success', `已保存。${r.description}；现有 ${r.reach} 个订阅用户符合条件。`)
          .redirect(`/admin/push/records/${req.params.id}`, 303);
      },
      (errors) => renderRule(req, reply, errors, req.body),
    ),
  );
  app.post<{ Params: { id: string } }>('/admin/push/records/:id/clear', async (req, reply) => {
    requireStaff(req);
    await rules.clearRecordRule(req.ctx, req.params.id);
    return reply.flash('success', '已取消推送对象').redirect(`/admin/push/records/${req.params.id}`, 303);
  });
  app.get('/admin/push/outbox', async (req, reply) => {
    requireStaff(req);
    return reply.page(
      { title: '发件箱', crumbs: crumbs('发件箱') },
      <OutboxPage items={await admin.outbox(req.ctx)} />,
    );
  });
}
