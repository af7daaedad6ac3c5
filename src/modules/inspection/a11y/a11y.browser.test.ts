// The browser engine against fixture sites served on 127.0.0.1, in Debian's Chromium. A missing
// browser fails these tests — they never skip.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { FixedClock } from '../../../platform/clock.js';
import type { CheckResult } from '../inspection.js';
import { checkAccessibility, renderedCareRules, type AccessibilityReport } from './accessibility.js';

const CHROMIUM = '/usr/bin/chromium';

const head = (title: string, css: string, lang = ' lang="zh-CN"') =>
  `<!doctype html><html${lang}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${css}</style></head>`;

const BASE_CSS = `body { margin: 0; font-family: sans-serif; color: #1a1a1a; background: #fff; }
  nav a, .btn { display: inline-block; min-width: 44px; min-height: 44px; padding: 10px; box-sizing: border-box; }
  button, input { font: inherit; min-height: 44px; min-width: 44px; }
  nav ul { list-style: none; padding: 0; }`;
const NORMAL_CSS = `body { font-size: 16px; line-height: 1.5; }`;
const CARE_CSS = `body { font-size: 20px; line-height: 1.6; }`;

/** A tidy page; in care mode (cookie care=1) its text is 20 px. */
function goodPage(care: boolean, title: string): string {
  return `${head(title, BASE_CSS + (care ? CARE_CSS : NORMAL_CSS))}<body>
  <header><a class="btn" href="/good/care?on=${care ? 0 : 1}">${care ? '退出关怀模式' : '关怀模式'}</a>
  <nav aria-label="栏目"><ul><li><a href="/good/">首页</a></li><li><a href="/good/article">政策文件</a></li></ul></nav></header>
  <main><h1>${title}</h1>
  <p>本页介绍政府信息公开的办理流程，详见<a href="/good/article">办理指南</a>中的说明。</p>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="政务公开标识" width="40" height="40">
  <form><label for="q">关键词</label><input id="q" name="q"><button type="submit">搜索</button></form>
  </main><footer><p>主办单位：示范市人民政府办公室</p></footer></body></html>`;
}

/** In care mode (cookie gk_care=1): 12 px grey text, a 30 px button, a spinning box and a fixed pop-up. */
function badPage(care: boolean): string {
  const css = care
    ? `body { font-size: 12px; line-height: 1.6; color: #999; }
       #tiny { width: 30px; height: 30px; min-width: 0; min-height: 0; padding: 0; font-size: 12px; }
       .spin { width: 40px; height: 40px; background: #06c; animation: spin 2s linear infinite; }
       @keyframes spin { to { transform: rotate(360deg); } }
       .popup { position: fixed; top: 10%; left: 10%; width: 80%; height: 60%; box-sizing: border-box; background: #fff; border: 2px solid #333; }`
    : NORMAL_CSS;
  return `${head('办事指南', BASE_CSS + css)}<body>
  <header><nav aria-label="栏目"><ul><li><a href="/bad">首页</a></li></ul></nav></header>
  <main><h1>办事指南</h1><p>请携带身份证件到政务服务中心办理。</p>
  <button id="tiny" type="button">搜</button>
  ${care ? '<div class="spin"></div><div class="popup"><p>欢迎访问，请关注本网站公众号。</p></div>' : ''}
  </main></body></html>`;
}

/** No lang, an image without alt, no care mode. */
const axePage = `${head('通知公告', BASE_CSS + NORMAL_CSS, '')}<body><main><h1>通知公告</h1>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
  <p>暂无新的通知。</p></main></body></html>`;

/** A care mode switched in place by a script button, remembered nowhere. */
const togglePage = `${head('长辈版示例', BASE_CSS + NORMAL_CSS + ` html.elder body { font-size: 22px; line-height: 1.8; }`)}<body>
  <header><button type="button" id="elder">长辈版</button></header>
  <main><h1>长辈版示例</h1><p>点击上方按钮切换到长辈版。</p></main>
  <script>document.getElementById('elder').addEventListener('click', () => document.documentElement.classList.add('elder'));</script>
  </body></html>`;

function cookies(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((p) => p.length === 2) as Array<[string, string]>,
  );
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const jar = cookies(req);
  const html = (body: string) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };
  if (url.pathname === '/good/care') {
    const on = url.searchParams.get('on') === '1';
    res.writeHead(302, {
      'set-cookie': `care=${on ? 1 : 0}; Path=/; HttpOnly`,
      location: req.headers.referer ?? '/good/',
    });
    res.end();
  } else if (url.pathname === '/good/') html(goodPage(jar.care === '1', '首页'));
  else if (url.pathname === '/good/article') html(goodPage(jar.care === '1', '政策文件'));
  else if (url.pathname === '/bad') html(badPage(jar.gk_care === '1'));
  else if (url.pathname === '/axe') html(axePage);
  else if (url.pathname === '/toggle') html(togglePage);
  else {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}

const clock = new FixedClock('2025-03-01T02:00:00Z');
const noFetch = async (): Promise<string | null> => null;

function find(results: CheckResult[], rule: string, url?: string): CheckResult[] {
  return results.filter((r) => r.rule === rule && (!url || r.evidence.some((e) => e.url === url)));
}

function outcomes(results: CheckResult[], indicator: CheckResult['indicator']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of results.filter((x) => x.indicator === indicator)) (out[r.rule] ??= []).push(r.outcome);
  return out;
}

// About 20 s on an idle two-core machine; the timeout leaves room for a busy one.
describe('checkAccessibility in Chromium', { timeout: 120_000 }, () => {
  let server: Server;
  let base = '';

  before(async () => {
    assert.ok(
      existsSync(CHROMIUM),
      `These tests need Chromium at ${CHROMIUM} (apt-get install -y chromium); they never skip.`,
    );
    server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const run = (
    pages: string[],
    extra: Partial<Parameters<typeof checkAccessibility>[1]> = {},
  ): Promise<AccessibilityReport> =>
    checkAccessibility(pages, {
      engine: 'chromium',
      chromiumPath: CHROMIUM,
      fetchHtml: noFetch,
      clock,
      ...extra,
    });

  it('a tidy site with a care link that sets a cookie passes every check, measured in care mode', async () => {
    const pages = [`${base}/good/`, `${base}/good/article`];
    const report = await run(pages);
    assert.equal(report.engine, 'chromium');
    const bad = report.results.filter((r) => r.outcome === 'violation');
    assert.deepEqual(
      bad.map((r) => `${r.rule}: ${r.message}`),
      [],
    );
    const mode = find(report.results, 'careModeMissing');
    assert.equal(mode.length, 1);
    assert.equal(mode[0]?.outcome, 'pass');
    assert.match(mode[0]?.message ?? '', /关怀模式/);
    for (const page of pages) {
      for (const rule of renderedCareRules) {
        const r = find(report.results, rule, page);
        assert.deepEqual(
          r.map((x) => x.outcome),
          ['pass'],
          `${rule} on ${page}: ${r.map((x) => x.message).join(' / ')}`,
        );
      }
      // axe-core ran in normal mode on the page: its passes are listed with the page as evidence.
      assert.equal(find(report.results, 'image-alt', page)[0]?.outcome, 'pass');
      assert.equal(find(report.results, 'html-has-lang', page)[0]?.outcome, 'pass');
    }
    // The care mode was really entered: 20 px text, and the inline sentence link was exempted.
    const font = find(report.results, 'careFontSize', pages[0])[0];
    assert.match(font?.message ?? '', /不小于 18 像素/);
    const targets = find(report.results, 'careTargetSize', pages[0])[0];
    assert.match(targets?.message ?? '', /句中链接 1 处/);
    // Every message a person reads is Chinese.
    for (const r of report.results) assert.match(r.message, /[\u4e00-\u9fff]/, r.message);
    for (const r of report.results) assert.equal(r.evidence[0]?.at, '2025-03-01T02:00:00.000Z');
  });

  it('12 px grey text, a 30 px button, an animation and a fixed pop-up fail exactly those checks', async () => {
    const page = `${base}/bad`;
    const report = await run([page], { careCookie: { name: 'gk_care', value: '1' } });
    const care = outcomes(report.results, 'agedCare');
    assert.deepEqual(care, {
      careModeMissing: ['pass'],
      careFontSize: ['violation'],
      careLineHeight: ['pass'],
      careContrast: ['violation'],
      careTargetSize: ['violation'],
      carePopup: ['violation'],
      careMotion: ['violation'],
    });
    const font = find(report.results, 'careFontSize')[0];
    assert.match(font?.message ?? '', /最小 12 像素/);
    assert.ok(font?.evidence.some((e) => /手机（360 像素宽）/.test(e.text ?? '')));
    assert.ok(font?.evidence.some((e) => /电脑（1280 像素宽）/.test(e.text ?? '')));
    const contrast = find(report.results, 'careContrast')[0];
    assert.match(contrast?.message ?? '', /最低 2\.85:1/);
    assert.ok(contrast?.evidence.some((e) => /#999999/.test(e.text ?? '')));
    const target = find(report.results, 'careTargetSize')[0];
    assert.ok(
      target?.evidence.every((e) => /「搜」30×30 像素/.test(e.text ?? '')),
      JSON.stringify(target?.evidence),
    );
    assert.match(find(report.results, 'careMotion')[0]?.evidence[0]?.text ?? '', /动画或过渡效果 spin/);
    assert.match(find(report.results, 'carePopup')[0]?.evidence[0]?.text ?? '', /固定浮层，遮挡视口 48%/);
    // Normal mode: dark 16 px text, axe-core finds nothing.
    assert.deepEqual(
      report.results
        .filter(
          (r) =>
            r.indicator === 'accessibility' && r.outcome === 'violation' && !/关怀模式下/.test(r.message),
        )
        .map((r) => r.rule),
      [],
    );
    // Care mode: axe-core sees the grey text too.
    const careAxe = report.results.filter(
      (r) => r.indicator === 'accessibility' && r.outcome === 'violation',
    );
    assert.deepEqual(
      careAxe.map((r) => r.rule),
      ['color-contrast'],
    );
    assert.match(careAxe[0]?.message ?? '', /^关怀模式下：文字与背景对比度不足/);
  });

  it('a page without lang and with an image without alt fails those axe rules; no care mode is a violation', async () => {
    const page = `${base}/axe`;
    const report = await run([page, `${base}/missing`]);
    const violations = report.results.filter((r) => r.outcome === 'violation');
    assert.deepEqual(violations.map((r) => r.rule).sort(), ['careModeMissing', 'html-has-lang', 'image-alt']);
    const alt = find(report.results, 'image-alt')[0];
    assert.equal(alt?.message, '图片缺少替代文本（共 1 处）');
    assert.equal(alt?.impact, 'critical');
    assert.match(alt?.evidence[0]?.text ?? '', /^img：<img src=/);
    assert.equal(alt?.evidence[0]?.status, 200);
    assert.equal(
      find(report.results, 'html-has-lang')[0]?.message,
      '页面未声明语言（<html> 缺少 lang 属性）（共 1 处）',
    );
    const missing = find(report.results, 'careModeMissing')[0];
    assert.equal(missing?.message, '未提供适老化（关怀）模式');
    assert.equal(missing?.impact, 'moderate');
    for (const rule of renderedCareRules) {
      assert.deepEqual(
        find(report.results, rule).map((r) => r.outcome),
        ['inapplicable'],
        rule,
      );
    }
    // A page that answers 404 is not checked, and says so.
    const gone = find(report.results, 'pageUnavailable', `${base}/missing`);
    assert.equal(gone.length, 1);
    assert.equal(gone[0]?.outcome, 'inapplicable');
    assert.match(gone[0]?.message ?? '', /HTTP 404/);
    assert.equal(gone[0]?.evidence[0]?.status, 404);
  });

  it('a care mode switched in place by a script button is entered on every page by clicking it', async () => {
    const page = `${base}/toggle`;
    const report = await run([page], { axeInCareMode: false });
    assert.match(find(report.results, 'careModeMissing')[0]?.message ?? '', /「长辈版」在本页切换/);
    // 16 px before the click, 22 px after it: the pass proves the button was clicked in both views.
    const font = find(report.results, 'careFontSize', page);
    assert.deepEqual(
      font.map((r) => r.outcome),
      ['pass'],
      font[0]?.message,
    );
  });
});
