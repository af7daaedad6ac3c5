import type { Child } from 'hono/jsx';
import { formatDateTime } from '../../../platform/clock.js';
import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  Field,
  SelectField,
  Summary,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import type { CasePage } from '../request-case.service.js';
import { FILE_ACCEPT, FILE_HINT } from '../request-file.js';
import { deliveryModeLabels, deliveryModes, letterTitles, type LetterKind } from '../request-letter.js';
import type { CaseFileView } from '../request.presenter.js';
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
  const fileLink = (f: CaseFileView) => (
    <a href={`/admin/requests/${c.id}/files/${f.id}`}>
      {f.fileName}（{f.size}）
    </a>
  );
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
          ['要求的提供形式', p.reply.requested],
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
                <>
                  <input type="hidden" name="kind" value="thirdPartyConsultation" />
                  <TextField
                    name="consultee"
                    label="第三方名称或姓名"
                    hint="征询函的抬头；发出时填入征询函"
                    value=""
                    errors={[]}
                  />
                </>,
                'thirdPartyConsultation',
              )
            : null}
          {running
            ? step(
                'consultationStarted',
                '征求共同制作机关意见（第三十四条）',
                <>
                  <input type="hidden" name="kind" value="agencyConsultation" />
                  <TextField
                    name="consultee"
                    label="共同制作机关名称"
                    hint="征求意见函的主送机关；发出时填入征求意见函"
                    value=""
                    errors={[]}
                  />
                </>,
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
          {running ? <ReplyForm p={p} csrf={csrf} errors={errors} /> : null}
          {step('withdrawn', '申请人撤回', null)}
        </section>
      ) : null}
      {p.links.length ? (
        <section class="gk-section" id="links">
          <h2 class="gk-section__title">关联事项</h2>
          <ul>
            {p.links.map((l) => (
              <li>
                <a href={l.href}>{l.label}</a>
              </li>
            ))}
          </ul>
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
      {p.supplements.length ? (
        <section class="gk-section" id="supplements">
          <h2 class="gk-section__title">申请人的补正</h2>
          {p.supplements.map((sup) => (
            <div class="gk-card">
              <p class="gk-muted">
                {sup.date} {sup.channel}
              </p>
              {sup.text ? <p class="gk-supplement-text">{sup.text}</p> : <p>（未在网上填写补正内容）</p>}
              {sup.files.length ? (
                <ul>
                  {sup.files.map((f) => (
                    <li>{fileLink(f)}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
      {p.replyFiles.length ? (
        <section class="gk-section" id="reply-files">
          <h2 class="gk-section__title">随答复提供的文件</h2>
          <ul>
            {p.replyFiles.map((f) => (
              <li>{fileLink(f)}</li>
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
        <Table head={['日期', '事项', '说明']}>
          {p.events.map((e) => (
            <tr>
              <td>{e.date}</td>
              <td>{e.label}</td>
              <td>{e.detail ?? ''}</td>
            </tr>
          ))}
        </Table>
        <p class="gk-muted">登记时间：{formatDateTime(c.submittedAt)}</p>
      </section>
    </>
  );
}

/**
 * The reply (第三十六条): the outcome, its reasons, what is withheld, how the information is
 * delivered, and the 答复告知书. 拟稿 drafts the letter again for what was chosen (without
 * JavaScript too); the files go with the reply in the same form.
 */
function ReplyForm({ p, csrf, errors }: { p: CasePage; csrf: string; errors: FieldError[] }) {
  const s = stepSchemas.replied.shape;
  const r = p.reply;
  return (
    <form
      class="gk-form gk-card"
      id="reply-form"
      method="post"
      action={`/admin/requests/${p.case.id}/act`}
      enctype="multipart/form-data"
      novalidate
    >
      <h3>答复（条例第三十六条）</h3>
      <CsrfField token={csrf} />
      <input type="hidden" name="action" value="replied" />
      <TextField name="date" label={s.date.label} type="date" value={p.today} errors={errors} />
      <SelectField
        name="outcome"
        label={s.outcome.label}
        value={r.outcome ?? 'granted'}
        options={replyOutcomes.map((o) => ({
          value: o,
          label: `${outcomes[o].label}（${outcomes[o].basis}）`,
        }))}
        errors={errors}
      />
      <TextArea
        name="reasons"
        label={s.reasons.label}
        hint="写入告知书的“理由如下”"
        value={r.reasons ?? ''}
        errors={errors}
        rows={3}
      />
      <TextField
        name="withheldPart"
        label={s.withheldPart.label}
        hint="如：第三方的联系方式和身份证号码"
        value={r.withheldPart ?? ''}
        errors={errors}
      />
      <SelectField
        name="deliveryMode"
        label="提供方式（予以公开、部分公开时）"
        hint={`申请人要求：${r.requested}`}
        value={r.deliveryMode ?? r.defaultMode}
        options={deliveryModes.map((m) => ({ value: m, label: deliveryModeLabels[m] }))}
        errors={errors}
      />
      <TextField
        name="deliveredOn"
        label={s.deliveredOn.label}
        type="date"
        hint="邮寄的，填寄出之日；自行领取或现场查阅的，填可以领取或查阅之日"
        value={r.deliveredOn ?? ''}
        errors={errors}
      />
      <TextField
        name="trackingNumber"
        label={s.trackingNumber.label}
        hint="邮寄的必填"
        value={r.trackingNumber ?? ''}
        errors={errors}
      />
      <TextField
        name="recordRef"
        label={s.recordRef.label}
        hint="在线查看已主动公开的信息时必填"
        value={r.recordRef ?? ''}
        errors={errors}
      />
      <Field
        name="files"
        label="随答复提供的电子文档"
        hint={`${FILE_HINT}${errors.length ? '；页面重新显示后，请重新选择要上传的文件' : ''}`}
        errors={errors}
      >
        {(ctl) => <input class="gk-input" type="file" multiple accept={FILE_ACCEPT} {...ctl} />}
      </Field>
      <p>
        <button class="gk-button gk-button--secondary" type="submit" name="draft" value="1">
          拟稿（按所选答复结果重新生成告知书）
        </button>
      </p>
      <TextArea
        name="letter"
        label={`${letterTitles.reply}（可修改；发出后随案保存）`}
        hint="告知书中不能留有（请写明…）、____ 等待填写的内容"
        value={p.drafts.reply ?? ''}
        errors={errors}
        rows={16}
      />
      <button class="gk-button" type="submit">
        答复并发出答复告知书
      </button>
      <script src="/static/request-reply.js" defer></script>
    </form>
  );
}
