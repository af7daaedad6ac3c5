// The site inspector (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》): vocabulary and the shapes
// that pass between the crawler, the page reader and the indicators (issue 17; services.md §2, §5;
// legal.md §6.1). Types and labels only — no I/O here.

/**
 * What one fetched HTML page says, read once when it is fetched (page-facts.ts) and kept with the
 * run's frontier, so that an interrupted crawl never fetches a finished page again and the
 * indicators never need the page's bytes.
 */
export interface PageFacts {
  /** The page's address after redirects. */
  url: string;
  /** `<title>`, trimmed. */
  title: string;
  /** 国办发〔2017〕47号 网页标签: `<meta name="SiteName" content="…">` and the rest, by name as written. */
  meta: Record<string, string>;
  /** The page's own publication date (meta `PubDate`, or a 发布时间/发布日期 line), `YYYY-MM-DD`, or null. */
  pubDate: string | null;
  /** Every `<a href>` of the page, resolved against the page (fragments dropped), in page order. */
  links: PageLink[];
  /** Links of the page's navigation (`<nav>`, a role=navigation element, or a menu-like list in the header). */
  navLinks: PageLink[];
  /**
   * Items the page lists with a date beside them (a list or table row holding one main link and a
   * date): what a column page or a home page's blocks show.
   */
  datedItems: DatedItem[];
  /** Links in the page's list blocks that carry no date (they count as not updated). */
  undatedItems: number;
  /** The page shows an "empty list" placeholder (暂无信息, 暂无数据, 没有相关信息 …). */
  emptyPlaceholder: boolean;
  /** Text of the footer (`<footer>`, or the last block of the body), whitespace collapsed. */
  footerText: string;
  /** Unmasked 身份证号 and mobile numbers found in the page's visible text. */
  personalData: PersonalDataHit[];
}

export interface PageLink {
  /** Absolute URL without the fragment. */
  url: string;
  /** The anchor text (or the image's alt / the link's title), whitespace collapsed. */
  text: string;
  /** The link is hidden by inline style or attribute (display:none, visibility:hidden, off-screen, zero size, hidden). */
  hidden: boolean;
  /** `YYYY-MM-DD` printed beside the link in its list item or table row, or null. */
  date: string | null;
}

export interface DatedItem {
  url: string;
  title: string;
  date: string;
}

export const personalDataKinds = ['idNumber', 'mobile'] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];
export const personalDataKindLabels: Record<PersonalDataKind, string> = {
  idNumber: '身份证号',
  mobile: '手机号码',
};

export interface PersonalDataHit {
  kind: PersonalDataKind;
  /** The number masked for the report (`350582********1234`, `138****5678`): the report never repeats it. */
  masked: string;
  /** A few characters around it, with the number itself masked. */
  context: string;
}

/** What the crawler records for each address it met: fetched as a page, or only checked as a link. */
export interface CrawledUrl {
  url: string;
  /** `page`: same host, fetched and read; `link`: only checked (off-host, attachment, or past the page limit). */
  kind: 'page' | 'link' | 'attachment';
  /** HTTP status, or null when no answer came (DNS, refused, timeout). */
  status: number | null;
  /** Why no answer came, in Chinese (连接超时（15 秒）, 无法解析域名 …). */
  error: string | null;
  /** Where the link was first found, and its anchor text there. */
  foundOn: string | null;
  anchorText: string | null;
  /** Depth from the home page (0). */
  depth: number;
  fetchedAt: string;
  /** Facts of a fetched HTML page; null for links and failures. */
  facts: PageFacts | null;
  /** Personal data found in an attachment's text. */
  attachmentHits?: PersonalDataHit[];
}

/** What robots.txt said, kept with the run as evidence of politeness. */
export interface RobotsDecision {
  url: string;
  /** HTTP status of robots.txt, or null when it could not be fetched. */
  status: number | null;
  /** `allowed`: the crawler may go on; `disallowed`: robots.txt forbids the home page to our agent. */
  decision: 'allowed' | 'disallowed' | 'absent';
  /** Crawl-delay robots.txt asks for, in ms, when it asks. */
  crawlDelayMs: number | null;
  /** Addresses robots.txt kept the crawler from (up to a few, as evidence). */
  skipped: string[];
}

/** Column classes (栏目类别), each with its own staleness window. */
export const columnClasses = ['dynamic', 'noticePolicy', 'other'] as const;
export type ColumnClass = (typeof columnClasses)[number];
export const columnClassLabels: Record<ColumnClass, string> = {
  dynamic: '动态要闻类',
  noticePolicy: '通知公告、政策文件类',
  other: '其他应更新栏目',
};

/** A column as the inspector judged it (issue 17 §5's JSON shape). */
export interface ColumnVerdict {
  title: string;
  url: string;
  class: ColumnClass;
  items: number;
  latest: string | null;
  stale: boolean;
  empty: boolean;
}

/** The four kinds of result, as axe-core splits them. */
export const outcomes = ['violation', 'review', 'pass', 'inapplicable'] as const;
export type Outcome = (typeof outcomes)[number];
export const outcomeLabels: Record<Outcome, string> = {
  violation: '不通过',
  review: '待人工确认',
  pass: '通过',
  inapplicable: '不适用',
};

/** The indicators, in the order of the report. */
export const indicators = [
  'availability',
  'homeFreshness',
  'columnFreshness',
  'emptyColumns',
  'interaction',
  'brokenLinks',
  'darkLinks',
  'metaTags',
  'footer',
  'personalData',
  'accessibility',
  'agedCare',
] as const;
export type Indicator = (typeof indicators)[number];
export const indicatorLabels: Record<Indicator, string> = {
  availability: '站点可用性',
  homeFreshness: '首页更新',
  columnFreshness: '栏目更新',
  emptyColumns: '空白栏目',
  interaction: '互动回应',
  brokenLinks: '链接可用性',
  darkLinks: '暗链',
  metaTags: '网页标签（国办发〔2017〕47号）',
  footer: '网站底部信息',
  personalData: '个人信息泄露',
  accessibility: '无障碍（WCAG 2 A/AA）',
  agedCare: '适老化',
};

/** 单项否决 items the inspector can decide (legal.md §6.1). */
export const vetoCodes = [
  'unreachable',
  'homeStale',
  'columnsStale',
  'emptyColumns',
  'interactionBacklog',
] as const;
export type VetoCode = (typeof vetoCodes)[number];
export const vetoLabels: Record<VetoCode, string> = {
  unreachable: '站点无法访问',
  homeStale: '首页不更新',
  columnsStale: '栏目不更新',
  emptyColumns: '空白栏目过多',
  interactionBacklog: '互动回应差',
};

/** Evidence of one result: what a person needs to see it for themselves. */
export interface Evidence {
  url: string | null;
  /** ISO time the evidence was taken. */
  at: string | null;
  status: number | null;
  /** The text or date that decided it (a date beside a link, a meta tag, the anchor text …). */
  text: string | null;
}

/** One result of one indicator (one per page or element where the indicator is per page). */
export interface CheckResult {
  indicator: Indicator;
  outcome: Outcome;
  /** Stable short code of what was checked (`brokenLink`, `pubDateMissing`, axe's rule id …). */
  rule: string;
  /** In Chinese, for the report. */
  message: string;
  evidence: Evidence[];
  /** axe's impact where it comes from axe (`minor` … `critical`). */
  impact?: 'minor' | 'moderate' | 'serious' | 'critical' | null;
}

export interface Veto {
  code: VetoCode;
  message: string;
  evidence: Evidence[];
}

export interface Deduction {
  /** The item of the 100-point sheet. */
  item: string;
  points: number;
  message: string;
}

/** The evaluation of one run: vetoes first, then the 100-point sheet. */
export interface Evaluation {
  reachable: boolean;
  homeUpdated: string | null;
  homeStale: boolean;
  columns: ColumnVerdict[];
  brokenLinks: Array<{ url: string; status: number | null; foundOn: string | null; text: string | null }>;
  vetoes: Veto[];
  deductions: Deduction[];
  /** 100 minus the deductions (never below 0); a veto makes the site 不合格 whatever the score. */
  score: number;
  /** `veto`: 单项否决; `fail`: score < 60; `pass`. */
  verdict: 'veto' | 'fail' | 'pass';
  results: CheckResult[];
}

export const verdictLabels: Record<Evaluation['verdict'], string> = {
  veto: '单项否决（不合格）',
  fail: '不合格（低于 60 分）',
  pass: '合格',
};
