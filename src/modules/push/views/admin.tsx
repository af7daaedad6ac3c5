import type { FieldError } from '../../../platform/errors.js';
import type { Child } from 'hono/jsx';
import {
  CsrfField,
  ErrorSummary,
  Field,
  PostButton,
  SelectField,
  Table,
} from '../../../platform/ui/components.js';
import { audienceLabels, type AudienceRule } from '../audience-rule.js';
import { allClasses, industryByCode } from '../industry.js';
import type { CategoryView } from '../category.service.js';
import type { RuleTarget } from '../rule.service.js';
import type { PushFigures } from '../push-stats.service.js';
import {
  ageBandLabels,
  ageBands,
  categoryClasses,
  categoryClassLabels,
  enterpriseTags,
  identityTags,
  scaleLabels,
  scales,
  type CategoryClass,
} from '../push.js';

function Checks(p: {
  name: string;
  legend: string;
  options: Array<{ value: string; label: string }>;
  values: readonly string[];
}) {
  return (
    <fieldset class="gk-fieldset">
      <legend>{p.legend}</legend>
      {p.options.map((o) => (
        <label class="gk-checkbox">
          <input type="checkbox" name={p.name} value={o.value} checked={p.values.includes(o.value)} />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function DataTable(p: { caption: string; head: string[]; rows: Child[][]; empty: string }) {
  if (p.rows.length === 0) return <p class="gk-muted">{p.empty}</p>;
  // Columns of numbers are right-aligned, head and cells alike.
  const numeric = p.rows[0]!.flatMap((c, i) => (typeof c === 'number' ? [i] : []));
  return (
    <Table caption={p.caption} head={p.head} numeric={numeric}>
      {p.rows.map((r) => (
        <tr>
          {r.map((c, i) => (
            <td class={numeric.includes(i) ? 'gk-num' : undefined}>{c}</td>
          ))}
        </tr>
      ))}
    </Table>
  );
}

export function RuleForm(p: {
  csrf: string;
  action: string;
  target: RuleTarget;
  rule: AudienceRule;
  categoryId: string;
  description: string | null;
  reach: string | null;
  /** A published record's rule waiting for the clerk to confirm (it is pushed when saved). */
  pending: { description: string; reach: string } | null;
  regions: Array<{ id: string; name: string; depth: number }>;
  categories: Array<{ id: string; name: string; class: string }>;
  errors: FieldError[];
}) {
  const r = p.rule;
  return (
    <>
      <h1 class="gk-title">设置推送对象</h1>
      <p>
        {p.target.kind === 'record' ? '政府信息' : '标准目录事项'}：
        <a href={p.target.href}>{p.target.title}</a>
        {p.target.indexNumber ? `（${p.target.indexNumber}）` : ''}
      </p>
      {p.target.kind === 'catalogItem' ? (
        <p class="gk-hint">归入本事项的政府信息发布时，如果自身没有设置推送对象，就按这里的规则推送。</p>
      ) : null}
      {p.description ? (
        <div class="gk-flash gk-flash--info" id="rule-now" role="status">
          <p>
            当前规则：<strong>{p.description}</strong>
          </p>
          <p>
            按现在的订阅用户计算，符合条件的{p.reach?.startsWith('少于') ? '' : '有 '}
            {p.reach} 人。
            {p.target.kind === 'record' && p.target.state !== 'published' ? '发布后自动推送。' : ''}
          </p>
        </div>
      ) : (
        <p class="gk-muted">
          尚未设置推送对象：发布后只推送给关注相关机构、目录事项、主题分类或关键词的用户。
        </p>
      )}
      {p.pending ? (
        <div class="gk-flash gk-flash--info" id="rule-confirm" role="alert">
          <p>
            本条政府信息已经发布，保存后立即推送，推送后无法撤回：<strong>{p.pending.description}</strong>
            ，现有 {p.pending.reach}{' '}
            个订阅用户符合条件。请核对下面的条件，确认无误后点击“确认保存并立即推送”。
          </p>
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <form class="gk-form" method="post" action={p.action} novalidate>
        <CsrfField token={p.csrf} />
        <SelectField
          name="categoryId"
          label="推送类别"
          value={p.categoryId}
          placeholder="不分类"
          options={p.categories.map((c) => ({
            value: c.id,
            label: `${categoryClassLabels[c.class as CategoryClass]} · ${c.name}`,
          }))}
          errors={p.errors}
        />
        <SelectField
          name="audience"
          label="推送对象"
          value={r.audience}
          options={(['enterprise', 'citizen', 'all'] as const).map((a) => ({
            value: a,
            label: audienceLabels[a],
          }))}
          errors={p.errors}
        />
        <SelectField
          name="combine"
          label="条件组合"
          value={r.combine}
          options={[
            { value: 'all', label: '同时满足下列全部条件' },
            { value: 'any', label: '满足下列任一条件' },
          ]}
          errors={p.errors}
        />
        <Field
          name="industries"
          label="行业（企业）"
          errors={p.errors}
          hint="国民经济行业分类代码，可写门类、大类、中类或小类，多个用逗号分隔，如“C, I65”"
        >
          {(c) => (
            <input
              class="gk-input"
              {...c}
              list="industry-codes"
              value={r.industries.join(', ')}
              autocomplete="off"
            />
          )}
        </Field>
        <datalist id="industry-codes">
          {allClasses()
            .map((c) => industryByCode(c)!)
            .filter((e, i, a) => i === 0 || a[i - 1]!.section !== e.section)
            .map((e) => (
              <option value={e.section}>{industryByCode(e.section)?.name}</option>
            ))}
        </datalist>
        <Checks
          name="scales"
          legend="企业规模"
          options={scales.map((s) => ({ value: s, label: scaleLabels[s] }))}
          values={r.scales}
        />
        <Checks
          name="enterpriseTags"
          legend="企业资质（具有任一即可）"
          options={enterpriseTags.map((t) => ({ value: t.code, label: t.label }))}
          values={r.enterpriseTags}
        />
        <Checks
          name="identityTags"
          legend="特定身份（个人，具有任一即可）"
          options={identityTags.map((t) => ({ value: t.code, label: t.label }))}
          values={r.identityTags}
        />
        <Checks
          name="ageBands"
          legend="年龄段（个人）"
          options={ageBands.map((a) => ({ value: a, label: ageBandLabels[a] }))}
          values={r.ageBands}
        />
        <Checks
          name="regions"
          legend="区域（含下辖区域）"
          options={p.regions.map((g) => ({
            value: g.id,
            label: `${'　'.repeat(Math.max(0, g.depth))}${g.name}`,
          }))}
          values={r.regions}
        />
        {p.pending ? <input type="hidden" name="confirm" value={p.pending.description} /> : null}
        <div class="gk-actions">
          <button class="gk-button" type="submit">
            {p.pending ? '确认保存并立即推送' : '保存推送对象'}
          </button>
        </div>
      </form>
      {p.description ? (
        <PostButton action={`${p.action}/clear`} csrf={p.csrf} label="取消推送对象" kind="secondary" />
      ) : null}
    </>
  );
}

export function PushAdminHome(p: {
  figures: PushFigures;
  rules: Array<{ href: string; title: string; description: string; updated: string }>;
  mayReadOutbox: boolean;
  mayManageCategories: boolean;
  years: number[];
}) {
  const f = p.figures;
  return (
    <>
      <h1 class="gk-title">精准推送</h1>
      <form class="gk-form gk-filters" method="get" action="/admin/push">
        <SelectField
          name="year"
          label="年度"
          value={String(f.year)}
          options={p.years.map((y) => ({ value: String(y), label: `${y} 年` }))}
        />
        <button class="gk-button gk-button--secondary" type="submit">
          查看
        </button>
      </form>
      <p class="gk-lead">{f.sentence}</p>
      <p class="gk-hint">
        打开 {f.totals.opened} 次，通过推送中的链接退订 {f.totals.stopped}{' '}
        次。年度报告第一部分可引用上面这句话。
      </p>
      <h2 class="gk-section__title">按政策和月份</h2>
      <DataTable
        caption="按政策和月份的推送情况"
        head={['政策', '月份', '匹配', '送达', '打开', '退订']}
        rows={f.policies.map((x) => [x.title, x.month, x.matched, x.delivered, x.opened, x.stopped])}
        empty="本年度还没有推送。"
      />
      <h2 class="gk-section__title">按渠道</h2>
      <DataTable
        caption="按渠道的推送情况"
        head={['渠道', '匹配', '送达', '打开', '退订']}
        rows={f.byChannel.map((x) => [x.channel, x.matched, x.delivered, x.opened, x.stopped])}
        empty="—"
      />
      <h2 class="gk-section__title">按推送类别</h2>
      <DataTable
        caption="按推送类别"
        head={['类别', '政策数', '送达人次']}
        rows={f.byCategory.map((x) => [x.category, x.policies, x.delivered])}
        empty="—"
      />
      <h2 class="gk-section__title">最近设置的推送对象</h2>
      <DataTable
        caption="最近设置的推送对象"
        head={['政府信息', '推送对象', '设置时间']}
        rows={p.rules.map((r) => [<a href={r.href}>{r.title}</a>, r.description, r.updated])}
        empty="还没有设置推送对象。在政府信息页面点击“设置推送对象”。"
      />
      <p>
        {p.mayManageCategories ? <a href="/admin/push/categories">推送类别（3类22项）</a> : null}
        {p.mayReadOutbox ? (
          <>
            {' '}
            · <a href="/admin/push/outbox">发件箱（未配置邮件服务器时留存的邮件）</a>
          </>
        ) : null}
      </p>
    </>
  );
}

export function OutboxPage(p: { items: Array<{ to: string; subject: string; body: string; at: string }> }) {
  return (
    <>
      <h1 class="gk-title">发件箱</h1>
      <p class="gk-hint">
        未配置邮件服务器（PUSH_SMTP_URL）时，平台把要发送的邮件留存在这里，仅供演示和排查。配置后邮件直接发出。
      </p>
      {p.items.map((m) => (
        <section class="gk-card">
          <h2 class="gk-section__title">{m.subject}</h2>
          <p class="gk-muted">
            收件人 {m.to} · {m.at}
          </p>
          <pre class="gk-prewrap">{m.body}</pre>
        </section>
      ))}
      {p.items.length === 0 ? <p class="gk-muted">发件箱为空。</p> : null}
    </>
  );
}

export function CategoriesPage(p: {
  csrf: string;
  items: CategoryView[];
  editing: CategoryView | null;
  values: Record<string, string | string[]>;
  domains: Array<{ value: string; label: string }>;
  errors: FieldError[];
}) {
  const v = p.values;
  const chosen = Array.isArray(v.domains) ? v.domains : v.domains ? [v.domains] : [];
  return (
    <>
      <h1 class="gk-title">推送类别</h1>
      <p class="gk-hint">
        推送类别按“惠企政策、惠民政策、特定群体”三大类组织，每个类别对应标准目录的试点领域。默认的 22
        项是起点，请按本地实际修改；已使用的类别只能停用，不会删除，以免统计数字丢失。
      </p>
      <DataTable
        caption="推送类别"
        head={['大类', '类别', '对应领域', '状态', '操作']}
        rows={p.items.map((c) => [
          c.classLabel,
          c.name,
          c.domainNames || '—',
          c.retired ? '已停用' : '使用中',
          <>
            <a href={`/admin/push/categories?edit=${c.id}`}>修改</a>{' '}
            <PostButton
              action={`/admin/push/categories/${c.id}/${c.retired ? 'restore' : 'retire'}`}
              csrf={p.csrf}
              label={c.retired ? '恢复' : '停用'}
              kind="link"
            />
          </>,
        ])}
        empty="还没有推送类别。"
      />
      <h2 class="gk-section__title" id="form">
        {p.editing ? `修改“${p.editing.name}”` : '新增推送类别'}
      </h2>
      <ErrorSummary errors={p.errors} />
      <form
        class="gk-form"
        method="post"
        action={p.editing ? `/admin/push/categories/${p.editing.id}` : '/admin/push/categories'}
        novalidate
      >
        <CsrfField token={p.csrf} />
        <SelectField
          name="class"
          label="所属大类"
          value={String(v.class ?? '')}
          placeholder="请选择"
          options={categoryClasses.map((c) => ({ value: c, label: categoryClassLabels[c] }))}
          errors={p.errors}
        />
        <Field name="name" label="类别名称" errors={p.errors} required>
          {(c) => <input class="gk-input" {...c} value={String(v.name ?? '')} />}
        </Field>
        <Checks name="domains" legend="对应的标准目录领域（可多选）" options={p.domains} values={chosen} />
        <button class="gk-button" type="submit">
          保存
        </button>
      </form>
    </>
  );
}
