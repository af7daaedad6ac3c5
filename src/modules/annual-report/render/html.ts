import { isRowLabel, tablesOf, type LayoutCell, type LayoutTable } from './layout.js';
import {
  formatOf,
  narrativeOf,
  openingParagraph,
  sectionHeadings,
  titleOf,
  type RenderInput,
} from './render-input.js';

/**
 * The report as HTML: a standalone document (for download and for printing to PDF) or a
 * fragment for the portal page. No external resources: the style sheet is inline.
 */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Font stacks: the 公文 fonts first (where installed), then the Noto CJK fonts of Debian. */
export const fontStacks = {
  title: '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif',
  heading: '"黑体", "SimHei", "Noto Sans CJK SC", sans-serif',
  body: '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", "Noto Sans CJK SC", serif',
};

/** The style sheet of the report; every rule is scoped to `.gk-annual-report`. */
export const reportCss = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
.gk-annual-report { font-family: ${fontStacks.body}; font-size: 16pt; line-height: 1.75; color: #000; }
.gk-annual-report h1 { font-family: ${fontStacks.title}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 24pt; text-wrap: balance; }
.gk-annual-report h1 .gk-ar-title-part { display: inline-block; }
.gk-annual-report h2 { font-family: ${fontStacks.heading}; font-size: 16pt; font-weight: normal; margin: 12pt 0 6pt; text-indent: 2em; page-break-after: avoid; break-after: avoid; }
.gk-annual-report p { margin: 0; text-indent: 2em; text-align: justify; }
.gk-annual-report table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 6pt 0 12pt; font-size: 10.5pt; line-height: 1.35; page-break-inside: auto; }
.gk-annual-report th, .gk-annual-report td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: middle; text-align: center; font-weight: normal; word-break: break-all; }
.gk-annual-report th.gk-ar-label { text-align: left; }
.gk-annual-report th.gk-ar-caption { font-family: ${fontStacks.heading}; text-align: left; }
.gk-annual-report tr { page-break-inside: avoid; break-inside: avoid; }
.gk-annual-report table.gk-ar-appeals { font-size: 9pt; }
`.trim();

function cellHtml(c: LayoutCell, inHead: boolean, rowLabel: boolean): string {
  const attrs: string[] = [];
  if (c.rowSpan && c.rowSpan > 1) attrs.push(`rowspan="${c.rowSpan}"`);
  if (c.colSpan && c.colSpan > 1) attrs.push(`colspan="${c.colSpan}"`);
  if (c.header) {
    if (inHead) attrs.push(c.colSpan && c.colSpan > 1 ? 'scope="colgroup"' : 'scope="col"');
    else attrs.push(c.rowSpan && c.rowSpan > 1 ? 'scope="rowgroup"' : 'scope="row"');
    if (rowLabel) attrs.push('class="gk-ar-label"');
  }
  if (c.path) attrs.push(`data-path="${escapeHtml(c.path)}"`);
  const tag = c.header ? 'th' : 'td';
  return `<${tag}${attrs.length ? ` ${attrs.join(' ')}` : ''}>${escapeHtml(c.text)}</${tag}>`;
}

/**
 * The column widths of a table as style rules (`.gk-ar-requests col:nth-child(3) { width: … }`),
 * never as `style` attributes: the site's Content-Security-Policy allows only its own style
 * sheet, which carries these rules too (platform/ui/static/gongkai.css, kept equal by a test).
 */
export function columnWidthCss(t: LayoutTable): string {
  const sum = t.widths.reduce((a, b) => a + b, 0);
  return t.widths
    .map((w, i) => `.gk-ar-${t.id} col:nth-child(${i + 1}) { width: ${((w / sum) * 100).toFixed(2)}%; }`)
    .join('\n');
}

function colgroup(t: LayoutTable): string {
  return `<colgroup>${t.widths.map(() => '<col>').join('')}</colgroup>`;
}

/** One statutory table as HTML, with its merged cells as rowspan/colspan. */
export function tableHtml(t: LayoutTable): string {
  const out: string[] = [`<table class="gk-ar-table gk-ar-${t.id}" id="gk-ar-${t.id}">`, colgroup(t)];
  for (const part of t.parts) {
    const rowHtml = (cells: LayoutCell[], r: number) =>
      `<tr>${cells.map((c) => cellHtml(c, r < part.headRows, isRowLabel(c, r, part))).join('')}</tr>`;
    const headRows = part.rows.slice(0, part.headRows);
    const bodyRows = part.rows.slice(part.headRows);
    if (part.caption) {
      // Sub-tables of section 二: one tbody each, its caption a row across the table.
      out.push(
        '<tbody>',
        `<tr><th colspan="${t.columns}" scope="colgroup" class="gk-ar-caption">${escapeHtml(part.caption)}</th></tr>`,
        ...headRows.map((r, i) => rowHtml(r, i)),
        ...bodyRows.map((r, i) => rowHtml(r, part.headRows + i)),
        '</tbody>',
      );
    } else {
      out.push(
        '<thead>',
        ...headRows.map((r, i) => rowHtml(r, i)),
        '</thead>',
        '<tbody>',
        ...bodyRows.map((r, i) => rowHtml(r, part.headRows + i)),
        '</tbody>',
      );
    }
  }
  out.push('</table>');
  return out.join('\n');
}

/**
 * A statutory table in a frame that scrolls sideways on a narrow screen: a region reached with Tab
 * (WCAG 2.1.1) and named after its table, e.g. “表三 收到和处理政府信息公开申请情况（可左右滚动）”.
 */
function scrollingTable(t: LayoutTable, section: '二' | '三' | '四'): string {
  const name = `表${section} ${sectionHeadings[section].replace(/^.、/, '')}（可左右滚动）`;
  return `<div class="gk-ar-scroll" tabindex="0" role="region" aria-label="${escapeHtml(name)}">\n${tableHtml(t)}\n</div>`;
}

const paragraphs = (list: string[]) => list.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');

/** The report as an `<article>`, for embedding in a page that includes `reportCss`. */
export function renderHtmlFragment(input: RenderInput): string {
  formatOf(input);
  const tables = tablesOf(input.data);
  const h = sectionHeadings;
  return [
    '<article class="gk-annual-report" lang="zh-CN">',
    // The title breaks, where it must, after the agency's name: each part is kept whole unless
    // it is wider than the page on its own.
    `<h1><span class="gk-ar-title-part">${escapeHtml(input.agency.trim())}</span><span class="gk-ar-title-part">${input.year}年政府信息公开工作年度报告</span></h1>`,
    `<p class="gk-ar-intro">${escapeHtml(openingParagraph(input))}</p>`,
    `<h2>${h.一}</h2>`,
    paragraphs(narrativeOf(input, '一')),
    `<h2>${h.二}</h2>`,
    scrollingTable(tables.proactive, '二'),
    `<h2>${h.三}</h2>`,
    scrollingTable(tables.requests, '三'),
    `<h2>${h.四}</h2>`,
    scrollingTable(tables.appeals, '四'),
    `<h2>${h.五}</h2>`,
    paragraphs(narrativeOf(input, '五')),
    `<h2>${h.六}</h2>`,
    paragraphs(narrativeOf(input, '六')),
    '</article>',
  ].join('\n');
}

/** The column widths of the three statutory tables (the same in every format and year). */
export function reportColumnCss(input: RenderInput): string {
  const tables = tablesOf(input.data);
  return [tables.proactive, tables.requests, tables.appeals].map(columnWidthCss).join('\n');
}

/** The report as a standalone HTML document (UTF-8, zh-CN, no external resources). */
export function renderHtml(input: RenderInput): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(titleOf(input))}</title>`,
    `<style>\nbody { margin: 0 auto; max-width: 210mm; padding: 0 8mm; background: #fff; }\n@media print { body { padding: 0; max-width: none; } }\n${reportCss}\n${reportColumnCss(input)}\n</style>`,
    '</head>',
    '<body>',
    renderHtmlFragment(input),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
