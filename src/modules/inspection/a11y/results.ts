// Small builders of CheckResult and Evidence shared by the engines.
import type { CheckResult, Evidence, Indicator, Outcome } from '../inspection.js';
import { NO_BROWSER_MESSAGE, PAGE_UNAVAILABLE, renderedCareRules } from './types.js';

export function evidence(
  url: string | null,
  at: string | null,
  text: string | null = null,
  status: number | null = null,
): Evidence {
  return { url, at, status, text };
}

export function result(
  indicator: Indicator,
  outcome: Outcome,
  rule: string,
  message: string,
  evidenceList: Evidence[],
  impact?: CheckResult['impact'],
): CheckResult {
  const r: CheckResult = { indicator, outcome, rule, message, evidence: evidenceList };
  if (impact !== undefined) r.impact = impact;
  return r;
}

/** Cuts a text to `max` characters (whitespace collapsed), with an ellipsis. */
export function clip(text: string, max = 120): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** A page that could not be loaded or checked: one `inapplicable` result saying why. */
export function pageUnavailable(
  url: string,
  at: string,
  reason: string,
  status: number | null = null,
): CheckResult {
  return result('accessibility', 'inapplicable', PAGE_UNAVAILABLE, `页面无法检查：${reason}`, [
    evidence(url, at, reason, status),
  ]);
}

/** The care checks that need a rendered page, each `inapplicable` with `message` (one result per rule). */
export function renderedCareInapplicable(message: string, url: string | null, at: string): CheckResult[] {
  return renderedCareRules.map((rule) =>
    result('agedCare', 'inapplicable', rule, message, [evidence(url, at)]),
  );
}

/** What the static engine cannot measure: contrast and the rendered 适老化 checks. */
export function noBrowserResults(
  url: string | null,
  at: string,
  message = NO_BROWSER_MESSAGE,
): CheckResult[] {
  return [
    result('accessibility', 'inapplicable', 'color-contrast', message, [evidence(url, at)]),
    ...renderedCareInapplicable(message, url, at),
  ];
}
