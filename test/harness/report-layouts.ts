import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runArithmeticChecks } from '../../src/modules/annual-report/contract/arithmetic-checks.js';
import {
  appealGroupLabels,
  appealGroups,
  appealResultLabels,
  appealResults,
  formatForYear,
  printedRowsOf,
  REPORT_SCHEMA_ID,
  type ReportData,
  type RequestRow,
  type RequestRowKey,
} from '../../src/modules/annual-report/contract/report.js';
import {
  checkPublishedReport,
  type CheckedReport,
} from '../../src/modules/annual-report/published/read-and-check.js';
import { renderHtml, escapeHtml } from '../../src/modules/annual-report/render/html.js';
import { expand, tablesOf, type LayoutTable } from '../../src/modules/annual-report/render/layout.js';
import { renderMarkdown } from '../../src/modules/annual-report/render/markdown.js';
import { sectionHeadings, type RenderInput } from '../../src/modules/annual-report/render/render-input.js';

/**
 * The layout corpus: the figures of the real reports of the shared corpus (their hand-checked
 * truth), printed again in the layouts real reports come in — header variants, column orders,
 * wrapped labels, split tables, blank cells, text exports with `数据1 … 数据6` headers. Only the
 * layout changes, never a figure: whatever the reader gets from one of these must be the truth,
 * or a region it says it cannot read (with a reason); and the errors the checker raises must be
 * exactly those the figures themselves contain.
 */

const corpus = 'test/fixtures/annual-report/corpus';

export interface LayoutSource {
  name: string;
  /** The figures as printed; a cell printed blank is absent from its row (null in the truth). */
  data: ReportData;
  /** Cells printed blank: `requests.<row>.<column>`. */
  blanks: Set<string>;
}

export interface LayoutCase {
  name: string;
  style: string;
  file: string;
  text: string;
  source: LayoutSource;
}

interface Truth {
  year: number;
  agency: string;
  format: '2019' | '2021';
  requests?: Record<string, Array<number | null>>;
  appeals?: ReportData['appeals'] | null;
  proactive?: ReportData['proactive'];
}

/** Sources: every truth's figures (table 三 only where the truth has all its rows), and the seed report. */
export function layoutSources(opts: { partial?: boolean } = {}): LayoutSource[] {
  const out: LayoutSource[] = [];
  for (const name of readdirSync(join(corpus, 'truth')).sort()) {
    const t = JSON.parse(readFileSync(join(corpus, 'truth', name), 'utf8')) as Truth;
    const blanks = new Set<string>();
    const requests: ReportData['requests'] = {};
    const rows = printedRowsOf(t.format);
    if (opts.partial || rows.every((k) => t.requests?.[k])) {
      for (const k of rows) {
        if (!t.requests?.[k]) continue;
        t.requests[k].forEach((v, i) => v === null && blanks.add(`requests.${k}.${i}`));
        requests[k] = t.requests[k].map((v) => v ?? 0) as RequestRow;
      }
    }
    const data: ReportData = {
      schema: REPORT_SCHEMA_ID,
      format: t.format,
      // A mirror's copy may carry the year it was copied; the layouts print the format's year.
      year: opts.partial || formatForYear(t.year) === t.format ? t.year : t.format === '2019' ? 2020 : 2021,
      agency: t.agency,
      source: { kind: 'built' },
      // Items the truth could not read ({}) are not printed.
      proactive: Object.fromEntries(
        Object.entries(t.proactive ?? {}).filter(([, v]) => Object.keys(v as object).length),
      ),
      requests,
      appeals: t.appeals ?? {},
      narrative: {},
      findings: [],
    };
    if (opts.partial || Object.keys(requests).length || Object.keys(data.proactive).length)
      out.push({ name, data, blanks });
  }
  return out;
}

/**
 * The errors the figures themselves contain: `allowed` with a blank cell read as 0 (the contract's
 * reading), `certain` only those no blank cell takes part in (what a correct checker must raise).
 */
export function realErrors(source: LayoutSource): { allowed: string[]; certain: string[] } {
  const keys = (skipRows: RequestRowKey[]) =>
    runArithmeticChecks(source.data, { skipRows })
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.check} ${f.where}`);
  const withBlanks = [...source.blanks].map((b) => b.split('.').slice(1, -1).join('.') as RequestRowKey);
  return { allowed: keys([]), certain: keys(withBlanks) };
}

// ——— Printing the tables ———

interface Part {
  caption?: string;
  head: string[][];
  body: string[][];
  /** Body rows' data keys (table 三), for blank cells. */
  paths: Array<Array<string | undefined>>;
}

/** A table as rows of printed cells: every grid position (`full`), or only the cells that start there. */
function partsOf(t: LayoutTable, full: boolean): Part[] {
  return t.parts.map((p) => {
    const grid = expand(p.rows, t.columns);
    const rows = grid.map((row) => row.filter((c) => full || c.origin));
    const text = rows.map((row) => row.map((c) => (c.origin ? c.cell.text : '')));
    const paths = rows.map((row) => row.map((c) => (c.origin ? c.cell.path : undefined)));
    return {
      ...(p.caption ? { caption: p.caption } : {}),
      head: text.slice(0, p.headRows),
      body: text.slice(p.headRows),
      paths: paths.slice(p.headRows),
    };
  });
}

interface Style {
  /** Print every grid position (pipe tables) or only the cells that start there (text). */
  full: boolean;
  line: (cells: string[]) => string[];
  /** How the heading rows are printed; null: not at all. */
  head?: (part: Part) => string[][] | null;
  caption?: (caption: string) => string[];
  /** A cell's text, given its data path (blank cells, wrapped labels). */
  cell?: (text: string, path: string | undefined, source: LayoutSource) => string;
  /** Rows after which a table is split (a page break with the heading repeated). */
  splitAfter?: RequestRowKey;
  /** A long label continued on a row of its own. */
  wrap?: boolean;
  /** Label spellings real reports use. */
  labels?: Record<string, string>;
  appealsByGroup?: boolean;
  /** How table 三's rows are printed, where it differs. */
  requestsLine?: (cells: string[]) => string[];
}

function tableLines(t: LayoutTable, style: Style, source: LayoutSource): string[] {
  const out: string[] = [];
  const parts = partsOf(t, style.full);
  for (const part of parts) {
    if (part.caption) out.push(...(style.caption ? style.caption(part.caption) : [part.caption]));
    const head = style.head ? style.head(part) : part.head;
    if (head) for (const h of head) out.push(...style.line(h));
    part.body.forEach((row, r) => {
      const cells = row.map((c, i) => {
        const path = part.paths[r]![i];
        let text = style.labels?.[c] ?? c;
        if (path && source.blanks.has(path)) text = '';
        return style.cell ? style.cell(text, path, source) : text;
      });
      const labelAt = cells.findLastIndex((c, i) => c && !part.paths[r]![i]);
      const label = cells[labelAt];
      if (style.wrap && label && label.length > 14) {
        const cut = Math.ceil(label.length / 2);
        cells[labelAt] = label.slice(0, cut);
        out.push(...style.line(cells));
        out.push(...style.line(cells.map((_, i) => (i === labelAt ? label.slice(cut) : ''))));
      } else out.push(...style.line(cells));
      const key = part.paths[r]!.find(Boolean)?.split('.').slice(1, -1).join('.');
      if (style.splitAfter && key === style.splitAfter) {
        out.push('', '- 5 -', '', '（续表）', '');
        if (head) for (const h of head) out.push(...style.line(h));
      }
    });
  }
  return out;
}

function appealsByGroup(data: ReportData, line: (cells: string[]) => string[]): string[] {
  const out = line(['项目', ...appealResults.map((r) => appealResultLabels[r])]);
  for (const g of appealGroups) {
    const counts = data.appeals[g];
    if (counts) out.push(...line([appealGroupLabels[g], ...appealResults.map((r) => String(counts[r]))]));
  }
  return out;
}

/** A report around the tables, the way the portal pages print it. */
function document(source: LayoutSource, style: Style): string {
  const d = source.data;
  const t = tablesOf(d);
  const lines = [
    `${d.agency}${d.year}年政府信息公开工作年度报告`,
    `本报告所列数据的统计期限自${d.year}年1月1日起至${d.year}年12月31日止。`,
    sectionHeadings.一,
    '本年度，本机关认真落实政府信息公开工作要求。',
    sectionHeadings.二,
    ...tableLines(t.proactive, style, source),
  ];
  if (Object.keys(d.requests).length)
    lines.push(
      sectionHeadings.三,
      ...tableLines(t.requests, style.requestsLine ? { ...style, line: style.requestsLine } : style, source),
    );
  if (Object.keys(d.appeals).length)
    lines.push(
      sectionHeadings.四,
      ...(style.appealsByGroup ? appealsByGroup(d, style.line) : tableLines(t.appeals, style, source)),
    );
  lines.push(sectionHeadings.五, '工作中还存在一些不足。', sectionHeadings.六, '本年度未收取信息处理费。');
  return `${lines.join('\n')}\n`;
}

const pipe = (cells: string[]) => [`| ${cells.join(' | ')} |`];
/** Figure columns of a part: the cells of its body rows that hold a figure. */
const dataColumns = (part: Part) => Math.max(...part.paths.map((row) => row.filter(Boolean).length));
/** Text exports that number the figure columns instead of naming them. */
const numberedHead =
  (word: string) =>
  (part: Part): string[][] => [
    ['项目', ...Array.from({ length: dataColumns(part) }, (_, i) => `${word}${i + 1}`)],
  ];

/** Spellings of row labels found in real reports (punctuation, particles, missing numbers). */
const labelVariants: Record<string, string> = {
  '2.其他法律行政法规禁止公开': '2.其他法律、行政法规禁止公开',
  '3.危及“三安全一稳定”': '3.危及"三安全 一稳定"',
  '5.属于三类内部事务信息': '5.属于“三类内部事务”信息',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）': '（二）部分公开',
  '四、结转下年度继续办理': '四、结转下年度继续办理（件）',
  '一、本年新收政府信息公开申请数量': '一、本年新收政府信息公开申请数量（件）',
  规范性文件: '规范性文件（件）',
  行政规范性文件: '行政规范性文件',
  '4.保护第三方合法权益': '4.保护第三方的合法权益',
  '2.重复申请': '2.属重复申请的',
};

/** The source with one figure misprinted: 予以公开's 自然人 cell one more (a real inconsistency). */
function misprinted(s: LayoutSource): LayoutSource {
  const requests = structuredClone(s.data.requests);
  if (requests.granted) requests.granted[0] += 1;
  return { ...s, data: { ...s.data, requests } };
}

export const layoutStyles: Record<
  string,
  { file: string; make: (s: LayoutSource) => string; source?: (s: LayoutSource) => LayoutSource }
> = {
  markdown: { file: 'md', make: (s) => renderMarkdown(inputOf(s)) },
  html: { file: 'html', make: (s) => renderHtml(inputOf(s)) },
  'html-word-export': {
    file: 'html',
    make: (s) => wordHtml(s),
  },
  'text-numbered-headers': {
    file: 'txt',
    make: (s) => document(s, { full: false, line: (c) => [c.join('\t')], head: numberedHead('数据') }),
  },
  'text-numbered-headers-cells-per-line': {
    file: 'txt',
    make: (s) => document(s, { full: false, line: (c) => c.filter(Boolean), head: numberedHead('列') }),
  },
  'text-spaces': {
    file: 'txt',
    make: (s) => document(s, { full: false, line: (c) => [c.join('  ')] }),
  },
  'text-cell-per-line': {
    file: 'txt',
    make: (s) => document(s, { full: false, line: (c) => c.filter(Boolean) }),
  },
  'markdown-wrapped-labels': {
    file: 'md',
    make: (s) => document(s, { full: true, line: pipe, wrap: true }),
  },
  'markdown-split-table': {
    file: 'md',
    make: (s) => document(s, { full: true, line: pipe, splitAfter: 'withheld.administrativeQuery' }),
  },
  'markdown-blank-zeros': {
    file: 'md',
    make: (s) =>
      document(s, {
        full: true,
        line: pipe,
        cell: (text, path) => (path?.startsWith('requests.') && text === '0' ? '' : text),
      }),
  },
  'markdown-no-captions-label-variants': {
    file: 'md',
    make: (s) => document(s, { full: true, line: pipe, caption: () => [], labels: labelVariants }),
  },
  'text-cell-per-line-blank-zeros': {
    file: 'txt',
    make: (s) =>
      document(s, {
        full: false,
        line: (c) => c.filter(Boolean),
        labels: labelVariants,
        cell: (text, path) => (path?.startsWith('requests.') && text === '0' ? '' : text),
      }),
  },
  'html-word-export-blank-zeros': { file: 'html', make: (s) => wordHtml(s, { blankZeros: true }) },
  'text-labels-after-figures': {
    file: 'txt',
    make: (s) =>
      document(s, {
        full: false,
        line: (c) => [c.join('\t')],
        // Table 三 with its label column printed after the figures.
        requestsLine: (c) => {
          const labels = c.filter((x) => x && !/^\d+(\.\d+)?$/.test(x));
          const figures = c.filter((x) => /^\d+(\.\d+)?$/.test(x));
          return [[...figures, ...labels].join('\t')];
        },
      }),
  },
  'markdown-misprint': { file: 'md', make: (s) => renderMarkdown(inputOf(s)), source: misprinted },
  'text-spaces-misprint': {
    file: 'txt',
    make: (s) => document(s, { full: false, line: (c) => [c.join('  ')] }),
    source: misprinted,
  },
  'text-appeals-by-group': {
    file: 'txt',
    make: (s) => document(s, { full: false, line: (c) => [c.join('\t')], appealsByGroup: true }),
  },
};

function inputOf(s: LayoutSource): RenderInput {
  return {
    data: s.data,
    agency: s.data.agency!,
    year: s.data.year!,
    narrative: {
      section1: '本年度，本机关认真落实政府信息公开工作要求。',
      section5: '无。',
      section6: '无。',
    },
  };
}

/**
 * An HTML page as Word saves one: one table per part, every cell a paragraph in a span, label
 * spellings of real reports, long labels broken by <br>, zero cells printed blank.
 */
function wordHtml(s: LayoutSource, opts: { blankZeros?: boolean } = {}): string {
  const t = tablesOf(s.data);
  const cell = (text: string, attrs = '') =>
    `<td${attrs}><p class="MsoNormal"><span style="font-family:仿宋_GB2312">${escapeHtml(text).replace(
      /^(.{10})(.{6,})$/u,
      '$1<br>$2',
    )}</span></p></td>`;
  const table = (lt: LayoutTable) =>
    lt.parts
      .map((p) => {
        const rows = p.rows.map(
          (r) =>
            `<tr>${r
              .map((c) => {
                const attrs = `${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan ? ` colspan="${c.colSpan}"` : ''}`;
                const text = labelVariants[c.text] ?? c.text;
                const blank =
                  (c.path && s.blanks.has(c.path)) ||
                  (opts.blankZeros && c.path?.startsWith('requests.') && text === '0');
                return cell(blank ? '' : text, attrs);
              })
              .join('')}</tr>`,
        );
        const caption = p.caption ? `<p class="MsoNormal"><b>${escapeHtml(p.caption)}</b></p>` : '';
        return `${caption}<table border="1" cellspacing="0">${rows.join('\n')}</table>`;
      })
      .join('\n');
  const para = (x: string) => `<p class="MsoNormal"><span>${escapeHtml(x)}</span></p>`;
  const d = s.data;
  return [
    '<html><head><meta charset="utf-8"></head><body><div class="WordSection1">',
    para(`${d.agency}${d.year}年政府信息公开工作年度报告`),
    para(sectionHeadings.一),
    para('本年度，本机关认真落实政府信息公开工作要求。'),
    para(sectionHeadings.二),
    table(t.proactive),
    ...(Object.keys(d.requests).length ? [para(sectionHeadings.三), table(t.requests)] : []),
    ...(Object.keys(d.appeals).length ? [para(sectionHeadings.四), table(t.appeals)] : []),
    para(sectionHeadings.五),
    para('工作中还存在一些不足。'),
    para(sectionHeadings.六),
    para('本年度未收取信息处理费。'),
    '</div></body></html>',
  ].join('\n');
}

export function layoutCases(): LayoutCase[] {
  const out: LayoutCase[] = [];
  for (const original of layoutSources())
    for (const [style, { file, make, source: mutate }] of Object.entries(layoutStyles)) {
      const source = mutate ? mutate(original) : original;
      out.push({
        name: `${source.name} ${style}`,
        style,
        file: `report.${file}`,
        text: make(source),
        source,
      });
    }
  return out;
}

// ——— Measuring a reading ———

export interface Tally {
  cells: number;
  /** Cells read as printed. */
  read: number;
  /** Cells the reader said it could not read, with a reason. */
  reported: number;
  /** Cells read as something else than printed. */
  wrong: string[];
  /** Cells neither read nor reported. */
  lost: string[];
  falseErrors: string[];
  missedErrors: string[];
}

export const emptyTally = (): Tally => ({
  cells: 0,
  read: 0,
  reported: 0,
  wrong: [],
  lost: [],
  falseErrors: [],
  missedErrors: [],
});

/** Every figure of the source against what the reader made of it. */
export function tally(
  source: LayoutSource,
  r: CheckedReport,
  expected: { allowed: string[]; certain: string[] },
  into: Tally = emptyTally(),
): Tally {
  const d = r.data;
  const unreadable = r.info?.unreadable ?? [];
  const reported = (where: string) =>
    unreadable.some((u) => u.reason && (where === u.where || where.startsWith(`${u.where}.`)));
  const visit = (where: string, want: number, got: unknown, blank: boolean, rebuilt: boolean) => {
    into.cells++;
    if (got === want || (blank && got === 0) || (blank && rebuilt && typeof got === 'number')) into.read++;
    else if (got === undefined && reported(where)) into.reported++;
    else if (got === undefined) into.lost.push(where);
    else into.wrong.push(`${where}: ${String(got)} ≠ ${want}`);
  };
  for (const [key, row] of Object.entries(source.data.requests)) {
    const got = d?.requests[key as RequestRowKey];
    const rebuilt = r.info?.provenance[`requests.${key}`]?.how === 'reconstructed';
    row!.forEach((v, i) =>
      visit(`requests.${key}`, v, got?.[i], source.blanks.has(`requests.${key}.${i}`), rebuilt),
    );
  }
  for (const [g, counts] of Object.entries(source.data.appeals))
    for (const [k, v] of Object.entries(counts!))
      visit(
        `appeals.${g}.${k}`,
        v,
        (d?.appeals as Record<string, Record<string, number>>)?.[g]?.[k],
        false,
        false,
      );
  for (const [item, fields] of Object.entries(source.data.proactive))
    for (const [f, v] of Object.entries(fields as Record<string, number>))
      visit(
        `proactive.${item}`,
        v,
        (d?.proactive as Record<string, Record<string, number>>)?.[item]?.[f],
        false,
        false,
      );
  const errors = (d?.findings ?? [])
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.check} ${f.where}`);
  into.falseErrors.push(...errors.filter((e) => !expected.allowed.includes(e)));
  into.missedErrors.push(...expected.certain.filter((e) => !errors.includes(e)));
  return into;
}

export async function readCase(c: LayoutCase): Promise<CheckedReport> {
  return checkPublishedReport(c.file, Buffer.from(c.text, 'utf8'));
}

export function percent(t: Tally): string {
  return t.cells ? ((100 * (t.read + t.reported)) / t.cells).toFixed(1) : '—';
}

/** The real reports themselves, with their truth's figures (the PDF from ../shared/corpus where it is). */
export function corpusCases(): Array<{
  name: string;
  file: string;
  path: string;
  source: LayoutSource;
  errors: string[];
}> {
  const out = [];
  for (const source of layoutSources({ partial: true })) {
    const t = JSON.parse(readFileSync(join(corpus, 'truth', source.name), 'utf8')) as Truth & {
      file: string;
      inconsistencies: Array<{ check: string; where: string }>;
    };
    const local = join(corpus, t.file);
    const path = existsSync(local) ? local : join('../shared/corpus', t.file);
    if (!existsSync(path)) continue;
    out.push({
      name: source.name,
      file: t.file,
      path,
      source,
      errors: t.inconsistencies.map((i) => `${i.check} ${i.where}`),
    });
  }
  return out;
}
