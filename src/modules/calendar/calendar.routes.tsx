import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime, beijingDate } from '../../platform/clock.js';
import type { FieldError } from '../../platform/errors.js';
import { requireStaff, withForm } from '../../platform/http/server.js';
import { CsrfField, ErrorSummary, Table, TextField } from '../../platform/ui/components.js';
import type { DueDate } from './calendar.js';
import { noticeFromForm } from './calendar-notice.js';
import * as calendar from './calendar.service.js';

type Query = { from?: string; add?: string };
type Body = Record<string, string>;

export function registerCalendarRoutes(app: FastifyInstance): void {
  app.nav.push({ href: '/admin/calendar', label: '工作日', area: 'admin', order: 60 });

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    q: Query,
    noticeValues: Body,
    noticeErrors: FieldError[],
  ) => {
    requireStaff(req);
    const years = await calendar.years(req.ctx);
    let due: DueDate | null = null;
    let dueErrors: FieldError[] = [];
    if (q.from || q.add) {
      try {
        due = await calendar.workdays(
          req.ctx,
          (q.from ?? '').trim(),
          /^\d+$/.test((q.add ?? '').trim()) ? Number(q.add) : NaN,
        );
      } catch (e) {
        if (e && typeof e === 'object' && 'fields' in e) dueErrors = (e as { fields: FieldError[] }).fields;
        else throw e;
        reply.status(400);
      }
    }
    const thisYear = Number(beijingDate(req.ctx.clock.now()).slice(0, 4));
    return reply.page(
      { title: '工作日', crumbs: [{ label: '工作台', href: '/admin' }, { label: '工作日' }] },
      <>
        <h1 class="gk-title">工作日与节假日安排</h1>
        <section class="gk-section">
          <h2 class="gk-section__title">计算期限</h2>
          <form class="gk-form gk-filters" method="get" action="/admin/calendar">
            <ErrorSummary errors={dueErrors} />
            <TextField
              name="from"
              label="起算日（收到申请之日）"
              type="date"
              value={q.from}
              errors={dueErrors}
            />
            <TextField
              name="add"
              label="工作日数"
              value={q.add ?? '20'}
              errors={dueErrors}
              inputmode="numeric"
            />
            <button class="gk-button gk-button--secondary" type="submit">
              计算
            </button>
          </form>
          {due ? (
            <div class="gk-card" id="due">
              <p>
                {due.from} 起算 {due.add} 个工作日（当日不计入），期限为 <strong>{due.due}</strong>
                {due.provisional ? (
                  <span class="gk-tag gk-tag--warn">暂定：所跨年度的节假日安排尚未公布</span>
                ) : null}
              </p>
              {due.skipped.length ? (
                <details open>
                  <summary>跳过的 {due.skipped.length} 天</summary>
                  <ul>
                    {due.skipped.map((s) => (
                      <li>
                        {s.date} {s.reason}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {due.makeupDays.length ? (
                <p>计入的调休上班日：{due.makeupDays.map((m) => `${m.date}（${m.reason}）`).join('、')}</p>
              ) : null}
            </div>
          ) : null}
        </section>
        <section class="gk-section">
          <h2 class="gk-section__title">已录入的节假日安排</h2>
          {years.every((y) => y.year !== thisYear + 1) ? (
            <p class="gk-flash gk-flash--info">
              {thisYear + 1} 年的节假日安排尚未录入：跨入该年的期限按“仅周末休息”暂定计算，录入后请核对。
            </p>
          ) : null}
          <Table head={['年度', '依据', '录入时间']}>
            {years.map((y) => (
              <tr>
                <td>{y.year}</td>
                <td>{y.notice}</td>
                <td>{formatDateTime(y.enteredAt)}</td>
              </tr>
            ))}
          </Table>
        </section>
        <section class="gk-section">
          <h2 class="gk-section__title">录入新一年的安排（系统管理员）</h2>
          <form class="gk-form" method="post" action="/admin/calendar" novalidate>
            <CsrfField token={reply.csrf()} />
            <ErrorSummary errors={noticeErrors} />
            <TextField
              name="year"
              label="年度"
              value={noticeValues.year ?? String(thisYear + 1)}
              errors={noticeErrors}
              inputmode="numeric"
            />
            <TextField
              name="notice"
              label="通知名称"
              value={noticeValues.notice ?? `国务院办公厅关于${thisYear + 1}年部分节假日安排的通知`}
              errors={noticeErrors}
            />
            <div
              class={`gk-field${noticeErrors.some((e) => e.field === 'holidays') ? ' gk-field--error' : ''}`}
            >
              <label class="gk-label" for="f-holidays">
                放假（每行一个：名称 起始日期 结束日期）
              </label>
              {noticeErrors
                .filter((e) => e.field === 'holidays')
                .map((e) => (
                  <p class="gk-error-message">{e.message}</p>
                ))}
              <textarea class="gk-textarea" id="f-holidays" name="holidays" rows={8}>
                {noticeValues.holidays ?? ''}
              </textarea>
            </div>
            <div
              class={`gk-field${noticeErrors.some((e) => e.field === 'makeupWorkdays') ? ' gk-field--error' : ''}`}
            >
              <label class="gk-label" for="f-makeupWorkdays">
                调休上班（每行一个：日期 假期名称）
              </label>
              {noticeErrors
                .filter((e) => e.field === 'makeupWorkdays')
                .map((e) => (
                  <p class="gk-error-message">{e.message}</p>
                ))}
              <textarea class="gk-textarea" id="f-makeupWorkdays" name="makeupWorkdays" rows={6}>
                {noticeValues.makeupWorkdays ?? ''}
              </textarea>
            </div>
            <button class="gk-button" type="submit">
              录入
            </button>
          </form>
        </section>
      </>,
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
