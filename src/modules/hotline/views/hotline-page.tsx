import { agencyOptions } from '../../agencies/index.js';
import { formatDateTime } from '../../../platform/clock.js';
import { PeriodFilter, Table } from '../../../platform/ui/components.js';
import { figureDefinitions, type HotlineFigures } from '../hotline.js';
import type { HotlinePage } from '../hotline.service.js';

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

const countRows = [
  ['valid', '有效工单'],
  ['closed', '办结'],
  ['closedOnTime', '按时办结'],
  ['visited', '回访'],
  ['rated', '评价'],
  ['satisfied', '满意'],
] as const;
const rateRows = [
  ['closedRate', '办结率'],
  ['onTimeRate', '按时办结率'],
  ['visitRate', '回访率（反馈率）'],
  ['satisfactionRate', '满意率'],
] as const;

function Rates({ f }: { f: HotlineFigures }) {
  return (
    <>
      <td class="gk-num">{f.valid}</td>
      {rateRows.map(([k]) => (
        <td class="gk-num">{percent(f[k])}</td>
      ))}
    </>
  );
}

/** The 12345 hotline's figures on the portal, each with how it is counted. */
export function HotlinePageView({ p }: { p: HotlinePage }) {
  const defs = figureDefinitions(p.basicallySatisfiedCounts);
  const when = `${p.year} 年${p.month ? ` ${p.month} 月` : ''}`;
  return (
    <>
      <h1 class="gk-title">12345 便民服务热线办理情况</h1>
      <p class="gk-lead">
        {p.agency.name}（含下级机构）{when}受理的 12345 热线工单。数据来自 12345 热线工单系统
        {p.lastImportAt ? `，最近更新于 ${formatDateTime(p.lastImportAt)}` : '，尚未导入'}。
      </p>
      <PeriodFilter
        action="/hotline"
        agencies={agencyOptions(p.agencies)}
        agency={p.agency.id}
        years={p.years}
        year={p.year}
        month={p.month}
      />
      <section class="gk-section">
        <h2 class="gk-section__title">{when}办理情况</h2>
        <Table head={['指标', '数值', '统计口径']} numeric={[1]}>
          {countRows.map(([k, label]) => (
            <tr>
              <th scope="row" class="gk-name">
                {label}
              </th>
              <td class="gk-num">{p.figures[k]}</td>
              <td>{defs[k]}</td>
            </tr>
          ))}
          {rateRows.map(([k, label]) => (
            <tr>
              <th scope="row" class="gk-name">
                {label}
              </th>
              <td class="gk-num">{percent(p.figures[k])}</td>
              <td>{defs[k]}</td>
            </tr>
          ))}
        </Table>
        <p class="gk-hint">“—”表示该期间没有可计数的工单（分母为零），不是 0% 或 100%。</p>
      </section>
      {p.children.length ? (
        <section class="gk-section">
          <h2 class="gk-section__title">下级机构（各含其下级）</h2>
          <Table head={['机构', '有效工单', ...rateRows.map(([, label]) => label)]} numeric={[1, 2, 3, 4, 5]}>
            {p.children.map((c) => (
              <tr>
                <th scope="row" class="gk-name">
                  <a
                    href={`/hotline?agency=${c.agency.id}&year=${p.year}${p.month ? `&month=${p.month}` : ''}`}
                  >
                    {c.agency.shortName ?? c.agency.name}
                  </a>
                </th>
                <Rates f={c.figures} />
              </tr>
            ))}
          </Table>
        </section>
      ) : null}
    </>
  );
}
