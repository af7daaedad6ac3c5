/**
 * Charts drawn on the server as SVG (ECharts' server-side rendering), so that a page shows them
 * without JavaScript and prints them as it prints text. ECharts is a large library (about 0.4 s
 * to load here): it is imported when the first chart is drawn, so that a server start, the CLI
 * and the worker do not pay for it.
 *
 * A chart is never the only way to the numbers: each comes with the table of the same figures
 * (`table`), which the page shows beside it and which is what a screen reader reads; the SVG
 * carries a name (role="img", <title>, <desc>) and no interaction.
 *
 * The SVG is inlined into pages whose Content-Security-Policy allows no inline style, so the
 * kit rewrites ECharts' style attributes as presentation attributes and drops its hover styles,
 * prefixes every id with one unique to the chart (two charts on a page do not share a clip
 * path), and refuses an SVG that could run anything.
 */
import { randomBytes } from 'node:crypto';
import type { EChartsOption } from 'echarts';

/** The platform's font stack (gongkai.css `--gk-font`): Chinese faces first. */
export const chartFont =
  "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/**
 * Series colours, from gongkai.css (primary, accent, success, primary-dark, muted) and four of the
 * same depth; each has at least 4.5:1 contrast on white (WCAG 1.4.11 asks 3:1 for graphics), so
 * a line or a bar is seen on paper and on screen. Series differ by symbol and line style too.
 */
export const chartPalette = [
  '#0b4a8b',
  '#b3261e',
  '#1d6b33',
  '#7a4d00',
  '#5b3c99',
  '#00646e',
  '#595959',
  '#8f1d6b',
] as const;

const TEXT = '#1a1a1a';
const AXIS = '#5f6b7a';
const GRID = '#c9d1dc';
const symbols = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow', 'emptyCircle'];
const lineTypes = ['solid', 'dashed', 'dotted'] as const;

export type ChartUnit = 'percent' | 'count';

export interface ChartSeries {
  name: string;
  /** One value per category; null where there is none (a gap in a line, no bar). */
  values: (number | null)[];
}

export interface ChartSpec {
  /**
   * line: a trend, categories along the x axis (years), one line per series (agencies);
   * bar: series side by side, categories down the y axis (agencies), one bar per series (years).
   */
  kind: 'line' | 'bar';
  /** The chart's accessible name, and its heading on the page. */
  title: string;
  /** One sentence on what the chart shows; the table beside it holds the figures. */
  description?: string;
  categories: string[];
  series: ChartSeries[];
  /** percent: values are fractions (0.75 is 75%). */
  unit: ChartUnit;
  /** Drawing size in CSS pixels; the page scales the SVG to its column. */
  width?: number;
  height?: number;
}

export interface ChartTable {
  head: string[];
  rows: string[][];
}

export interface Chart {
  /** An <svg> element, safe to inline: named, no script, no style element, ids unique. */
  svg: string;
  title: string;
  /** The same figures as a table: categories down, series across. */
  table: ChartTable;
  /** How long drawing took, ECharts' loading excepted (it is loaded once). */
  milliseconds: number;
}

type ECharts = typeof import('echarts');
let loading: Promise<ECharts> | null = null;

/** ECharts, loaded on the first chart. */
function echarts(): Promise<ECharts> {
  loading ??= import('echarts').then((m) => ((m as { default?: ECharts }).default ?? m) as ECharts);
  return loading;
}

/** A figure as the chart and its table print it: 75.0% for 0.75, 231 for 231, — for none. */
export function formatValue(value: number | null, unit: ChartUnit): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return unit === 'percent' ? `${(value * 100).toFixed(1)}%` : String(value);
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function axisLabel(unit: ChartUnit) {
  return {
    color: TEXT,
    fontFamily: chartFont,
    fontSize: 13,
    formatter: (v: number | string) =>
      typeof v === 'number' && unit === 'percent' ? `${Math.round(v * 100)}%` : String(v),
  };
}

function lineOption(spec: ChartSpec): EChartsOption {
  return {
    xAxis: {
      type: 'category',
      data: spec.categories,
      boundaryGap: spec.categories.length === 1,
      axisLine: { lineStyle: { color: AXIS } },
      axisTick: { lineStyle: { color: AXIS } },
      axisLabel: axisLabel(spec.unit),
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: spec.unit === 'percent' ? 1 : undefined,
      splitLine: { lineStyle: { color: GRID } },
      axisLabel: axisLabel(spec.unit),
    },
    series: spec.series.map((s, i) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      connectNulls: false,
      symbol: symbols[i % symbols.length],
      symbolSize: 9,
      lineStyle: { width: 2.5, type: lineTypes[Math.floor(i / chartPalette.length) % lineTypes.length] },
    })),
  };
}

function barOption(spec: ChartSpec): EChartsOption {
  return {
    yAxis: {
      type: 'category',
      // Top to bottom in the order given (ECharts draws a category axis from the bottom).
      data: [...spec.categories].reverse(),
      inverse: false,
      axisLine: { lineStyle: { color: AXIS } },
      axisTick: { show: false },
      axisLabel: { ...axisLabel('count'), width: 130, overflow: 'break' },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: spec.unit === 'percent' ? 1 : undefined,
      splitLine: { lineStyle: { color: GRID } },
      axisLabel: axisLabel(spec.unit),
    },
    series: spec.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: [...s.values].reverse(),
      barMaxWidth: 22,
      barGap: '15%',
      label: {
        show: true,
        position: 'right',
        color: TEXT,
        fontFamily: chartFont,
        fontSize: 12,
        formatter: (p: { value: unknown }) =>
          typeof p.value === 'number' ? formatValue(p.value, spec.unit) : '',
      },
    })),
  };
}

/** The drawing height a chart needs: bars grow with agencies × years, a legend with its entries. */
function heightOf(spec: ChartSpec, width: number): number {
  const legendRows = Math.ceil(spec.series.length / Math.max(1, Math.floor(width / 170)));
  const legend = 30 * legendRows;
  if (spec.kind === 'line') return 300 + legend;
  const perCategory = Math.max(1, spec.series.length) * 20 + 18;
  return 70 + legend + spec.categories.length * perCategory;
}

function optionOf(spec: ChartSpec, width: number): EChartsOption {
  const body = spec.kind === 'line' ? lineOption(spec) : barOption(spec);
  const legendRows = Math.ceil(spec.series.length / Math.max(1, Math.floor(width / 170)));
  return {
    animation: false,
    color: [...chartPalette],
    textStyle: { fontFamily: chartFont, color: TEXT },
    legend: {
      type: 'plain',
      top: 4,
      left: 8,
      right: 8,
      itemGap: 16,
      textStyle: { fontFamily: chartFont, fontSize: 13, color: TEXT },
      data: spec.series.map((s) => s.name),
    },
    grid: {
      top: 24 + legendRows * 30,
      left: 12,
      right: spec.kind === 'bar' ? 64 : 24,
      bottom: 12,
      containLabel: true,
    },
    ...body,
  };
}

/**
 * ECharts' SVG made fit to inline under a CSP without inline styles: style attributes become
 * presentation attributes, the hover <style> and the SSR metadata go, ids get the chart's prefix,
 * and the root element gets its name. Throws on anything that could run.
 */
export function finishSvg(raw: string, spec: Pick<ChartSpec, 'title' | 'description'>, uid: string): string {
  let svg = raw
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/\sclass="zr\d+-cls-\d+"/g, '')
    .replace(/\secmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/\sstyle="([^"]*)"/g, (_m, decl: string) =>
      decl
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const at = d.indexOf(':');
          const prop = d.slice(0, at).trim().toLowerCase();
          const value = d.slice(at + 1).trim();
          return /^[a-z-]+$/.test(prop) ? ` ${prop}="${value.replace(/"/g, '&quot;')}"` : '';
        })
        .join(''),
    )
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${uid}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${uid}-${id})`);
  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;
  const named =
    `<title id="${titleId}">${escapeXml(spec.title)}</title>` +
    (spec.description ? `<desc id="${descId}">${escapeXml(spec.description)}</desc>` : '');
  svg = svg.replace(/^<svg\b([^>]*)>/, (_m, attrs: string) => {
    const labelledBy = spec.description ? `${titleId} ${descId}` : titleId;
    return `<svg${attrs} class="gk-chart__svg" role="img" aria-labelledby="${labelledBy}" focusable="false">${named}`;
  });
  assertInert(svg);
  return svg;
}

/** Refuses an SVG with anything that runs or loads: scripts, handlers, foreign content, links out. */
export function assertInert(svg: string): void {
  const bad =
    /<script\b/i.test(svg) ||
    /<foreignObject\b/i.test(svg) ||
    /<(iframe|image|use|a)\b/i.test(svg) ||
    /\son[a-z]+\s*=/i.test(svg) ||
    /javascript:/i.test(svg) ||
    /\s(xlink:)?href\s*=/i.test(svg);
  if (bad) throw new Error('图表含有不允许嵌入页面的内容');
}

/** The figures of a chart as a table: one row per category, one column per series. */
export function tableOf(spec: ChartSpec): ChartTable {
  return {
    head: [spec.kind === 'line' ? '年度' : '机构', ...spec.series.map((s) => s.name)],
    rows: spec.categories.map((c, i) => [
      c,
      ...spec.series.map((s) => formatValue(s.values[i] ?? null, spec.unit)),
    ]),
  };
}

/**
 * Draws a chart as SVG: a line chart of a trend, or a bar chart of series side by side; animation
 * off, the platform's fonts and colours. The SVG keeps its drawing size as width and height (for
 * a file or a page without the stylesheet); gongkai.css `.gk-chart__svg` scales it to the column.
 */
export async function drawChart(spec: ChartSpec): Promise<Chart> {
  if (spec.series.some((s) => s.values.length !== spec.categories.length))
    throw new Error('图表数据与分类个数不一致');
  const lib = await echarts();
  const started = performance.now();
  const width = spec.width ?? 640;
  const height = spec.height ?? heightOf(spec, width);
  const chart = lib.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let raw: string;
  try {
    chart.setOption(optionOf(spec, width));
    raw = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const svg = finishSvg(raw, spec, `gkc${randomBytes(4).toString('hex')}`);
  return { svg, title: spec.title, table: tableOf(spec), milliseconds: performance.now() - started };
}
