import { agencyOptions } from '../../agencies/index.js';
import { PeriodFilter } from '../../../platform/ui/components.js';
import { figureDefinitions, figureRows, figureText, type MessageStats } from '../message-stats.service.js';
import {
  petitionClassLabels,
  petitionOutcomeLabels,
  ticketTypeLabels,
  type PetitionOutcome,
} from '../message.js';

/** One agency's figures for a period, each with its definition beside it. */
export function StatsView(p: {
  s: MessageStats;
  action: string;
  agencies: Array<{ id: string; name: string; depth: number }>;
  years: number[];
  downloads?: Array<{ href: string; label: string }>;
}) {
  const { s } = p;
  const when = `${s.year} 年${s.month ? ` ${s.month} 月` : ''}`;
  return (
    <>
      <h1 class="gk-title">来信办理情况统计</h1>
      <p class="gk-lead">
        {s.agency.name}（含下级机构）{when}
        收到的来信（领导信箱、网上信访和登记的来信来访），按办理机关统计；评价按评价日期统计。
      </p>
      <PeriodFilter
        action={p.action}
        agencies={agencyOptions(p.agencies)}
        agency={s.agency.id}
        years={p.years}
        year={s.year}
        month={s.month}
      />
      {p.downloads?.length ? (
        <p>
          {p.downloads.map((d) => (
            <>
              <a href={d.href}>{d.label}</a>{' '}
            </>
          ))}
        </p>
      ) : null}
      <div class="gk-table-wrap" tabindex={0} role="region" aria-label="办理情况">
        <table class="gk-table" id="figures">
          <caption>{when}办理情况</caption>
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col" class="gk-num">
                数值
              </th>
              <th scope="col">口径</th>
            </tr>
          </thead>
          <tbody>
            {figureRows.map(([k, label]) => (
              <tr>
                <th scope="row">{label}</th>
                <td class="gk-num" id={`fig-${k}`}>
                  {figureText(k, s.figures[k])}
                </td>
                <td class="gk-muted">{figureDefinitions[k]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="gk-section__title">按诉求类型</h2>
      <div class="gk-table-wrap" tabindex={0} role="region" aria-label="按诉求类型">
        <table class="gk-table gk-table--compact">
          <thead>
            <tr>
              {s.byType.map((t) => (
                <th scope="col" class="gk-num">
                  {ticketTypeLabels[t.type]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {s.byType.map((t) => (
                <td class="gk-num">{t.received}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <h2 class="gk-section__title">信访事项类别和处理意见</h2>
      <div class="gk-table-wrap" tabindex={0} role="region" aria-label="信访事项类别和处理意见">
        <table class="gk-table gk-table--compact">
          <thead>
            <tr>
              {s.byClass.map((c) => (
                <th scope="col" class="gk-num">
                  {petitionClassLabels[c.petitionClass]}
                </th>
              ))}
              {s.byOutcome.map((o) => (
                <th scope="col" class="gk-num">
                  {petitionOutcomeLabels[o.outcome as PetitionOutcome]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {s.byClass.map((c) => (
                <td class="gk-num">{c.received}</td>
              ))}
              {s.byOutcome.map((o) => (
                <td class="gk-num">{o.count}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
