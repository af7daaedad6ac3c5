import { drawChart, type Chart, type ChartSpec } from '../../../platform/ui/charts.js';
import type { Comparison } from './comparison.js';
import { indicatorLabel, isSmallSample, type IndicatorKey } from './indicators.js';

/**
 * The comparison's charts, where a person would rather look than read: the trend of one indicator
 * and of 本年新收 per agency over the years, and the agencies side by side on the indicator. A rate
 * over too few cases is left out of a chart (the table beside it shows it, marked): a line or bar
 * drawn from two cases would be read as a finding.
 */

function rateOf(c: Comparison, agencyId: string, year: number, key: IndicatorKey): number | null {
  const r = c.reports.find((x) => x.agencyId === agencyId && x.year === year);
  const rate = r?.indicators.rates[key] ?? null;
  return isSmallSample(rate, c.minCases) ? null : rate!.value;
}

function receivedOf(c: Comparison, agencyId: string, year: number): number | null {
  return c.reports.find((x) => x.agencyId === agencyId && x.year === year)?.indicators.received ?? null;
}

export function chartSpecs(c: Comparison, key: IndicatorKey): ChartSpec[] {
  const label = indicatorLabel(key);
  const years = c.years.map((y) => `${y}年`);
  const small = `不足 ${c.minCases} 件的比率样本过少，不画出。`;
  const specs: ChartSpec[] = [];
  if (c.years.length >= 2) {
    specs.push({
      kind: 'line',
      title: `${label}的变化（${years[0]}—${years[years.length - 1]}）`,
      description: `各机构历年${label}，每条线一个机构。${small}`,
      categories: years,
      series: c.agencies.map((a) => ({ name: a.name, values: c.years.map((y) => rateOf(c, a.id, y, key)) })),
      unit: 'percent',
    });
    specs.push({
      kind: 'line',
      title: `本年新收申请数的变化（${years[0]}—${years[years.length - 1]}）`,
      description: '各机构历年本年新收政府信息公开申请数（件），每条线一个机构。',
      categories: years,
      series: c.agencies.map((a) => ({ name: a.name, values: c.years.map((y) => receivedOf(c, a.id, y)) })),
      unit: 'count',
    });
  }
  if (c.agencies.length >= 2) {
    specs.push({
      kind: 'bar',
      title: `各机构${label}对比`,
      description: `各机构${label}并列，每个年度一种颜色。${small}`,
      categories: c.agencies.map((a) => a.name),
      series: c.years.map((y) => ({
        name: `${y}年`,
        values: c.agencies.map((a) => rateOf(c, a.id, y, key)),
      })),
      unit: 'percent',
    });
  }
  return specs;
}

/** The charts of a comparison, drawn on the server as SVG. */
export async function comparisonCharts(c: Comparison, key: IndicatorKey): Promise<Chart[]> {
  const charts: Chart[] = [];
  for (const spec of chartSpecs(c, key)) charts.push(await drawChart(spec));
  return charts;
}
