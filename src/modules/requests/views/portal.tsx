import { agencyOptions } from '../../agencies/index.js';
import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  Field,
  PostButton,
  SelectField,
  Summary,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import { PersonalInfoNotice } from '../../../platform/ui/privacy-notice.js';
import type { ApplicantCasePage } from '../request-applicant.service.js';
import { provisionalDueNote, type Receipt } from '../request.presenter.js';
import { FILE_ACCEPT, FILE_HINT } from '../request-file.js';
import { applicantSupplementSchema, lookupSchema } from '../request.schemas.js';
import { ApplicationForm, type ReceivingAgency } from './application-form.js';
import { LetterList } from './letters.js';
import { RecoverLink } from './recovery.js';

type Values = Record<string, string | undefined>;

export const applyCrumbs = [
  { label: '首页', href: '/' },
  { label: '依申请公开', href: '/apply' },
];

/** The portal's application form (第二十九条). */
export function ApplyPage(p: {
  csrf: string;
  values: Values;
  errors: FieldError[];
  agencies: ReceivingAgency[];
}) {
  return (
    <>
      <h1 class="gk-title">申请公开政府信息</h1>
      <p class="gk-lead">
        依据《中华人民共和国政府信息公开条例》第二十九条提出申请。行政机关自收到申请之日起 20
        个工作日内答复；提交后您会得到受理编号和查询码，请妥善保存。
      </p>
      <p>
        已经提交过申请？<a href="/cases">查询办理进度</a>；遗失了受理编号或查询码？
        <RecoverLink />
      </p>
      <ApplicationForm
        action="/apply"
        csrf={p.csrf}
        values={p.values}
        errors={p.errors}
        agencies={p.agencies}
        clerk={false}
      />
    </>
  );
}

/** What the applicant is shown once after submitting: the 受理回执, with all a later lookup needs. */
export function ReceiptPage({ r }: { r: Receipt }) {
  return (
    <>
      <h1 class="gk-title">申请已提交</h1>
      <div class="gk-card" id="receipt">
        <h2 class="gk-section__title">受理回执</h2>
        <Summary
          rows={[
            ['受理机关', r.agencyName],
            ['受理编号', <strong id="acceptance-number">{r.acceptanceNumber}</strong>],
            ['查询码', <strong id="lookup-code">{r.lookupCode}</strong>],
            ['收到申请之日', r.receivedOn],
            ['答复期限', <strong id="due">{r.dueText}</strong>],
          ]}
        />
        <p>
          依据《中华人民共和国政府信息公开条例》第三十三条，行政机关自收到申请之日起 20
          个工作日内答复；需要补正、征求意见或延期的，期限相应变化，以“查询办理进度”中显示的为准。
        </p>
        {r.dueProvisional ? (
          <p class="gk-muted" id="due-note">
            {provisionalDueNote}
          </p>
        ) : null}
        <p class="gk-flash gk-flash--info">
          请记下受理编号和查询码（可抄写、截图或打印本页）：凭这两项即可在“查询办理进度”中查看办理情况和答复，无需选择受理机关。查询码只显示这一次。
        </p>
        <p id="recover-hint">
          遗失后，可凭申请时留的手机号码或电子邮箱
          <RecoverLink />。
        </p>
      </div>
      <p>
        <a href="/cases">查询办理进度</a>
      </p>
    </>
  );
}

/** 查询办理进度: the form asking for the 受理编号 and 查询码, or the case they opened. */
export function LookupPage(p: {
  csrf: string;
  values: Values;
  errors: FieldError[];
  page: ApplicantCasePage | null;
  agencies: ReceivingAgency[];
}) {
  const f = lookupSchema.shape;
  return (
    <>
      <h1 class="gk-title">查询办理进度</h1>
      {p.page ? (
        <ApplicantCase csrf={p.csrf} errors={p.errors} page={p.page} />
      ) : (
        <form class="gk-form" method="post" action="/cases" novalidate>
          <CsrfField token={p.csrf} />
          <ErrorSummary errors={p.errors} />
          <p class="gk-muted">凭受理回执上的受理编号和查询码查询，无需选择受理机关。</p>
          {p.values.agencyId || p.errors.some((e) => e.field === 'agencyId') ? (
            // Only when two agencies' cases share the number and the code.
            <SelectField
              name="agencyId"
              label={f.agencyId.label}
              value={p.values.agencyId}
              errors={p.errors}
              options={agencyOptions(p.agencies)}
              placeholder="请选择"
            />
          ) : null}
          <TextField
            name="number"
            label={f.number.label}
            value={p.values.number}
            errors={p.errors}
            hint="如〔2026〕第0007号，也可只填数字 2026 7"
          />
          <TextField
            name="lookupCode"
            label={f.lookupCode.label}
            value={p.values.lookupCode}
            errors={p.errors}
            hint="提交申请时显示的 10 位查询码"
          />
          <button class="gk-button" type="submit">
            查询
          </button>
          <p>
            没有看到或遗失了受理回执？
            <RecoverLink />
          </p>
        </form>
      )}
    </>
  );
}

function ApplicantCase({
  csrf,
  errors,
  page,
}: {
  csrf: string;
  errors: FieldError[];
  page: ApplicantCasePage;
}) {
  const c = page.case;
  return (
    <section class="gk-section" id="case">
      <Summary
        rows={[
          ['受理编号', c.acceptanceNumber],
          ['申请人', c.applicantName],
          ['身份证明号码', c.idNumber],
          ['收到申请之日', c.receivedOn],
          ['所需信息', c.description],
          ['办理状态', c.stateLabel],
          ['答复期限', c.dueText ?? '—'],
          ['答复结果', c.outcomeLabel ?? '尚未答复'],
        ]}
      />
      {c.dueProvisional ? <p class="gk-muted">{provisionalDueNote}</p> : null}
      {page.canSupplement ? (
        <form
          class="gk-form"
          method="post"
          action="/cases/supplement"
          enctype="multipart/form-data"
          novalidate
        >
          <CsrfField token={csrf} />
          <input type="hidden" name="requestId" value={c.id} />
          <ErrorSummary errors={errors} />
          <TextArea
            name="text"
            field={applicantSupplementSchema.shape.text}
            hint="请按补正告知书的要求说明所需信息"
            value=""
            errors={errors}
            rows={5}
          />
          <Field name="files" label="补正材料（可选）" hint={FILE_HINT} errors={errors}>
            {(ctl) => <input class="gk-input" type="file" multiple accept={FILE_ACCEPT} {...ctl} />}
          </Field>
          <PersonalInfoNotice
            collected="补正说明中您写明的内容（如其中含有个人信息）"
            purpose="依照《中华人民共和国政府信息公开条例》第三十条补正申请，供受理机关办理本申请"
          />
          <button class="gk-button" type="submit">
            提交补正
          </button>
        </form>
      ) : null}
      {page.replyFiles.length ? (
        <>
          <h2 class="gk-section__title">答复提供的政府信息</h2>
          <ul id="reply-files">
            {page.replyFiles.map((f) => (
              <li>
                <a href={`/cases/files/${f.id}`}>
                  {f.fileName}（{f.size}）
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {page.letters.length ? (
        <>
          <h2 class="gk-section__title">告知书</h2>
          <LetterList id="letters" letters={page.letters} docx={(l) => `/cases/letters/${l.id}.docx`} />
        </>
      ) : null}
      {page.links.length ? (
        <ul id="case-links">
          {page.links.map((l) => (
            <li>
              <a href={l.href}>{l.label}</a>
              {l.note ? <span class="gk-muted">（{l.note}）</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="gk-muted">在公共电脑或借用的手机上查看后，请点“结束查看”，以免下一位使用者看到您的申请。</p>
      <PostButton action="/cases/forget" csrf={csrf} label="结束查看" kind="secondary" />
    </section>
  );
}
