import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import * as pages from './account-pages.service.js';
import * as accounts from './account.service.js';
import { scopes } from './account.policy.js';
import * as services from './service-account.service.js';
import { ServiceAccountList, ServiceAccountPage, type ScopeOption } from './views/service-accounts.js';

type Body = Record<string, string | string[] | undefined>;
type Params = { id: string };
type TokenParams = { id: string; tokenId: string };

const crumbs = (...rest: Array<{ label: string; href?: string }>) => [
  { label: '工作台', href: '/admin' },
  { label: '服务账号', href: '/admin/service-accounts' },
  ...rest,
];

/** 服务账号 and their 接口令牌, for administrators (service-account.service.ts). */
export function registerServiceAccountRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/service-accounts',
    label: '服务账号',
    area: 'admin',
    order: 82,
    visibleTo: (actor) => scopes(actor, 'create').length > 0,
  });

  const scopeOptions = (req: FastifyRequest): ScopeOption[] =>
    [...req.ctx.modules.apiScopes].map(([name, s]) => ({ name, label: s.label }));

  const renderList = async (req: FastifyRequest, reply: FastifyReply, values: Body, errors: FieldError[]) => {
    requireStaff(req);
    const [accounts, form] = await Promise.all([
      services.listServiceAccounts(req.ctx),
      pages.newUserForm(req.ctx),
    ]);
    return reply.page(
      { title: '服务账号', crumbs: crumbs() },
      <ServiceAccountList
        accounts={accounts}
        agencies={form.agencies}
        csrf={reply.csrf()}
        values={values}
        errors={errors}
      />,
    );
  };

  const renderAccount = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Body,
    errors: FieldError[],
    issued: Awaited<ReturnType<typeof services.issueToken>> | null = null,
  ) => {
    requireStaff(req);
    const account = await services.serviceAccount(req.ctx, id);
    return reply.page(
      { title: account.name, crumbs: crumbs({ label: account.name }) },
      <ServiceAccountPage
        account={account}
        tokens={await services.listTokens(req.ctx, account.id)}
        scopes={scopeOptions(req)}
        csrf={reply.csrf()}
        values={values}
        errors={errors}
        issued={issued}
      />,
    );
  };

  app.get('/admin/service-accounts', async (req, reply) => renderList(req, reply, {}, []));
  app.post<{ Body: Body }>('/admin/service-accounts', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const a = await services.addServiceAccount(req.ctx, req.body);
        return reply
          .flash('success', `已新增服务账号“${a.name}”`)
          .redirect(`/admin/service-accounts/${a.id}`, 303);
      },
      (errors) => renderList(req, reply, req.body, errors),
    );
  });

  app.get<{ Params: Params }>('/admin/service-accounts/:id', async (req, reply) =>
    renderAccount(req, reply, req.params.id, {}, []),
  );
  // The new token is shown on the answer to this POST and nowhere else: it is not kept.
  app.post<{ Params: Params; Body: Body }>('/admin/service-accounts/:id/tokens', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const issued = await services.issueToken(req.ctx, req.params.id, req.body);
        return renderAccount(req, reply.status(201), req.params.id, {}, [], issued);
      },
      (errors) => renderAccount(req, reply, req.params.id, req.body, errors),
    );
  });
  // Stopping an account stops every token of it at once (authenticateToken refuses it).
  for (const [verb, disabled, done] of [
    ['disable', true, '已停用'],
    ['enable', false, '已启用'],
  ] as const)
    app.post<{ Params: Params }>(`/admin/service-accounts/:id/${verb}`, async (req, reply) => {
      requireStaff(req);
      const account = await services.serviceAccount(req.ctx, req.params.id);
      await accounts.setDisabled(req.ctx, account.id, disabled);
      return reply
        .flash('success', `${done}服务账号“${account.name}”`)
        .redirect(`/admin/service-accounts/${account.id}`, 303);
    });
  app.post<{ Params: TokenParams }>(
    '/admin/service-accounts/:id/tokens/:tokenId/revoke',
    async (req, reply) => {
      requireStaff(req);
      const t = await services.revokeToken(req.ctx, req.params.tokenId);
      return reply
        .flash('success', `已吊销令牌 …${t.hint}`)
        .redirect(`/admin/service-accounts/${req.params.id}`, 303);
    },
  );
}
