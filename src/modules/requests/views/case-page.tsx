import type { Child } from 'hono/jsx';
import { formatDateTime } from '../../../platform/clock.js';
import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  Summary,
  Table,
  TextField,
} from '../../../platform/ui/components.js';
import type { CasePage } from '../request-case.service.js';
import { letterTitles, type LetterKind } from '../request-letter.js';
import { outcomes, replyOutcomes } from '../request-outcome.js';
import { stateLabels } from '../request.presenter.js';
import { stepSchemas, type CaseAction } from '../request.schemas.js';
import { LetterList } from './letters.js';

/** The back-office page of one case: its facts, how the deadline was computed, its steps. */
export function CasePageView({ p, csrf, errors }: { p: CasePage; csrf: string; errors: FieldError[] }) {
  const c = p.case;
  const d = p.deadline;
  const can = (a: CasePage['allowed'][number]) => p.allowed.includes(a);
  const running = d.state === 'open';
  /** One step as a plain form; steps that send a letter carry its draft, editable. */
  const step = (action: CaseAction, title: string, fields: Child, letter?: LetterKind) => (
    <form class="gk-form gk-filters" method="post" action={`/admin/requests/${c.id}/act`} novalidate>
      <CsrfField token={csrf} />
      <input type="hidden" name="action" value={action} />
      <TextField
        name="date"
        label={stepSchemas[action].shape.date.label}
        type="date"
        value={p.today}
        errors={[]}
      />
      {fields}
      {letter && p.drafts[letter] ? (
        <details class="gk-field">
          <summary>{letterTitles[letter]}（可修改；发出后随案保存）</summary>
          <textarea class="gk-textarea" name="letter" rows={10} aria-label={letterTitles[letter]}>
            {p.drafts[letter]}
          </textarea>
        </details>
      ) : null}
      <button class="gk-button gk-button--secondary" type="submit">
        {title}
      </button>
    </form>
  );
  const s = stepSchemas;
  return (
    <>
      <h1 class="gk-title">
        {c.acceptanceNumber} <span class="gk-tag">{stateLabels[d.state]}</span>
      </h1>
      <ErrorSummary errors={errors} />
      <Summary
        rows={[
          ['申请方式', c.submissionChannelLabel],
          ['申请人', `${c.applicantName}（${c.applicantTypeLabel}）`],
          ['身份证明号码', c.idNumber],
          ['联系电话', c.phone],
          ['所需信息', c.description],
          ['答复期限', d.due ? `${d.due}${d.provisional ? '（暂定）' : ''}` : '暂停计时'],
          ['承办人', c.handler === 'me' ? '本人' : c.handler === 'other' ? '已指定' : '未指定'],
          ['办结', c.closedOn ? `${c.closedOn}：${c.outcomeLabel}` : '未办结'],
        ]}
      />
      {can('viewPersonalData') && !c.unmasked ? (
        <form class="gk-inline" method="post" action={`/admin/requests/${c.id}/personal`}>
          <CsrfField token={csrf} />
          <button class="gk-button gk-button--link" type="submit">
            查看完整个人信息（将记入审计日志）
          </button>
        </form>
      ) : null}
      {c.handler !== 'me' && p.open && can('takeCase') ? (
        <form class="gk-inline" method="post" action={`/admin/requests/${c.id}/assign`}>
          <CsrfField token={csrf} />
          <button class="gk-button gk-button--link" type="submit">
            由我承办
          </button>
        </form>
      ) : null}
      <section class="gk-section">
        <h2 class="gk-section__title">期限的计算</h2>
        <ol id="deadline-steps">
          {d.steps.map((line) => (
            <li>{line}</li>
          ))}
        </ol>
        {d.warnings.map((w) => (
          <p class="gk-flash gk-flash--error">{w}</p>
        ))}
        {d.calendar && d.calendar.skipped.length ? (
          <details>
            <summary>不计入的 {d.calendar.skipped.length} 天</summary>
            <ul>
              {d.calendar.skipped.map((day) => (
                <li>
                  {day.date} {day.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      {p.open && can('handle') ? (
        <section class="gk-section">
          <h2 class="gk-section__title">办理</h2>
          {running
            ? step(
                'supplementRequested',
                '发出补正告知',
                <TextField
                  name="supplementDueDate"
                  label={s.supplementRequested.shape.supplementDueDate.label}
                  type="date"
                  value=""
                  errors={[]}
                />,
                'supplement',
              )
            : null}
          {d.state === 'awaitingSupplement' ? step('supplemented', '收到补正', null) : null}
          {running
            ? step(
                'consultationStarted',
                '发出第三方意见征询函（第三十二条）',
                <input type="hidden" name="kind" value="thirdPartyConsultation" />,
                'thirdPartyConsultation',
              )
            : null}
          {running
            ? step(
                'consultationStarted',
                '征求共同制作机关意见（第三十四条）',
                <input type="hidden" name="kind" value="agencyConsultation" />,
                'agencyConsultation',
              )
            : null}
          {d.state === 'inConsultation' ? step('consultationEnded', '收到征询答复', null) : null}
          {running && !p.pendingExtension
            ? step(
                'extensionRequested',
                '申请延期（报公开办负责人批准）',
                <>
                  <TextField
                    name="workdays"
                    label={s.extensionRequested.shape.workdays.label}
                    value="20"
                    errors={[]}
                    inputmode="numeric"
                  />
                  <TextField
                    name="reason"
                    label={s.extensionRequested.shape.reason.label}
                    value=""
                    errors={errors}
                  />
                </>,
              )
            : null}
          {running && can('decideExtension')
            ? step(
                'extensionApproved',
                p.pendingExtension
                  ? `批准延期（经办人申请 ${p.pendingExtension.workdays} 个工作日：${p.pendingExtension.reason}）`
                  : '批准延期（公开办负责人）',
                <TextField
                  name="workdays"
                  label={s.extensionApproved.shape.workdays.label}
                  value={String(p.pendingExtension?.workdays ?? 20)}
                  errors={[]}
                  inputmode="numeric"
                />,
                'extension',
              )
            : null}
          {running && can('decideExtension') && p.pendingExtension
            ? step(
                'extensionRefused',
                '不同意延期',
                <TextField
                  name="reason"
                  label={s.extensionRefused.shape.reason.label}
                  value=""
                  errors={[]}
                />,
              )
            : null}
          {running
            ? step(
                'processingFeeNoticeReceived',
                '收费通知已送达',
                <>
                  <SelectField
                    name="method"
                    label={s.processingFeeNoticeReceived.shape.method.label}
                    options={[
                      { value: 'perRequest', label: '按件计收' },
                      { value: 'perPage', label: '按量计收' },
                    ]}
                    errors={[]}
                  />
                  <TextField
                    name="quantity"
                    label={s.processingFeeNoticeReceived.shape.quantity.label}
                    value=""
                    errors={[]}
                    inputmode="numeric"
                  />
                </>,
                'processingFee',
              )
            : null}
          {d.state === 'awaitingFee' ? step('processingFeePaid', '申请人已缴费', null) : null}
          {running
            ? step(
                'replied',
                '答复并发出答复告知书',
                <>
                  <SelectField
                    name="outcome"
                    label={s.replied.shape.outcome.label}
                    options={replyOutcomes.map((o) => ({
                      value: o,
                      label: `${outcomes[o].label}（${outcomes[o].basis}）`,
                    }))}
                    errors={errors}
                  />
                  <TextField name="reasons" label={s.replied.shape.reasons.label} value="" errors={errors} />
                  <div class="gk-field">
                    <label class="gk-label" for="f-letter">
                      {letterTitles.reply}（可修改；发出后随案保存）
                    </label>
                    <textarea class="gk-textarea" id="f-letter" name="letter" rows={12}>
                      {p.drafts.reply ?? ''}
                    </textarea>
                  </div>
                </>,
              )
            : null}
          {step('withdrawn', '申请人撤回', null)}
        </section>
      ) : null}
      {p.earlier.length ? (
        <section class="gk-section" id="same-applicant">
          <h2 class="gk-section__title">该申请人向本机关提出的其他申请（{p.earlier.length} 件）</h2>
          <p class="gk-hint">
            核对是否属于重复申请（第三十六条第（六）项）或无正当理由大量反复申请（第三十五条）。
          </p>
          <ul>
            {p.earlier.map((e) => (
              <li>
                <a href={`/admin/requests/${e.id}`}>{e.acceptanceNumber}</a> {e.receivedOn}{' '}
                {e.description.slice(0, 40)}
                {e.outcomeLabel ? `（${e.outcomeLabel}）` : '（办理中）'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.letters.length ? (
        <section class="gk-section">
          <h2 class="gk-section__title">告知书</h2>
          <LetterList letters={p.letters} docx={(l) => `/admin/requests/${c.id}/letters/${l.id}.docx`} />
        </section>
      ) : null}
      <section class="gk-section">
        <h2 class="gk-section__title">经过</h2>
        <Table head={['日期', '事项']}>
          {p.events.map((e) => (
            <tr>
              <td>{e.date}</td>
              <td>{e.label}</td>
            </tr>
          ))}
        </Table>
        <p class="gk-muted">登记时间：{formatDateTime(c.submittedAt)}</p>
      </section>
    </>
  );
}
