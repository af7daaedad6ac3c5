import { formatDateTime } from '../../../platform/clock.js';
import type { FieldError } from '../../../platform/errors.js';
import { CsrfField, ErrorSummary, Table, TextArea, TextField } from '../../../platform/ui/components.js';
import type { CalendarAdminPage } from '../calendar.service.js';

/** 工作日与节假日安排: the deadline calculator, the years entered, and (for administrators) the entry form. */
export function CalendarPage(p: {
  page: CalendarAdminPage;
  query: { from?: string | undefined; add?: string | undefined };
  csrf: string;
  noticeValues: Record<string, string | undefined>;
  noticeErrors: FieldError[];
}) {
  const { page, query: q, noticeValues, noticeErrors } = p;
  const due = page.due;
  return (
    <>
      <h1 class="gk-title">工作日与节假日安排</h1>
      <section class="gk-section">
        <h2 class="gk-section__title">计算期限</h2>
        <form class="gk-form gk-filters" method="get" action="/admin/calendar">
          <ErrorSummary errors={page.dueErrors} />
          <TextField
            name="from"
            label="起算日（收到申请之日）"
            type="date"
            value={q.from}
            errors={page.dueErrors}
          />
          <TextField
            name="add"
            label="工作日数"
            value={q.add ?? '20'}
            errors={page.dueErrors}
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
        {page.nextYearMissing ? (
          <p class="gk-flash gk-flash--info">
            {page.nextYear}{' '}
            年的节假日安排尚未录入：跨入该年的期限暂按周末和法定节假日（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节的法定日期）计算，不含调休，标注“暂定”；录入后自动重算。
          </p>
        ) : null}
        {page.nextYearMissing && page.nextYearLegal.days.length ? (
          <p id="next-year-legal">
            {page.nextYear} 年的法定节假日（依{page.nextYearLegal.law}第二条）：
            {page.nextYearLegal.days.map((d) => `${d.date} ${d.name}`).join('、')}
          </p>
        ) : null}
        <Table head={['年度', '依据', '录入时间']}>
          {page.years.map((y) => (
            <tr>
              <td>{y.year}</td>
              <td>{y.notice}</td>
              <td>{formatDateTime(y.enteredAt)}</td>
            </tr>
          ))}
        </Table>
      </section>
      {page.allowed.includes('enterNotice') ? (
        <section class="gk-section">
          <h2 class="gk-section__title">录入新一年的安排（系统管理员）</h2>
          <form class="gk-form" method="post" action="/admin/calendar" novalidate>
            <CsrfField token={p.csrf} />
            <ErrorSummary errors={noticeErrors} />
            <TextField
              name="year"
              label="年度"
              value={noticeValues.year ?? String(page.nextYear)}
              errors={noticeErrors}
              inputmode="numeric"
            />
            <TextField
              name="notice"
              label="通知名称"
              value={noticeValues.notice ?? `国务院办公厅关于${page.nextYear}年部分节假日安排的通知`}
              errors={noticeErrors}
            />
            <TextArea
              name="holidays"
              label="放假（每行一个：名称 起始日期 结束日期）"
              value={noticeValues.holidays}
              errors={noticeErrors}
              rows={8}
            />
            <TextArea
              name="makeupWorkdays"
              label="调休上班（每行一个：日期 假期名称）"
              value={noticeValues.makeupWorkdays}
              errors={noticeErrors}
              rows={6}
            />
            <button class="gk-button" type="submit">
              录入
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
