import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import { noticeFromForm } from './calendar-notice.js';
import * as calendar from './calendar.service.js';
import { CalendarPage } from './views/calendar-page.js';
import { can } from './calendar.policy.js';

type Query = { from?: string; add?: string };
type Body = Record<string, string>;

export function registerCalendarRoutes(app: FastifyInstance): void {
  app.nav.push({
    href: '/admin/calendar',
    label: '工作日',
    area: 'admin',
    order: 60,
    visibleTo: (actor) => can(actor, 'read', undefined),
  });

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    q: Query,
    noticeValues: Body,
    noticeErrors: FieldError[],
  ) => {
    requireStaff(req);
    const page = await calendar.adminPage(req.ctx, q);
    if (page.dueErrors.length) reply.status(400);
    return reply.page(
      { title: '工作日', crumbs: [{ label: '工作台', href: '/admin' }, { label: '工作日' }] },
      <CalendarPage
        page={page}
        query={q}
        csrf={reply.csrf()}
        noticeValues={noticeValues}
        noticeErrors={noticeErrors}
      />,
    );
  };

  app.get<{ Querystring: Query }>('/admin/calendar', async (req, reply) =>
    render(req, reply, req.query, {}, []),
  );
  app.post<{ Body: Body }>('/admin/calendar', async (req, reply) => {
    requireStaff(req);
    return withForm(
      reply,
      async () => {
        const r = await calendar.enterNotice(req.ctx, noticeFromForm(req.body));
        return reply
          .flash('success', `已${r.replaced ? '更新' : '录入'} ${r.year} 年节假日安排`)
          .redirect('/admin/calendar', 303);
      },
      (errors) => render(req, reply, {}, req.body, errors),
    );
  });
}
