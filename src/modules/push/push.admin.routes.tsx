import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import * as admin from './push-admin.service.js';
import * as categories from './category.service.js';
import * as rules from './rule.service.js';
import { scopes } from './push.policy.js';
import { CategoriesPage, OutboxPage, PushAdminHome, RuleForm } from './views/admin.js';

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

  const kinds = { records: 'record', items: 'catalogItem' } as const;
  type KindParams = { Params: { kind: 'records' | 'items'; id: string } };
  const renderRule = async (
    req: FastifyRequest<KindParams>,
    reply: FastifyReply,
    errors: FieldError[],
    values?: Body,
    pending?: { description: string; reach: string },
  ) => {
    requireStaff(req);
    const p = await rules.rulePage(req.ctx, kinds[req.params.kind], req.params.id);
    const rule = values ? admin.ruleFromForm(values) : p.rule;
    return reply.page(
      { title: '设置推送对象', crumbs: crumbs('设置推送对象') },
      <RuleForm
        csrf={reply.csrf()}
        action={`/admin/push/${req.params.kind}/${req.params.id}`}
        target={p.target}
        rule={rule}
        categoryId={values ? String(values.categoryId ?? '') : p.categoryId}
        description={p.description}
        reach={p.reach}
        pending={pending ?? null}
        regions={p.regions}
        categories={p.categories}
        errors={errors}
      />,
    );
  };
  const kindOk = {
    schema: { params: { type: 'object', properties: { kind: { enum: ['records', 'items'] } } } },
  };
  app.get<KindParams>('/admin/push/:kind/:id', kindOk, async (req, reply) => renderRule(req, reply, []));
  app.post<KindParams & { Body: Body }>('/admin/push/:kind/:id', kindOk, async (req, reply) =>
    withForm(
      reply,
      async () => {
        requireStaff(req);
        const r = await rules.setRule(
          req.ctx,
          kinds[req.params.kind],
          req.params.id,
          admin.splitLists(req.body),
        );
        if (!r.saved) return renderRule(req, reply, [], req.body, r);
        return reply
          .flash('success', `已保存。${r.description}；现有 ${r.reach} 个订阅用户符合条件。`)
          .redirect(`/admin/push/${req.params.kind}/${req.params.id}`, 303);
      },
      (errors) => renderRule(req, reply, errors, req.body),
    ),
  );
  app.post<KindParams>('/admin/push/:kind/:id/clear', kindOk, async (req, reply) => {
    requireStaff(req);
    await rules.clearRule(req.ctx, kinds[req.params.kind], req.params.id);
    return reply
      .flash('success', '已取消推送对象')
      .redirect(`/admin/push/${req.params.kind}/${req.params.id}`, 303);
  });
  const renderCategories = async (
    req: FastifyRequest<{ Querystring: { edit?: string } }>,
    reply: FastifyReply,
    errors: FieldError[],
    editId: string | null,
    values?: Body,
  ) => {
    requireStaff(req);
    const editing = editId ? await categories.get(req.ctx, editId) : null;
    return reply.page(
      { title: '推送类别', crumbs: crumbs('推送类别') },
      <CategoriesPage
        csrf={reply.csrf()}
        items={await categories.list(req.ctx)}
        editing={editing}
        values={
          values ?? (editing ? { class: editing.class, name: editing.name, domains: editing.domains } : {})
        }
        domains={categories.domainOptions()}
        errors={errors}
      />,
    );
  };
  app.get<{ Querystring: { edit?: string } }>('/admin/push/categories', async (req, reply) => {
    return renderCategories(req, reply, [], req.query.edit ?? null);
  });
  app.post<{ Body: Body; Params: { id?: string } }>('/admin/push/categories/:id?', async (req, reply) =>
    withForm(
      reply,
      async () => {
        requireStaff(req);
        await categories.save(req.ctx, req.params.id ?? null, req.body);
        return reply.flash('success', '已保存推送类别').redirect('/admin/push/categories', 303);
      },
      (errors) => renderCategories(req as never, reply, errors, req.params.id ?? null, req.body),
    ),
  );
  for (const [action, retired] of [
    ['retire', true],
    ['restore', false],
  ] as const)
    app.post<{ Params: { id: string } }>(`/admin/push/categories/:id/${action}`, async (req, reply) => {
      requireStaff(req);
      await categories.setRetired(req.ctx, req.params.id, retired);
      return reply.flash('success', retired ? '已停用' : '已恢复').redirect('/admin/push/categories', 303);
    });
  app.get('/admin/push/outbox', async (req, reply) => {
    requireStaff(req);
    return reply.page(
      { title: '发件箱', crumbs: crumbs('发件箱') },
      <OutboxPage items={await admin.outbox(req.ctx)} />,
    );
  });
}
