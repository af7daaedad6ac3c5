import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { CSRF_COOKIE, SESSION_COOKIE, withForm } from '../../platform/http/server.js';
import * as auth from './auth.service.js';
import { LoginForm } from './views/login.js';

export interface AuthRouteOptions {
  settings: auth.AuthSettings;
  cookieSecure: boolean;
  loginRateLimitPerMinute: number;
}

/**
 * Only same-site back-office paths are followed after login: never another host, never a path
 * with a control character or a backslash (a header cannot carry them, and browsers read \ as /).
 */
function safeNext(next: string | undefined): string {
  return next &&
    /^\/admin(\/|$|\?)/.test(next) &&
    !next.startsWith('//') &&
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    !/[\u0000-\u001f\u007f\\]/.test(next)
    ? next
    : '/admin';
}

/** 工作人员登录 and 退出. */
export function registerAuthRoutes(app: FastifyInstance, opts: AuthRouteOptions): void {
  app.nav.push({ href: '/admin', label: '工作人员登录', area: 'portal', order: 99 });

  const renderLogin = (
    reply: FastifyReply,
    values: { username?: string; next?: string },
    errors: FieldError[],
  ) =>
    reply.page(
      { title: '工作人员登录', area: 'admin' },
      <LoginForm
        csrf={reply.csrf()}
        values={values}
        errors={errors}
        lock={{ maxFailures: opts.settings.loginMaxFailures, minutes: opts.settings.loginLockMinutes }}
      />,
    );

  app.get<{ Querystring: { next?: string } }>('/admin/login', async (req, reply) => {
    if (req.auth) return reply.redirect(safeNext(req.query.next));
    return renderLogin(reply, { next: req.query.next ?? '' }, []);
  });

  app.post<{ Body: Record<string, string>; Querystring: { next?: string } }>(
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
}
