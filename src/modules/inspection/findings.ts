import { isPubDateFormat } from './dates.js';
import type {
  CheckResult,
  CrawledUrl,
  Evaluation,
  Evidence,
  Indicator,
  PageFacts,
  Veto,
  VetoCode,
} from './inspection.js';
import { personalDataKindLabels } from './inspection.js';
import type { DeductionItem, EvaluationInput } from './rules.js';

// The page findings of the site inspector (issue 17 §2): broken links, 暗链, the 47号 meta tags,
// the footer items, unmasked personal data and the accessibility engine's results — items of the
// 100-point sheet, never vetoes — and the small kit every indicator (indicators.ts) shares.

export type Counts = Partial<Record<DeductionItem, number>>;
export interface Part {
  results: CheckResult[];
  vetoes?: Veto[];
  counts?: Counts;
}
export interface Ctx {
  input: EvaluationInput;
  today: string;
  /** Fetched pages by the address met and the address after redirects. */
  pages: Map<string, CrawledUrl & { facts: PageFacts }>;
  homeHost: string;
  homeUrls: Set<string>;
}

export const MAX_EVIDENCE = 20;
const HOME_SHORT = 200;

export const answered = (status: number | null) => status !== null && status >= 200 && status < 400;
export const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
};
export const ev = (
  url: string | null,
  at: string | null,
  status: number | null,
  text: string | null,
): Evidence => ({
  url,
  at,
  status,
  text,
});
export const pageEvidence = (c: CrawledUrl, text: string | null) => ev(c.url, c.fetchedAt, c.status, text);
export const result = (
  indicator: Indicator,
  outcome: CheckResult['outcome'],
  rule: string,
  message: string,
  evidence: Evidence[],
): CheckResult => ({ indicator, outcome, rule, message, evidence });
export const veto = (code: VetoCode, message: string, evidence: Evidence[]): Veto => ({
  code,
  message,
  evidence,
});

/** Why a page-based indicator cannot be judged when the home page was not read. */
export function homeUnread(ctx: Ctx): Evidence {
  const { home, robots } = ctx.input;
  const why =
    robots.decision === 'disallowed'
      ? `robots.txt 不允许抓取（${robots.url}）`
      : (home.error ?? (home.status === null ? '无响应' : `HTTP ${home.status}`));
  return pageEvidence(home, `首页未能读取：${why}`);
}

export function checkBrokenLinks(ctx: Ctx): Part & { links: Evaluation['brokenLinks'] } {
  const seen = new Set<string>();
  const links: Evaluation['brokenLinks'] = [];
  const results: CheckResult[] = [];
  let onHome = 0;
  let elsewhere = 0;
  let checked = 0;
  for (const c of ctx.input.crawled) {
    if (seen.has(c.url) || ctx.homeUrls.has(c.url)) continue;
    seen.add(c.url);
    checked++;
    if (c.status !== null && c.status < 400) continue;
    const external = hostOf(c.url) !== ctx.homeHost;
    const why = c.error ?? (c.status === null ? '无响应' : `HTTP ${c.status}`);
    links.push({ url: c.url, status: c.status, foundOn: c.foundOn, text: c.anchorText });
    if (c.foundOn !== null && ctx.homeUrls.has(c.foundOn)) onHome++;
    else elsewhere++;
    results.push(
      result(
        'brokenLinks',
        'violation',
        external ? 'brokenLinkExternal' : 'brokenLink',
        `${external ? '站外' : '站内'}链接无法访问（${why}）：「${c.anchorText ?? c.url}」`,
        [pageEvidence(c, why), ev(c.foundOn, null, null, `所在页面，链接文字「${c.anchorText ?? ''}」`)],
      ),
    );
  }
  if (!links.length)
    results.push(
      result('brokenLinks', 'pass', 'linksOk', `检查了 ${checked} 个链接，均可访问。`, [
        pageEvidence(ctx.input.home, `检查链接 ${checked} 个`),
      ]),
    );
  return { links, results, counts: { brokenLinksHome: onHome, brokenLinks: elsewhere } };
}

export function checkDarkLinks(ctx: Ctx): Part {
  const confirmed = new Set(ctx.input.confirmedDarkLinks ?? []);
  const found = new Map<string, { text: string; on: Array<CrawledUrl & { facts: PageFacts }> }>();
  for (const page of new Set(ctx.pages.values()))
    for (const link of page.facts.links) {
      if (!link.hidden || hostOf(link.url) === ctx.homeHost) continue;
      const entry = found.get(link.url) ?? { text: link.text, on: [] };
      if (!entry.on.includes(page)) entry.on.push(page);
      found.set(link.url, entry);
    }
  const results: CheckResult[] = [];
  let confirmedCount = 0;
  for (const [url, { text, on }] of found) {
    const isConfirmed = confirmed.has(url);
    if (isConfirmed) confirmedCount++;
    results.push(
      result(
        'darkLinks',
        isConfirmed ? 'violation' : 'review',
        'darkLink',
        isConfirmed
          ? `暗链（已人工确认）：隐藏的站外链接「${text}」（${url}）。`
          : `疑似暗链：隐藏的站外链接「${text}」（${url}），请人工确认。`,
        on.slice(0, MAX_EVIDENCE).map((p) => pageEvidence(p, `隐藏链接「${text}」→ ${url}`)),
      ),
    );
  }
  if (!found.size)
    results.push(
      result(
        'darkLinks',
        'pass',
        'noDarkLinks',
        `检查了 ${new Set(ctx.pages.values()).size} 个页面，未发现隐藏的站外链接。`,
        [pageEvidence(ctx.input.home, null)],
      ),
    );
  return { results, counts: { darkLinks: confirmedCount } };
}

const REQUIRED_TAGS = ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ArticleTitle', 'PubDate'];

export function checkMetaTags(ctx: Ctx): Part {
  const results: CheckResult[] = [];
  const complete: CrawledUrl[] = [];
  for (const page of new Set(ctx.pages.values())) {
    const meta = page.facts.meta;
    if (!meta.ArticleTitle && !page.facts.pubDate) continue;
    const missing = REQUIRED_TAGS.filter((n) => !meta[n]);
    const problems: string[] = [];
    if (missing.length) problems.push(`缺少网页标签 ${missing.join('、')}`);
    if (meta.PubDate && !isPubDateFormat(meta.PubDate))
      problems.push(`PubDate「${meta.PubDate}」不符合 YYYY-MM-DD HH:MM 格式`);
    if (!problems.length) {
      complete.push(page);
      continue;
    }
    results.push(
      result(
        'metaTags',
        'violation',
        missing.length ? 'metaTagsMissing' : 'pubDateFormat',
        `文章页：${problems.join('；')}。`,
        [pageEvidence(page, problems.join('；'))],
      ),
    );
  }
  if (complete.length)
    results.push(
      result(
        'metaTags',
        'pass',
        'metaTagsComplete',
        `${complete.length} 个文章页的网页标签齐全、PubDate 格式正确。`,
        complete.slice(0, MAX_EVIDENCE).map((p) => pageEvidence(p, null)),
      ),
    );
  if (!results.length)
    results.push(
      result(
        'metaTags',
        'inapplicable',
        'noArticlePages',
        '未抓取到文章页（带 ArticleTitle 标签或发布时间的页面）。',
        [pageEvidence(ctx.input.home, null)],
      ),
    );
  return { results, counts: { metaTags: results.filter((r) => r.outcome === 'violation').length } };
}

const FOOTER_ITEMS: Array<{ rule: string; label: string; test: (text: string, links: string[]) => boolean }> =
  [
    { rule: 'footerHost', label: '主办单位', test: (t) => /主办/.test(t) },
    {
      rule: 'footerSiteCode',
      label: '网站标识码',
      test: (t) => /网站标识码\s*[:：]?\s*[A-Za-z0-9]{10}(?![A-Za-z0-9])/.test(t),
    },
    { rule: 'footerIcp', label: 'ICP备案号', test: (t) => /ICP\s*备\s*\d+\s*号/i.test(t) },
    { rule: 'footerPoliceRecord', label: '公安机关备案号', test: (t) => /公网安备\s*\d+\s*号/.test(t) },
    {
      rule: 'footerConac',
      label: '党政机关网站标识',
      test: (t, links) => /党政机关/.test(t) || links.some((u) => /(^|\.)conac\.cn$/i.test(hostOf(u))),
    },
    {
      rule: 'footerContact',
      label: '联系方式',
      test: (t) => /(?:电话|联系方式|热线|Tel)[^0-9]{0,8}\d/i.test(t),
    },
  ];

export function checkFooter(ctx: Ctx): Part {
  const { home } = ctx.input;
  if (!home.facts)
    return {
      results: [
        result('footer', 'inapplicable', 'homeUnread', '首页未能读取，无法检查网站底部信息。', [
          homeUnread(ctx),
        ]),
      ],
    };
  const text = home.facts.footerText;
  const links = home.facts.links.map((l) => l.url);
  const shown = pageEvidence(
    home,
    text.length > HOME_SHORT ? `${text.slice(0, HOME_SHORT)}…` : text || '（无底部文字）',
  );
  const results = FOOTER_ITEMS.map((item) =>
    item.test(text, links)
      ? result('footer', 'pass', item.rule, `网站底部有${item.label}。`, [shown])
      : result('footer', 'violation', item.rule, `网站底部缺少${item.label}。`, [shown]),
  );
  return { results, counts: { footer: results.filter((r) => r.outcome === 'violation').length } };
}

export function checkPersonalData(ctx: Ctx): Part {
  const results: CheckResult[] = [];
  const seen = new Set<string>();
  let scanned = 0;
  for (const c of [ctx.input.home, ...ctx.input.crawled]) {
    if (seen.has(c.url)) continue;
    seen.add(c.url);
    for (const [hits, rule, where] of [
      [c.facts?.personalData ?? [], 'personalDataPage', '页面'],
      [c.attachmentHits ?? [], 'personalDataAttachment', '附件'],
    ] as const) {
      if (where === '页面' ? c.facts : c.kind === 'attachment') scanned++;
      if (!hits.length) continue;
      const byKind = Object.entries(personalDataKindLabels)
        .map(([k, label]) => [label, hits.filter((h) => h.kind === k).length] as const)
        .filter(([, n]) => n > 0)
        .map(([label, n]) => `${label} ${n} 个`);
      results.push(
        result(
          'personalData',
          'violation',
          rule,
          `${where}公开了未脱敏的个人信息：${byKind.join('、')}。`,
          hits
            .slice(0, MAX_EVIDENCE)
            .map((h) => pageEvidence(c, `${personalDataKindLabels[h.kind]}：${h.context}`)),
        ),
      );
    }
  }
  if (!results.length)
    results.push(
      result(
        'personalData',
        'pass',
        'noPersonalData',
        `检查了 ${scanned} 个页面和附件，未发现未脱敏的身份证号或手机号码。`,
        [pageEvidence(ctx.input.home, null)],
      ),
    );
  return { results, counts: { personalData: results.filter((r) => r.outcome === 'violation').length } };
}

export function checkAccessibility(ctx: Ctx): Part {
  const { accessibility, home } = ctx.input;
  if (accessibility === null) {
    const e = pageEvidence(home, '未配置浏览器引擎');
    return {
      results: [
        result(
          'accessibility',
          'inapplicable',
          'noEngine',
          '未配置浏览器引擎，未做无障碍（WCAG 2 A/AA）检查。',
          [e],
        ),
        result('agedCare', 'inapplicable', 'noEngine', '未配置浏览器引擎，未做适老化检查。', [e]),
      ],
    };
  }
  const serious = accessibility.filter(
    (r) =>
      r.indicator === 'accessibility' &&
      r.outcome === 'violation' &&
      (r.impact === 'serious' || r.impact === 'critical'),
  ).length;
  const aged = accessibility.filter((r) => r.indicator === 'agedCare' && r.outcome === 'violation').length;
  return { results: accessibility, counts: { accessibility: serious, agedCare: aged } };
}
