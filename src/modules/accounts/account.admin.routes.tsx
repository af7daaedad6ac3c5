import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import * as pages from './account-pages.service.js';
import * as accounts from './account.service.js';
import * as auth from './auth.service.js';
import { ChangePasswordForm } from './views/password.js';
import { SessionList } from './views/sessions.js';
import { NewUserForm, UserList, UserPageView } from './views/users.js';
import { Workbench } from './views/workbench.js';
import { scopes } from './account.policy.js';

type Body = Record<string, string>;
type Params = { id: string };

const adminCrumbs = (...rest: Array<{ label: string; href?: string }>) => [
  { label: '工作台', href: '/admin' },
  ...rest,
];

/** The back office's own pages: 工作台, one's password, accounts and their roles, live sessions. */
export function registerAccountAdminRoutes(
  app: FastifyInstance,
  opts: { settings: auth.AuthSettings },
): void {
  app.nav.push(
    { href: '/admin', label: '工作台', area: 'admin', order: 10 },
    {
      href: '/admin/users',
      label: '账号',
      area: 'admin',
      order: 80,
      visibleTo: (actor) => scopes(actor, 'read').length > 0,
    },
    {
      href: '/admin/sessions',
      label: '在线会话',
      area: 'admin',
      order: 85,
      visibleTo: (actor) => scopes(actor, 'listSessions').length > 0,
    },
  );

  app.get('/admin', async (req, reply) => {
    requireStaff(req);
    return reply.page({ title: '工作台' }, <Workbench page={await pages.workbench(req.ctx)} />);
  });

  // Own password.
  const renderPassword = (reply: FastifyReply, errors: FieldError[]) =>
    reply.page(
      { title: '修改密码', crumbs: adminCrumbs({ label: '修改密码' }) },
      <ChangePasswordForm csrf={reply.csrf()} errors={errors} />,
    );
  app.get('/admin/account/password', async (req, reply) => {
    requireStaff(req);
    return renderPassword(reply, []);
  });
  app.post<{ Body: Body }>('/admin/account/password', async (req, reply) => {
    const me = requireStaff(req);
    return withForm(
      reply,
      async () => {
        await accounts.changeOwnPassword(req.ctx, req.body, me.sessionId);
        return reply.flash('success', '密码已修改，您在其他设备上的登录已退出').redirect('/admin', 303);
      },
      (errors) => renderPassword(reply, errors),
    );
  });

  // Accounts.
  app.get('/admin/users', async (req, reply) => {
    requireStaff(req);
    return reply.page(
      { title: '账号', crumbs: adminCrumbs({ label: '账号' }) },
      <UserList page={await pages.userList(req.ctx)} />,
    );
  });

  const renderNewUser = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors: FieldError[],
  ) => {
    requireStaff(req);
    const form = await pages.newUserForm(req.ctx);
    return reply.page(
      {
        title: '新增账号',
        crumbs: adminCrumbs({ label: '账号', href: '/admin/users' }, { label: '新增账号' }),
      },
      <NewUserForm csrf={reply.csrf()} agencies={form.agencies} values={values} errors={errors} />,
    );
  };
  app.get('/admin/users/new', async (req, reply) => renderNewUser(req, reply, {}, []));
  app.post<{ Body: Body }>('/admin/users', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const u = await accounts.create(req.ctx, req.body);
        return reply.flash('success', `已创建账号 ${u.username}`).redirect(`/admin/users/${u.id}`, 303);
      },
      (errors) => renderNewUser(req, reply, req.body, errors),
    );
  });

  const renderUser = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldError[],
    status = 200,
  ) => {
    requireStaff(req);
    const page = await pages.userPage(req.ctx, id);
    return reply.page(
      {
        title: `账号 ${page.user.username}`,
        status,
        crumbs: adminCrumbs({ label: '账号', href: '/admin/users' }, { label: page.user.username }),
      },
      <UserPageView page={page} csrf={reply.csrf()} errors={errors} />,
    );
  };
  app.get<{ Params: Params }>('/admin/users/:id', async (req, reply) =>
    renderUser(req, reply, req.params.id, []),
  );

  const userAction = (
    path: string,
    run: (req: FastifyRequest<{ Params: Params; Body: Body }>) => Promise<unknown>,
    done: string,
  ) =>
    app.post<{ Params: Params; Body: Body }>(path, async (req, reply) => {
      requireStaff(req);
      return withForm(
        reply,
        async () => {
          await run(req);
          return reply.flash('success', done).redirect(`/admin/users/${req.params.id}`, 303);
        },
        (errors) => renderUser(req, reply, req.params.id, errors, 400),
      );
    });
  userAction('/admin/users/:id/unlock', (req) => accounts.unlock(req.ctx, req.params.id), '已解除锁定');
  userAction(
    '/admin/users/:id/disable',
    (req) => accounts.setDisabled(req.ctx, req.params.id, true),
    '已停用该账号，其登录会话已结束',
  );
  userAction(
    '/admin/users/:id/enable',
    (req) => accounts.setDisabled(req.ctx, req.params.id, false),
    '已启用该账号',
  );
  userAction(
    '/admin/users/:id/password',
    (req) => accounts.resetPassword(req.ctx, req.params.id, req.body),
    '已重置密码',
  );
  userAction(
    '/admin/users/:id/grants',
    (req) => accounts.grant(req.ctx, req.params.id, req.body),
    '已授予角色',
  );

  app.post<{ Params: Params }>('/admin/grants/:id/revoke', async (req, reply) => {
    requireStaff(req);
    await accounts.revokeGrant(req.ctx, req.params.id);
    // Back to the account page the button was on; anywhere else, to the list.
    const from = req.headers.referer ? new URL(req.headers.referer, 'http://x').pathname : '';
    return reply
      .flash('success', '已撤销角色')
      .redirect(from.startsWith('/admin/users/') ? from : '/admin/users', 303);
  });

  // Sessions.
  app.get('/admin/sessions', async (req, reply) => {
    const me = requireStaff(req);
    return reply.page(
      { title: '在线会话', crumbs: adminCrumbs({ label: '在线会话' }) },
      <SessionList
        page={await pages.sessionsPage(req.ctx, opts.settings, me.sessionId)}
        csrf={reply.csrf()}
      />,
    );
  });
  app.post<{ Params: Params }>('/admin/sessions/:id/revoke', async (req, reply) => {
    requireStaff(req);
    await auth.revokeSession(req.ctx, req.params.id);
    return reply.flash('success', '已强制下线').redirect('/admin/sessions', 303);
  });
}
