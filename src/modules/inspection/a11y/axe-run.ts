// axe-core in a rendered page, and its four lists as CheckResults (indicator `accessibility`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { CheckResult, Evidence, Outcome } from '../inspection.js';
import { axeMessage } from './axe-messages.js';
import { clip, evidence, result } from './results.js';

/** The failing elements of one rule, as reported (the first few). */
export interface AxeNodeSummary {
  /** CSS selectors of the element (an inner list for shadow DOM / frames). */
  target: Array<string | string[]>;
  html: string;
  /** color-contrast's measurement when axe made one. */
  contrast: { ratio: number; fg: string; bg: string; expected: string } | null;
}

export interface AxeRuleSummary {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  nodeCount: number;
  nodes: AxeNodeSummary[];
}

export interface AxeSummary {
  violations: AxeRuleSummary[];
  incomplete: AxeRuleSummary[];
  passes: AxeRuleSummary[];
  inapplicable: AxeRuleSummary[];
}

const require = createRequire(import.meta.url);
let source: string | null = null;

/** axe-core's browser build, read once. */
export function axeSource(): string {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/** Failing elements kept per rule. */
const NODES_KEPT = 3;

/**
 * Runs axe-core over the page's document with the given tags. Frames are not entered (axe would
 * wait for an axe inside each frame); only violations and needs-review items carry their elements.
 */
export async function runAxe(page: Page, tags: readonly string[]): Promise<AxeSummary> {
  await page.evaluate(axeSource());
  const options = {
    runOnly: { type: 'tag', values: [...tags] },
    resultTypes: ['violations', 'incomplete'],
    iframes: false,
    elementRef: false,
    performanceTimer: false,
  };
  const script = `axe.run(document, ${JSON.stringify(options)}).then((r) => {
    const keep = (rules) => rules.map((rule) => ({
      id: rule.id,
      impact: rule.impact || null,
      nodeCount: rule.nodes.length,
      nodes: rule.nodes.slice(0, ${NODES_KEPT}).map((n) => {
        const c = (n.any || []).find((check) => check.id === 'color-contrast' && check.data && check.data.contrastRatio);
        return {
          target: n.target,
          html: String(n.html || '').slice(0, 400),
          contrast: c ? { ratio: c.data.contrastRatio, fg: c.data.fgColor, bg: c.data.bgColor, expected: String(c.data.expectedContrastRatio || '') } : null,
        };
      }),
    }));
    return { violations: keep(r.violations), incomplete: keep(r.incomplete), passes: keep(r.passes), inapplicable: keep(r.inapplicable) };
  })`;
  return (await page.evaluate(script)) as AxeSummary;
}

/** Where a page was checked, for the evidence. */
export interface PageStamp {
  url: string;
  at: string;
  status: number | null;
}

function nodeEvidence(stamp: PageStamp, node: AxeNodeSummary): Evidence {
  const target = node.target.map((t) => (Array.isArray(t) ? t.join(' ') : t)).join(' >>> ');
  const contrast = node.contrast
    ? `；对比度 ${node.contrast.ratio}:1（文字 ${node.contrast.fg}，背景 ${node.contrast.bg}${node.contrast.expected ? `，要求 ${node.contrast.expected}` : ''}）`
    : '';
  return evidence(
    stamp.url,
    stamp.at,
    `${clip(target, 120)}：${clip(node.html, 160)}${contrast}`,
    stamp.status,
  );
}

const lists: Array<[keyof AxeSummary, Outcome]> = [
  ['violations', 'violation'],
  ['incomplete', 'review'],
  ['passes', 'pass'],
  ['inapplicable', 'inapplicable'],
];

/** `rule outcome` keys of a page's results, to tell what care mode adds. */
export function outcomeKeys(results: CheckResult[]): Set<string> {
  return new Set(results.map((r) => `${r.rule} ${r.outcome}`));
}

/**
 * axe-core's results of one page as CheckResults: one per rule, outcome by axe's list, message in
 * Chinese. In care mode (`normal` = the same page's normal-mode keys, or an empty set) only
 * violations and needs-review items that normal mode did not already report are kept, and their
 * messages say 关怀模式下.
 */
export function axeResults(
  summary: AxeSummary,
  stamp: PageStamp,
  normal: Set<string> | null = null,
): CheckResult[] {
  const careMode = normal !== null;
  const out: CheckResult[] = [];
  for (const [list, outcome] of lists) {
    if (careMode && (outcome === 'pass' || outcome === 'inapplicable')) continue;
    for (const rule of summary[list]) {
      if (normal?.has(`${rule.id} ${outcome}`)) continue;
      const failing = outcome === 'violation' || outcome === 'review';
      const count = failing && rule.nodeCount > 0 ? `（共 ${rule.nodeCount} 处）` : '';
      const ev =
        failing && rule.nodes.length > 0
          ? rule.nodes.map((n) => nodeEvidence(stamp, n))
          : [evidence(stamp.url, stamp.at, null, stamp.status)];
      out.push(
        result(
          'accessibility',
          outcome,
          rule.id,
          axeMessage(rule.id, outcome, careMode) + count,
          ev,
          rule.impact,
        ),
      );
    }
  }
  return out;
}
