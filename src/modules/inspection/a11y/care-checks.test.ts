// From the probe's measurements to the 适老化 results: outcomes, the review cases and the evidence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { careResults, type ProbeMeasure, type ViewMeasure } from './care-checks.js';
import { careRules, defaultCareThresholds } from './types.js';

function measure(over: Partial<ProbeMeasure> = {}): ProbeMeasure {
  return {
    scale: 1,
    font: { checked: 10, count: 0, worst: [] },
    lineHeight: { checked: 10, count: 0, worst: [] },
    contrast: { checked: 10, count: 0, worst: [], unknownCount: 0, unknown: [] },
    target: { checked: 4, exempt: 0, count: 0, worst: [] },
    popup: { count: 0, worst: [] },
    ...over,
  };
}

function view(v: 'mobile' | 'desktop', over: Partial<ViewMeasure> = {}): ViewMeasure {
  return {
    view: v,
    url: 'http://site.test/',
    status: 200,
    at: '2025-03-01T02:00:00.000Z',
    measure: measure(),
    motion: { count: 0, worst: [] },
    screenChanged: false,
    dialogs: [],
    ...over,
  };
}

const outcomes = (views: ViewMeasure[]) =>
  Object.fromEntries(careResults(views, defaultCareThresholds).map((r) => [r.rule, r.outcome]));

describe('careResults', () => {
  it('gives one result per rendered care rule, all passing on a clean page', () => {
    const results = careResults([view('mobile'), view('desktop')], defaultCareThresholds);
    assert.deepEqual(
      results.map((r) => r.rule),
      careRules.filter((r) => r !== 'careModeMissing'),
    );
    assert.ok(results.every((r) => r.outcome === 'pass' && r.indicator === 'agedCare'));
  });

  it('asks a person to look when contrast cannot be computed or the screen changed for no known reason', () => {
    const unsure = measure({
      contrast: {
        checked: 3,
        count: 0,
        worst: [],
        unknownCount: 1,
        unknown: [{ selector: 'div.banner > p', text: '通知', reason: '背景为图片或渐变' }],
      },
    });
    const got = outcomes([view('mobile', { measure: unsure, screenChanged: true }), view('desktop')]);
    assert.equal(got.careContrast, 'review');
    assert.equal(got.careMotion, 'review');
    assert.equal(got.careFontSize, 'pass');
  });

  it('a found contrast failure outweighs the unknown ones', () => {
    const m = measure({
      contrast: {
        checked: 3,
        count: 1,
        worst: [{ selector: 'p', text: '正文', value: 2.85, fg: '#999999', bg: '#ffffff' }],
        unknownCount: 1,
        unknown: [{ selector: 'div', text: '通知', reason: '背景为图片或渐变' }],
      },
    });
    assert.equal(outcomes([view('mobile', { measure: m }), view('desktop')]).careContrast, 'violation');
  });

  it('lists the worst offenders of both views first, at most six, and notes a page not fitted to phones', () => {
    const offenders = (base: number) =>
      Array.from({ length: 5 }, (_, i) => ({
        selector: `p:nth-of-type(${i + 1})`,
        text: `段落${i}`,
        value: base + i,
      }));
    const results = careResults(
      [
        view('mobile', {
          measure: measure({ scale: 0.37, font: { checked: 9, count: 9, worst: offenders(5.9) } }),
        }),
        view('desktop', { measure: measure({ font: { checked: 9, count: 7, worst: offenders(12) } }) }),
      ],
      defaultCareThresholds,
    );
    const font = results.find((r) => r.rule === 'careFontSize');
    assert.equal(font?.outcome, 'violation');
    assert.equal(
      font?.message,
      '关怀模式下有文字字号小于 18 像素：手机（360 像素宽） 9 处、电脑（1280 像素宽） 7 处，最小 5.9 像素；页面未适配手机，按缩放 0.37 倍计算',
    );
    assert.equal(font?.evidence.length, 6);
    assert.equal(font?.evidence[0]?.text, '手机（360 像素宽）：「段落0」5.9 像素（p:nth-of-type(1)）');
    assert.equal(font?.evidence[5]?.text, '电脑（1280 像素宽）：「段落0」12 像素（p:nth-of-type(1)）');
  });

  it('counts a dialog the page opened by itself as a pop-up, and a page without text as nothing to measure', () => {
    const empty = measure({
      font: { checked: 0, count: 0, worst: [] },
      lineHeight: { checked: 0, count: 0, worst: [] },
      contrast: { checked: 0, count: 0, worst: [], unknownCount: 0, unknown: [] },
      target: { checked: 0, exempt: 0, count: 0, worst: [] },
    });
    const got = careResults(
      [view('mobile', { measure: empty, dialogs: ['欢迎访问'] }), view('desktop', { measure: empty })],
      defaultCareThresholds,
    );
    const popup = got.find((r) => r.rule === 'carePopup');
    assert.equal(popup?.outcome, 'violation');
    assert.equal(popup?.evidence[0]?.text, '手机（360 像素宽）：页面自行弹出「欢迎访问」');
    assert.deepEqual(
      got.filter((r) => r.outcome === 'inapplicable').map((r) => r.rule),
      ['careFontSize', 'careLineHeight', 'careContrast', 'careTargetSize'],
    );
  });
});
