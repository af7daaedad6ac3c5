import { beijingDate } from '../../platform/clock.js';
import { addDays, daysBetween } from './dates.js';
import {
  MAX_EVIDENCE,
  answered,
  homeUnread,
  hostOf,
  checkAccessibility,
  checkBrokenLinks,
  checkDarkLinks,
  checkFooter,
  checkMetaTags,
  checkPersonalData,
  ev,
  pageEvidence,
  result,
  veto,
  type Counts,
  type Ctx,
  type Part,
} from './findings.js';
import type {
  CheckResult,
  ColumnVerdict,
  CrawledUrl,
  Evaluation,
  Evidence,
  Indicator,
  PageFacts,
  Veto,
} from './inspection.js';
import { columnClassLabels, indicators, vetoCodes } from './inspection.js';
import type { EvaluationInput } from './rules.js';
import { classifyColumn } from './rules.js';
import { deductionsFor, scoreOf, verdictOf } from './score.js';

// The indicators of the site inspector (国办秘函〔2019〕19号; issue 17 §2): each judged with its
// evidence, vetoes first, then the 100-point sheet (score.ts). Pure: everything comes in `input`.
//
// Days are Beijing calendar days. "Within N days" means the newest item's date is on or after
// today − N: an item N days old is still fresh, N + 1 days old is stale (14 → 13 fresh, 14 fresh,
// 15 stale). Dates after today are not publications (a typo or an event date): they never make
// anything fresh and are reported for review.

/** Judges one run of the inspector. */
export function evaluate(input: EvaluationInput): Evaluation {
  const pages = new Map<string, CrawledUrl & { facts: PageFacts }>();
  for (const c of [input.home, ...input.crawled]) {
    if (!c.facts) continue;
    const page = c as CrawledUrl & { facts: PageFacts };
    if (!pages.has(c.url)) pages.set(c.url, page);
    if (!pages.has(c.facts.url)) pages.set(c.facts.url, page);
  }
  const ctx: Ctx = {
    input,
    today: beijingDate(input.now),
    pages,
    homeHost: hostOf(input.home.facts?.url ?? input.home.url),
    homeUrls: new Set([input.home.url, input.home.facts?.url ?? input.home.url]),
  };
  const availability = checkAvailability(ctx);
  const home = checkHomeFreshness(ctx);
  const columns = checkColumns(ctx);
  const broken = checkBrokenLinks(ctx);
  const parts: Part[] = [
    availability,
    home,
    columns,
    checkInteraction(ctx),
    broken,
    checkDarkLinks(ctx),
    checkMetaTags(ctx),
    checkFooter(ctx),
    checkPersonalData(ctx),
    checkAccessibility(ctx),
  ];
  const order = (i: Indicator) => indicators.indexOf(i);
  const results = parts.flatMap((p) => p.results).sort((a, b) => order(a.indicator) - order(b.indicator));
  const vetoes = parts
    .flatMap((p) => p.vetoes ?? [])
    .sort((a, b) => vetoCodes.indexOf(a.code) - vetoCodes.indexOf(b.code));
  const counts: Counts = Object.assign({}, ...parts.map((p) => p.counts ?? {}));
  const deductions = deductionsFor(counts, input.rules);
  const score = scoreOf(deductions);
  return {
    reachable: availability.reachable,
    homeUpdated: home.updated,
    homeStale: home.stale,
    columns: columns.columns,
    brokenLinks: broken.links,
    vetoes,
    deductions,
    score,
    verdict: verdictOf(vetoes, score),
    results,
  };
}

function checkAvailability(ctx: Ctx): Part & { reachable: boolean } {
  const { home, probes, rules, now } = ctx.input;
  const homeAnswered = answered(home.status);
  const homeText = home.error ?? (home.status === null ? '无响应' : `HTTP ${home.status}`);
  if (probes === null) {
    if (homeAnswered)
      return {
        reachable: true,
        results: [
          result('availability', 'pass', 'homeReachable', '首页可以访问（单次检查，未做 7 天监测）。', [
            pageEvidence(home, homeText),
          ]),
        ],
      };
    const message = `首页无法访问：${homeText}。`;
    return {
      reachable: false,
      results: [
        result('availability', 'violation', 'homeUnreachable', message, [pageEvidence(home, homeText)]),
      ],
      vetoes: [veto('unreachable', message, [pageEvidence(home, homeText)])],
      counts: { availability: 100 },
    };
  }
  const v = rules.veto;
  const end = now.getTime();
  const start = end - v.probeWindowDays * 86_400_000;
  const inWindow = probes.filter((p) => {
    const t = Date.parse(p.at);
    return Number.isFinite(t) && t > start && t <= end;
  });
  const failed = inWindow.filter((p) => !p.ok);
  const total = inWindow.length;
  const expected = v.probesPerDay * v.probeWindowDays;
  const percent = total ? (failed.length / total) * 100 : 0;
  const share = `近 ${v.probeWindowDays} 天监测首页 ${total} 次，失败 ${failed.length} 次（${percent.toFixed(2)}%）`;
  const failures = failed
    .slice(0, MAX_EVIDENCE)
    .map((p) => ev(home.url, p.at, p.status, p.error ?? (p.status === null ? '无响应' : `HTTP ${p.status}`)));
  const summary = ev(home.url, now.toISOString(), null, share);
  if (total < expected) {
    const message = `监测次数不足：${share}，应不少于 ${expected} 次（每天 ${v.probesPerDay} 次），暂不判定。`;
    return {
      reachable: homeAnswered,
      results: [result('availability', 'review', 'probesInsufficient', message, [summary, ...failures])],
    };
  }
  if (failed.length >= v.probeFailureShare * total - 1e-9 && failed.length > 0) {
    const message = `站点无法访问：${share}，达到 ${v.probeFailureShare * 100}% 的否决线。`;
    return {
      reachable: false,
      results: [result('availability', 'violation', 'probeFailures', message, [summary, ...failures])],
      vetoes: [veto('unreachable', message, [summary, ...failures])],
      counts: { availability: Math.ceil(percent) },
    };
  }
  if (failed.length > 0)
    return {
      reachable: true,
      results: [
        result('availability', 'violation', 'probeFailures', `首页可用性不足 100%：${share}。`, [
          summary,
          ...failures,
        ]),
      ],
      counts: { availability: Math.ceil(percent) },
    };
  return {
    reachable: true,
    results: [result('availability', 'pass', 'probesAllOk', `首页均可访问：${share}。`, [summary])],
  };
}

interface Candidate {
  date: string;
  url: string;
  title: string;
  from: CrawledUrl;
}

function checkHomeFreshness(ctx: Ctx): Part & { updated: string | null; stale: boolean } {
  const { home, rules } = ctx.input;
  const facts = home.facts;
  if (!facts)
    return {
      updated: null,
      stale: false,
      results: [
        result('homeFreshness', 'inapplicable', 'homeUnread', '首页未能读取，无法判断首页更新。', [
          homeUnread(ctx),
        ]),
      ],
    };
  const candidates: Candidate[] = facts.datedItems.map((i) => ({ ...i, from: home }));
  const linked = new Set<CrawledUrl>();
  for (const link of facts.links) {
    const page = ctx.pages.get(link.url);
    if (!page || page === home || linked.has(page)) continue;
    linked.add(page);
    if (page.facts.pubDate)
      candidates.push({ date: page.facts.pubDate, url: page.url, title: page.facts.title, from: page });
    if (rules.homeNavigationHub && facts.datedItems.length === 0 && facts.undatedItems === 0)
      for (const i of page.facts.datedItems) candidates.push({ ...i, from: page });
  }
  const future = candidates.filter((c) => c.date > ctx.today);
  const usable = candidates.filter((c) => c.date <= ctx.today);
  const newest = usable.reduce<Candidate | null>((a, c) => (!a || c.date > a.date ? c : a), null);
  const window = rules.homeWindowDays;
  const results: CheckResult[] = [];
  if (future.length)
    results.push(
      result(
        'homeFreshness',
        'review',
        'futureDate',
        `首页有 ${future.length} 条信息的日期晚于检查日（${ctx.today}），未计入更新，请人工确认。`,
        future.slice(0, MAX_EVIDENCE).map((c) => pageEvidence(c.from, `「${c.title}」${c.date}（${c.url}）`)),
      ),
    );
  const homeEv = pageEvidence(
    home,
    `首页共 ${candidates.length} 条注明日期的信息，另有 ${facts.undatedItems} 条未注明日期`,
  );
  if (!newest) {
    const message = '首页没有注明发布时间的信息（未注明发布时间的视为不更新）。';
    results.push(result('homeFreshness', 'violation', 'homeUndated', message, [homeEv]));
    return { updated: null, stale: true, results, vetoes: [veto('homeStale', message, [homeEv])] };
  }
  const age = daysBetween(newest.date, ctx.today);
  const newestEv = pageEvidence(newest.from, `「${newest.title}」${newest.date}（${newest.url}）`);
  if (age > window) {
    const message = `首页最新信息发布于 ${newest.date}，距检查日 ${age} 天，超过 ${window} 天未更新。`;
    results.push(result('homeFreshness', 'violation', 'homeStale', message, [newestEv, homeEv]));
    return {
      updated: newest.date,
      stale: true,
      results,
      vetoes: [veto('homeStale', message, [newestEv, homeEv])],
    };
  }
  results.push(
    result('homeFreshness', 'pass', 'homeFresh', `首页最新信息发布于 ${newest.date}（${age} 天前）。`, [
      newestEv,
    ]),
  );
  return { updated: newest.date, stale: false, results };
}

function checkColumns(ctx: Ctx): Part & { columns: ColumnVerdict[] } {
  const { home, rules, siteColumns } = ctx.input;
  if (!home.facts) {
    const why = homeUnread(ctx);
    return {
      columns: [],
      results: [
        result('columnFreshness', 'inapplicable', 'homeUnread', '首页未能读取，无法找出栏目。', [why]),
        result('emptyColumns', 'inapplicable', 'homeUnread', '首页未能读取，无法找出栏目。', [why]),
      ],
    };
  }
  const columns: ColumnVerdict[] = [];
  const results: CheckResult[] = [];
  const evidenceOf = new Map<ColumnVerdict, Evidence>();
  const seen = new Set<CrawledUrl>();
  for (const link of home.facts.navLinks) {
    const page = ctx.pages.get(link.url);
    if (!page || page === home || ctx.homeUrls.has(page.facts.url) || seen.has(page)) continue;
    seen.add(page);
    const f = page.facts;
    const title = link.text || f.meta.ColumnName || f.title || link.url;
    const cls = classifyColumn(title, [link.url, page.url, f.url], rules, siteColumns);
    if (cls === 'ignore') continue;
    const label = columnClassLabels[cls];
    const window = rules.columnWindowDays[cls];
    let column: ColumnVerdict;
    let text: string;
    if (f.datedItems.length > 0) {
      const dates = f.datedItems.map((i) => i.date).filter((d) => d <= ctx.today);
      const latest = dates.length ? dates.reduce((a, d) => (d > a ? d : a)) : null;
      const stale = latest === null || daysBetween(latest, ctx.today) > window;
      column = { title, url: link.url, class: cls, items: f.datedItems.length, latest, stale, empty: false };
      text = latest
        ? `「${title}」（${label}）${f.datedItems.length} 条，最新 ${latest}，距检查日 ${daysBetween(latest, ctx.today)} 天，期限 ${window} 天`
        : `「${title}」（${label}）${f.datedItems.length} 条，日期均晚于检查日 ${ctx.today}`;
    } else if (f.emptyPlaceholder) {
      column = { title, url: link.url, class: cls, items: 0, latest: null, stale: false, empty: true };
      text = `「${title}」显示无信息（如"暂无信息"）`;
    } else {
      // A page that lists no dated item is no column (issue 17 §2): a static page (概况, 机构职能)
      // or a directory (机构导航, 目录). One whose lists carry only undated items may still be a
      // column that should show dates: a person decides.
      if (f.undatedItems > 0)
        results.push(
          result(
            'columnFreshness',
            'review',
            'columnUndated',
            `「${title}」列有 ${f.undatedItems} 条信息，均未注明发布时间；如属应更新的栏目，未注明发布时间的视为不更新，请人工确认。`,
            [pageEvidence(page, `「${title}」无带日期的条目`)],
          ),
        );
      continue;
    }
    columns.push(column);
    const e = pageEvidence(page, text);
    evidenceOf.set(column, e);
    if (column.empty)
      results.push(result('emptyColumns', 'violation', 'emptyColumn', `空白栏目：${text}。`, [e]));
    else if (column.stale)
      results.push(result('columnFreshness', 'violation', 'columnStale', `栏目超期未更新：${text}。`, [e]));
    else results.push(result('columnFreshness', 'pass', 'columnFresh', `栏目按期更新：${text}。`, [e]));
  }
  const homeEv = pageEvidence(
    home,
    `首页导航链接 ${home.facts.navLinks.length} 个，识别出栏目 ${columns.length} 个`,
  );
  if (!columns.some((c) => !c.empty))
    results.push(
      result('columnFreshness', 'inapplicable', 'noColumns', '首页导航中未发现列有注明日期信息的栏目。', [
        homeEv,
      ]),
    );
  const empty = columns.filter((c) => c.empty);
  if (!empty.length)
    results.push(result('emptyColumns', 'pass', 'noEmptyColumns', '未发现空白栏目。', [homeEv]));
  const stale = columns.filter((c) => c.stale);
  const keyStale = stale.filter((c) => c.class !== 'other');
  const v = rules.veto;
  const vetoes: Veto[] = [];
  const reasons: string[] = [];
  if (keyStale.length >= v.keyColumnsStale)
    reasons.push(
      `动态要闻类和通知公告、政策文件类栏目超期未更新 ${keyStale.length} 个（达到 ${v.keyColumnsStale} 个）`,
    );
  if (stale.length >= v.anyColumnsStale)
    reasons.push(`各类栏目超期未更新 ${stale.length} 个（达到 ${v.anyColumnsStale} 个）`);
  if (reasons.length)
    vetoes.push(
      veto(
        'columnsStale',
        `栏目不更新：${reasons.join('；')}。`,
        (reasons.length === 1 && keyStale.length >= v.keyColumnsStale ? keyStale : stale).map((c) =>
          evidenceOf.get(c)!,
        ),
      ),
    );
  if (empty.length >= v.emptyColumns)
    vetoes.push(
      veto(
        'emptyColumns',
        `空白栏目 ${empty.length} 个（达到 ${v.emptyColumns} 个）。`,
        empty.map((c) => evidenceOf.get(c)!),
      ),
    );
  return { columns, results, vetoes, counts: { staleColumns: stale.length, emptyColumns: empty.length } };
}

function checkInteraction(ctx: Ctx): Part {
  const { interaction, rules, home } = ctx.input;
  if (interaction === null)
    return {
      results: [
        result(
          'interaction',
          'inapplicable',
          'noInteractionData',
          '该网站不是本平台门户，无法取得留言办理数据，互动回应未检查。',
          [pageEvidence(home, null)],
        ),
      ],
    };
  const v = rules.veto;
  const since = addDays(ctx.today, -v.interactionLookbackDays);
  const dayOf = (iso: string | null | undefined) => {
    const t = iso ? Date.parse(iso) : NaN;
    return Number.isFinite(t) ? beijingDate(new Date(t)) : null;
  };
  // Waited: until the answer for a message answered late, until today for one still open.
  const overdue = interaction.unanswered
    .map((m) => {
      const day = dayOf(m.receivedAt);
      const answeredOn = dayOf(m.answeredAt);
      return day ? { m, day, answeredOn, waited: daysBetween(day, answeredOn ?? ctx.today) } : null;
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .filter(({ day, waited }) => day >= since && waited > v.interactionUnansweredDays);
  if (!overdue.length)
    return {
      results: [
        result(
          'interaction',
          'pass',
          'noOverdueMessages',
          `近 ${v.interactionLookbackDays} 天收到的留言没有超过 ${v.interactionUnansweredDays} 天未答复的。`,
          [ev(home.url, ctx.input.now.toISOString(), null, `送检留言 ${interaction.unanswered.length} 条`)],
        ),
      ],
    };
  const evidence = overdue.map(({ m, day, answeredOn, waited }) =>
    ev(
      m.url,
      m.receivedAt,
      null,
      answeredOn
        ? `「${m.title}」${day} 收到，${answeredOn} 才答复（${waited} 天）`
        : `「${m.title}」${day} 收到，已 ${waited} 天未答复`,
    ),
  );
  const message = `互动回应差：${overdue.length} 条留言超过 ${v.interactionUnansweredDays} 天未答复。`;
  return {
    results: overdue.map(({ m }, i) =>
      result(
        'interaction',
        'violation',
        'messageOverdue',
        `留言「${m.title}」超过 ${v.interactionUnansweredDays} 天未答复。`,
        [evidence[i]!],
      ),
    ),
    vetoes: [veto('interactionBacklog', message, evidence)],
  };
}
