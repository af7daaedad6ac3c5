import type { CheckResult, ColumnClass, CrawledUrl, RobotsDecision } from './inspection.js';
import { columnClasses, columnClassLabels } from './inspection.js';

// The rules of the site inspector (国办秘函〔2019〕19号; services.md §2.1–2.2; legal.md §6.1), as
// data: the office may change them, and `rulesProblems` says in Chinese what is wrong with a set.
//
// Thresholds of the 单项否决 items are those of the 19号 table [C]. The points of the 100-point
// sheet are NOT verified (legal.md §6.1 marks them [R]): the defaults below are this platform's
// choice, written down in `deductionDefaults` and the report, and configurable.

/** A pattern on the column title (a regular expression source) and the class it gives. */
export interface ColumnPattern {
  pattern: string;
  class: ColumnClass;
}

/** A per-site rule for one column, by its title (as judged) or its URL: its class, or `ignore` (not judged). */
export interface ColumnOverride {
  /** The column title, compared with whitespace removed (menus space out short titles: 新 闻). */
  title?: string;
  /** The column URL, compared without fragment and trailing slash. */
  url?: string;
  class: ColumnClass | 'ignore';
}

/** Items of the 100-point sheet the inspector can measure. */
export const deductionItems = [
  'availability',
  'brokenLinksHome',
  'brokenLinks',
  'staleColumns',
  'emptyColumns',
  'metaTags',
  'footer',
  'darkLinks',
  'personalData',
  'accessibility',
  'agedCare',
] as const;
export type DeductionItem = (typeof deductionItems)[number];
export const deductionLabels: Record<DeductionItem, string> = {
  availability: '首页可用性',
  brokenLinksHome: '链接可用性（首页）',
  brokenLinks: '链接可用性（其他页面）',
  staleColumns: '栏目更新',
  emptyColumns: '空白栏目',
  metaTags: '网页标签',
  footer: '网站底部信息',
  darkLinks: '暗链',
  personalData: '个人信息保护',
  accessibility: '无障碍',
  agedCare: '适老化',
};
/** What one counted unit of each item is, for the report. */
export const deductionUnits: Record<DeductionItem, string> = {
  availability: '近 7 天首页监测失败比例每 1 个百分点（不足 1 个百分点按 1 个计）',
  brokenLinksHome: '首页上每个无法打开的链接',
  brokenLinks: '其他页面上每个无法打开的链接',
  staleColumns: '每个超期未更新的栏目',
  emptyColumns: '每个空白栏目',
  metaTags: '每个网页标签不全或 PubDate 格式不符的文章页',
  footer: '网站底部每缺少一项',
  darkLinks: '每个经人工确认的暗链',
  personalData: '每个公开了未脱敏个人信息的页面或附件',
  accessibility: '每条严重（serious）或致命（critical）的无障碍问题',
  agedCare: '每条不符合适老化要求的问题',
};

export interface DeductionRule {
  /** Points per counted unit. */
  points: number;
  /** The most this item can take off. */
  cap: number;
}

export interface InspectionRules {
  /** 首页不更新: the newest item reachable from the home page must be at most this many days old. */
  homeWindowDays: number;
  /**
   * When the home page lists nothing at all (no dated nor undated items: a navigation hub), judge it
   * by the dated items of the pages it links to (19号: "首页仅为栏目导航的，检查二级页面"). Off by default:
   * the issue asks that only the home page's own items and the PubDate of linked pages count.
   */
  homeNavigationHub: boolean;
  /** 栏目不更新: the newest item of a column must be at most this many days old, by class. */
  columnWindowDays: Record<ColumnClass, number>;
  /** Tried in order on the column title; the first that matches gives the class; none → `other`. */
  columnPatterns: ColumnPattern[];
  veto: {
    /** Stale 动态要闻 + 通知公告/政策文件 columns that make a veto. */
    keyColumnsStale: number;
    /** Stale columns of any class that make a veto. */
    anyColumnsStale: number;
    /** Empty columns that make a veto. */
    emptyColumns: number;
    /** Failed share of the home page's probes (0–1) that makes a veto. */
    probeFailureShare: number;
    /** The probe window, in days. */
    probeWindowDays: number;
    /** Probes expected a day; fewer over the window → "监测次数不足" (needs review), neither pass nor veto. */
    probesPerDay: number;
    /** A message unanswered for more than this many days is a veto … */
    interactionUnansweredDays: number;
    /** … when it was received within this many days before the check. */
    interactionLookbackDays: number;
  };
  deductions: Record<DeductionItem, DeductionRule>;
}

/** The 100-point sheet's default points (this platform's choice; the official values are unverified). */
export const deductionDefaults: Record<DeductionItem, DeductionRule> = {
  availability: { points: 1, cap: 5 },
  brokenLinksHome: { points: 1, cap: 5 },
  brokenLinks: { points: 0.1, cap: 5 },
  staleColumns: { points: 1, cap: 5 },
  emptyColumns: { points: 1, cap: 5 },
  metaTags: { points: 0.1, cap: 2 },
  footer: { points: 1, cap: 4 },
  darkLinks: { points: 5, cap: 10 },
  personalData: { points: 2, cap: 10 },
  accessibility: { points: 1, cap: 5 },
  agedCare: { points: 1, cap: 5 },
};

/**
 * Default rules (issue 17 §2). Column classes: titles about 解读/问答/回应 are `other` first (a
 * 政策解读 column explains policies, it is not a 政策文件 column); then 动态/要闻/新闻 is `dynamic` (so
 * 政策动态 and 新闻公告 are news); then 通知公告/公告/政策文件/政策 is `noticePolicy`.
 */
export const defaultRules: InspectionRules = {
  homeWindowDays: 14,
  homeNavigationHub: false,
  columnWindowDays: { dynamic: 14, noticePolicy: 183, other: 365 },
  columnPatterns: [
    { pattern: '解读|问答|回应', class: 'other' },
    { pattern: '动态|要闻|新闻', class: 'dynamic' },
    { pattern: '通知公告|公告|政策文件|政策', class: 'noticePolicy' },
  ],
  veto: {
    keyColumnsStale: 5,
    anyColumnsStale: 10,
    emptyColumns: 5,
    probeFailureShare: 0.05,
    probeWindowDays: 7,
    probesPerDay: 20,
    interactionUnansweredDays: 90,
    interactionLookbackDays: 365,
  },
  deductions: deductionDefaults,
};

/** One probe of the home page (availability monitoring). */
export interface Probe {
  at: string;
  ok: boolean;
  status: number | null;
  ms: number | null;
  error: string | null;
}

/**
 * A message of the platform's own 政务咨询 channel that is still open, or was answered late:
 * either counts when it waited more than `veto.interactionUnansweredDays` (19号: 超过3个月未回复).
 */
export interface UnansweredMessage {
  title: string;
  url: string | null;
  receivedAt: string;
  /** When it was answered, for a message answered late; null or absent while it is open. */
  answeredAt?: string | null;
}

/** What `evaluate` judges (indicators.ts). */
export interface EvaluationInput {
  /** The check point. Days are Beijing calendar days. */
  now: Date;
  /** The home page as fetched in this run. */
  home: CrawledUrl;
  /** Every address met by the crawl (the home page may be among them). */
  crawled: CrawledUrl[];
  robots: RobotsDecision;
  /** Probes of the home page, or null for a one-shot run (only this run's home fetch is known). */
  probes: Probe[] | null;
  /** The interaction backlog of the platform's own portal, or null (another site: not applicable). */
  interaction: { unanswered: UnansweredMessage[] } | null;
  /** Results of the accessibility engine, or null when none ran (no browser engine configured). */
  accessibility: CheckResult[] | null;
  rules: InspectionRules;
  /** Per-site column rules. */
  siteColumns?: ColumnOverride[];
  /** Hidden off-site links a person confirmed as 暗链 (URLs): they become violations and are deducted. */
  confirmedDarkLinks?: string[];
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
function urlKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href.replace(/\/+$/, '');
  } catch {
    return url.replace(/#.*$/, '').replace(/\/+$/, '');
  }
}

/**
 * The class of a column by the site's overrides (title, then URL), else by the title patterns,
 * the title read with whitespace removed.
 */
export function classifyColumn(
  title: string,
  urls: string[],
  rules: InspectionRules,
  overrides: ColumnOverride[] = [],
): ColumnClass | 'ignore' {
  const t = squeeze(title);
  const keys = urls.map(urlKey);
  const byTitle = overrides.find((o) => o.title !== undefined && squeeze(o.title) === t);
  if (byTitle) return byTitle.class;
  const byUrl = overrides.find((o) => o.url !== undefined && keys.includes(urlKey(o.url)));
  if (byUrl) return byUrl.class;
  for (const p of rules.columnPatterns) if (new RegExp(p.pattern).test(t)) return p.class;
  return 'other';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const positiveInt = (v: unknown, max: number) =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max;
const nonNegative = (v: unknown, max: number) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;

/** What is wrong with a set of rules, in Chinese, each message naming the field; empty when none. */
export function rulesProblems(rules: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(rules)) return ['检查规则必须是一个对象。'];
  if (!positiveInt(rules.homeWindowDays, 3650))
    problems.push('homeWindowDays（首页更新期限，天）必须是 1 到 3650 之间的整数。');
  if (typeof rules.homeNavigationHub !== 'boolean')
    problems.push('homeNavigationHub（首页仅为导航时检查二级页面）必须是 true 或 false。');
  const windows = rules.columnWindowDays;
  if (!isRecord(windows)) problems.push('columnWindowDays（栏目更新期限）必须按栏目类别给出天数。');
  else
    for (const c of columnClasses)
      if (!positiveInt(windows[c], 3650))
        problems.push(
          `columnWindowDays.${c}（${columnClassLabels[c]}更新期限，天）必须是 1 到 3650 之间的整数。`,
        );
  const patterns = rules.columnPatterns;
  if (!Array.isArray(patterns)) problems.push('columnPatterns（栏目分类规则）必须是列表。');
  else
    patterns.forEach((p: unknown, i) => {
      const where = `columnPatterns[${i}]`;
      if (!isRecord(p)) return problems.push(`${where}（栏目分类规则）必须包含 pattern 和 class。`);
      if (typeof p.pattern !== 'string' || p.pattern.trim() === '')
        problems.push(`${where}.pattern（栏目名称匹配式）不能为空。`);
      else
        try {
          new RegExp(p.pattern);
        } catch {
          problems.push(`${where}.pattern（栏目名称匹配式）不是有效的正则表达式：${p.pattern}`);
        }
      if (!columnClasses.includes(p.class as ColumnClass))
        problems.push(`${where}.class（栏目类别）必须是 ${columnClasses.join('、')} 之一。`);
    });
  const veto = rules.veto;
  if (!isRecord(veto)) problems.push('veto（单项否决阈值）必须是一个对象。');
  else {
    const counts: Array<[string, string, number]> = [
      ['keyColumnsStale', '动态要闻、通知公告和政策文件类栏目不更新的否决个数', 1000],
      ['anyColumnsStale', '各类栏目不更新的否决个数', 1000],
      ['emptyColumns', '空白栏目的否决个数', 1000],
      ['probeWindowDays', '可用性监测周期，天', 365],
      ['probesPerDay', '每天应有的监测次数', 1440],
      ['interactionUnansweredDays', '留言未答复的否决天数', 3650],
      ['interactionLookbackDays', '留言检查的回溯天数', 3650],
    ];
    for (const [field, label, max] of counts)
      if (!positiveInt(veto[field], max))
        problems.push(`veto.${field}（${label}）必须是 1 到 ${max} 之间的整数。`);
    const share = veto.probeFailureShare;
    if (typeof share !== 'number' || !(share > 0 && share <= 1))
      problems.push('veto.probeFailureShare（监测失败比例否决线）必须大于 0 且不大于 1（如 0.05 表示 5%）。');
    if (
      positiveInt(veto.interactionUnansweredDays, 3650) &&
      positiveInt(veto.interactionLookbackDays, 3650) &&
      (veto.interactionUnansweredDays as number) >= (veto.interactionLookbackDays as number)
    )
      problems.push(
        'veto.interactionUnansweredDays（留言未答复的否决天数）必须小于 veto.interactionLookbackDays（回溯天数）。',
      );
  }
  const deductions = rules.deductions;
  if (!isRecord(deductions)) problems.push('deductions（扣分标准）必须按扣分项给出。');
  else
    for (const item of deductionItems) {
      const d = deductions[item];
      const where = `deductions.${item}（${deductionLabels[item]}）`;
      if (!isRecord(d)) {
        problems.push(`${where}必须包含 points 和 cap。`);
        continue;
      }
      if (!nonNegative(d.points, 100)) problems.push(`${where}.points（每处扣分）必须是 0 到 100 之间的数。`);
      if (!nonNegative(d.cap, 100)) problems.push(`${where}.cap（本项最多扣分）必须是 0 到 100 之间的数。`);
    }
  return problems;
}

/** What is wrong with a site's column rules, in Chinese, naming the field; empty when none. */
export function columnOverridesProblems(overrides: unknown): string[] {
  if (!Array.isArray(overrides)) return ['siteColumns（栏目规则）必须是列表。'];
  const problems: string[] = [];
  overrides.forEach((o: unknown, i) => {
    const where = `siteColumns[${i}]`;
    if (!isRecord(o)) return problems.push(`${where}（栏目规则）必须包含栏目名称或网址，以及类别。`);
    const title = typeof o.title === 'string' && o.title.trim() !== '';
    const url = typeof o.url === 'string' && /^https?:\/\//i.test(o.url.trim());
    if (o.title !== undefined && !title) problems.push(`${where}.title（栏目名称）不能为空。`);
    if (o.url !== undefined && !url)
      problems.push(`${where}.url（栏目网址）必须以 http:// 或 https:// 开头。`);
    if (o.title === undefined && o.url === undefined)
      problems.push(`${where}（栏目规则）必须给出 title（栏目名称）或 url（栏目网址）。`);
    if (o.class !== 'ignore' && !columnClasses.includes(o.class as ColumnClass))
      problems.push(`${where}.class（栏目类别）必须是 ${columnClasses.join('、')} 或 ignore（不检查）之一。`);
  });
  return problems;
}
