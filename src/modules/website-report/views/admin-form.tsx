import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import {
  accountKindLabels,
  followerLabels,
  labelOf,
  sections,
  type FieldDef,
  type SectionDef,
} from '../website-report.fields.js';
import { overrideName, reasonName, tableRows, titleOf, type Entries } from '../website-report.js';
import { stateLabels, type ReportView, type Step } from '../website-report.service.js';
import { ReportTable } from './report-table.js';

export interface FormPageProps {
  year: number;
  years: number[];
  deadline: string;
  report: ReportView;
  allowed: Step[];
  csrf: string;
  /** What the form shows in its boxes: as submitted after an error, else as stored. */
  values: Record<string, string>;
  errors: FieldError[];
}

/** The boxes' values from the stored entries. */
export function valuesOf(entries: Entries): Record<string, string> {
  const v: Record<string, string> = { ...entries.values };
  for (const [k, o] of Object.entries(entries.overrides)) {
    v[overrideName(k)] = o.value;
    v[reasonName(k)] = o.reason;
  }
  return v;
}

const yesNoOptions = [
  { value: '是', label: '是' },
  { value: '否', label: '否' },
];

function EnteredField({ f, s, p }: { f: FieldDef; s: SectionDef; p: FormPageProps }) {
  const common = { name: f.key, label: labelOf(f, s), errors: p.errors, value: p.values[f.key] ?? '' };
  if (f.kind === 'yesNo') return <SelectField {...common} options={yesNoOptions} placeholder="请选择" />;
  if (f.kind === 'choice')
    return (
      <SelectField
        {...common}
        options={(f.options ?? []).map((o) => ({ value: o, label: o }))}
        placeholder="请选择"
      />
    );
  if (f.kind === 'date') return <TextField {...common} type="date" />;
  if (f.kind === 'phone') return <TextField {...common} type="tel" autocomplete="off" />;
  if (f.kind === 'count' || f.kind === 'decimal') return <TextField {...common} inputmode="numeric" />;
  return <TextField {...common} hint={f.optional ? '可不填' : undefined} />;
}

/** A computed figure: the platform's value and its 计算口径, and the boxes to override it with a reason. */
function ComputedField({ f, s, p }: { f: FieldDef; s: SectionDef; p: FormPageProps }) {
  const v = p.report.data.fields[f.key];
  const shown = v?.source === 'override' ? v.computed : v?.value;
  return (
    <div class="gk-card">
      <p>
        <strong>{labelOf(f, s)}</strong>：平台计算 {shown ?? '（无法计算）'}
      </p>
      <p class="gk-hint">计算口径：{v?.basis}</p>
      <details
        open={
          Boolean(p.values[overrideName(f.key)] || p.values[reasonName(f.key)]) ||
          p.errors.some((e) => e.field === overrideName(f.key) || e.field === reasonName(f.key)) ||
          undefined
        }
      >
        <summary>与实际不符时人工填报</summary>
        <TextField
          name={overrideName(f.key)}
          label="人工填报的数值"
          errors={p.errors}
          value={p.values[overrideName(f.key)] ?? ''}
          inputmode={f.kind === 'count' || f.kind === 'decimal' ? 'numeric' : undefined}
        />
        <TextField
          name={reasonName(f.key)}
          label="更改理由"
          errors={p.errors}
          value={p.values[reasonName(f.key)] ?? ''}
        />
      </details>
    </div>
  );
}

function SectionFields({ s, p }: { s: SectionDef; p: FormPageProps }) {
  const legend = s.label
    ? s.unit
      ? `${s.label}（${s.unit}）`
      : s.label
    : s.key === 'site'
      ? '网站基本信息'
      : '填报信息';
  return (
    <fieldset class="gk-fieldset">
      <legend>{legend}</legend>
      {s.fields.map((f) => {
        const group = f.group ? <p class="gk-hint">{f.group}</p> : null;
        if (f.kind === 'sum')
          return (
            <p>
              {labelOf(f, s)}：{p.report.data.fields[f.key]?.value ?? '—'}
              <span class="gk-hint">（由各分项自动合计）</span>
            </p>
          );
        return (
          <>
            {group}
            {f.computed ? <ComputedField f={f} s={s} p={p} /> : <EnteredField f={f} s={s} p={p} />}
          </>
        );
      })}
      {s.accounts ? (
        <>
          <p class="gk-hint">
            账号来自政务新媒体登记（{p.report.data.accountsBasis}）。缺少的账号请到
            <a href="/admin/media">政务新媒体</a>登记和填报运营数据。
          </p>
          <ul>
            {p.report.data.accounts.map((a) => (
              <li>
                {accountKindLabels[a.kind]}：{a.name}，信息发布量 {a.posts} 条，
                {followerLabels[a.kind].replace('（个）', '')} {a.followers} 个
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </fieldset>
  );
}

/** /admin/website-report: choose the year, fill the form by section, preview, publish or correct. */
export function FormPage(p: FormPageProps) {
  const r = p.report;
  const editable = p.allowed.includes('edit') && (r.state === 'none' || r.state === 'draft');
  return (
    <>
      <h1 class="gk-title">政府网站工作年度报表（{p.year}年度）</h1>
      <form class="gk-form gk-filters" method="get" action="/admin/website-report">
        <SelectField
          name="year"
          label="年度"
          value={String(p.year)}
          options={p.years.map((y) => ({ value: String(y), label: `${y} 年` }))}
        />
        <button class="gk-button gk-button--secondary" type="submit">
          查看
        </button>
      </form>
      <p>
        状态：{stateLabels[r.state]}
        {r.state !== 'none' ? `（第 ${r.version} 版）` : ''}。依国办函〔2018〕12号，应于 {p.deadline}{' '}
        前在网站首页公布。
        {r.state === 'published' ? (
          <>
            {' '}
            <a href={`/website-report/${p.year}`}>查看已公布的报表</a>
          </>
        ) : null}
      </p>
      {r.correctionReason ? <p class="gk-record-link">更正版本，更正理由：{r.correctionReason}</p> : null}
      <ErrorSummary errors={p.errors} />
      {editable ? (
        <form class="gk-form" method="post" action={`/admin/website-report/save?year=${p.year}`} novalidate>
          <CsrfField token={p.csrf} />
          <p class="gk-hint">
            标明“平台计算”的数值由本平台的数据算出，一般无需填写；如与实际不符，可填写人工填报数值并写明理由，报表中标为“人工填报”。其余各项请按实际填写，暂不清楚的可先保存，发布前须填齐。
          </p>
          {sections.map((s) => (
            <SectionFields s={s} p={p} />
          ))}
          <button class="gk-button" type="submit">
            保存
          </button>
        </form>
      ) : null}
      <section class="gk-section" id="preview">
        <h2 class="gk-section__title">{r.state === 'published' ? '已发布的报表' : '预览'}</h2>
        <ReportTable title={titleOf(r.data)} rows={tableRows(r.data)} />
      </section>
      {r.state === 'draft' && p.allowed.includes('publish') ? (
        <section class="gk-section" id="publish">
          <h2 class="gk-section__title">发布</h2>
          {r.problems.length ? (
            <>
              <p>以下 {r.problems.length} 项填齐、改正后才能发布：</p>
              <ul>
                {r.problems.map((e) => (
                  <li>{e.message}</li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <p>发布后报表中的全部数值即固定，不再随平台数据变化；如需修改，须创建更正版本并说明理由。</p>
              <PostButton
                action={`/admin/website-report/publish?year=${p.year}`}
                csrf={p.csrf}
                label="发布报表"
              />
            </>
          )}
        </section>
      ) : null}
      {r.state === 'published' && p.allowed.includes('correct') ? (
        <section class="gk-section" id="correct">
          <h2 class="gk-section__title">更正</h2>
          <form
            class="gk-form"
            method="post"
            action={`/admin/website-report/correct?year=${p.year}`}
            novalidate
          >
            <CsrfField token={p.csrf} />
            <TextArea
              name="reason"
              label="更正理由"
              errors={p.errors}
              value={p.values.reason ?? ''}
              required
            />
            <button class="gk-button gk-button--secondary" type="submit">
              创建更正版本
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
