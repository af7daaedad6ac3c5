// The wording a site's report uses on its page and in its XLSX and DOCX files, so the three say
// the same things the same way. Pure: no I/O.

import { beijingDate, formatDateTime } from '../../platform/clock.js';
import {
  vetoCodes,
  vetoLabels,
  type ColumnVerdict,
  type Evidence,
  type Indicator,
  type RobotsDecision,
  type VetoCode,
} from './inspection.js';
import type { Availability, ResultView, RunReport, RunView, Trend } from './inspection-report.service.js';

export const triggerLabels: Record<RunView['trigger'], string> = {
  manual: '手动检查',
  schedule: '定期检查',
};

export const impactLabels: Record<NonNullable<ResultView['impact']>, string> = {
  minor: '轻微',
  moderate: '中等',
  serious: '严重',
  critical: '危急',
};

export const reviewLabels: Record<NonNullable<ResultView['review']>, string> = {
  confirmed: '已确认是问题',
  dismissed: '已确认不是问题',
};

/** The indicator each 单项否决 item is decided by. */
export const vetoIndicators: Record<VetoCode, Indicator> = {
  unreachable: 'availability',
  homeStale: 'homeFreshness',
  columnsStale: 'columnFreshness',
  emptyColumns: 'emptyColumns',
  interactionBacklog: 'interaction',
};

/** `YYYY-MM-DD HH:mm` in Beijing time, or '' without a time. */
export const beijingTime = (iso: string | null | undefined): string => formatDateTime(iso);

/** When the run took place: its end, else its start, else when it was queued. */
export const runTime = (run: RunView): string => run.finishedAt ?? run.startedAt ?? run.queuedAt;

export function robotsText(robots: RobotsDecision | null): string {
  if (!robots) return '未记录';
  return {
    allowed: 'robots.txt 允许检查',
    absent: '未提供 robots.txt',
    disallowed: 'robots.txt 禁止检查，已遵守',
  }[robots.decision];
}

/** `可用率 99.4%（7 天 168 次探测）`, or that there were no probes. */
export function availabilityText(a: Availability): string {
  if (a.failedShare === null || a.probes === 0) return `近 ${a.days} 天暂无探测记录`;
  const pct = Math.round((1 - a.failedShare) * 1000) / 10;
  return `可用率 ${pct}%（${a.days} 天 ${a.probes} 次探测）`;
}

/** `+3.5`, `-2`, or 0 as `持平`. */
export function scoreChangeText(change: number): string {
  if (change === 0) return '持平';
  return change > 0 ? `+${change}` : String(change);
}

const vetoList = (codes: readonly VetoCode[]) => codes.map((c) => vetoLabels[c]).join('、');

/** `比上次检查 +3.5 分；新增单项否决：…；已消除：…`. */
export function trendText(t: Pick<Trend, 'scoreChange' | 'newVetoes' | 'clearedVetoes'>): string {
  const parts = [
    t.scoreChange === null
      ? '与上次检查的得分无法比较'
      : t.scoreChange === 0
        ? '得分与上次检查持平'
        : `比上次检查 ${scoreChangeText(t.scoreChange)} 分`,
  ];
  if (t.newVetoes.length) parts.push(`新增单项否决：${vetoList(t.newVetoes)}`);
  if (t.clearedVetoes.length) parts.push(`已消除：${vetoList(t.clearedVetoes)}`);
  return parts.join('；');
}

/** The trend as whole sentences, for the report's 与上次检查比较. */
export function trendSentences(t: Trend | null): string[] {
  if (!t) return ['本次为该网站首次完成的检查，没有可比较的记录。'];
  const prev = t.previous;
  return [
    `上次检查于 ${beijingTime(runTime(prev))} 完成，得分 ${prev.score ?? '—'} 分${
      prev.vetoCodes.length ? `，触及单项否决：${vetoList(prev.vetoCodes)}` : '，未触及单项否决'
    }。`,
    `${trendText(t)}。`,
    `不通过的检查结果由 ${t.violationsBefore} 项变为 ${t.violationsNow} 项。`,
  ];
}

export function columnState(c: ColumnVerdict): string {
  return c.empty ? '空白栏目' : c.stale ? '超期未更新' : '正常';
}

/** A link's answer: its HTTP status, or that none came. */
export const linkStatus = (status: number | null): string => (status === null ? '无应答' : String(status));

/** One piece of evidence on one line: address, time, status, and the text that decided it. */
export function evidenceLine(e: Evidence): string {
  return [
    e.url ?? '',
    e.at ? beijingTime(e.at) : '',
    e.status !== null ? `状态码 ${e.status}` : '',
    e.text ? `依据：“${e.text}”` : '',
  ]
    .filter(Boolean)
    .join('  ');
}

/** The problems the report lists: failures, and the 待人工确认 results a person confirmed. */
export const problemResults = (results: readonly ResultView[]): ResultView[] =>
  results.filter((r) => r.outcome === 'violation' || (r.outcome === 'review' && r.review === 'confirmed'));

/** The quarter of the report, in Beijing time. */
export function quarterOf(iso: string): { year: number; quarter: number } {
  const date = beijingDate(new Date(iso));
  return { year: Number(date.slice(0, 4)), quarter: Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1 };
}

/** `<网站名称>自查报告（2026年第1季度）`. */
export function reportTitle(r: RunReport): string {
  const { year, quarter } = quarterOf(runTime(r.run));
  return `${r.site.name}自查报告（${year}年第${quarter}季度）`;
}

export interface VetoRow {
  code: VetoCode;
  label: string;
  /** 是: the run found it; 否: checked and not found; 不适用: not checked (with the reason). */
  touched: '是' | '否' | '不适用';
  message: string;
  evidence: Evidence[];
}

/** The five 单项否决 items, each with whether this run found it and why. */
export function vetoRows(r: RunReport): VetoRow[] {
  return vetoCodes.map((code) => {
    const veto = r.summary?.vetoes.find((v) => v.code === code);
    if (veto)
      return { code, label: vetoLabels[code], touched: '是', message: veto.message, evidence: veto.evidence };
    const counts = r.counts[vetoIndicators[code]];
    const notChecked = counts.inapplicable > 0 && counts.violation + counts.review + counts.pass === 0;
    if (notChecked) {
      const why = r.results.find((x) => x.indicator === vetoIndicators[code] && x.outcome === 'inapplicable');
      return {
        code,
        label: vetoLabels[code],
        touched: '不适用',
        message: why?.message ?? '本次未检查',
        evidence: [],
      };
    }
    return { code, label: vetoLabels[code], touched: '否', message: '未发现', evidence: [] };
  });
}
