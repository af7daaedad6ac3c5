import type { Child } from 'hono/jsx';
import { CsrfField, Summary, Table } from '../../../platform/ui/components.js';
import {
  columnClassLabels,
  indicatorLabels,
  indicators,
  outcomeLabels,
  outcomes,
  verdictLabels,
  vetoLabels,
  type Evaluation,
  type Evidence,
  type Outcome,
} from '../inspection.js';
import {
  availabilityText,
  beijingTime,
  columnState,
  impactLabels,
  linkStatus,
  reviewLabels,
  robotsText,
  runTime,
  scoreChangeText,
  triggerLabels,
  trendSentences,
} from '../inspection-report-text.js';
import { runStateLabels, type ResultView, type RunReport } from '../inspection-report.service.js';

/** An address a person may open: the link's text is the address itself, shown as a machine's word. */
export function UrlLink({ url }: { url: string }) {
  return (
    <a href={url} rel="noreferrer" class="gk-break">
      <code>{url}</code>
    </a>
  );
}

/** A time in Beijing (`YYYY-MM-DD HH:mm`) that machines can read too. */
export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return null;
  return <time datetime={iso}>{beijingTime(iso)}</time>;
}

/** A date (`YYYY-MM-DD`) as printed, in a <time>. */
function DateOnly({ date }: { date: string | null }) {
  return date ? <time datetime={date}>{date}</time> : <span class="gk-muted">无</span>;
}

/** The verdict as a badge: green for 合格, red for 单项否决 or below 60. */
export function VerdictTag({ verdict }: { verdict: Evaluation['verdict'] | null }) {
  if (!verdict) return <span class="gk-muted">尚无结论</span>;
  return (
    <span class={`gk-tag ${verdict === 'pass' ? 'gk-tag--ok' : 'gk-tag--warn'}`}>
      {verdictLabels[verdict]}
    </span>
  );
}

/** What a result or veto rests on: where, when, what the server answered, and the text that decided it. */
export function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0) return null;
  return (
    <ul class="gk-break">
      {evidence.map((e) => (
        <li>
          {e.url ? <UrlLink url={e.url} /> : null}
          {e.at ? (
            <>
              {e.url ? '，' : ''}
              <Time iso={e.at} />
            </>
          ) : null}
          {e.status !== null ? `，状态码 ${e.status}` : ''}
          {e.text ? `，依据：“${e.text}”` : ''}
        </li>
      ))}
    </ul>
  );
}

function ReportHeader({ r, withSite }: { r: RunReport; withSite: boolean }) {
  const { site, run } = r;
  return (
    <Summary
      rows={[
        ...(withSite
          ? ([
              ['网站名称', site.name],
              ['首页地址', <UrlLink url={site.url} />],
              ['主办单位（责任单位）', site.agencyName],
              ['网站标识码', site.siteCode],
            ] as Array<[string, Child]>)
          : []),
        ['检查时间', <Time iso={runTime(run)} />],
        ['检查方式', triggerLabels[run.trigger]],
        ['检查页面数', `${run.pages} 个（共检查地址 ${run.links} 个）`],
        ['爬虫协议', robotsText(r.robots)],
        ['首页可用率', availabilityText(r.availability)],
      ]}
    />
  );
}

function Verdict({ r }: { r: RunReport }) {
  const s = r.summary!;
  return (
    <section class="gk-section" aria-labelledby="verdict">
      <h2 class="gk-section__title" id="verdict">
        检查结论
      </h2>
      <p class="gk-lead">
        <VerdictTag verdict={s.verdict} /> 得分 <strong>{s.score}</strong> 分（满分 100 分）
      </p>
      {s.vetoes.length ? (
        <div class="gk-flash gk-flash--error">
          <h3>
            <span class="gk-tag gk-tag--warn">单项否决 {s.vetoes.length} 项</span>
          </h3>
          <p>触及任一单项否决指标，网站即为不合格，与得分无关。</p>
          <ol>
            {s.vetoes.map((v) => (
              <li>
                <strong>{vetoLabels[v.code]}</strong>：{withoutLabel(v.message, vetoLabels[v.code])}
                <EvidenceList evidence={v.evidence} />
              </li>
            ))}
          </ol>
        </div>
      ) : (
        <p>未触及单项否决指标。</p>
      )}
    </section>
  );
}

function Deductions({ r }: { r: RunReport }) {
  const s = r.summary!;
  return (
    <section class="gk-section" aria-labelledby="deductions">
      <h2 class="gk-section__title" id="deductions">
        扣分情况
      </h2>
      {s.deductions.length ? (
        <Table caption="扣分项" head={['扣分项', '扣分', '说明']} numeric={[1]}>
          {s.deductions.map((d) => (
            <tr>
              <th scope="row">{d.item}</th>
              <td class="gk-num">{d.points}</td>
              <td>{d.message}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">得分</th>
            <td class="gk-num">{s.score}</td>
            <td>100 分减去扣分，最低 0 分</td>
          </tr>
        </Table>
      ) : (
        <p>没有扣分项，得分 {s.score} 分。</p>
      )}
    </section>
  );
}

function TrendSection({ r }: { r: RunReport }) {
  return (
    <section class="gk-section" aria-labelledby="trend">
      <h2 class="gk-section__title" id="trend">
        与上次检查比较
      </h2>
      {trendSentences(r.trend).map((line) => (
        <p>{line}</p>
      ))}
      {r.trend ? (
        <p>
          <a href={`/admin/inspection/runs/${r.trend.previous.id}`}>查看上次检查报告</a>
        </p>
      ) : null}
    </section>
  );
}

function Columns({ r }: { r: RunReport }) {
  const cols = r.summary!.columns;
  return (
    <section class="gk-section" aria-labelledby="columns">
      <h2 class="gk-section__title" id="columns">
        栏目更新
      </h2>
      <p>
        首页最近更新：
        <DateOnly date={r.summary!.homeUpdated} />
        {r.summary!.homeStale ? '（超过规定期限未更新）' : ''}
      </p>
      {cols.length ? (
        <Table caption="栏目" head={['栏目名称', '类别', '条目数', '最新发布日期', '状态']} numeric={[2]}>
          {cols.map((c) => (
            <tr>
              <th scope="row" class="gk-name">
                <a href={c.url} rel="noreferrer">
                  {c.title || '（无标题）'}
                </a>
              </th>
              <td>{columnClassLabels[c.class]}</td>
              <td class="gk-num">{c.items}</td>
              <td>
                <DateOnly date={c.latest} />
              </td>
              <td class={c.empty || c.stale ? 'gk-cell--error' : undefined}>{columnState(c)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>首页导航中没有找到列有日期条目的栏目。</p>
      )}
    </section>
  );
}

function BrokenLinks({ r }: { r: RunReport }) {
  const links = r.summary!.brokenLinks;
  return (
    <section class="gk-section" aria-labelledby="broken">
      <h2 class="gk-section__title" id="broken">
        失效链接（{links.length}）
      </h2>
      {links.length ? (
        <Table caption="失效链接" head={['地址', '状态', '所在页面', '链接文字']}>
          {links.map((l) => (
            <tr>
              <td>
                <UrlLink url={l.url} />
              </td>
              <td>{linkStatus(l.status)}</td>
              <td>{l.foundOn ? <UrlLink url={l.foundOn} /> : '—'}</td>
              <td>{l.text ?? ''}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>没有发现失效链接。</p>
      )}
    </section>
  );
}

function CountsTable({ r }: { r: RunReport }) {
  return (
    <Table
      caption="各指标检查结果数"
      head={['指标', ...outcomes.map((o) => outcomeLabels[o])]}
      numeric={[1, 2, 3, 4]}
    >
      {indicators.map((i) => (
        <tr>
          <th scope="row">{indicatorLabels[i]}</th>
          {outcomes.map((o) => (
            <td class={`gk-num${o === 'violation' && r.counts[i][o] > 0 ? ' gk-cell--error' : ''}`}>
              {r.counts[i][o]}
            </td>
          ))}
        </tr>
      ))}
    </Table>
  );
}

function ReviewControls({
  result,
  csrf,
  mayReview,
}: {
  result: ResultView;
  csrf: string;
  mayReview: boolean;
}) {
  if (result.outcome !== 'review') return null;
  const decided = result.review ? (
    <p>
      <span class={`gk-tag ${result.review === 'confirmed' ? 'gk-tag--warn' : 'gk-tag--ok'}`}>
        {reviewLabels[result.review]}
      </span>{' '}
      <Time iso={result.reviewedAt} />
    </p>
  ) : (
    <p class="gk-muted">尚未确认。</p>
  );
  if (!mayReview) return decided;
  const choices = [
    { value: 'confirmed', label: '确认是问题' },
    { value: 'dismissed', label: '不是问题' },
  ].filter((c) => c.value !== result.review);
  return (
    <>
      {decided}
      <form class="gk-actions" method="post" action={`/admin/inspection/results/${result.id}/review`}>
        <CsrfField token={csrf} />
        {choices.map((c) => (
          <button
            class="gk-button gk-button--secondary"
            type="submit"
            name="decision"
            value={c.value}
            aria-describedby={`m-${result.id}`}
          >
            {result.review ? `改为：${c.label}` : c.label}
          </button>
        ))}
      </form>
    </>
  );
}

function ResultItem({ result, csrf, mayReview }: { result: ResultView; csrf: string; mayReview: boolean }) {
  return (
    <li class="gk-finding" id={`r-${result.id}`}>
      <p id={`m-${result.id}`}>
        <strong>{indicatorLabels[result.indicator]}</strong>：{result.message}
        {result.impact ? (
          <>
            {' '}
            <span class="gk-tag">影响程度：{impactLabels[result.impact]}</span>
          </>
        ) : null}
      </p>
      <p class="gk-hint">
        检查规则 <code>{result.rule}</code>
      </p>
      <EvidenceList evidence={result.evidence} />
      <ReviewControls result={result} csrf={csrf} mayReview={mayReview} />
    </li>
  );
}

const outcomeNotes: Record<Outcome, string> = {
  violation: '确定不符合要求的检查结果。',
  review:
    '机器只能发现疑点的结果（如疑似暗链、疑似错别字），须由人工确认是否为问题；确认是问题的列入自查报告的问题清单。',
  pass: '符合要求的检查结果。',
  inapplicable: '本次不适用或未能检查的项目，附原因。',
};

/** Results grouped by the four outcomes, as axe-core groups them; failures and reviews open. */
function Results({ r, csrf }: { r: RunReport; csrf: string }) {
  return (
    <section class="gk-section" aria-labelledby="results">
      <h2 class="gk-section__title" id="results">
        检查结果
      </h2>
      <CountsTable r={r} />
      {outcomes.map((o) => {
        const list = r.results.filter((x) => x.outcome === o);
        return (
          <details open={(o === 'violation' || o === 'review') && list.length > 0}>
            <summary>
              <strong>
                {outcomeLabels[o]}（{list.length}）
              </strong>
            </summary>
            <p class="gk-hint">{outcomeNotes[o]}</p>
            {list.length ? (
              <ol class="gk-findings">
                {list.map((x) => (
                  <ResultItem result={x} csrf={csrf} mayReview={r.mayReview} />
                ))}
              </ol>
            ) : (
              <p>无。</p>
            )}
          </details>
        );
      })}
    </section>
  );
}

/**
 * One run's report: who is responsible and how the run went, the verdict first (单项否决 with
 * their evidence), the score and deductions, the trend, the columns, the broken links and every
 * result by outcome, and the two downloads. Shared by the site's page (its latest report) and the run's own page.
 */
export function RunReportView({
  r,
  csrf,
  withSite = true,
}: {
  r: RunReport;
  csrf: string;
  /** Whether the header repeats the site's name, address, agency and code (not on the site's own page). */
  withSite?: boolean;
}) {
  if (!r.summary)
    return (
      <>
        <ReportHeader r={r} withSite={withSite} />
        <p>
          这次检查{runStateLabels[r.run.state]}
          {r.run.state === 'queued' || r.run.state === 'crawling' ? '，检查完成后本页显示结果。' : '。'}
        </p>
        {r.run.error ? <p class="gk-error-message">{r.run.error}</p> : null}
      </>
    );
  return (
    <>
      <ReportHeader r={r} withSite={withSite} />
      {r.robots && r.robots.skipped.length ? (
        <details>
          <summary>按爬虫协议未检查的地址（{r.robots.skipped.length}）</summary>
          <ul class="gk-break">
            {r.robots.skipped.map((u) => (
              <li>
                <code>{u}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <ul class="gk-link-list">
        <li>
          <a href={`/admin/inspection/runs/${r.run.id}/report.docx`}>下载季度自查报告（文档）</a>
        </li>
        <li>
          <a href={`/admin/inspection/runs/${r.run.id}/report.xlsx`}>下载检查结果（电子表格）</a>
        </li>
      </ul>
      <Verdict r={r} />
      <Deductions r={r} />
      <TrendSection r={r} />
      <Columns r={r} />
      <BrokenLinks r={r} />
      <Results r={r} csrf={csrf} />
    </>
  );
}

/** `+3.5 分` for a table cell, or a dash. */
export function ScoreChange({ change }: { change: number | null }) {
  return <>{change === null ? '—' : change === 0 ? '持平' : `${scoreChangeText(change)} 分`}</>;
}

/** A veto's message without its own label in front (the page prints the label in bold before it). */
function withoutLabel(message: string, label: string): string {
  return message.startsWith(`${label}：`) ? message.slice(label.length + 1) : message;
}
