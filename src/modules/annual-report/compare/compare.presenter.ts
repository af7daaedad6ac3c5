/**
 * What a person reads of a comparison at the terminal: per agency, a table of indicators by year
 * (rates as percentages with the counts n/N they rest on, small samples marked), then the
 * cross-year findings, then the formulas. Tab-separated so that a terminal or a spreadsheet
 * lines the Chinese columns up.
 */
import { findingLine } from '../contract/finding-labels.js';
import type { ChainFinding } from './chain.js';
import type { ComparedReport } from './compare.js';
import { agencyKey } from './chain.js';
import { indicatorDefs, indicatorsOf, isSmallSample, type Rate } from './indicators.js';

/** 34.8%（8/23）; — when nothing could be computed; 样本少 below the configured minimum. */
export function rateText(rate: Rate | null, minCases: number): string {
  if (rate === null) return '未读到';
  const counts = `${rate.numerator}/${rate.denominator}`;
  if (rate.value === null) return `—（${counts}）`;
  const percent = `${(Math.round(rate.value * 1000) / 10).toFixed(1)}%（${counts}）`;
  return isSmallSample(rate, minCases) ? `${percent} 样本少` : percent;
}

const NO_AGENCY = '（未写明机构）';

function columnTitle(r: ComparedReport, duplicate: boolean): string {
  const year = r.data.year === null ? '未写明年度' : `${r.data.year} 年`;
  return duplicate ? `${year}（${r.file}）` : year;
}

/** The readable comparison: one table per agency (agencies in order of appearance, years ascending). */
export function comparisonText(
  reports: ComparedReport[],
  findings: ChainFinding[],
  minCases: number,
): string {
  const groups = new Map<string, ComparedReport[]>();
  for (const r of reports) {
    const key = agencyKey(r.data.agency) ?? NO_AGENCY;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const lines = [
    `比较 ${reports.length} 份年度报告（${groups.size} 个机构）；“样本少”：分母少于 ${minCases} 件，只列出、不宜排名`,
  ];
  for (const [agency, group] of groups) {
    const sorted = [...group].sort((a, b) => (a.data.year ?? Infinity) - (b.data.year ?? Infinity));
    const years = sorted.map((r) => r.data.year);
    const titles = sorted.map((r) => columnTitle(r, years.filter((y) => y === r.data.year).length > 1));
    const inds = sorted.map((r) => indicatorsOf(r.data));
    lines.push('', `【${agency}】`, ['指标', ...titles].join('\t'));
    lines.push(
      ['本年新收', ...inds.map((i) => (i.received === null ? '未读到' : String(i.received)))].join('\t'),
    );
    for (const def of indicatorDefs)
      lines.push([def.label, ...inds.map((i) => rateText(i.rates[def.key], minCases))].join('\t'));
  }
  lines.push('');
  if (findings.length === 0) {
    lines.push('年度衔接与存量检查：相邻年度的报告之间未发现不一致');
  } else {
    const errors = findings.filter((f) => f.severity === 'error').length;
    lines.push(`年度衔接与存量检查：错误 ${errors} 处，提示 ${findings.length - errors} 处`);
    for (const f of findings) lines.push(`  ${findingLine(f)}`);
  }
  lines.push('', '指标口径：', ...indicatorDefs.map((d) => `  ${d.formula}`));
  return lines.join('\n');
}
