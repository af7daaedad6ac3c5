import { agencyOptions } from '../../agencies/index.js';
import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Pagination,
  PostButton,
  SelectField,
  Summary,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import { FILE_ACCEPT, FILE_HINT } from '../../requests/index.js';
import type { WriterPage } from '../message-views.service.js';
import {
  channelLabels,
  gradeLabels,
  grades,
  portalChannels,
  publishConsentWording,
  ratingDimensionLabels,
  ratingDimensions,
  ticketTypeLabels,
  ticketTypes,
} from '../message.js';
import { lookupSchema, rateSchema, stepSchemas, writeSchema } from '../message.schemas.js';
import { ClockNote, FileList, History, LetterPrivacyNotice, WriterFields } from './parts.js';

type Values = Record<string, string | undefined>;
export const lettersCrumbs = [
  { label: '首页', href: '/' },
  { label: '标准化规范化专栏', href: '/standardization' },
  { label: '便民化', href: '/standardization/convenience' },
  { label: '领导信箱与网上信访', href: '/letters' },
];
const f = writeSchema.shape;

/** The 领导信箱 and 网上信访 entry page: what each is, how long an answer takes, where to look things up. */
export function LettersHome(p: { mailboxDays: string }) {
  return (
    <>
      <h1 class="gk-title">领导信箱与网上信访</h1>
      <div class="gk-grid">
        <section class="gk-card">
          <h2 class="gk-section__title">领导信箱</h2>
          <p>向市长或各部门、乡镇（街道）负责人反映问题、提出建议或咨询。答复期限：{p.mailboxDays}。</p>
          <p>
            <a class="gk-button" href="/letters/write?channel=leaderMailbox">
              给领导写信
            </a>
          </p>
        </section>
        <section class="gk-card">
          <h2 class="gk-section__title">网上信访</h2>
          <p>
            依照《信访工作条例》提出建议意见、检举控告或申诉求决。须署真实姓名、写明住址。机关在 15
            日内书面告知是否受理，受理后 60 日内办结。
          </p>
          <p>
            <a class="gk-button" href="/letters/write?channel=onlinePetition">
              网上信访
            </a>
          </p>
        </section>
        <section class="gk-card">
          <h2 class="gk-section__title">查询与公开</h2>
          <ul>
            <li>
              <a href="/letters/track">凭来信编号和查询码查询办理进度、评价答复</a>
            </li>
            <li>
              <a href="/letters/public">来信选登（经来信人同意公开，已去除个人信息）</a>
            </li>
            <li>
              <a href="/letters/stats">来信办理情况统计</a>
            </li>
          </ul>
        </section>
      </div>
      <p class="gk-muted">
        属于申请公开政府信息的，请通过<a href="/apply">依申请公开</a>
        提出；已经进入诉讼、仲裁、行政复议程序的事项，请依照相应程序办理。
      </p>
    </>
  );
}

/** The form a member of the public writes with: to a 领导信箱, or 网上信访. */
export function WritePage(p: {
  csrf: string;
  values: Values;
  errors: FieldError[];
  agencies: Array<{ id: string; name: string; depth: number }>;
}) {
  const petition = p.values.channel === 'onlinePetition';
  return (
    <>
      <h1 class="gk-title">{petition ? '网上信访' : '给领导写信'}</h1>
      <form class="gk-form" method="post" action="/letters/write" enctype="multipart/form-data" novalidate>
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <SelectField
          name="channel"
          label={f.channel.label}
          value={p.values.channel ?? 'leaderMailbox'}
          errors={p.errors}
          options={portalChannels.map((c) => ({ value: c, label: channelLabels[c] }))}
          hint="网上信访须署真实姓名、写明住址（《信访工作条例》第十九条）；领导信箱可以匿名，但匿名来信无法回访。"
        />
        <SelectField
          name="agencyId"
          label={f.agencyId.label}
          value={p.values.agencyId}
          errors={p.errors}
          required
          placeholder="请选择"
          options={agencyOptions(p.agencies)}
          hint="不清楚由哪个机关负责的，选择市人民政府，由市政务公开中心转办"
        />
        <SelectField
          name="ticketType"
          label={f.ticketType.label}
          value={p.values.ticketType ?? 'consultation'}
          errors={p.errors}
          options={ticketTypes.map((t) => ({ value: t, label: ticketTypeLabels[t] }))}
        />
        <TextField
          name="subject"
          label={f.subject.label}
          value={p.values.subject}
          errors={p.errors}
          required
        />
        <TextArea
          name="content"
          field={f.content}
          value={p.values.content}
          errors={p.errors}
          rows={8}
          hint="请写明事情经过、地点、时间和您的诉求"
        />
        <Field name="files" label="附件（选填）" hint={`照片或材料，${FILE_HINT}`} errors={p.errors}>
          {(ctl) => <input class="gk-input" type="file" multiple accept={FILE_ACCEPT} {...ctl} />}
        </Field>
        <WriterFields values={p.values} errors={p.errors} />
        <fieldset class="gk-fieldset" id="consent">
          <legend>是否同意公开（单独同意，可不选）</legend>
          <label class="gk-checkbox">
            <input
              type="checkbox"
              name="consentPublish"
              value="on"
              checked={p.values.consentPublish === 'on'}
            />{' '}
            {publishConsentWording}
          </label>
          <p class="gk-hint">不同意公开不影响办理和答复。</p>
        </fieldset>
        <LetterPrivacyNotice />
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            提交
          </button>
        </div>
      </form>
    </>
  );
}

export interface LetterReceipt {
  number: string;
  lookupCode: string;
  agencyName: string;
  receivedOn: string;
  dueText: string | null;
  awaiting: string | null;
}

export function LetterReceiptPage({ r }: { r: LetterReceipt }) {
  return (
    <>
      <h1 class="gk-title">来信已提交</h1>
      <div class="gk-card" id="receipt">
        <Summary
          rows={[
            ['收信机关', r.agencyName],
            ['来信编号', <strong id="letter-number">{r.number}</strong>],
            ['查询码', <strong id="lookup-code">{r.lookupCode}</strong>],
            ['收到之日', r.receivedOn],
            [r.awaiting ? `${r.awaiting}期限` : '期限', <strong id="due">{r.dueText ?? '—'}</strong>],
          ]}
        />
        <p class="gk-flash gk-flash--info">
          请记下来信编号和查询码（可抄写、截图或打印本页）：凭这两项可以查询办理进度、查看答复和评价。查询码只显示这一次。
        </p>
      </div>
      <p>
        <a href="/letters/track">查询办理进度</a>
      </p>
    </>
  );
}

/** 查询办理进度: the number and code, or the 来信 they opened with what the writer can do. */
export function TrackPage(p: {
  csrf: string;
  values: Values;
  errors: FieldError[];
  page: WriterPage | null;
}) {
  const l = lookupSchema.shape;
  return (
    <>
      <h1 class="gk-title">来信办理进度</h1>
      {p.page ? (
        <WriterView csrf={p.csrf} errors={p.errors} page={p.page} />
      ) : (
        <form class="gk-form" method="post" action="/letters/track" novalidate>
          <CsrfField token={p.csrf} />
          <ErrorSummary errors={p.errors} />
          <TextField
            name="number"
            label={l.number.label}
            value={p.values.number}
            errors={p.errors}
            hint="如 2026XX00012"
          />
          <TextField
            name="code"
            label={l.code.label}
            value={p.values.code}
            errors={p.errors}
            hint="提交来信时显示的 10 位查询码"
          />
          <button class="gk-button" type="submit">
            查询
          </button>
        </form>
      )}
    </>
  );
}

function WriterView({ csrf, errors, page }: { csrf: string; errors: FieldError[]; page: WriterPage }) {
  const m = page.message;
  const r = rateSchema.shape;
  return (
    <section class="gk-section" id="letter">
      <Summary
        rows={[
          ['来信编号', m.number],
          ['收信机关', m.receivedByName],
          ['办理机关', m.agencyName],
          ['来信类型', `${m.regimeLabel}·${m.ticketTypeLabel}`],
          ['标题', m.subject],
          ['收到之日', m.receivedOn],
          ['办理状态', <strong id="stage">{m.stageLabel}</strong>],
        ]}
      />
      <ClockNote clock={m.clock} />
      <h2 class="gk-section__title">来信内容</h2>
      <p class="gk-prewrap">{m.content}</p>
      <FileList files={page.files} href={(id) => `/letters/files/${id}`} />
      {m.reply ? (
        <>
          <h2 class="gk-section__title">答复</h2>
          {m.outcomeLabel ? <p>处理意见：{m.outcomeLabel}</p> : null}
          <p class="gk-prewrap" id="reply">
            {m.reply}
          </p>
        </>
      ) : null}
      <h2 class="gk-section__title">办理过程</h2>
      <History entries={page.history} />
      <ErrorSummary errors={errors} />
      {page.canRate ? (
        <form class="gk-form" method="post" action="/letters/rate" novalidate id="rate">
          <h2 class="gk-section__title">评价答复</h2>
          <CsrfField token={csrf} />
          <input type="hidden" name="id" value={m.id} />
          <fieldset class="gk-fieldset">
            <legend>{r.grade.label}</legend>
            {grades.map((g) => (
              <label class="gk-checkbox">
                <input type="radio" name="grade" value={g} required /> {gradeLabels[g]}
              </label>
            ))}
          </fieldset>
          {ratingDimensions.map((d) => (
            <SelectField
              name={d}
              label={`${ratingDimensionLabels[d]}（选填）`}
              errors={errors}
              placeholder="不评"
              options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: `${n} 分` }))}
            />
          ))}
          <TextArea name="comment" field={r.comment} value="" errors={errors} rows={3} />
          <button class="gk-button" type="submit">
            提交评价
          </button>
        </form>
      ) : null}
      {page.rating ? (
        <p id="my-rating">
          您的评价：<strong>{page.rating.gradeLabel}</strong>（{page.rating.ratedOn}）
          {page.rating.bad
            ? page.rating.action
              ? `。办理机关已于 ${page.rating.actionOn} ${page.rating.action === 'fix' ? '整改' : '解释说明'}：${page.rating.actionNote ?? ''}`
              : page.rating.visitedOn
                ? `。办理机关已于 ${page.rating.visitedOn} 回访核实，将于 ${page.rating.fixDue} 前整改或解释说明。`
                : `。办理机关将回访核实，并于 ${page.rating.fixDue} 前整改或解释说明。`
            : ''}
        </p>
      ) : null}
      {page.canRequestRecheck || page.canRequestReexamine ? (
        <form class="gk-form" method="post" action="/letters/review" novalidate id="recheck">
          <h2 class="gk-section__title">{page.canRequestRecheck ? '请求复查' : '请求复核'}</h2>
          <p class="gk-hint">
            对{page.canRequestRecheck ? '处理意见' : '复查意见'}不服的，可在 {m.clock.requestUntil}{' '}
            前请求上一级机关
            {page.canRequestRecheck
              ? '复查（《信访工作条例》第三十五条）'
              : '复核（《信访工作条例》第三十六条）'}
            。
          </p>
          <CsrfField token={csrf} />
          <input type="hidden" name="id" value={m.id} />
          <TextArea
            name="reason"
            field={stepSchemas.recheckRequested.shape.reason}
            value=""
            errors={errors}
            rows={4}
          />
          <button class="gk-button" type="submit">
            提交请求
          </button>
        </form>
      ) : null}
      {page.canWithdrawConsent ? (
        <form class="gk-form" method="post" action="/letters/consent" id="consent-withdraw">
          <CsrfField token={csrf} />
          <input type="hidden" name="id" value={m.id} />
          <p>您已单独同意公开本来信和答复（公开前将去除个人信息）。公开前可以撤回同意。</p>
          <button class="gk-button gk-button--secondary" type="submit">
            撤回同意公开
          </button>
        </form>
      ) : null}
      <p class="gk-muted">在公共电脑或借用的手机上查看后，请点“结束查看”。</p>
      <PostButton action="/letters/forget" csrf={csrf} label="结束查看" kind="secondary" />
    </section>
  );
}

export interface PublicListView {
  agency: { id: string; name: string };
  total: number;
  page: number;
  size: number;
  items: Array<{
    number: string;
    agencyName: string;
    regimeLabel: string;
    ticketTypeLabel: string;
    receivedOn: string;
    repliedOn: string | null;
    subject: string;
    content: string;
    reply: string;
  }>;
}

/** 来信选登: the agency's published letters with their replies, de-identified. */
export function PublicListPage(p: {
  list: PublicListView;
  agencies: Array<{ id: string; name: string; depth: number }>;
}) {
  return (
    <>
      <h1 class="gk-title">来信选登</h1>
      <p class="gk-lead">
        {p.list.agency.name}
        （含下级机构）办理并已答复的来信，经来信人单独同意公开，已去除姓名、电话、证件号码、住址等个人信息。共{' '}
        {p.list.total} 件。
      </p>
      <form class="gk-form gk-filters" method="get" action="/letters/public">
        <SelectField
          name="agency"
          label="机构"
          value={p.list.agency.id}
          options={agencyOptions(p.agencies)}
        />
        <button class="gk-button gk-button--secondary" type="submit">
          查看
        </button>
      </form>
      {p.list.items.length === 0 ? <p>暂无公开的来信。</p> : null}
      {p.list.items.map((i) => (
        <article class="gk-card gk-message" id={`letter-${i.number}`}>
          <h2 class="gk-section__title">{i.subject}</h2>
          <p class="gk-muted">
            {[
              i.number,
              `${i.regimeLabel}·${i.ticketTypeLabel}`,
              `办理：${i.agencyName}`,
              `收到：${i.receivedOn}`,
              `答复：${i.repliedOn ?? '—'}`,
            ].join('　')}
          </p>
          <h3>来信</h3>
          <p class="gk-prewrap">{i.content}</p>
          <h3>答复</h3>
          <p class="gk-prewrap">{i.reply}</p>
        </article>
      ))}
      <Pagination
        page={p.list.page}
        pageSize={p.list.size}
        total={p.list.total}
        href={(n) => `/letters/public?agency=${p.list.agency.id}&page=${n}`}
      />
    </>
  );
}

/** 好差评 of an application's 答复, for the applicant who proved the application. */
export function RequestRatingPage(p: {
  csrf: string;
  errors: FieldError[];
  page: {
    requestId: string;
    acceptanceNumber: string;
    outcomeLabel: string | null;
    replied: boolean;
    rating: { gradeLabel: string; ratedOn: string } | null;
  };
}) {
  const r = rateSchema.shape;
  return (
    <>
      <h1 class="gk-title">评价政府信息公开申请的答复</h1>
      <Summary
        rows={[
          ['受理编号', p.page.acceptanceNumber],
          ['答复结果', p.page.outcomeLabel ?? '尚未答复'],
        ]}
      />
      {p.page.rating ? (
        <p id="my-rating">
          您已于 {p.page.rating.ratedOn} 评价：<strong>{p.page.rating.gradeLabel}</strong>。
        </p>
      ) : p.page.replied ? (
        <form class="gk-form" method="post" action={`/cases/rate/${p.page.requestId}`} novalidate id="rate">
          <CsrfField token={p.csrf} />
          <ErrorSummary errors={p.errors} />
          <fieldset class="gk-fieldset">
            <legend>{r.grade.label}</legend>
            {grades.map((g) => (
              <label class="gk-checkbox">
                <input type="radio" name="grade" value={g} required /> {gradeLabels[g]}
              </label>
            ))}
          </fieldset>
          {ratingDimensions.map((d) => (
            <SelectField
              name={d}
              label={`${ratingDimensionLabels[d]}（选填）`}
              errors={p.errors}
              placeholder="不评"
              options={[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: `${n} 分` }))}
            />
          ))}
          <TextArea name="comment" field={r.comment} value="" errors={p.errors} rows={3} />
          <button class="gk-button" type="submit">
            提交评价
          </button>
        </form>
      ) : (
        <p>答复后才能评价。</p>
      )}
      <p>
        <a href="/cases/mine">返回申请办理进度</a>
      </p>
    </>
  );
}
