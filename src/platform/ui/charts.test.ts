import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assertInert, chartPalette, drawChart, formatValue, type ChartSpec } from './charts.js';

const hostile = '<script>alert(1)</script>&局';

const trend: ChartSpec = {
  kind: 'line',
  title: '公开率的变化',
  description: '各机构历年公开率',
  categories: ['2019', '2020', '2021'],
  series: [
    { name: '晋江市人民政府', values: [0.61, 0.7446, null] },
    { name: hostile, values: [0.5, 0.25, 0.75] },
  ],
  unit: 'percent',
};

const sideBySide: ChartSpec = {
  kind: 'bar',
  title: '本年新收申请数',
  categories: ['晋江市人民政府', hostile],
  series: [
    { name: '2020年', values: [231, 12] },
    { name: '2021年', values: [null, 40] },
  ],
  unit: 'count',
};

/** Relative luminance (WCAG 2) of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('server-side SVG charts', () => {
  it('draws a trend as a named, inert SVG whose names are escaped', async (t) => {
    const chart = await drawChart(trend);
    assert.match(chart.svg, /^<svg\b[^>]*role="img"[^>]*aria-labelledby="(gkc[0-9a-f]{8})-title \1-desc"/);
    assert.match(chart.svg, /<title id="gkc[0-9a-f]{8}-title">公开率的变化<\/title>/);
    assert.match(chart.svg, /<desc id="gkc[0-9a-f]{8}-desc">各机构历年公开率<\/desc>/);
    assert.doesNotMatch(chart.svg, /<script/i);
    assert.match(
      chart.svg,
      /&lt;script&gt;alert\(1\)&lt;\/script&gt;&amp;局/,
      'the legend shows the name, escaped',
    );
    // Nothing that a CSP without inline styles would block, and nothing ECharts uses only in a browser.
    assert.doesNotMatch(chart.svg, /\sstyle=|<style|ecmeta_|zr\d+-cls/);
    assert.match(chart.svg, /font-family="'PingFang SC'/, 'the platform’s fonts, as an attribute');
    assert.match(chart.svg, /stroke="#0b4a8b"/, 'the first series in the platform’s blue');
    assert.match(chart.svg, />80%<\/text>/, 'a percentage axis');
    assert.ok(chart.milliseconds > 0 && chart.milliseconds < 5000, `drew in ${chart.milliseconds} ms`);
    t.diagnostic(`a line chart took ${chart.milliseconds.toFixed(1)} ms to draw`);
  });

  it('draws agencies side by side, labelled, with the table of the same figures', async (t) => {
    const chart = await drawChart(sideBySide);
    assert.match(chart.svg, />231</, 'a bar carries its figure');
    // A long name is broken over two lines of the axis label, escaped on each.
    assert.match(
      chart.svg,
      />&lt;script&gt;alert\(1\)&lt;\/[\s\S]*>script&gt;&amp;局</,
      'an axis label, escaped',
    );
    assert.doesNotMatch(chart.svg, /<script|\sstyle=/);
    assert.deepEqual(chart.table, {
      head: ['机构', '2020年', '2021年'],
      rows: [
        ['晋江市人民政府', '231', '—'],
        [hostile, '12', '40'],
      ],
    });
    t.diagnostic(`a bar chart took ${chart.milliseconds.toFixed(1)} ms to draw`);
  });

  it('gives every chart its own ids, so two on a page do not share a clip path', async () => {
    const [a, b] = [await drawChart(trend), await drawChart(trend)];
    const ids = (svg: string) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids(a.svg).length > 2);
    assert.equal(ids(a.svg).filter((id) => ids(b.svg).includes(id)).length, 0);
    for (const [, ref] of a.svg.matchAll(/url\(#([^)]+)\)/g)) assert.ok(ids(a.svg).includes(ref), ref);
  });

  it('keeps any name inert and readable (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }), async (name) => {
        const chart = await drawChart({
          kind: 'bar',
          title: name,
          categories: [name],
          series: [{ name, values: [3] }],
          unit: 'count',
        });
        assertInert(chart.svg);
        assert.doesNotMatch(chart.svg, /<script|\son\w+=/i);
        assert.ok(chart.svg.includes(`<title id="`), 'named');
        assert.equal(chart.table.rows[0]![0], name, 'the table holds the name as given');
      }),
      { numRuns: 25 },
    );
  });

  it('refuses an SVG that could run something', () => {
    for (const bad of [
      '<svg><script>x</script></svg>',
      '<svg><rect onload="x"/></svg>',
      '<svg><a href="https://example.com">x</a></svg>',
      '<svg><foreignObject/></svg>',
    ])
      assert.throws(() => assertInert(bad), /不允许/);
    assert.doesNotThrow(() => assertInert('<svg><rect fill="#fff"/></svg>'));
  });

  it('refuses figures that do not match their categories', async () => {
    await assert.rejects(
      drawChart({ ...trend, series: [{ name: 'x', values: [1] }] }),
      /图表数据与分类个数不一致/,
    );
  });

  it('uses colours that stand out on white paper and screens', () => {
    for (const c of chartPalette) {
      const ratio = (1 + 0.05) / (luminance(c) + 0.05);
      assert.ok(ratio >= 4.5, `${c} has ${ratio.toFixed(2)}:1 on white`);
    }
    assert.equal(new Set(chartPalette).size, chartPalette.length);
  });

  it('prints fractions as percentages and counts as they are', () => {
    assert.equal(formatValue(0.7446, 'percent'), '74.5%');
    assert.equal(formatValue(null, 'percent'), '—');
    assert.equal(formatValue(231, 'count'), '231');
  });

  it('loads ECharts only when a chart is drawn, not with the module', () => {
    const source = readFileSync(new URL('./charts.ts', import.meta.url), 'utf8');
    const staticImports = source.match(/^import\s+(?!type\b)[^;]*from\s+'echarts[^']*'/gm) ?? [];
    assert.deepEqual(staticImports, [], 'only type imports of echarts at the top');
    assert.match(source, /import\('echarts'\)/);
  });
});
