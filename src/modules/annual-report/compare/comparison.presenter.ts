import { severityLabel, whereLabel } from '../contract/finding-labels.js';
import { checkLabels, type Finding } from '../contract/report.js';
import type { ChainFinding } from './chain.js';
import { sourceLabels, type ComparedReport, type Comparison } from './comparison.js';
import { indicatorDefs, isSmallSample, roundRate, type IndicatorKey, type Rate } from './indicators.js';

/**
 * What the comparison page and its downloads show: each rate as a percentage with the counts it
 * rests on (n/N), marked 样本过少 when it rests on fewer than COMPARE_MIN_CASES cases, and its rank
 * among the agencies of the same year (a small sample is never ranked). Pure.
 */

export const SMALL_SAMPLE = '样本过少';

/** 74.5% for 0.7446; — when there is no rate. */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(1)}%`;
}

export interface Rank {
  /** 1 for the highest rate; equal rates share a rank. */
  rank: number;
  /** How many agencies of that year were ranked. */
  of: number;
}

/**
 * Ranks of each report's rates among the reports of the same year, highest first; a rate over
 * fewer than `minCases` cases, or none at all, has no rank and does not count in `of`.
 */
export function ranksOf(
  reports: readonly Pick<ComparedReport, 'year' | 'indicators'>[],
  minCases: number,
): Array<Partial<Record<IndicatorKey, Rank>>> {
  const out = reports.map(() => ({}) as Partial<Record<IndicatorKey, Rank>>);
  for (const { key } of indicatorDefs) {
    const byYear = new Map<number, number[]>();
    reports.forEach((r, i) => {
      if (isSmallSample(r.indicators.rates[key], minCases)) return;
      byYear.set(r.year, [...(byYear.get(r.year) ?? []), i]);
    });
    for (const members of byYear.values()) {
      const values = members.map((i) => reports[i]!.indicators.rates[key]!.value!);
      members.forEach((i, k) => {
        out[i]![key] = { rank: 1 + values.filter((v) => v > values[k]!).length, of: members.length };
      });
    }
  }
  return out;
}

export interface RateCell {
  percent: string;
  /** n/N: 175/235 */
  counts: string;
  small: boolean;
  rank: Rank | null;
}

export function rateCell(rate: Rate | null, minCases: number, rank: Rank | undefined): RateCell {
  return {
    percent: rate ? percent(rate.value) : '未读到',
    counts: rate ? `${rate.numerator}/${rate.denominator}` : '',
    small: isSmallSample(rate, minCases),
    rank: rank ?? null,
  };
}

/** 本年新收 and its change: 231（+12.1%）; the change without a sign for none. */
export function receivedText(r: Pick<ComparedReport, 'indicators' | 'receivedChange'>): string {
  const n = r.indicators.received;
  if (n === null) return '未读到';
  const change = r.receivedChange?.value;
  if (change === null || change === undefined) return String(n);
  const sign = change > 0 ? '+' : '';
  return `${n}（较上年 ${sign}${percent(change)}）`;
}

/** A finding's where, check and figures, in Chinese. */
export function findingText(f: Finding): { check: string; where: string; severity: string } {
  return { check: checkLabels[f.check], where: whereLabel(f.where), severity: severityLabel(f) };
}

export type Cell = string | number | null;
export interface PlainTable {
  name: string;
  head: string[];
  rows: Cell[][];
}

/**
 * The indicators as a flat table for CSV and XLSX: one row per agency and year; each rate as a
 * number rounded to 4 decimals (empty when none), its numerator, denominator, small-sample mark
 * and rank in their own columns.
 */
export function indicatorsTable(c: Comparison): PlainTable {
  const ranks = ranksOf(c.reports, c.minCases);
  const head = ['机构', '年度', '报告', '来源', '格式', '本年新收', '上年新收', '新收变化率'];
  for (const d of indicatorDefs)
    head.push(d.label, `${d.label}分子`, `${d.label}分母`, `${d.label}${SMALL_SAMPLE}`, `${d.label}排名`);
  const rows = c.reports.map((r, i) => {
    const row: Cell[] = [
      r.agencyName,
      r.year,
      r.report.label,
      sourceLabels[r.report.source],
      `${r.format}年版`,
      r.indicators.received,
      r.previousReceived,
      roundRate(r.receivedChange?.value ?? null),
    ];
    for (const { key } of indicatorDefs) {
      const rate = r.indicators.rates[key];
      const rank = ranks[i]![key];
      row.push(
        roundRate(rate?.value ?? null),
        rate?.numerator ?? null,
        rate?.denominator ?? null,
        isSmallSample(rate, c.minCases) ? '是' : '否',
        rank ? `${rank.rank}/${rank.of}` : null,
      );
    }
    return row;
  });
  return { name: '指标对比', head, rows };
}

export function findingsTable(findings: readonly ChainFinding[]): PlainTable {
  return {
    name: '跨年度检查',
    head: ['机构', '年度', '检查', '程度', '位置', '应为', '实为', '说明', '上年报告', '本年报告'],
    rows: findings.map((f) => {
      const t = findingText(f);
      return [
        f.agency,
        f.year,
        t.check,
        t.severity,
        t.where,
        f.expected ?? null,
        f.actual ?? null,
        f.message,
        f.previous.label,
        f.current.label,
      ];
    }),
  };
}

export function reportsTable(c: Comparison): PlainTable {
  const rows: Cell[][] = c.reports.map((r) => [
    r.agencyName,
    r.year,
    sourceLabels[r.report.source],
    r.report.label,
    r.setAside ? `${r.setAside.label}（同年已有平台生成的报告，未采用）` : '',
  ]);
  for (const m of c.missing) rows.push([m.agencyName, m.year, '无', '没有该年度的报告', '']);
  return { name: '报告来源', head: ['机构', '年度', '来源', '报告', '备注'], rows };
}

/** Where each report of the comparison lives, by id: for links from findings. */
export function hrefsOf(c: Comparison): Map<string, string> {
  return new Map(c.reports.map((r) => [r.report.id, r.report.href]));
}
