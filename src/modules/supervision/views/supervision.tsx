import { SelectField, Table, TextField } from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import { percent, periodKinds, periodLabels } from '../supervision.js';
import type { Dashboard, FigureList, Scope } from '../supervision.service.js';

/** The filter as a query string, so a figure's list and its CSV read the same scope. */
export function queryOf(s: Scope): string {
  const q = new URLSearchParams();
  q.set('period', s.period.kind);
  if (s.period.kind === 'range') {
    q.set('from', s.period.from);
    q.set('to', s.period.to);
  }
  if (s.agency) q.set('agency', s.agency.id);
  return q.toString();
}

function periodText(s: Scope): string {
  return `${s.period.from} 至 ${s.period.to}`;
}

/** The period and agency filter: a GET form, so it works without JavaScript and can be shared. */
function Filter({ s, action }: { s: Scope; action: string }) {
  return (
    <form class="gk-form gk-filters" method="get" action={action}>
      <SelectField
        name="period"
        label="期间"
        value={s.period.kind}
        options={periodKinds.map((k) => ({ value: k, label: periodLabels[k] }))}
      />
      <TextField
        name="from"
        label="起始日期（自定日期时填写）"
        type="date"
        value={s.period.kind === 'range' ? s.period.from : ''}
      />
      <TextField
        name="to"
        label="截止日期"
        type="date"
        value={s.period.kind === 'range' ? s.period.to : ''}
      />
      <SelectField
        name="agency"
        label="机构（含下级）"
        value={s.agency?.id ?? ''}
        placeholder="全部"
        options={agencyOptions(s.choices)}
      />
      <button class="gk-button gk-button--secondary" type="submit">
        查看
      </button>
    </form>
  );
}

/** The dashboard: the figures by area, each a number that opens its list; then the rankings. */
export function DashboardView({ d }: { d: Dashboard }) {
  const q = queryOf(d.scope);
  const groups = [...new Set(d.figures.map((f) => f.group))];
  return (
    <>
      <h1 class="gk-title">监督统计</h1>
      <p class="gk-lead">
        {d.scope.agency ? `${d.scope.agency.name}及其下级机构` : '本人监督范围内的机构'}，
        {periodText(d.scope)}
        。每个数字都可以打开背后的清单，清单可下载为 CSV。
      </p>
      <Filter s={d.scope} action="/admin/supervision" />
      <div class="gk-workbench">
        {groups.map((g) => (
          <section class="gk-workbench-panel" aria-label={g}>
            <h2 class="gk-card__title">{g}</h2>
            <ul class="gk-workbench-items">
              {d.figures
                .filter((f) => f.group === g)
                .map((f) => (
                  <li class={`gk-workbench-item${f.count > 0 ? ' gk-workbench-item--urgent' : ''}`}>
                    <div class="gk-workbench-item__row">
                      <span class="gk-workbench-item__label">{f.label}</span>
                      <a
                        class="gk-workbench-item__count"
                        href={`/admin/supervision/${f.key}?${q}`}
                        aria-label={`${f.label}：${f.count}，查看清单`}
                        data-figure={f.key}
                      >
                        {f.count}
                      </a>
                      <span class="gk-workbench-item__detail">{f.note}</span>
                    </div>
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
      <h2>机构排名</h2>
      <p class="gk-hint">
        案件少于 {d.minCases}{' '}
        件的比率说明不了多少问题：只显示“按时/总数”并标注“样本过少”，不参加排名。所选期间没有案件的机构不列出。
      </p>
      {d.rankings.map((r) => (
        <Table caption={r.title} head={['名次', '机构', '按时/总数', '比率']} numeric={[0, 2, 3]}>
          {r.rows.length === 0 ? (
            <tr>
              <td colspan={4}>所选期间没有可统计的案件。</td>
            </tr>
          ) : (
            r.rows.map((row) => (
              <tr>
                <td class="gk-num">{row.rank ?? '—'}</td>
                <th scope="row">{row.agencyName}</th>
                <td class="gk-num">
                  {row.met}/{row.cases}
                </td>
                <td class="gk-num">
                  {row.tooFew ? <span class="gk-tag gk-tag--warn">样本过少</span> : percent(row.rate)}
                </td>
              </tr>
            ))
          )}
        </Table>
      ))}
    </>
  );
}

/** A figure's list: the cases behind the number, each opening its own page where it has one. */
export function FigureListView({ l }: { l: FigureList & { scope: Scope; label: string; note: string } }) {
  const q = queryOf(l.scope);
  return (
    <>
      <h1 class="gk-title">{l.label}</h1>
      <p class="gk-lead">
        {l.note}。{l.scope.agency ? `${l.scope.agency.name}及其下级机构` : '本人监督范围内的机构'}，
        {periodText(l.scope)}
        ，共 <strong data-count>{l.rows.length}</strong> 项。
      </p>
      <Filter s={l.scope} action={`/admin/supervision/${l.key}`} />
      <div class="gk-actions">
        <a class="gk-button gk-button--secondary" href={`/admin/supervision/${l.key}.csv?${q}`} download>
          下载 CSV
        </a>
        <a href={`/admin/supervision?${q}`}>返回监督统计</a>
      </div>
      <Table caption={l.label} head={l.head}>
        {l.rows.length === 0 ? (
          <tr>
            <td colspan={l.head.length}>没有需要关注的情况。</td>
          </tr>
        ) : (
          l.rows.map((r) => (
            <tr data-row>
              <th scope="row" class="gk-name">
                {r.href ? <a href={r.href}>{r.cells[0]}</a> : r.cells[0]}
              </th>
              {r.cells.slice(1).map((c, i) => (
                <td
                  class={
                    l.head[i + 1]!.includes('机关') || l.head[i + 1]!.includes('单位') ? 'gk-name' : undefined
                  }
                >
                  {c}
                </td>
              ))}
            </tr>
          ))
        )}
      </Table>
    </>
  );
}
