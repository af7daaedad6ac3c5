import type { FieldError } from '../../../platform/errors.js';
import { CsrfField, ErrorSummary, Summary, TextField } from '../../../platform/ui/components.js';
import { PersonalInfoNotice } from '../../../platform/ui/privacy-notice.js';
import type { RecoveredReceipt } from '../request-recovery.service.js';
import { recoveryCodeSchema, recoverySchema } from '../request.schemas.js';

type Values = Record<string, string | undefined>;

export const RECOVER_PATH = '/cases/recover';
export const RECOVER_CODE_PATH = '/cases/recover/code';

/** The link to 找回受理编号, where the lookup and the receipt mention a lost 查询码. */
export function RecoverLink() {
  return <a href={RECOVER_PATH}>找回受理编号和查询码</a>;
}

/** 找回受理编号, step 1: the contact given in the application, and the name if they like. */
export function RecoverPage(p: { csrf: string; values: Values; errors: FieldError[]; offered: boolean }) {
  const f = recoverySchema.shape;
  return (
    <>
      <h1 class="gk-title">找回受理编号和查询码</h1>
      {p.offered ? (
        <>
          <p class="gk-lead">
            没有看到或遗失了受理回执？请填写提交申请时留的手机号码或电子邮箱，我们会把受理编号和找回码发送到该联系方式；凭找回码可获得新的查询码。
          </p>
          <form class="gk-form" method="post" action={RECOVER_PATH} novalidate>
            <CsrfField token={p.csrf} />
            <ErrorSummary errors={p.errors} />
            <TextField
              name="contact"
              label={f.contact.label}
              value={p.values.contact}
              errors={p.errors}
              hint="提交申请时留的 11 位手机号码，或电子邮箱"
            />
            <TextField
              name="applicantName"
              label={`${f.applicantName.label}（可不填）`}
              value={p.values.applicantName}
              errors={p.errors}
              hint="同一联系方式提交过多件申请时，只找回以该姓名或名称提交的"
              autocomplete="name"
            />
            <PersonalInfoNotice
              collected="您填写的手机号码或电子邮箱，以及可选填的姓名或名称"
              purpose="查找您以该联系方式提交的政府信息公开申请，并把找回码发送到该联系方式"
              kept="不保存您填写的原文，只保存其不可还原的摘要，用于限制发送次数，数日后删除"
            />
            <button class="gk-button" type="submit">
              发送找回码
            </button>
          </form>
          <p>
            已经收到找回码？<a href={RECOVER_CODE_PATH}>输入找回码</a>
          </p>
          <p class="gk-muted">
            申请时只留了固定电话、或已不再使用当时的手机号码和电子邮箱的，请联系受理机关。
          </p>
        </>
      ) : (
        <p class="gk-lead" id="recovery-off">
          本网站未开通在线找回。遗失受理编号或查询码的，请联系受理机关，核实身份后重新告知。
        </p>
      )}
    </>
  );
}

/** 找回受理编号, step 2: the 找回码 from the message. */
export function RecoveryCodePage(p: { csrf: string; values: Values; errors: FieldError[] }) {
  return (
    <>
      <h1 class="gk-title">输入找回码</h1>
      <form class="gk-form" method="post" action={RECOVER_CODE_PATH} novalidate>
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <TextField
          name="code"
          label={recoveryCodeSchema.shape.code.label}
          value={p.values.code}
          errors={p.errors}
          hint="短信或电子邮件中的 10 位找回码，如 ABCD-EFGH-JK"
          autocomplete="one-time-code"
        />
        <p class="gk-muted">提交后将为该联系方式的申请生成新的查询码，原查询码随之失效。</p>
        <button class="gk-button" type="submit">
          找回
        </button>
      </form>
      <p>
        没有收到找回码？<a href={RECOVER_PATH}>重新找回</a>
      </p>
    </>
  );
}

/** What the 找回码 opened: each application's 受理编号 and new 查询码, shown once. */
export function RecoveredPage({ receipts }: { receipts: RecoveredReceipt[] }) {
  return (
    <>
      <h1 class="gk-title">已找回受理编号和查询码</h1>
      {receipts.length === 0 ? (
        <p>找回码对应的申请已不存在，请联系受理机关。</p>
      ) : (
        receipts.map((r, i) => (
          <div class="gk-card" id={`recovered-${i + 1}`}>
            <Summary
              rows={[
                ['受理机关', r.agencyName],
                ['受理编号', <strong class="acceptance-number">{r.acceptanceNumber}</strong>],
                ['新的查询码', <strong class="lookup-code">{r.lookupCode}</strong>],
                ['收到申请之日', r.receivedOn],
              ]}
            />
          </div>
        ))
      )}
      <p class="gk-flash gk-flash--info">
        请记下受理编号和新的查询码（可抄写、截图或打印本页）：原查询码已失效，新的查询码只显示这一次。
      </p>
      <p>
        <a href="/cases">查询办理进度</a>
      </p>
    </>
  );
}
