import { agencyOptions } from '../../agencies/index.js';
import type { FieldError } from '../../../platform/errors.js';
import type { Field as SchemaField } from '../../../platform/schema.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  Summary,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import type { RatingView } from '../message-rating.service.js';
import { stepLabels } from '../message-steps.service.js';
import type { QueueRow, StaffPage } from '../message-views.service.js';
import {
  badRatingActionLabels,
  badRatingActions,
  dispatchKindLabels,
  dispatchKinds,
  petitionClassLabels,
  petitionClasses,
  petitionOutcomeLabels,
  petitionOutcomes,
} from '../message.js';
import {
  disputeDecisionSchema,
  disputeSchema,
  publishSchema,
  resolveSchema,
  stepSchemas,
  visitSchema,
  type StepAction,
} from '../message.schemas.js';
import { ClockNote, FileList, History } from './parts.js';

type Agencies = Array<{ id: string; name: string; depth: number }>;
const pairs = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));

/** Choices of the fields a step form can ask for, by field name. */
const choices: Record<string, Array<{ value: string; label: string }>> = {
  kind: pairs(dispatchKinds, dispatchKindLabels),
  petitionClass: pairs(petitionClasses, petitionClassLabels),
  outcome: pairs(petitionOutcomes, petitionOutcomeLabels),
  upheld: [
    { value: 'yes', label: '同意' },
    { value: 'no', label: '不同意' },
  ],
  action: pairs(badRatingActions, badRatingActionLabels),
};
const longFields = new Set(['text', 'reason', 'note', 'publicContent', 'publicReply']);

/** One field of a step form, drawn from the schema field (its label and whether it is optional). */
function SchemaInput(p: {
  name: string;
  field: SchemaField<unknown>;
  errors: FieldError[];
  value?: string;
  agencies: Agencies;
  prefix: string;
}) {
  const name = p.name;
  const label = p.field.label;
  if (name === 'agencyId' || name === 'accusedAgencyId')
    return (
      <SelectField
        name={name}
        label={label}
        errors={p.errors}
        options={agencyOptions(p.agencies)}
        placeholder="请选择"
        required={!p.field.optional}
      />
    );
  if (choices[name])
    return (
      <SelectField
        name={name}
        label={label}
        errors={p.errors}
        options={choices[name]}
        placeholder={p.field.optional ? '（不填）' : '请选择'}
      />
    );
  if (name === 'date')
    return <TextField name={name} label={`${label}（不填为今天）`} type="date" errors={p.errors} />;
  if (name === 'days')
    return <TextField name={name} label={label} type="number" inputmode="numeric" errors={p.errors} />;
  if (longFields.has(name))
    return (
      <TextArea
        name={name}
        field={p.field}
        value={p.value ?? ''}
        errors={p.errors}
        rows={name === 'reason' || name === 'note' ? 3 : 6}
      />
    );
  return (
    <TextField
      name={name}
      field={p.field}
      value={p.value}
      errors={p.errors}
      hint={name === 'assistAgencyIds' ? '机构全称或简称，多个用顿号分隔' : undefined}
    />
  );
}

function StepForm(p: {
  id: string;
  action: StepAction;
  csrf: string;
  errors: FieldError[];
  agencies: Agencies;
  templates?: Array<{ key: string; label: string; text: string }> | undefined;
  template?: string | undefined;
}) {
  const shape = stepSchemas[p.action].shape as Record<string, SchemaField<unknown>>;
  const chosen = p.templates?.find((t) => t.key === p.template);
  return (
    <details class="gk-step" id={`step-${p.action}`} open={chosen ? true : undefined}>
      <summary>{stepLabels[p.action]}</summary>
      {p.templates ? (
        <p class="gk-hint">
          套用模板：
          {p.templates.map((t) => (
            <>
              <a href={`/admin/letters/${p.id}?template=${t.key}#step-${p.action}`}>{t.label}</a>{' '}
            </>
          ))}
          （模板中“（请……）”处须改写后才能答复）
        </p>
      ) : null}
      <form class="gk-form" method="post" action={`/admin/letters/${p.id}/step/${p.action}`} novalidate>
        <CsrfField token={p.csrf} />
        {Object.entries(shape).map(([name, field]) => (
          <SchemaInput
            name={name}
            field={field}
            errors={p.errors}
            agencies={p.agencies}
            prefix={p.action}
            value={name === 'text' ? chosen?.text : undefined}
          />
        ))}
        <button class="gk-button" type="submit">
          {stepLabels[p.action]}
        </button>
      </form>
    </details>
  );
}

/** The back-office queue: open 来信 by due date, overdue and three-month flags, 差评 to act on. */
export function QueuePage(p: { items: QueueRow[]; overdue: number; over3: number; bad: RatingView[] }) {
  return (
    <>
      <h1 class="gk-title">来信办理</h1>
      <p>
        <a class="gk-button" href="/admin/letters/new">
          登记来信来访
        </a>{' '}
        <a href="/admin/letters/stats">办理情况统计和报表</a>
      </p>
      <Summary
        rows={[
          ['办理中', `${p.items.length} 件`],
          ['已超期', p.overdue ? <span class="gk-tag gk-tag--warn">{p.overdue} 件</span> : '0 件'],
          [
            '超过三个月未答复',
            p.over3 ? (
              <span class="gk-tag gk-tag--warn" id="over3">
                {p.over3} 件（网站检查单项否决）
              </span>
            ) : (
              '0 件'
            ),
          ],
          ['待处置差评', `${p.bad.length} 件`],
        ]}
      />
      <div class="gk-table-wrap" tabindex={0} role="region" aria-label="办理中的来信">
        <table class="gk-table" id="queue">
          <caption>按期限排序，超期的在前</caption>
          <thead>
            <tr>
              <th scope="col">来信编号</th>
              <th scope="col">标题</th>
              <th scope="col">类型</th>
              <th scope="col">办理机关</th>
              <th scope="col">状态</th>
              <th scope="col">期限</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((i) => (
              <tr>
                <td>
                  <a href={`/admin/letters/${i.id}`}>{i.number}</a>
                </td>
                <td>{i.subject}</td>
                <td>
                  {i.regimeLabel}·{i.ticketTypeLabel}
                </td>
                <td>{i.agencyName}</td>
                <td>{i.stageLabel}</td>
                <td>
                  {i.clock.due ? `${i.clock.awaiting} ${i.clock.due.due}` : '—'}
                  {i.clock.overdue ? <span class="gk-tag gk-tag--warn">超期</span> : null}
                  {i.clock.unansweredOver3Months ? <span class="gk-tag gk-tag--warn">超三个月</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.items.length === 0 ? <p>没有办理中的来信。</p> : null}
    </>
  );
}

function RatingPanel(p: {
  r: RatingView;
  csrf: string;
  errors: FieldError[];
  loop: boolean;
  decide: boolean;
}) {
  const r = p.r;
  const simple = (action: string, label: string, shape: Record<string, SchemaField<unknown>>) => (
    <details class="gk-step" id={`rating-${action}`}>
      <summary>{label}</summary>
      <form class="gk-form" method="post" action={`/admin/letters/ratings/${r.id}/${action}`} novalidate>
        <CsrfField token={p.csrf} />
        {Object.entries(shape).map(([name, field]) => (
          <SchemaInput name={name} field={field} errors={p.errors} agencies={[]} prefix={action} />
        ))}
        <button class="gk-button" type="submit">
          {label}
        </button>
      </form>
    </details>
  );
  return (
    <section class="gk-section" id="rating">
      <h2 class="gk-section__title">评价</h2>
      <Summary
        rows={[
          ['评价', `${r.gradeLabel}${r.bad ? '（差评）' : ''}`],
          ['评价日期', r.ratedOn],
          ['回访核实', r.visitedOn ? `${r.visitedOn}：${r.visitNote ?? ''}` : r.bad ? '尚未回访' : '—'],
          [
            '整改期限',
            r.fixDue ? (
              <>
                {r.fixDue}
                {r.fixOverdue ? <span class="gk-tag gk-tag--warn">已超期</span> : null}
              </>
            ) : (
              '—'
            ),
          ],
          [
            '处置',
            r.action
              ? `${r.actionOn} ${badRatingActionLabels[r.action as 'fix']}：${r.actionNote ?? ''}`
              : '—',
          ],
          [
            '申诉',
            r.disputedOn
              ? `${r.disputedOn}：${r.disputeReason ?? ''}${r.disputeUpheld === null ? '（待复核）' : r.disputeUpheld ? '（申诉成立，不计入统计）' : '（申诉不成立）'}`
              : '—',
          ],
        ]}
      />
      {r.bad && p.loop && !r.visitedOn ? simple('visit', '回访核实', visitSchema.shape) : null}
      {r.bad && p.loop && r.visitedOn && !r.action
        ? simple('resolve', '整改或解释说明', resolveSchema.shape)
        : null}
      {r.bad && p.loop && !r.disputedOn
        ? simple('dispute', '申诉（误评、恶意评价）', disputeSchema.shape)
        : null}
      {r.bad && p.decide && r.disputedOn && r.disputeUpheld === null
        ? simple('decide', '申诉复核', disputeDecisionSchema.shape)
        : null}
    </section>
  );
}

/** One 来信 in the back office: what it says, its clock and history, and the steps the actor may take. */
export function MessagePage(p: {
  page: StaffPage;
  csrf: string;
  errors: FieldError[];
  agencies: Agencies;
  draft: { publicSubject: string; publicContent: string; publicReply: string } | null;
  /** A reply template chosen (?template=): the reply form opens filled with it. */
  template?: string | undefined;
}) {
  const { message: m, may } = p.page;
  const pub = publishSchema.shape;
  return (
    <>
      <h1 class="gk-title">
        来信 {m.number}：{m.subject}
      </h1>
      <ErrorSummary errors={p.errors} />
      <Summary
        rows={[
          [
            '办理制度和类型',
            `${m.regimeLabel}·${m.ticketTypeLabel}${m.petitionClassLabel ? `·${m.petitionClassLabel}` : ''}`,
          ],
          ['来信渠道', m.channelLabel],
          ['收信机关', m.receivedByName],
          ['主办机关', m.agencyName],
          ['协办机关', m.assistNames.length ? m.assistNames.join('、') : '—'],
          ['被检举控告的机关', m.accusedName ?? '—'],
          ['收到之日', m.receivedOn],
          ['办理状态', <strong id="stage">{m.stageLabel}</strong>],
          ['来信人', m.writerName],
          ['联系电话', m.phone ?? '—'],
          ['住址', m.address ?? '—'],
          ['同意公开', m.consented ? `是（${m.consentAt?.slice(0, 10)}）` : '否'],
          ['已公开', m.publishedAt ? m.publishedAt.slice(0, 10) : '否'],
        ]}
      />
      {!m.personal && !m.anonymous ? (
        <p class="gk-muted">
          来信人信息（含来信和答复中的姓名、电话、证件号码、住址）已隐藏：承办人可见完整信息。
        </p>
      ) : null}
      {may.take ? (
        <p>
          <PostButton
            action={`/admin/letters/${m.id}/take`}
            csrf={p.csrf}
            label="由我承办"
            kind="secondary"
          />
        </p>
      ) : null}
      <ClockNote clock={m.clock} />
      <h2 class="gk-section__title">来信内容</h2>
      <p class="gk-prewrap">{m.content}</p>
      <FileList files={p.page.files} href={(id) => `/admin/letters/files/${id}`} />
      {m.reply ? (
        <>
          <h2 class="gk-section__title">答复</h2>
          {m.outcomeLabel ? <p>处理意见：{m.outcomeLabel}</p> : null}
          <p class="gk-prewrap">{m.reply}</p>
          {may.opinion ? (
            <p>
              <a href={`/admin/letters/${m.id}/opinion.docx`}>下载信访处理意见书（Word）</a>
            </p>
          ) : null}
        </>
      ) : null}
      {m.requestId ? (
        <p id="request-link">
          已转为政府信息公开申请：<a href={`/admin/requests/${m.requestId}`}>查看申请</a>
        </p>
      ) : null}
      {m.fromRequestId ? (
        <p id="request-link">
          由政府信息公开申请转来（条例第三十九条）：
          <a href={`/admin/requests/${m.fromRequestId}`}>查看申请</a>
        </p>
      ) : null}
      <h2 class="gk-section__title">办理过程</h2>
      <History entries={p.page.history} />
      {p.page.steps.length ? (
        <section class="gk-section" id="steps">
          <h2 class="gk-section__title">办理</h2>
          {p.page.steps.map((a) => (
            <StepForm
              id={m.id}
              action={a}
              csrf={p.csrf}
              errors={p.errors}
              agencies={p.agencies}
              templates={a === 'replied' ? p.page.templates : undefined}
              template={p.template}
            />
          ))}
        </section>
      ) : null}
      {may.convert ? (
        <p>
          来信实为申请公开政府信息的：<a href={`/admin/letters/${m.id}/convert`}>转为依申请公开办理</a>
        </p>
      ) : null}
      {p.page.rating ? (
        <RatingPanel
          r={p.page.rating}
          csrf={p.csrf}
          errors={p.errors}
          loop={may.rateLoop}
          decide={may.decideDispute}
        />
      ) : null}
      {may.publish && p.draft ? (
        <details class="gk-step" id="publish" open={!m.publishedAt}>
          <summary>{m.publishedAt ? '修改公开内容' : '公开来信和答复'}</summary>
          <p class="gk-hint">
            以下为自动去除电话、证件号码、电子邮箱和来信人姓名、住址后的文字，请再核对，删去其他可以识别来信人的信息后公开。
          </p>
          <form class="gk-form" method="post" action={`/admin/letters/${m.id}/publish`} novalidate>
            <CsrfField token={p.csrf} />
            <TextField
              name="publicSubject"
              field={pub.publicSubject}
              value={p.draft.publicSubject}
              errors={p.errors}
            />
            <TextArea
              name="publicContent"
              field={pub.publicContent}
              value={p.draft.publicContent}
              errors={p.errors}
              rows={6}
            />
            <TextArea
              name="publicReply"
              field={pub.publicReply}
              value={p.draft.publicReply}
              errors={p.errors}
              rows={6}
            />
            <button class="gk-button" type="submit">
              公开
            </button>
          </form>
        </details>
      ) : null}
    </>
  );
}
