// The 适老化 results of one page in care mode, from what page-probe.js measured on the phone
// (360 px) and the desktop (1280 px). One result per check and page: pass, or violation with the
// worst offenders of both views as evidence.
import type { CheckResult, Evidence } from '../inspection.js';
import { careRules, type CareRule, type CareThresholds } from './types.js';
import { evidence, result } from './results.js';

export interface Offender {
  selector: string;
  text: string;
  value: number;
}

/** What page-probe.js `measure` returns. */
export interface ProbeMeasure {
  scale: number;
  font: { checked: number; count: number; worst: Offender[] };
  lineHeight: { checked: number; count: number; worst: Array<Offender & { normal: boolean }> };
  contrast: {
    checked: number;
    count: number;
    worst: Array<Offender & { fg: string; bg: string }>;
    unknownCount: number;
    unknown: Array<{ selector: string; text: string; reason: string }>;
  };
  target: {
    checked: number;
    exempt: number;
    count: number;
    worst: Array<Offender & { w: number; h: number }>;
  };
  popup: {
    count: number;
    worst: Array<{ selector: string; text: string; kind: string; value: number | null }>;
  };
}

/** What page-probe.js `stopMotion` returns. */
export interface MotionMeasure {
  count: number;
  worst: Array<{ selector: string; text: string; kind: string; detail: string }>;
}

export type View = 'mobile' | 'desktop';

export const viewLabels: Record<View, string> = {
  mobile: '手机（360 像素宽）',
  desktop: '电脑（1280 像素宽）',
};

/** One view of one page in care mode. */
export interface ViewMeasure {
  view: View;
  /** The address measured (after redirects). */
  url: string;
  status: number | null;
  at: string;
  measure: ProbeMeasure;
  motion: MotionMeasure;
  /** Two screenshots a motion window apart differ. */
  screenChanged: boolean;
  /** Browser dialogs (alert/confirm) and new windows the page opened by itself. */
  dialogs: string[];
}

const num = (n: number, digits = 1): string => String(Number(n.toFixed(digits)));

const EVIDENCE_LIMIT = 6;

/** Evidence lines of the worst offenders of every view, smallest value first, at most EVIDENCE_LIMIT. */
function offenders<T>(
  views: ViewMeasure[],
  pick: (m: ViewMeasure) => T[],
  value: (o: T) => number,
  line: (o: T) => string,
): Evidence[] {
  const all = views.flatMap((v) => pick(v).map((o) => ({ v, o })));
  all.sort((a, b) => value(a.o) - value(b.o));
  return all
    .slice(0, EVIDENCE_LIMIT)
    .map(({ v, o }) => evidence(v.url, v.at, `${viewLabels[v.view]}：${line(o)}`, v.status));
}

/** “手机（360 像素宽）3 处、电脑（1280 像素宽）1 处” */
function perView(views: ViewMeasure[], count: (m: ViewMeasure) => number): string {
  return views
    .filter((v) => count(v) > 0)
    .map((v) => `${viewLabels[v.view]} ${count(v)} 处`)
    .join('、');
}

function pageEvidence(views: ViewMeasure[], text: string | null): Evidence[] {
  return views.map((v) =>
    evidence(v.url, v.at, text ? `${viewLabels[v.view]}：${text}` : viewLabels[v.view], v.status),
  );
}

function fontResult(views: ViewMeasure[], t: CareThresholds): CheckResult {
  const rule: CareRule = 'careFontSize';
  const min = Math.min(t.minFontPxMobile, t.minFontPxDesktop);
  const minLabel =
    t.minFontPxMobile === t.minFontPxDesktop ? `${min}` : `${t.minFontPxMobile}/${t.minFontPxDesktop}`;
  if (views.every((v) => v.measure.font.checked === 0)) {
    return result('agedCare', 'inapplicable', rule, '关怀模式下页面没有可见文字', pageEvidence(views, null));
  }
  const bad = views.filter((v) => v.measure.font.count > 0);
  if (bad.length === 0) {
    const checked = Math.max(...views.map((v) => v.measure.font.checked));
    return result(
      'agedCare',
      'pass',
      rule,
      `关怀模式下文字字号均不小于 ${minLabel} 像素（${checked} 处文字）`,
      pageEvidence(views, null),
    );
  }
  const smallest = Math.min(...bad.flatMap((v) => v.measure.font.worst.map((o) => o.value)));
  const ev = offenders(
    bad,
    (v) => v.measure.font.worst,
    (o) => o.value,
    (o) => `「${o.text}」${num(o.value)} 像素（${o.selector}）`,
  );
  const zoomed = bad.find((v) => v.view === 'mobile' && v.measure.scale < 0.99);
  const note = zoomed ? `；页面未适配手机，按缩放 ${num(zoomed.measure.scale, 2)} 倍计算` : '';
  return result(
    'agedCare',
    'violation',
    rule,
    `关怀模式下有文字字号小于 ${minLabel} 像素：${perView(bad, (v) => v.measure.font.count)}，最小 ${num(smallest)} 像素${note}`,
    ev,
  );
}

function lineHeightResult(views: ViewMeasure[], t: CareThresholds): CheckResult {
  const rule: CareRule = 'careLineHeight';
  if (views.every((v) => v.measure.lineHeight.checked === 0)) {
    return result(
      'agedCare',
      'inapplicable',
      rule,
      '关怀模式下页面没有可见的正文文字',
      pageEvidence(views, null),
    );
  }
  const bad = views.filter((v) => v.measure.lineHeight.count > 0);
  if (bad.length === 0) {
    return result(
      'agedCare',
      'pass',
      rule,
      `关怀模式下行高均不小于字号的 ${t.minLineHeightRatio} 倍`,
      pageEvidence(views, null),
    );
  }
  const ev = offenders(
    bad,
    (v) => v.measure.lineHeight.worst,
    (o) => o.value,
    (o) => `「${o.text}」行高 ${o.normal ? 'normal（约 1.2 倍）' : `${num(o.value, 2)} 倍`}（${o.selector}）`,
  );
  return result(
    'agedCare',
    'violation',
    rule,
    `关怀模式下行高小于字号的 ${t.minLineHeightRatio} 倍：${perView(bad, (v) => v.measure.lineHeight.count)}`,
    ev,
  );
}

function contrastResult(views: ViewMeasure[], t: CareThresholds): CheckResult {
  const rule: CareRule = 'careContrast';
  if (views.every((v) => v.measure.contrast.checked === 0)) {
    return result('agedCare', 'inapplicable', rule, '关怀模式下页面没有可见文字', pageEvidence(views, null));
  }
  const bad = views.filter((v) => v.measure.contrast.count > 0);
  if (bad.length > 0) {
    const lowest = Math.min(...bad.flatMap((v) => v.measure.contrast.worst.map((o) => o.value)));
    const ev = offenders(
      bad,
      (v) => v.measure.contrast.worst,
      (o) => o.value,
      (o) => `「${o.text}」对比度 ${num(o.value, 2)}:1（文字 ${o.fg}，背景 ${o.bg}；${o.selector}）`,
    );
    return result(
      'agedCare',
      'violation',
      rule,
      `关怀模式下文字与背景对比度低于 ${t.minContrast}:1：${perView(bad, (v) => v.measure.contrast.count)}，最低 ${num(lowest, 2)}:1`,
      ev,
    );
  }
  const unsure = views.filter((v) => v.measure.contrast.unknownCount > 0);
  if (unsure.length > 0) {
    const ev = views
      .flatMap((v) =>
        v.measure.contrast.unknown.map((o) =>
          evidence(v.url, v.at, `${viewLabels[v.view]}：「${o.text}」${o.reason}（${o.selector}）`, v.status),
        ),
      )
      .slice(0, EVIDENCE_LIMIT);
    return result(
      'agedCare',
      'review',
      rule,
      `关怀模式下有文字位于图片或渐变背景上，对比度需人工确认：${perView(unsure, (v) => v.measure.contrast.unknownCount)}`,
      ev,
    );
  }
  return result(
    'agedCare',
    'pass',
    rule,
    `关怀模式下文字与背景对比度均不低于 ${t.minContrast}:1`,
    pageEvidence(views, null),
  );
}

function targetResult(views: ViewMeasure[], t: CareThresholds): CheckResult {
  const rule: CareRule = 'careTargetSize';
  const exempt = Math.max(...views.map((v) => v.measure.target.exempt));
  const note = exempt > 0 ? `（句中链接 ${exempt} 处按 WCAG 2.5.8 的行内例外不计）` : '';
  if (views.every((v) => v.measure.target.checked === 0)) {
    return result(
      'agedCare',
      'inapplicable',
      rule,
      `关怀模式下页面没有需计量的可点击目标${note}`,
      pageEvidence(views, null),
    );
  }
  const bad = views.filter((v) => v.measure.target.count > 0);
  if (bad.length === 0) {
    return result(
      'agedCare',
      'pass',
      rule,
      `关怀模式下可点击目标均不小于 ${t.minTargetPx}×${t.minTargetPx} 像素${note}`,
      pageEvidence(views, null),
    );
  }
  const ev = offenders(
    bad,
    (v) => v.measure.target.worst,
    (o) => o.value,
    (o) => `「${o.text}」${num(o.w, 0)}×${num(o.h, 0)} 像素（${o.selector}）`,
  );
  return result(
    'agedCare',
    'violation',
    rule,
    `关怀模式下可点击目标小于 ${t.minTargetPx}×${t.minTargetPx} 像素：${perView(bad, (v) => v.measure.target.count)}${note}`,
    ev,
  );
}

const popupKinds: Record<string, string> = {
  dialog: '对话框',
  fixed: '固定浮层',
  sticky: '吸附浮层',
};

function popupResult(views: ViewMeasure[], t: CareThresholds): CheckResult {
  const rule: CareRule = 'carePopup';
  const count = (v: ViewMeasure): number => v.measure.popup.count + v.dialogs.length;
  const bad = views.filter((v) => count(v) > 0);
  if (bad.length === 0) {
    return result(
      'agedCare',
      'pass',
      rule,
      '关怀模式下页面打开时没有弹窗或遮挡内容的浮层',
      pageEvidence(views, null),
    );
  }
  const ev = bad
    .flatMap((v) => [
      ...v.dialogs.map((d) => evidence(v.url, v.at, `${viewLabels[v.view]}：页面自行弹出「${d}」`, v.status)),
      ...v.measure.popup.worst.map((o) =>
        evidence(
          v.url,
          v.at,
          `${viewLabels[v.view]}：${popupKinds[o.kind] ?? o.kind}${o.value === null ? '' : `，遮挡视口 ${Math.round(o.value * 100)}%`}「${o.text}」（${o.selector}）`,
          v.status,
        ),
      ),
    ])
    .slice(0, EVIDENCE_LIMIT);
  return result(
    'agedCare',
    'violation',
    rule,
    `关怀模式下页面有弹窗或遮挡超过 ${Math.round(t.maxOverlayShare * 100)}% 视口的浮层：${perView(bad, count)}`,
    ev,
  );
}

const motionKinds: Record<string, string> = {
  animation: '动画或过渡效果',
  marquee: '滚动字幕（marquee）',
  video: '自动播放的视频',
  timer: '脚本反复改变的内容',
  scroll: '自动滚动的区域',
};

function motionResult(views: ViewMeasure[], t: CareThresholds): CheckResult {
  const rule: CareRule = 'careMotion';
  const bad = views.filter((v) => v.motion.count > 0);
  const seconds = num(t.motionWindowMs / 1000);
  if (bad.length > 0) {
    const ev = bad
      .flatMap((v) =>
        v.motion.worst.map((o) =>
          evidence(
            v.url,
            v.at,
            `${viewLabels[v.view]}：${motionKinds[o.kind] ?? o.kind}${o.detail && o.kind === 'animation' ? ` ${o.detail}` : ''}${o.text ? `「${o.text}」` : ''}（${o.selector}）`,
            v.status,
          ),
        ),
      )
      .slice(0, EVIDENCE_LIMIT);
    return result(
      'agedCare',
      'violation',
      rule,
      `关怀模式下页面有动画、滚动或自动播放的内容：${perView(bad, (v) => v.motion.count)}`,
      ev,
    );
  }
  const changed = views.filter((v) => v.screenChanged);
  if (changed.length > 0) {
    return result(
      'agedCare',
      'review',
      rule,
      `关怀模式下页面画面在 ${seconds} 秒内有变化，未找到来源（可能是动图、轮播或延迟加载），需人工确认`,
      pageEvidence(changed, `两次截图（间隔 ${seconds} 秒）不同`),
    );
  }
  return result(
    'agedCare',
    'pass',
    rule,
    `关怀模式下 ${seconds} 秒内页面没有动画、滚动或自动播放的内容`,
    pageEvidence(views, null),
  );
}

/** The six rendered 适老化 results of one page, in `careRules` order. */
export function careResults(views: ViewMeasure[], t: CareThresholds): CheckResult[] {
  const byRule: Partial<Record<CareRule, CheckResult>> = {
    careFontSize: fontResult(views, t),
    careLineHeight: lineHeightResult(views, t),
    careContrast: contrastResult(views, t),
    careTargetSize: targetResult(views, t),
    carePopup: popupResult(views, t),
    careMotion: motionResult(views, t),
  };
  return careRules.flatMap((r) => (byRule[r] ? [byRule[r]] : []));
}
