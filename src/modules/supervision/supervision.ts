/**
 * The supervision dashboard's figures (issue 18): what each counts, the period it is read over,
 * and the ranking of agencies by a rate, which leaves out a rate over too few cases. Pure.
 */

export const figureKeys = [
  'requestsOverdue',
  'requestsLate',
  'recordsLate',
  'reportsLate',
  'reportsWithErrors',
  'lettersOverdue',
  'ratingsUnfixed',
  'siteVetoes',
  'mediaInactive',
] as const;
export type FigureKey = (typeof figureKeys)[number];

/** UI labels and what each figure counts, as the dashboard and the lists say it. */
export const figureLabels: Record<FigureKey, { label: string; group: string; note: string }> = {
  requestsOverdue: {
    group: '依申请公开',
    label: '办理中已超期的申请',
    note: '现在仍在办理、已超过答复期限（条例第三十三条）',
  },
  requestsLate: {
    group: '依申请公开',
    label: '超期答复的申请',
    note: '在所选期间内答复，答复日晚于答复期限',
  },
  recordsLate: {
    group: '主动公开',
    label: '超过 20 个工作日发布的信息',
    note: '在所选期间内发布，发布日晚于形成或者变更之日起 20 个工作日（条例第二十六条）',
  },
  reportsLate: {
    group: '年度报告',
    label: '未按期发布的年度报告',
    note: '法定发布日期（条例第五十条）在所选期间内且已过，到期未发布或逾期发布',
  },
  reportsWithErrors: {
    group: '年度报告',
    label: '发布后检查有错误的年度报告',
    note: '年报检查从已发布报告中读出错误',
  },
  lettersOverdue: { group: '来信与评价', label: '超期未答复的来信', note: '现在仍未答复、已超过办理期限' },
  ratingsUnfixed: { group: '来信与评价', label: '未整改的差评', note: '现在尚未整改或说明、未经申诉撤销' },
  siteVetoes: {
    group: '网站与新媒体',
    label: '单项否决的政府网站',
    note: '最近一次检查触发单项否决（国办秘函〔2019〕19号）',
  },
  mediaInactive: {
    group: '网站与新媒体',
    label: '长期未更新的政务新媒体',
    note: '现在已超过不更新期限（单项否决）',
  },
};

export function isFigureKey(k: string): k is FigureKey {
  return (figureKeys as readonly string[]).includes(k);
}

export const periodKinds = ['thisYear', 'lastYear', 'range'] as const;
export type PeriodKind = (typeof periodKinds)[number];
export const periodLabels: Record<PeriodKind, string> = {
  thisYear: '今年',
  lastYear: '去年',
  range: '自定日期',
};

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

/** The period chosen (dates inclusive, Beijing), given today's date. */
export function periodOf(kind: PeriodKind, today: string, range?: { from: string; to: string }): Period {
  const year = Number(today.slice(0, 4));
  if (kind === 'lastYear') return { kind, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  if (kind === 'range' && range) return { kind, from: range.from, to: range.to };
  return { kind: 'thisYear', from: `${year}-01-01`, to: today };
}

/**
 * The years whose annual reports fall due in the period: a report on year Y is due in Y + 1
 * (条例第五十条), so a period in 2026 looks at the reports on 2025.
 */
export function reportYearsOf(p: Pick<Period, 'from' | 'to'>): number[] {
  const out: number[] = [];
  for (let y = Number(p.from.slice(0, 4)) - 1; y <= Number(p.to.slice(0, 4)) - 1; y++) out.push(y);
  return out;
}

export interface RateInput {
  agencyId: string;
  agencyName: string;
  /** Cases judged (the denominator). */
  cases: number;
  /** Cases that met the rule (on time). */
  met: number;
}

export interface RankedRate extends RateInput {
  /** met / cases, or null when there is no case. */
  rate: number | null;
  /** 1-based rank among the agencies with enough cases; null: not ranked. */
  rank: number | null;
  /** Fewer cases than the minimum: shown as n/N, 样本过少, and not ranked. */
  tooFew: boolean;
}

/**
 * Ranks agencies by a rate, best first, only those with at least `minCases` cases: a rate over a
 * handful of cases says little (one late reply of two is 50%). Equal rates share a rank; the rest
 * follow, those with too few cases before those with none.
 */
export function rankByRate(rows: readonly RateInput[], minCases: number): RankedRate[] {
  const withRate = rows.map((r) => ({
    ...r,
    rate: r.cases > 0 ? r.met / r.cases : null,
    tooFew: r.cases < minCases,
    rank: null as number | null,
  }));
  const ranked = withRate
    .filter((r) => !r.tooFew)
    .sort((a, b) => b.rate! - a.rate! || a.agencyName.localeCompare(b.agencyName, 'zh'));
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && prev.rate === r.rate ? prev.rank : i + 1;
  });
  const rest = withRate
    .filter((r) => r.tooFew)
    .sort((a, b) => b.cases - a.cases || a.agencyName.localeCompare(b.agencyName, 'zh'));
  return [...ranked, ...rest];
}

/** A rate as people read it: 95.2%; n/N beside it on the page. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A CSV file as Excel and WPS open it: UTF-8 with a BOM, CRLF, every field quoted when needed. */
export function toCsv(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `\ufeff${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
