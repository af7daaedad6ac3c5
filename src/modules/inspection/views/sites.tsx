import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  Summary,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import { verdictLabels, vetoLabels } from '../inspection.js';
import {
  availabilityText,
  beijingTime,
  linkStatus,
  runTime,
  trendText,
  triggerLabels,
} from '../inspection-report-text.js';
import { runStateLabels, type listPage, type sitePage } from '../inspection-report.service.js';
import type { siteForm } from '../inspection-sites.service.js';
import { columnRuleHint, siteSchema } from '../inspection.schemas.js';
import { RunReportView, Time, UrlLink, VerdictTag } from './run-report.js';

export type SiteListPage = Awaited<ReturnType<typeof listPage>>;
export type SitePage = Awaited<ReturnType<typeof sitePage>>;
export type SiteFormPage = Awaited<ReturnType<typeof siteForm>>;

/** The sites the office inspects: latest verdict, score, vetoes, the week's availability and the trend. */
export function SiteListView({ p, risk }: { p: SiteListPage; risk: boolean }) {
  return (
    <>
      <h1 class="gk-title">网站检查</h1>
      <p class="gk-lead">
        按《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）检查本级和下级政府网站：先看单项否决，再按
        100 分制扣分。首页每小时探测一次，7 天内探测失败达 5% 即为单项否决。
      </p>
      <div class="gk-actions">
        {p.mayManage ? (
          <a class="gk-button" href="/admin/inspection/sites/new">
            新增网站
          </a>
        ) : null}
        {risk ? (
          <a href="/admin/inspection">查看全部网站（{p.total}）</a>
        ) : (
          <a href="/admin/inspection?risk=1">只看有风险的网站（{p.atRisk}）</a>
        )}
      </div>
      <p>
        {risk
          ? `有风险的网站 ${p.atRisk} 个：最近一次检查单项否决或低于 60 分，或首页 7 天探测失败达 5%。`
          : `检查名单中的网站 ${p.total} 个，其中有风险的 ${p.atRisk} 个。`}
      </p>
      <Table
        caption={risk ? '有风险的网站' : '检查名单'}
        head={[
          '网站名称',
          '主办单位',
          '首页地址',
          '最近检查结论',
          '得分',
          '单项否决',
          '首页可用率',
          '比上次检查',
          '检查状态',
        ]}
        numeric={[4]}
      >
        {p.rows.map((row) => (
          <tr>
            <th scope="row" class="gk-name">
              <a href={`/admin/inspection/sites/${row.site.id}`}>{row.site.name}</a>
              {row.site.active ? null : (
                <>
                  {' '}
                  <span class="gk-tag">已暂停</span>
                </>
              )}
            </th>
            <td>{row.site.agencyName}</td>
            <td>
              <UrlLink url={row.site.url} />
            </td>
            <td>
              <VerdictTag verdict={row.latest?.verdict ?? null} />
              {row.latest ? (
                <>
                  <br />
                  <Time iso={runTime(row.latest)} />
                </>
              ) : null}
            </td>
            <td class="gk-num">{row.latest?.score ?? '—'}</td>
            <td class={row.latest?.vetoCodes.length ? 'gk-cell--error' : undefined}>
              {row.latest?.vetoCodes.map((c) => vetoLabels[c]).join('、') || '—'}
            </td>
            <td class={(row.availability.failedShare ?? 0) >= 0.05 ? 'gk-cell--error' : undefined}>
              {availabilityText(row.availability)}
            </td>
            <td>{row.trend ? trendText(row.trend) : '—'}</td>
            <td>
              {row.inProgress ? <span class="gk-tag">{runStateLabels[row.inProgress.state]}</span> : '—'}
            </td>
          </tr>
        ))}
      </Table>
      {p.rows.length === 0 ? <p>{risk ? '没有有风险的网站。' : '检查名单中还没有网站。'}</p> : null}
    </>
  );
}

export interface SiteFormValues {
  [k: string]: string | string[] | undefined;
}

/** Add a site to the list or change one: the fields of siteSchema, each named as its errors name it. */
export function SiteFormView(p: {
  action: string;
  csrf: string;
  choices: SiteFormPage['choices'];
  values: SiteFormValues;
  errors: FieldError[];
  creating: boolean;
}) {
  const v = (k: string) => (typeof p.values[k] === 'string' ? (p.values[k] as string) : '');
  const f = siteSchema.shape;
  return (
    <form class="gk-form" method="post" action={p.action} novalidate>
      <CsrfField token={p.csrf} />
      <ErrorSummary errors={p.errors} />
      <SelectField
        name="agencyId"
        field={f.agencyId}
        value={v('agencyId')}
        options={agencyOptions(p.choices)}
        errors={p.errors}
        hint="网站的主办单位，即检查发现问题时的整改责任单位，检查报告和提醒发给该单位"
      />
      <TextField
        name="name"
        field={f.name}
        value={v('name')}
        errors={p.errors}
        hint="与网站标识码登记的名称一致"
      />
      <TextField
        name="url"
        field={f.url}
        value={v('url')}
        errors={p.errors}
        hint="以 http:// 或 https:// 开头，例如 https://www.jinjiang.gov.cn/；只检查与首页同一域名的页面"
      />
      <TextField
        name="siteCode"
        field={f.siteCode}
        value={v('siteCode')}
        errors={p.errors}
        hint="网站底部显示的网站标识码，6 到 20 位数字或字母"
      />
      <fieldset class="gk-fieldset">
        <legend>{f.ownPortal.label}</legend>
        <p class="gk-hint" id="h-ownPortal">
          勾选后，互动回应按本平台领导信箱的留言检查
        </p>
        <label class="gk-checkbox">
          <input
            type="checkbox"
            id="f-ownPortal"
            name="ownPortal"
            value="on"
            checked={v('ownPortal') === 'on'}
            aria-describedby="h-ownPortal"
          />{' '}
          这是本平台的门户网站
        </label>
      </fieldset>
      <TextField
        name="pageLimit"
        field={f.pageLimit}
        inputmode="numeric"
        value={v('pageLimit')}
        errors={p.errors}
        hint="一次检查最多读取的本站页面数（1 到 20000）；其他链接只检查是否可用"
      />
      <TextArea
        name="columnRules"
        field={f.columnRules}
        value={v('columnRules')}
        rows={6}
        errors={p.errors}
        hint={`${columnRuleHint}。例如“工作动态 = 动态”。不填时按栏目名称判断类别`}
      />
      <p>
        <button class="gk-button" type="submit">
          {p.creating ? '加入检查名单' : '保存'}
        </button>
      </p>
    </form>
  );
}

function ActiveButton({ id, active, csrf }: { id: string; active: boolean; csrf: string }) {
  return (
    <form class="gk-inline" method="post" action={`/admin/inspection/sites/${id}/active`}>
      <CsrfField token={csrf} />
      <input type="hidden" name="active" value={active ? '0' : '1'} />
      <button class="gk-button gk-button--secondary" type="submit">
        {active ? '暂停检查' : '恢复检查'}
      </button>
    </form>
  );
}

function History({ page }: { page: SitePage }) {
  return (
    <section class="gk-section" aria-labelledby="history">
      <h2 class="gk-section__title" id="history">
        检查记录
      </h2>
      {page.history.length ? (
        <Table
          caption="检查记录"
          head={['检查时间', '方式', '状态', '结论', '得分', '单项否决', '检查页面数']}
          numeric={[4, 6]}
        >
          {page.history.map((run) => (
            <tr>
              <th scope="row">
                <a href={`/admin/inspection/runs/${run.id}`}>
                  <Time iso={runTime(run)} />
                </a>
              </th>
              <td>{triggerLabels[run.trigger]}</td>
              <td>{runStateLabels[run.state]}</td>
              <td>{run.verdict ? verdictLabels[run.verdict] : '—'}</td>
              <td class="gk-num">{run.score ?? '—'}</td>
              <td>{run.vetoCodes.map((c) => vetoLabels[c]).join('、') || '—'}</td>
              <td class="gk-num">{run.pages}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>还没有检查记录。</p>
      )}
    </section>
  );
}

function AvailabilityDetails({ page }: { page: SitePage }) {
  const a = page.availability;
  return (
    <section class="gk-section" aria-labelledby="availability">
      <h2 class="gk-section__title" id="availability">
        首页可用性（近 {a.days} 天）
      </h2>
      <Summary
        rows={[
          ['可用率', availabilityText(a)],
          ['探测次数', `${a.probes} 次`],
          ['失败次数', `${a.failed} 次`],
        ]}
      />
      <p class="gk-hint">首页每小时探测一次，每次等待 15 秒；7 天内失败达 5% 即为单项否决。</p>
      {a.recentFailures.length ? (
        <Table caption="最近的探测失败" head={['时间', '状态', '原因']}>
          {a.recentFailures.map((f) => (
            <tr>
              <td>
                <Time iso={f.at} />
              </td>
              <td>{linkStatus(f.status)}</td>
              <td>{f.error ?? ''}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </section>
  );
}

/** A site: what it is, the run in progress, its latest finished report, its history and availability. */
export function SitePageView({ page, csrf }: { page: SitePage; csrf: string }) {
  const s = page.site;
  return (
    <>
      <h1 class="gk-title">{s.name}</h1>
      <Summary
        rows={[
          ['首页地址', <UrlLink url={s.url} />],
          ['主办单位（责任单位）', s.agencyName],
          ['网站标识码', s.siteCode],
          ['本平台门户', s.ownPortal ? '是（互动回应按本平台领导信箱的留言检查）' : '否'],
          ['每次最多检查页面数', `${s.pageLimit} 个`],
          ['栏目规则', s.columnRules.length ? `${s.columnRules.length} 条` : '按栏目名称判断'],
          ['状态', s.active ? '定期检查中' : '已暂停（不探测、不定期检查）'],
        ]}
      />
      <div class="gk-actions">
        {page.mayRun ? (
          <PostButton action={`/admin/inspection/sites/${s.id}/run`} csrf={csrf} label="立即检查" />
        ) : null}
        {page.mayManage ? (
          <>
            <a class="gk-button gk-button--secondary" href={`/admin/inspection/sites/${s.id}/edit`}>
              编辑
            </a>
            <ActiveButton id={s.id} active={s.active} csrf={csrf} />
          </>
        ) : null}
      </div>
      {page.inProgress ? (
        <p class="gk-flash gk-flash--info" role="status">
          {runStateLabels[page.inProgress.state]}：{triggerLabels[page.inProgress.trigger]}于{' '}
          <Time iso={page.inProgress.startedAt ?? page.inProgress.queuedAt} /> 开始
          {page.inProgress.pages ? `，已检查页面 ${page.inProgress.pages} 个` : ''}
          。检查完成后，本页显示这次检查的结果；请稍后刷新本页。
        </p>
      ) : null}
      <section class="gk-section" aria-labelledby="latest">
        <h2 class="gk-section__title" id="latest">
          最近一次检查报告
        </h2>
        {page.report ? (
          <>
            <p>
              <a href={`/admin/inspection/runs/${page.report.run.id}`}>
                打开这次检查的报告页（{beijingTime(runTime(page.report.run))}）
              </a>
            </p>
            <RunReportView r={page.report} csrf={csrf} withSite={false} />
          </>
        ) : (
          <p>还没有完成的检查。{page.mayRun ? '点击“立即检查”开始第一次检查。' : ''}</p>
        )}
      </section>
      <AvailabilityDetails page={page} />
      <History page={page} />
    </>
  );
}
