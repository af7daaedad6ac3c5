// The accessibility engine's options, thresholds and rule codes (issue 17 §2 accessibility;
// services.md §5.2). Types and constants only — no I/O here.
import type { Clock } from '../../../platform/clock.js';
import type { CheckResult } from '../inspection.js';

/**
 * Who renders the pages: `chromium` (required — the call throws when the browser is missing or
 * does not start), `static` (cheerio over fetched HTML), `auto` (Chromium when `chromiumPath`
 * exists and starts, else static). `none` is the `INSPECTION_BROWSER=none` spelling of `static`.
 */
export type AccessibilityEngineChoice = 'auto' | 'chromium' | 'static' | 'none';

/** The engine that actually ran. */
export type AccessibilityEngine = 'chromium' | 'static';

/** The 适老化 thresholds (工信部《互联网网站适老化通用设计规范》 and its APP counterpart). */
export interface CareThresholds {
  /** Smallest body text on the 360 px phone, CSS px × the page's zoom (spec: 18 dp/pt). */
  minFontPxMobile: number;
  /** Smallest body text on the 1280 px desktop, CSS px. */
  minFontPxDesktop: number;
  /** line-height ÷ font-size, at least. */
  minLineHeightRatio: number;
  /** Text contrast, at least (the spec's 4.5:1 for every size in care mode). */
  minContrast: number;
  /** Width and height of a click/touch target, at least, CSS px. */
  minTargetPx: number;
  /** A fixed/sticky layer covering more than this share of the viewport is a pop-up. */
  maxOverlayShare: number;
  /** How long the page is watched for moving content, ms. */
  motionWindowMs: number;
}

export const defaultCareThresholds: CareThresholds = {
  minFontPxMobile: 18,
  minFontPxDesktop: 18,
  minLineHeightRatio: 1.3,
  minContrast: 4.5,
  minTargetPx: 44,
  maxOverlayShare: 0.3,
  motionWindowMs: 1000,
};

export interface AccessibilityOptions {
  /** Default `auto`. */
  engine?: AccessibilityEngineChoice;
  /** The Chromium executable (`INSPECTION_CHROMIUM_PATH`); without it only the static engine runs. */
  chromiumPath?: string | null;
  /** Fetches a page's HTML for the static engine (null when it could not be fetched). */
  fetchHtml: (url: string) => Promise<string | null>;
  /**
   * The care mode of the platform's own portal: the cookie that switches it on (`gk_care=1`).
   * Without it the engine looks for a 关怀模式/长辈版/适老 link on the pages and follows it.
   */
  careCookie?: { name: string; value: string } | null;
  /** Time of the evidence; the system clock by default. */
  clock?: Clock;
  /** Longest one page may take in the browser (load, axe-core, measurements), ms. Default 30 000. */
  pageTimeoutMs?: number;
  /** axe-core tags run. Default `wcag2a, wcag2aa, wcag21a, wcag21aa`. */
  axeTags?: readonly string[];
  /** Run axe-core again in care mode (its violations and needs-review items only). Default true. */
  axeInCareMode?: boolean;
  thresholds?: Partial<CareThresholds>;
}

export interface AccessibilityReport {
  engine: AccessibilityEngine;
  results: CheckResult[];
}

export const defaultAxeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** Rule codes of the 适老化 results (indicator `agedCare`). */
export const careRules = [
  'careModeMissing',
  'careFontSize',
  'careLineHeight',
  'careContrast',
  'careTargetSize',
  'carePopup',
  'careMotion',
] as const;
export type CareRule = (typeof careRules)[number];

/** The care checks that need a rendered page (all but `careModeMissing`). */
export const renderedCareRules = careRules.filter((r) => r !== 'careModeMissing');

/** The rule code of a page the engine could not load or check (outcome `inapplicable`). */
export const PAGE_UNAVAILABLE = 'pageUnavailable';

/** Why the rendering checks are `inapplicable` without a browser. */
export const NO_BROWSER_MESSAGE = '未配置浏览器引擎，无法测量（设置 INSPECTION_BROWSER=chromium）';
