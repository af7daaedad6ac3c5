// The static engine (no browser): rules read from the HTML, the care link, the engine choice, and
// the Chinese wording of every axe-core rule.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FixedClock } from '../../../platform/clock.js';
import type { CheckResult } from '../inspection.js';
import {
  axeMessage,
  axeRuleProblems,
  careNameKind,
  checkAccessibility,
  chooseEngine,
  defaultAxeTags,
  NO_BROWSER_MESSAGE,
  pickCareLink,
  renderedCareRules,
  viewportBlocksZoom,
} from './accessibility.js';

const clock = new FixedClock('2025-03-01T02:00:00Z');

const badHtml = `<!doctype html><html><head><meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no"></head>
  <body><a href="/news"><img src="logo.png"></a>
  <img src="banner.png" alt="">
  <form><input name="q"><select name="y"><option>2024</option></select><button></button></form>
  <div hidden><img src="hidden.png"></div>
  </body></html>`;

const goodHtml = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1"><title>示范市人民政府</title></head>
  <body><header><a href="/care?on=1">关怀模式</a> <a href="javascript:void(0)" onclick="toolbar()">无障碍</a></header>
  <main><h1>首页</h1><a href="/news"><img src="logo.png" alt="要闻"></a><img src="line.png" alt="">
  <form><label>关键词 <input name="q"></label><label for="y">年份</label><select id="y"><option>2024</option></select>
  <input type="text" aria-label="页码"><button type="submit">搜索</button><input type="submit"></form></main></body></html>`;

function fetchFrom(pages: Record<string, string | null | Error>) {
  return async (url: string): Promise<string | null> => {
    const page = pages[url];
    if (page instanceof Error) throw page;
    return page ?? null;
  };
}

const byRule = (results: CheckResult[], url?: string): Record<string, string> =>
  Object.fromEntries(
    results.filter((r) => !url || r.evidence[0]?.url === url).map((r) => [r.rule, r.outcome]),
  );

describe('the static engine', () => {
  it('finds missing lang, title, alt, link and button names, labels and blocked zoom, and nothing else', async () => {
    const url = 'http://site.test/';
    const report = await checkAccessibility([url], {
      engine: 'static',
      fetchHtml: fetchFrom({ [url]: badHtml }),
      clock,
    });
    assert.equal(report.engine, 'static');
    const page = report.results.filter((r) => r.indicator === 'accessibility' && r.rule !== 'color-contrast');
    assert.deepEqual(byRule(page), {
      'html-has-lang': 'violation',
      'html-lang-valid': 'inapplicable',
      'document-title': 'violation',
      'image-alt': 'violation',
      'link-name': 'violation',
      'button-name': 'violation',
      'input-button-name': 'inapplicable',
      label: 'violation',
      'meta-viewport': 'violation',
    });
    const alt = page.find((r) => r.rule === 'image-alt');
    // Only the link's logo lacks alt: alt="" marks a decorative image, and the hidden one is not seen.
    assert.equal(alt?.message, '图片缺少替代文本（共 1 处）');
    assert.equal(alt?.evidence[0]?.text, '<img src="logo.png">');
    assert.equal(alt?.evidence[0]?.at, '2025-03-01T02:00:00.000Z');
    assert.equal(page.find((r) => r.rule === 'label')?.message, '表单控件缺少标签（共 2 处）');
    assert.match(page.find((r) => r.rule === 'meta-viewport')?.message ?? '', /禁止缩放/);
    assert.equal(page.find((r) => r.rule === 'html-has-lang')?.evidence[0]?.text, '<html> 没有 lang 属性');
    assert.equal(page.find((r) => r.rule === 'document-title')?.evidence[0]?.text, '页面没有 <title>');
    // No care link → violation; the rendering checks cannot be measured without a browser.
    const care = report.results.filter((r) => r.indicator === 'agedCare');
    assert.deepEqual(byRule(care), {
      careModeMissing: 'violation',
      ...Object.fromEntries(renderedCareRules.map((r) => [r, 'inapplicable'])),
    });
    const rendering = report.results.filter(
      (r) => r.outcome === 'inapplicable' && r.message === NO_BROWSER_MESSAGE,
    );
    assert.deepEqual(rendering.map((r) => r.rule).sort(), ['color-contrast', ...renderedCareRules].sort());
    assert.equal(NO_BROWSER_MESSAGE, '未配置浏览器引擎，无法测量（设置 INSPECTION_BROWSER=chromium）');
  });

  it('passes a tidy page and finds its care link, but not a 无障碍 toolbar script', async () => {
    const url = 'http://site.test/';
    const report = await checkAccessibility([url], {
      engine: 'none',
      fetchHtml: fetchFrom({ [url]: goodHtml }),
      clock,
    });
    const page = report.results.filter((r) => r.indicator === 'accessibility' && r.rule !== 'color-contrast');
    assert.deepEqual(
      page.filter((r) => r.outcome !== 'pass').map((r) => `${r.rule} ${r.outcome}: ${r.message}`),
      [],
    );
    const care = report.results.find((r) => r.rule === 'careModeMissing');
    assert.equal(care?.outcome, 'pass');
    assert.match(care?.message ?? '', /「关怀模式」/);
    assert.equal(care?.evidence[0]?.url, 'http://site.test/care?on=1');
  });

  it('reports a page it could not fetch and goes on with the others', async () => {
    const pages = ['http://site.test/a', 'http://site.test/b', 'http://site.test/c'];
    const report = await checkAccessibility([...pages, pages[0] as string], {
      fetchHtml: fetchFrom({
        [pages[0] as string]: null,
        [pages[1] as string]: new Error('连接超时'),
        [pages[2] as string]: goodHtml,
      }),
      clock,
    });
    const gone = report.results.filter((r) => r.rule === 'pageUnavailable');
    assert.deepEqual(
      gone.map((r) => [r.evidence[0]?.url, r.outcome, r.message]),
      [
        [pages[0], 'inapplicable', '页面无法检查：无法获取页面'],
        [pages[1], 'inapplicable', '页面无法检查：无法获取页面：连接超时'],
      ],
    );
    assert.equal(byRule(report.results, pages[2])['image-alt'], 'pass');
  });
});

describe('engine choice', () => {
  it('uses the browser only when it exists, and fails loudly when it is required but missing', async () => {
    assert.equal(chooseEngine('auto', '/nonexistent/chromium'), 'static');
    assert.equal(chooseEngine(undefined, null), 'static');
    assert.equal(chooseEngine('none', process.execPath), 'static');
    assert.equal(chooseEngine('auto', process.execPath), 'chromium');
    const fetchHtml = fetchFrom({ 'http://site.test/': goodHtml });
    const auto = await checkAccessibility(['http://site.test/'], {
      engine: 'auto',
      chromiumPath: '/nonexistent/chromium',
      fetchHtml,
      clock,
    });
    assert.equal(auto.engine, 'static');
    await assert.rejects(
      checkAccessibility(['http://site.test/'], {
        engine: 'chromium',
        chromiumPath: '/nonexistent/chromium',
        fetchHtml,
        clock,
      }),
      /必须使用浏览器.*\/nonexistent\/chromium 不存在/,
    );
  });

  it('falls back to the static engine, saying why, when the browser does not start in auto mode', async () => {
    // An existing file that is not a browser: `auto` reports the failure in the inapplicable results.
    const report = await checkAccessibility(['http://site.test/'], {
      engine: 'auto',
      chromiumPath: '/bin/true',
      fetchHtml: fetchFrom({ 'http://site.test/': goodHtml }),
      clock,
      pageTimeoutMs: 5_000,
    });
    assert.equal(report.engine, 'static');
    const contrast = report.results.find((r) => r.rule === 'color-contrast');
    assert.match(contrast?.message ?? '', /^浏览器 \/bin\/true 无法启动/);
  });
});

describe('the care link', () => {
  const page = 'http://site.test/';
  const c = (text: string, url: string | null, index = 0) => ({ text, url, index });

  it('takes a 关怀/长辈/适老 switch, a 无障碍 link only when it leads to a page', () => {
    assert.equal(pickCareLink([c('首页', '/'), c('长辈版', null, 1)], page)?.text, '长辈版');
    assert.equal(pickCareLink([c('无障碍', null)], page), null);
    assert.equal(pickCareLink([c('无障碍', 'http://site.test/')], page), null);
    assert.equal(pickCareLink([c('无障碍', 'http://site.test/wza/assist.js')], page), null);
    assert.equal(
      pickCareLink([c('无障碍浏览', 'http://site.test/wza/')], page)?.url,
      'http://site.test/wza/',
    );
    assert.equal(
      pickCareLink([c('无障碍', 'http://site.test/wza/'), c('适老模式', null, 3)], page)?.index,
      3,
    );
  });

  it('ignores switches that turn the mode off and headlines that only mention the subject', () => {
    for (const text of ['退出关怀模式', '关闭长辈版', '返回标准版', '我市推进适老化改造工作取得成效', '']) {
      assert.equal(careNameKind(text), null, text);
    }
    for (const text of ['关怀模式', '关怀版', '长辈版', '长者模式', '适老化', '老年模式', '大字版']) {
      assert.equal(careNameKind(text), 'care', text);
    }
  });
});

describe('viewport zoom', () => {
  it('user-scalable=no or 0 blocks zoom whatever else the tag says', () => {
    const other = fc.array(
      fc.constantFrom('width=device-width', 'initial-scale=1', 'maximum-scale=5', 'minimum-scale=1'),
    );
    fc.assert(
      fc.property(
        other,
        fc.constantFrom('no', '0', 'NO'),
        fc.constantFrom(',', ', ', ';'),
        (props, no, sep) => {
          assert.equal(viewportBlocksZoom([...props, `user-scalable=${no}`].join(sep)), true);
        },
      ),
    );
  });

  it('maximum-scale blocks zoom exactly below 2', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), (max) => {
        const blocked = viewportBlocksZoom(`width=device-width, initial-scale=1, maximum-scale=${max}`);
        assert.equal(blocked, max < 2);
      }),
    );
    assert.equal(viewportBlocksZoom('width=device-width, initial-scale=1'), false);
    assert.equal(viewportBlocksZoom('width=device-width, user-scalable=yes'), false);
  });
});

describe('Chinese wording of axe-core rules', () => {
  const axe = createRequire(import.meta.url)('axe-core') as {
    getRules: (tags?: string[]) => Array<{ ruleId: string; help: string }>;
  };

  it('has its own sentence for every rule of the tags the inspector runs', () => {
    const missing = axe.getRules([...defaultAxeTags]).filter((r) => !axeRuleProblems[r.ruleId]);
    assert.deepEqual(
      missing.map((r) => r.ruleId),
      [],
    );
  });

  it('words every outcome of every rule in Chinese, never with axe-core’s English help', () => {
    for (const rule of [...axe.getRules(), { ruleId: 'made-up-rule', help: 'Made up rule must pass' }]) {
      for (const outcome of ['violation', 'review', 'pass', 'inapplicable'] as const) {
        for (const care of [null, new Set<string>()]) {
          const message = axeMessage(rule.ruleId, outcome, care !== null);
          assert.match(message, /[\u4e00-\u9fff]/, message);
          assert.ok(!message.includes(rule.help), message);
        }
      }
    }
    assert.equal(axeMessage('made-up-rule', 'violation'), '无障碍规则 made-up-rule 未通过');
    assert.equal(axeMessage('image-alt', 'violation', true), '关怀模式下：图片缺少替代文本');
  });
});
