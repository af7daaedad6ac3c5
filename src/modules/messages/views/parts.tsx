import type { FieldError } from '../../../platform/errors.js';
import { TextField } from '../../../platform/ui/components.js';
import { PersonalInfoNotice } from '../../../platform/ui/privacy-notice.js';
import type { MessageClock } from '../message-clock.js';
import { writeSchema } from '../message.schemas.js';
import type { HistoryEntry } from '../message-views.service.js';

/** The step awaited and its due date, how it was counted, and the windows still open. */
export function ClockNote({ clock }: { clock: MessageClock }) {
  return (
    <div class="gk-clock" id="clock">
      {clock.due ? (
        <p>
          {clock.awaiting}期限：
          <strong id="clock-due">
            {clock.due.due}
            {clock.provisional ? '（暂定）' : ''}
          </strong>
          {clock.overdue ? (
            <span class="gk-tag gk-tag--warn">已超期</span>
          ) : clock.remaining !== null ? (
            <span class="gk-muted">
              （还有 {clock.remaining} {clock.remainingUnit}）
            </span>
          ) : null}
          {clock.due.skipped.length ? (
            <span class="gk-muted">；期限最后一日为节假日或休息日的，顺延至 {clock.due.due}</span>
          ) : null}
        </p>
      ) : null}
      {clock.unansweredOver3Months ? <p class="gk-tag gk-tag--warn">收到已超过三个月仍未答复</p> : null}
      {clock.objectionUntil ? (
        <p>不属于本机关职权范围的，可在 {clock.objectionUntil} 前退单（提出异议）。</p>
      ) : null}
      {clock.requestUntil ? <p>可在 {clock.requestUntil} 前请求上一级机关复查或复核。</p> : null}
      <details>
        <summary>期限如何计算</summary>
        <ol>
          {clock.steps.map((s) => (
            <li>{s}</li>
          ))}
        </ol>
        {clock.late.length ? <p class="gk-muted">超过期限的步骤：{clock.late.join('；')}</p> : null}
      </details>
    </div>
  );
}

export function History({ entries }: { entries: HistoryEntry[] }) {
  return (
    <ol class="gk-history" id="history">
      {entries.map((e) => (
        <li>
          <strong>{e.on}</strong> {e.label}
          {e.detail ? `：${e.detail}` : ''}
          {e.text ? <p class="gk-prewrap">{e.text}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function FileList(p: {
  files: Array<{ id: string; name: string; size: string }>;
  href: (id: string) => string;
}) {
  if (p.files.length === 0) return null;
  return (
    <ul id="files">
      {p.files.map((f) => (
        <li>
          <a href={p.href(f.id)}>
            附件：{f.name}（{f.size}）
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Who wrote: anonymity, name and contacts, as the citizen fills them in or a clerk enters them. */
export function WriterFields(p: {
  values: Record<string, string | undefined>;
  errors: FieldError[];
  staff?: boolean;
}) {
  const f = writeSchema.shape;
  const citizen = !p.staff;
  return (
    <fieldset class="gk-fieldset">
      <legend>来信人</legend>
      <label class="gk-checkbox">
        <input type="checkbox" name="anonymous" value="on" checked={p.values.anonymous === 'on'} />{' '}
        {citizen ? '匿名来信（不留姓名和联系方式）' : '匿名'}
      </label>
      <TextField
        name="writerName"
        label={f.writerName.label}
        value={p.values.writerName}
        errors={p.errors}
        autocomplete={citizen ? 'name' : undefined}
      />
      <TextField
        name="phone"
        label={f.phone.label}
        type="tel"
        inputmode="tel"
        autocomplete={citizen ? 'tel' : undefined}
        value={p.values.phone}
        errors={p.errors}
        hint="用于答复、回访；电话和电子邮箱至少填一项"
      />
      <TextField
        name="email"
        label={f.email.label}
        type="email"
        autocomplete={citizen ? 'email' : undefined}
        value={p.values.email}
        errors={p.errors}
      />
      <TextField
        name="address"
        label={f.address.label}
        autocomplete={citizen ? 'street-address' : undefined}
        value={p.values.address}
        errors={p.errors}
        hint="信访事项必填"
      />
      <TextField
        name="idNumber"
        label={f.idNumber.label}
        value={p.values.idNumber}
        errors={p.errors}
        hint="选填"
      />
    </fieldset>
  );
}

/** The personal-information notice of a 来信 form (个人信息保护法第十七条). */
export function LetterPrivacyNotice(p: { forStaff?: boolean }) {
  return (
    <PersonalInfoNotice
      forStaff={p.forStaff}
      collected="姓名、联系电话、电子邮箱、住址和您选填的身份证件号码；来信中您写明的其他个人信息"
      purpose="依照《信访工作条例》和本机关来信办理规定，办理、答复和回访来信"
      kept="来信办结后作为来信（信访）档案保存，期满后删除或者作匿名化处理"
      lookup="可以凭来信编号和查询码在线查看来信和答复"
    />
  );
}
