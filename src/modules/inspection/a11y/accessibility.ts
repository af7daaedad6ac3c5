// The accessibility engine of the site inspector (issue 17 §2 accessibility, §4; services.md §5.2):
// axe-core (WCAG 2.0/2.1 A and AA) and the 适老化 checks of the site's care mode, measured in
// Chromium when one is configured, else a static subset read from the HTML.
import { existsSync } from 'node:fs';
import { systemClock } from '../../../platform/clock.js';
import { launchChromium, runBrowserEngine } from './browser-engine.js';
import { runStaticEngine } from './static-engine.js';
import {
  defaultAxeTags,
  defaultCareThresholds,
  NO_BROWSER_MESSAGE,
  type AccessibilityEngine,
  type AccessibilityEngineChoice,
  type AccessibilityOptions,
  type AccessibilityReport,
} from './types.js';

export * from './types.js';
export { axeMessage, axeProblem, axeRuleProblems } from './axe-messages.js';
export { careNameKind, pickCareLink, type CareLink, type CareLinkCandidate } from './care-link.js';
export { CHROMIUM_ARGS } from './browser-engine.js';
export { viewportBlocksZoom } from './static-engine.js';

/** Which engine a call will use, before it runs: the browser only when asked for (or `auto`) and present. */
export function chooseEngine(
  choice: AccessibilityEngineChoice | undefined,
  chromiumPath: string | null | undefined,
): AccessibilityEngine {
  if (choice === 'static' || choice === 'none') return 'static';
  if (choice === 'chromium') return 'chromium';
  return chromiumPath && existsSync(chromiumPath) ? 'chromium' : 'static';
}

/**
 * Checks `pages` (absolute URLs; duplicates dropped, order kept — the home page first) for
 * accessibility and 适老化.
 *
 * - With a browser (`engine` `chromium`, or `auto` with an existing `chromiumPath`): one Chromium
 *   per call, closed before returning. Per page, axe-core at 1280 px (`accessibility`, rule =
 *   axe's id). Then the care mode (`careCookie`, or the page's 关怀模式/长辈版/适老 link followed)
 *   on a 360 px phone and at 1280 px: font size, line height, contrast, targets, pop-ups, motion
 *   (`agedCare`), plus axe-core's violations in care mode. No care mode: `careModeMissing`
 *   violation and the rest `inapplicable`.
 * - Without: the static subset over `fetchHtml`; the rendering checks are `inapplicable` with
 *   NO_BROWSER_MESSAGE.
 *
 * `engine: 'chromium'` throws when the browser is missing or does not start; `auto` falls back to
 * the static engine (saying why in the `inapplicable` results).
 */
export async function checkAccessibility(
  pages: string[],
  opts: AccessibilityOptions,
): Promise<AccessibilityReport> {
  const list = [...new Set(pages)];
  const clock = opts.clock ?? systemClock;
  const choice = opts.engine ?? 'auto';
  const path = opts.chromiumPath ?? null;
  const engine = chooseEngine(choice, path);
  const runStatic = async (reason: string): Promise<AccessibilityReport> => ({
    engine: 'static',
    results: list.length === 0 ? [] : await runStaticEngine(list, opts.fetchHtml, clock, reason),
  });
  if (engine === 'static') return runStatic(NO_BROWSER_MESSAGE);
  if (!path || !existsSync(path)) {
    throw new Error(
      `无障碍检查设为必须使用浏览器（INSPECTION_BROWSER=chromium），但浏览器 ${path ?? '（未设置 INSPECTION_CHROMIUM_PATH）'} 不存在；请安装 Chromium（apt-get install chromium）或改为 auto。`,
    );
  }
  if (list.length === 0) return { engine: 'chromium', results: [] };
  let browser;
  try {
    browser = await launchChromium(path);
  } catch (e) {
    if (choice === 'chromium') throw e;
    return runStatic(`${e instanceof Error ? e.message : String(e)}，无法测量`);
  }
  try {
    const results = await runBrowserEngine(browser, list, {
      clock,
      pageTimeoutMs: opts.pageTimeoutMs ?? 30_000,
      axeTags: opts.axeTags ?? defaultAxeTags,
      axeInCareMode: opts.axeInCareMode ?? true,
      careCookie: opts.careCookie ?? null,
      thresholds: { ...defaultCareThresholds, ...opts.thresholds },
    });
    return { engine: 'chromium', results };
  } finally {
    await browser.close().catch(() => {});
  }
}
