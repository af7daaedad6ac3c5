import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleLabels, roles } from '../../platform/access.js';
import { formatDateTime } from '../../platform/clock.js';
import { unreadFor } from './notification.service.js';
import { ValidationError, type FieldError } from '../../platform/errors.js';
import { CSRF_COOKIE, requireStaff, SESSION_COOKIE, withForm } from '../../platform/http/server.js';
import {
  CsrfField,
  ErrorSummary,
  Pagination,
  PostButton,
  SelectField,
  Summary,
  Table,
  TextField,
} from '../../platform/ui/components.js';
import { agencies, agencyOptions, canOnAgency } from '../agencies/index.js';
import { isLocked } from './account.js';
import { can } from './account.policy.js';
import * as accounts from './account.service.js';
import * as auditLog from './audit-log.service.js';
import * as auth from './auth.service.js';

type Body = Record<string, string>;

export interface AccountRouteOptions {
  settings: auth.AuthSettings;
  cookieSecure: boolean;
  loginRateLimitPerMinute: number;
}

/** Only same-site paths are followed after login, never another host. */
function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : '/admin';
}

const adminCrumbs = (...rest: Array<{ label: string; href?: string }>) => [
  { label: '工作台', href: '/admin' },
  ...rest,
];

export function registerAccountRoutes(app: FastifyInstance, opts: AccountRouteOptions): void {
  app.nav.push(
    { href: '/admin', label: '工作台', area: 'admin', order: 10 },
    { href: '/admin/users', label: '账号', area: 'admin', order: 80 },
    { href: '/admin/sessions', label: '在线会话', area: 'admin', order: 85 },
    { href: '/admin/audit', label: '审计日志', area: 'admin', order: 90 },
    { href: '/admin', label: '工作人员登录', area: 'portal', order: 99 },
  );

  const renderLogin = (reply: FastifyReply, values: Body, errors: FieldError[]) =>
    reply.page(
      { title: '工作人员登录', area: 'admin' },
      <div class="gk-login">
        <h1 class="gk-title">工作人员登录</h1>
        <form
          class="gk-form"
          method="post"
          action={`/admin/login${values.next ? `?next=${encodeURIComponent(values.next)}` : ''}`}
          novalidate
        >
          <CsrfField token={reply.csrf()} />
          <ErrorSummary errors={errors} />
          <TextField
            name="username"
            label="用户名"
            value={values.username}
            errors={errors}
            autocomplete="username"
            required
          />
          <TextField
            name="password"
            label="密码"
            type="password"
            errors={errors}
            autocomplete="current-password"
            required
          />
          <div class="gk-actions">
            <button class="gk-button" type="submit">
              登录
            </button>
          </div>
          <p class="gk-hint">
            连续 {opts.settings.loginMaxFailures} 次输入错误密码，账号将锁定 {opts.settings.loginLockMinutes}{' '}
            分钟。
          </p>
        </form>
      </div>,
    );

  app.get<{ Querystring: { next?: string } }>('/admin/login', async (req, reply) => {
    if (req.auth) return reply.redirect(safeNext(req.query.next));
    return renderLogin(reply, { next: req.query.next ?? '' }, []);
  });

  app.post<{ Body: Body; Querystring: { next?: string } }>(
    '/admin/login',
    { config: { rateLimit: { max: opts.loginRateLimitPerMinute, timeWindow: '1 minute' } } },
    async (req, reply) =>
      withForm(
        reply,
        async () => {
          const { token } = await auth.login(req.ctx, req.body, opts.settings, {
            userAgent: req.headers['user-agent'] ?? null,
          });
          reply.setCookie(SESSION_COOKIE, token, {
            httpOnly: true,
            sameSite: 'lax',
            path: '/',
            secure: opts.cookieSecure,
          });
          // A new login gets a new CSRF secret: tokens seen before signing in stop working.
          reply.clearCookie(CSRF_COOKIE, { path: '/' });
          return reply.redirect(safeNext(req.query.next), 303);
        },
        (errors) =>
          renderLogin(reply, { username: req.body.username ?? '', next: req.query.next ?? '' }, errors),
      ),
  );

  app.post('/admin/logout', async (req, reply) => {
    if (req.auth) await auth.logout(req.ctx, req.auth.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.flash('info', '您已安全退出').redirect('/admin/login', 303);
  });

  app.get('/admin', async (req, reply) => {
    const me = requireStaff(req);
    const { grants } = await accounts.get(req.ctx, me.user.id);
    const own = await agencies.get(req.ctx, me.actor.agencyId!).catch(() => null);
    const notices = await unreadFor(
      req.ctx,
      me.user.id,
      me.actor.grants.filter((g) => g.role === 'officeHead' || g.role === 'admin').map((g) => g.agencyPath),
    );
    return reply.page(
      { title: '工作台' },
      <>
        <h1 class="gk-title">工作台</h1>
        <p class="gk-lead">
          {me.user.displayName}，您好。您所在机构：{own?.name ?? '—'}。
        </p>
        {notices.length ? (
          <section class="gk-section">
            <h2 class="gk-section__title">待办提醒</h2>
            <ul id="notices">
              {notices.map((n) => (
                <li>
                  {n.day}{' '}
                  {n.subject_type === 'request' ? (
                    <a href={`/admin/requests/${n.subject_id}`}>{n.message}</a>
                  ) : (
                    n.message
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section class="gk-section">
          <h2 class="gk-section__title">我的角色</h2>
          {grants.length ? (
            <ul>
              {grants.map((g) => (
                <li>
                  {roleLabels[g.role]} · {g.agencyName}及其下级机构
                </li>
              ))}
            </ul>
          ) : (
            <p class="gk-muted">尚未分配角色，请联系系统管理员。</p>
          )}
        </section>
        <section class="gk-section">
          <h2 class="gk-section__title">常用</h2>
          <ul>
            <li>
              <a href="/admin/agencies">机构与公开指南联系方式</a>
            </li>
            <li>
              <a href="/admin/account/password">修改我的密码</a>
            </li>
          </ul>
        </section>
      </>,
    );
  });

  // Own password.
  const renderPassword = (reply: FastifyReply, errors: FieldError[]) =>
    reply.page(
      { title: '修改密码', crumbs: adminCrumbs({ label: '修改密码' }) },
      <>
        <h1 class="gk-title">修改密码</h1>
        <form class="gk-form" method="post" action="/admin/account/password" novalidate>
          <CsrfField token={reply.csrf()} />
          <ErrorSummary errors={errors} />
          <TextField
            name="currentPassword"
            label="当前密码"
            type="password"
            errors={errors}
            autocomplete="current-password"
            required
          />
          <TextField
            name="password"
            label="新密码"
            type="password"
            errors={errors}
            autocomplete="new-password"
            required
            hint="至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类"
          />
          <TextField
            name="confirm"
            label="确认新密码"
            type="password"
            errors={errors}
            autocomplete="new-password"
            required
          />
          <div class="gk-actions">
            <button class="gk-button" type="submit">
              保存新密码
            </button>
          </div>
        </form>
      </>,
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
    const me = requireStaff(req);
    const list = await accounts.list(req.ctx);
    const now = req.ctx.clock.now();
    const canCreate = (await agencies.listForStaff(req.ctx)).some((a) => can(me.actor, 'create', a));
    return reply.page(
      { title: '账号', crumbs: adminCrumbs({ label: '账号' }) },
      <>
        <h1 class="gk-title">账号</h1>
        {canCreate ? (
          <p class="gk-actions">
            <a class="gk-button" href="/admin/users/new">
              新增账号
            </a>
          </p>
        ) : null}
        <Table head={['用户名', '姓名', '所属机构', '状态', '最近登录']}>
          {list.map(({ user, agencyName }) => (
            <tr>
              <td>
                <a href={`/admin/users/${user.id}`}>{user.username}</a>
              </td>
              <td>{user.displayName}</td>
              <td>{agencyName}</td>
              <td>
                {user.disabledAt ? (
                  <span class="gk-tag gk-tag--warn">已停用</span>
                ) : isLocked(user, now) ? (
                  <span class="gk-tag gk-tag--warn">已锁定</span>
                ) : (
                  <span class="gk-tag gk-tag--ok">正常</span>
                )}
              </td>
              <td>{formatDateTime(user.lastLoginAt)}</td>
            </tr>
          ))}
        </Table>
      </>,
    );
  });

  const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));
  const renderNewUser = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    errors: FieldError[],
  ) => {
    const me = requireStaff(req);
    const scope = (await agencies.listForStaff(req.ctx)).filter((a) => can(me.actor, 'create', a));
    return reply.page(
      {
        title: '新增账号',
        crumbs: adminCrumbs({ label: '账号', href: '/admin/users' }, { label: '新增账号' }),
      },
      <>
        <h1 class="gk-title">新增账号</h1>
        <form class="gk-form" method="post" action="/admin/users" novalidate>
          <CsrfField token={reply.csrf()} />
          <ErrorSummary errors={errors} />
          <SelectField
            name="agencyId"
            label="所属机构"
            value={values.agencyId}
            errors={errors}
            options={agencyOptions(scope)}
            required
          />
          <TextField
            name="username"
            label="用户名"
            value={values.username}
            errors={errors}
            required
            autocomplete="off"
          />
          <TextField name="displayName" label="姓名" value={values.displayName} errors={errors} required />
          <TextField
            name="password"
            label="初始密码"
            type="password"
            errors={errors}
            required
            autocomplete="new-password"
            hint="首次登录后须修改。至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类"
          />
          <SelectField
            name="role"
            label="角色（适用于所属机构及其下级机构）"
            value={values.role}
            errors={errors}
            options={roleOptions}
            placeholder="暂不分配"
          />
          <div class="gk-actions">
            <button class="gk-button" type="submit">
              创建账号
            </button>
          </div>
        </form>
      </>,
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
    const me = requireStaff(req);
    const { user, grants } = await accounts.get(req.ctx, id);
    const agency = await agencies.get(req.ctx, user.agencyId).catch(() => null);
    const path = agency?.path ?? '\u0000';
    const scope = (await agencies.listForStaff(req.ctx)).filter((a) => can(me.actor, 'grant', a));
    const csrf = reply.csrf();
    const locked = isLocked(user, req.ctx.clock.now());
    return reply.page(
      {
        title: `账号 ${user.username}`,
        status,
        crumbs: adminCrumbs({ label: '账号', href: '/admin/users' }, { label: user.username }),
      },
      <>
        <h1 class="gk-title">
          {user.displayName}（{user.username}）
        </h1>
        <ErrorSummary errors={errors} />
        <Summary
          rows={[
            ['所属机构', agency?.name ?? '—'],
            [
              '状态',
              user.disabledAt
                ? `已停用（${formatDateTime(user.disabledAt)}）`
                : locked
                  ? `已锁定至 ${formatDateTime(user.lockedUntil)}`
                  : '正常',
            ],
            ['最近登录', formatDateTime(user.lastLoginAt)],
            ['密码修改时间', formatDateTime(user.passwordChangedAt)],
          ]}
        />
        <div class="gk-actions">
          {locked && can(me.actor, 'unlock', { path }) ? (
            <PostButton action={`/admin/users/${user.id}/unlock`} csrf={csrf} label="解除锁定" />
          ) : null}
          {can(me.actor, 'disable', { path }) && user.id !== me.user.id ? (
            <PostButton
              action={`/admin/users/${user.id}/${user.disabledAt ? 'enable' : 'disable'}`}
              csrf={csrf}
              label={user.disabledAt ? '启用账号' : '停用账号'}
              kind={user.disabledAt ? 'secondary' : 'danger'}
            />
          ) : null}
        </div>
        <section class="gk-section">
          <h2 class="gk-section__title">角色</h2>
          <Table head={['角色', '适用范围', '']}>
            {grants.map((g) => (
              <tr>
                <td>{roleLabels[g.role]}</td>
                <td>{g.agencyName}及其下级机构</td>
                <td>
                  {can(me.actor, 'grant', { path: g.agencyPath }) ? (
                    <PostButton
                      action={`/admin/grants/${g.id}/revoke`}
                      csrf={csrf}
                      label="撤销"
                      kind="link"
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
          {scope.length && can(me.actor, 'grant', { path }) ? (
            <form class="gk-form gk-filters" method="post" action={`/admin/users/${user.id}/grants`}>
              <CsrfField token={csrf} />
              <SelectField name="role" label="角色" options={roleOptions} errors={errors} />
              <SelectField
                name="agencyId"
                label="适用机构"
                options={agencyOptions(scope)}
                errors={errors}
                value={user.agencyId}
              />
              <button class="gk-button gk-button--secondary" type="submit">
                授予角色
              </button>
            </form>
          ) : null}
        </section>
        {can(me.actor, 'resetPassword', { path }) ? (
          <section class="gk-section">
            <h2 class="gk-section__title">重置密码</h2>
            <form class="gk-form" method="post" action={`/admin/users/${user.id}/password`} novalidate>
              <CsrfField token={csrf} />
              <TextField
                name="password"
                label="新密码"
                type="password"
                errors={errors}
                autocomplete="new-password"
                hint="重置后该账号所有登录会话失效，下次登录须修改密码"
              />
              <button class="gk-button gk-button--secondary" type="submit">
                重置密码
              </button>
            </form>
          </section>
        ) : null}
        {canOnAgency(me.actor, 'read', { path }) ? (
          <p>
            <a href={`/admin/audit?subjectId=${user.id}`}>查看该账号的审计记录</a>
          </p>
        ) : null}
      </>,
    );
  };

  app.get<{ Params: { id: string } }>('/admin/users/:id', async (req, reply) =>
    renderUser(req, reply, req.params.id, []),
  );

  const userAction = (
    path: string,
    run: (req: FastifyRequest<{ Params: { id: string }; Body: Body }>) => Promise<unknown>,
    done: string,
  ) =>
    app.post<{ Params: { id: string }; Body: Body }>(path, async (req, reply) => {
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

  app.post<{ Params: { id: string } }>('/admin/grants/:id/revoke', async (req, reply) => {
    requireStaff(req);
    await accounts.revokeGrant(req.ctx, req.params.id);
    return reply
      .flash('success', '已撤销角色')
      .redirect(
        req.headers.referer && new URL(req.headers.referer, 'http://x').pathname.startsWith('/admin/users/')
          ? new URL(req.headers.referer, 'http://x').pathname
          : '/admin/users',
        303,
      );
  });

  // Sessions.
  app.get('/admin/sessions', async (req, reply) => {
    const me = requireStaff(req);
    const list = await auth.listSessions(req.ctx, opts.settings);
    const csrf = reply.csrf();
    return reply.page(
      { title: '在线会话', crumbs: adminCrumbs({ label: '在线会话' }) },
      <>
        <h1 class="gk-title">在线会话</h1>
        <p class="gk-lead">
          空闲超过 {opts.settings.sessionIdleMinutes} 分钟或登录超过 {opts.settings.sessionMaxHours}{' '}
          小时的会话自动结束。
        </p>
        <Table head={['账号', '所属机构', '登录时间', '最近活动', '地址', '']}>
          {list.map((s) => (
            <tr>
              <td>
                {s.display_name}（{s.username}）
                {s.id === me.sessionId ? <span class="gk-tag">当前会话</span> : null}
              </td>
              <td>{s.agency_name}</td>
              <td>{formatDateTime(s.created_at)}</td>
              <td>{formatDateTime(s.last_seen_at)}</td>
              <td>{s.ip ?? ''}</td>
              <td>
                {s.id !== me.sessionId ? (
                  <PostButton
                    action={`/admin/sessions/${s.id}/revoke`}
                    csrf={csrf}
                    label="强制下线"
                    kind="link"
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      </>,
    );
  });
  app.post<{ Params: { id: string } }>('/admin/sessions/:id/revoke', async (req, reply) => {
    requireStaff(req);
    await auth.revokeSession(req.ctx, req.params.id);
    return reply.flash('success', '已强制下线').redirect('/admin/sessions', 303);
  });

  // Audit log.
  app.get<{ Querystring: Record<string, string> }>('/admin/audit', async (req, reply) => {
    requireStaff(req);
    const page = Math.max(1, Number(req.query.page) || 1);
    let errors: FieldError[] = [];
    let result: Awaited<ReturnType<typeof auditLog.browse>> = { events: [], total: 0, page: 1, pageSize: 50 };
    try {
      result = await auditLog.browse(req.ctx, req.query, page);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors = e.fields;
      reply.status(400);
    }
    const q = req.query;
    const query = (p: number) =>
      `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(q).filter(([k, v]) => k !== 'page' && v)), page: String(p) })}`;
    return reply.page(
      { title: '审计日志', crumbs: adminCrumbs({ label: '审计日志' }) },
      <>
        <h1 class="gk-title">审计日志</h1>
        <form class="gk-form gk-filters" method="get" action="/admin/audit">
          <ErrorSummary errors={errors} />
          <SelectField
            name="action"
            label="操作"
            value={q.action}
            errors={errors}
            options={req.ctx.modules.auditActions().map((a) => ({ value: a.action, label: a.label }))}
            placeholder="全部"
          />
          <TextField name="actor" label="操作人" value={q.actor} errors={errors} />
          <TextField name="from" label="起始日期" type="date" value={q.from} errors={errors} />
          <TextField name="to" label="截止日期" type="date" value={q.to} errors={errors} />
          {q.subjectId ? <input type="hidden" name="subjectId" value={q.subjectId} /> : null}
          <button class="gk-button gk-button--secondary" type="submit">
            筛选
          </button>
        </form>
        <Table head={['时间', '操作人', '操作', '对象', '机构', '地址', '变更']}>
          {result.events.map((e) => (
            <tr>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actorLabel}</td>
              <td>{req.ctx.modules.auditActionLabel(e.action)}</td>
              <td>
                {req.ctx.modules.auditSubjectLabel(e.subjectType)}
                {e.subjectId ? <span class="gk-muted"> {e.subjectId.slice(-8)}</span> : null}
              </td>
              <td>{e.agencyName ?? ''}</td>
              <td>{e.ip ?? ''}</td>
              <td>
                {e.before || e.after ? (
                  <details>
                    <summary>查看</summary>
                    {e.before ? <pre>前：{JSON.stringify(e.before, null, 1)}</pre> : null}
                    {e.after ? <pre>后：{JSON.stringify(e.after, null, 1)}</pre> : null}
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
        <Pagination page={result.page} pageSize={result.pageSize} total={result.total} href={query} />
      </>,
    );
  });

  // API.
  app.get('/api/v1/me', { schema: { tags: ['账号'], summary: '当前登录的工作人员' } }, async (req) => {
    const me = requireStaff(req);
    const { grants } = await accounts.get(req.ctx, me.user.id);
    return {
      data: {
        id: me.user.id,
        username: me.user.username,
        displayName: me.user.displayName,
        agencyId: me.actor.agencyId,
        grants: grants.map((g) => ({
          role: g.role,
          roleLabel: roleLabels[g.role],
          agencyId: g.agencyId,
          agencyName: g.agencyName,
        })),
      },
    };
  });
  app.get<{ Querystring: Record<string, string> }>(
    '/api/v1/audit-events',
    { schema: { tags: ['审计'], summary: '审计日志（按权限范围）' } },
    async (req) => {
      requireStaff(req);
      return auditLog.browse(req.ctx, req.query, Math.max(1, Number(req.query.page) || 1));
    },
  );
}
