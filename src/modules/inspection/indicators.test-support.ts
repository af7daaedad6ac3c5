// Sites for the indicator tests, built as the crawler would record them (CrawledUrl + PageFacts),
// described by a small spec so that tests and properties can vary one thing at a time.
import { addDays } from './dates.js';
import type { CheckResult, CrawledUrl, DatedItem, PageFacts, PersonalDataHit } from './inspection.js';
import type { EvaluationInput, Probe, UnansweredMessage } from './rules.js';
import { defaultRules } from './rules.js';

/** 2026-12-14 12:00 in Beijing. */
export const NOW = new Date('2026-12-14T04:00:00Z');
export const TODAY = '2026-12-14';
export const HOME = 'https://www.jj.gov.cn/';
export const FETCHED = '2026-12-14T03:30:00.000Z';
/** The date `age` days before the check day. */
export const ago = (age: number) => addDays(TODAY, -age);

export const FULL_FOOTER =
  '主办单位：晋江市人民政府办公室 网站标识码：3505820001 闽ICP备05003456号-1 闽公网安备 35058202000123号 联系电话：0595-85612345 党政机关';

export type ColumnKind = 'dated' | 'empty' | 'undated' | 'static';
export interface ColumnSpec {
  title: string;
  kind: ColumnKind;
  /** Ages (days before the check day) of the column's dated items. */
  ages: number[];
}

export interface SiteSpec {
  /** Ages of the dated items on the home page. */
  homeAges: number[];
  homeUndated?: number;
  columns: ColumnSpec[];
  footer?: string;
  /** Home fetch: status (null = no answer) and error. */
  homeStatus?: number | null;
  homeError?: string | null;
  /** Probes over the last 7 days: how many, and how many failed (null = one-shot run). */
  probes?: { perDay: number; failed: number } | null;
  unanswered?: UnansweredMessage[] | null;
  accessibility?: CheckResult[] | null;
  /** Broken links found on the home page and on other pages. */
  brokenOnHome?: number;
  brokenElsewhere?: number;
  extra?: CrawledUrl[];
}

export function facts(url: string, f: Partial<PageFacts> = {}): PageFacts {
  return {
    url,
    title: '',
    meta: {},
    pubDate: null,
    links: [],
    navLinks: [],
    datedItems: [],
    undatedItems: 0,
    emptyPlaceholder: false,
    footerText: '',
    personalData: [],
    ...f,
  };
}

export function page(url: string, f: Partial<PageFacts> | null, c: Partial<CrawledUrl> = {}): CrawledUrl {
  return {
    url,
    kind: 'page',
    status: 200,
    error: null,
    foundOn: HOME,
    anchorText: null,
    depth: 1,
    fetchedAt: FETCHED,
    facts: f === null ? null : facts(url, f),
    ...c,
  };
}

export function link(url: string, status: number | null, foundOn: string, anchorText: string): CrawledUrl {
  return {
    url,
    kind: 'link',
    status,
    error: status === null ? '连接超时（15 秒）' : null,
    foundOn,
    anchorText,
    depth: 2,
    fetchedAt: FETCHED,
    facts: null,
  };
}

const items = (base: string, ages: number[]): DatedItem[] =>
  ages.map((age, i) => ({ url: `${base}${i}.htm`, title: `信息${i}`, date: ago(age) }));

export const columnUrl = (i: number) => `${HOME}col${i}/`;

export function probes(perDay: number, failed: number, days = 7): Probe[] {
  const total = perDay * days;
  const step = (days * 86_400_000) / total;
  return Array.from({ length: total }, (_, i) => {
    const ok = i >= failed;
    return {
      at: new Date(NOW.getTime() - (i + 0.5) * step).toISOString(),
      ok,
      status: ok ? 200 : null,
      ms: ok ? 120 : null,
      error: ok ? null : '连接超时（15 秒）',
    };
  });
}

/** The input `evaluate` gets for a site described by `spec`. */
export function site(spec: SiteSpec): EvaluationInput {
  const columnPages = spec.columns.map((c, i) => {
    const url = columnUrl(i);
    const f: Partial<PageFacts> = { title: `${c.title}_晋江市人民政府`, meta: { ColumnName: c.title } };
    if (c.kind === 'dated') f.datedItems = items(url, c.ages);
    if (c.kind === 'empty') f.emptyPlaceholder = true;
    if (c.kind === 'undated') f.undatedItems = 3;
    return page(url, f);
  });
  const broken: CrawledUrl[] = [
    ...Array.from({ length: spec.brokenOnHome ?? 0 }, (_, i) =>
      link(`${HOME}gone${i}.htm`, 404, HOME, `失效${i}`),
    ),
    ...Array.from({ length: spec.brokenElsewhere ?? 0 }, (_, i) =>
      link(`http://other.example/${i}`, i % 2 ? null : 500, columnUrl(0), `外链${i}`),
    ),
  ];
  const homeStatus = spec.homeStatus === undefined ? 200 : spec.homeStatus;
  const readable = homeStatus !== null && homeStatus < 400;
  const navLinks = spec.columns.map((c, i) => ({
    url: columnUrl(i),
    text: c.title,
    hidden: false,
    date: null,
  }));
  const home: CrawledUrl = page(
    HOME,
    readable
      ? {
          title: '晋江市人民政府',
          navLinks,
          links: [
            ...navLinks,
            { url: 'https://bszs.conac.cn/sitename?id=1', text: '', hidden: false, date: null },
          ],
          datedItems: items(`${HOME}news/`, spec.homeAges),
          undatedItems: spec.homeUndated ?? 0,
          footerText: spec.footer ?? FULL_FOOTER,
        }
      : null,
    { depth: 0, foundOn: null, status: homeStatus, error: readable ? null : (spec.homeError ?? null) },
  );
  return {
    now: NOW,
    home,
    crawled: [home, ...columnPages, ...broken, ...(spec.extra ?? [])],
    robots: { url: `${HOME}robots.txt`, status: 404, decision: 'absent', crawlDelayMs: null, skipped: [] },
    probes: spec.probes ? probes(spec.probes.perDay, spec.probes.failed) : null,
    interaction:
      spec.unanswered === undefined ? { unanswered: [] } : spec.unanswered && { unanswered: spec.unanswered },
    accessibility: spec.accessibility === undefined ? [] : spec.accessibility,
    rules: defaultRules,
  };
}

/** A healthy site: fresh home page, fresh columns of each class, full footer. */
export const healthy: SiteSpec = {
  homeAges: [1, 3],
  columns: [
    { title: '工作动态', kind: 'dated', ages: [2, 9] },
    { title: '通知公告', kind: 'dated', ages: [30] },
    { title: '政策解读', kind: 'dated', ages: [100] },
    { title: '机构概况', kind: 'static', ages: [] },
  ],
};

export const idHit: PersonalDataHit = {
  kind: 'idNumber',
  masked: '350582********1234',
  context: '身份证号：350582********1234，',
};
