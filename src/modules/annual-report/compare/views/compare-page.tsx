import type { FieldError } from '../../../../platform/errors.js';
import type { Chart } from '../../../../platform/ui/charts.js';
import { ErrorSummary, SelectField, Table, TextField } from '../../../../platform/ui/components.js';
import type { ComparePage } from '../comparison.service.js';
import type { Comparison } from '../comparison.js';
import {
  findingText,
  rateCell,
  ranksOf,
  receivedText,
  SMALL_SAMPLE,
  type Rank,
} from '../comparison.presenter.js';
import { compareTableLabels, compareTables, exportFormats } from '../comparison.schemas.js';
import { indicatorDefs, type Rate } from '../indicators.js';

export const COMPARE_PATH = '/admin/annual-reports/compare';

/** The comparison's query (agencies, years, indicator), for the downloads and links back. */
export function queryOf(values: ComparePage['values']): string {
  const q = new URLSearchParams();
  for (const id of values.agencyIds) q.append('agencyIds', id);
  q.set('from', values.from);
  q.set('to', values.to);
  q.set('indicator', values.indicator);
  return q.toString();
}

function AgencyChoices(p: { page: ComparePage; errors: FieldError[] }) {
  const error = p.errors.find((e) => e.field === 'agencyIds');
  const chosen = p.page.choices.filter((a) => p.page.values.agencyIds.includes(a.id));
  const boxes = (
    <fieldset class={`gk-fieldset${error ? ' gk-field--error' : ''}`} id="f-agencyIds">
      <legend>机构（可多选）</legend>
      {error ? <p class="gk-error-message">{error.message}</p> : null}
      {p.page.choices.map((a) => (
        <label class="gk-checkbox">
          <input type="checkbox" name="agencyIds" value={a.id} checked={chosen.includes(a)} />{' '}
          {'　'.repeat(a.depth)}
          {a.name}
          {a.dissolvedAt ? '（已撤销）' : ''}
        </label>
      ))}
    </fieldset>
  );
  // Once compared, the long list folds away (the browser opens it, no script needed).
  if (!p.page.comparison) return boxes;
  return (
    <details class="gk-fieldset" id="agency-choices">
      <summary>
        已选 {chosen.length} 个机构：{chosen.map((a) => a.name).join('、')}（展开修改）
      </summary>
      {boxes}
    </details>
  );
}

function CompareForm({ page }: { page: ComparePage }) {
  return (
    <form class="gk-form" method="get" action={COMPARE_PATH} novalidate>
      <ErrorSummary errors={page.errors} />
      <AgencyChoices page={page} errors={page.errors} />
      <div class="gk-filters">
        <TextField name="from" label="起始年度" type="number" value={page.values.from} errors={page.errors} />
        <TextField name="to" label="截止年度" type="number" value={page.values.to} errors={page.errors} />
        <SelectField
          name="indicator"
          label="图表指标"
          value={page.values.indicator}
          errors={page.errors}
          options={indicatorDefs.map((d) => ({ value: d.key, label: d.label }))}
        />
        <p class="gk-actions">
          <button class="gk-button" type="submit">
            对比
          </button>
        </p>
      </div>
    </form>
  );
}

/** The source of a report in a table cell: short, the full words are in the downloads. */
const shortSource = { built: '平台生成', published: '已发布文本' } as const;

function RateTd({ rate, minCases, rank }: { rate: Rate | null; minCases: number; rank: Rank | undefined }) {
  const cell = rateCell(rate, minCases, rank);
  return (
    <td class="gk-num">
      <strong>{cell.percent}</strong>
      {cell.counts ? <div>{cell.counts}</div> : null}
      {cell.small ? <span class="gk-tag gk-tag--warn">{SMALL_SAMPLE}</span> : null}
      {cell.rank ? (
        <div>
          第 {cell.rank.rank} 名（共 {cell.rank.of}）
        </div>
      ) : null}
    </td>
  );
}

function IndicatorsTable({ c }: { c: Comparison }) {
  const ranks = ranksOf(c.reports, c.minCases);
  const numeric = [2, ...indicatorDefs.map((_, i) => 3 + i)];
  return (
    <Table
      caption="各机构各年度指标"
      head={['机构', '年度', '本年新收（件）', ...indicatorDefs.map((d) => d.label)]}
      numeric={numeric}
    >
      {c.reports.map((r, i) => (
        <tr>
          <th scope="row" class="gk-name">
            {r.agencyName}
          </th>
          <td class="gk-name">
            <a href={r.report.href}>{r.year}年</a>
            <div class="gk-hint">{shortSource[r.report.source]}</div>
            {r.setAside ? (
              <div class="gk-hint">
                另有<a href={r.setAside.href}>已发布文本</a>（未采用）
              </div>
            ) : null}
          </td>
          <td class="gk-num">{receivedText(r)}</td>
          {indicatorDefs.map((d) => (
            <RateTd rate={r.indicators.rates[d.key]} minCases={c.minCases} rank={ranks[i]![d.key]} />
          ))}
        </tr>
      ))}
    </Table>
  );
}

function Downloads({ query }: { query: string }) {
  return (
    <ul class="gk-actions" id="downloads">
      {compareTables.map((t) => (
        <li>
          {compareTableLabels[t]}：
          {exportFormats.map((f, i) => (
            <>
              {i ? ' · ' : ' '}
              <a href={`${COMPARE_PATH}/${t}.${f}?${query}`}>{f === 'csv' ? 'CSV 文件' : 'Excel 文件'}</a>
            </>
          ))}
        </li>
      ))}
    </ul>
  );
}

/** A chart and, beside it, the table of the same figures (what a screen reader reads). */
function ChartFigure({ chart }: { chart: Chart }) {
  return (
    <figure class="gk-chart">
      <figcaption class="gk-chart__title">{chart.title}</figcaption>
      <div
        class="gk-table-wrap gk-chart__frame"
        tabindex={0}
        role="region"
        aria-label={`${chart.title}（图）`}
      >
        <div dangerouslySetInnerHTML={{ __html: chart.svg }} />
      </div>
      <Table
        caption={`${chart.title}：数据`}
        head={chart.table.head}
        numeric={chart.table.head.map((_, i) => i).slice(1)}
      >
        {chart.table.rows.map((row) => (
          <tr>
            <th scope="row" class="gk-name">
              {row[0]}
            </th>
            {row.slice(1).map((v) => (
              <td class="gk-num">{v}</td>
            ))}
          </tr>
        ))}
      </Table>
    </figure>
  );
}

function Findings({ c }: { c: Comparison }) {
  if (c.findings.length === 0) {
    const chained = c.years.length > 1 && c.reports.length > 1;
    return (
      <p id="no-findings">
        {chained
          ? '所选报告相邻年度之间的年度衔接（上年结转）和存量衔接（规章、规范性文件）检查均通过。'
          : '所选范围内没有同一机构相邻两个年度的报告，无法做跨年度检查。'}
      </p>
    );
  }
  const href = new Map(c.reports.map((r) => [r.report.id, r.report.href]));
  return (
    <ul class="gk-findings" id="findings-list">
      {c.findings.map((f) => {
        const t = findingText(f);
        return (
          <li class={f.severity === 'error' ? 'gk-error-message' : undefined}>
            {t.severity}（{t.check} · {t.where}）：{f.message}
            <div>
              <a href={href.get(f.previous.id)}>{f.previous.label}</a> ·{' '}
              <a href={href.get(f.current.id)}>{f.current.label}</a>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function Result({ c, charts, query }: { c: Comparison; charts: Chart[]; query: string }) {
  return (
    <>
      <section class="gk-section" id="indicators">
        <h2 class="gk-section__title">指标对比</h2>
        {c.reports.length ? (
          <IndicatorsTable c={c} />
        ) : (
          <p>所选机构在所选年度没有已发布的年度报告，也没有记录的已发布文本。</p>
        )}
        {c.missing.length ? (
          <p id="missing">没有报告：{c.missing.map((m) => `${m.agencyName}${m.year}年`).join('、')}。</p>
        ) : null}
        <p class="gk-hint">
          比率所依据的件数（分母）少于 {c.minCases} 件的，标注“{SMALL_SAMPLE}
          ”，不参加排名；排名在同一年度的机构之间由高到低。
        </p>
        <details>
          <summary>计算方法</summary>
          <ul>
            {indicatorDefs.map((d) => (
              <li>{d.formula}</li>
            ))}
            <li>本年新收的变化 = （本年新收 − 上年新收）÷ 上年新收</li>
          </ul>
        </details>
        <h3>下载表格</h3>
        <Downloads query={query} />
      </section>
      {charts.length ? (
        <section class="gk-section" id="charts">
          <h2 class="gk-section__title">图表</h2>
          {charts.map((chart) => (
            <ChartFigure chart={chart} />
          ))}
        </section>
      ) : null}
      <section class="gk-section" id="findings">
        <h2 class="gk-section__title">跨年度检查</h2>
        <Findings c={c} />
      </section>
    </>
  );
}

export function ComparePageView({ page, charts }: { page: ComparePage; charts: Chart[] }) {
  return (
    <>
      <h1 class="gk-title">年度报告对比</h1>
      <p class="gk-lead">
        选择机构和年度，并列比较各机构的年度报告：平台生成并发布的报告，以及年报检查中记录为该机构该年度的已发布文本（两者都有时采用平台生成的报告）。
      </p>
      <CompareForm page={page} />
      {page.comparison ? <Result c={page.comparison} charts={charts} query={queryOf(page.values)} /> : null}
    </>
  );
}
