import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from './indicators.js';
import { FETCHED, HOME, columnUrl, healthy, idHit, page, site } from './indicators.test-support.js';
import type { CheckResult, CrawledUrl, Evaluation } from './inspection.js';
import { extractFacts } from './page-facts.js';

// The findings of the 100-point sheet: broken links, 暗链, 47号 tags, footer, personal data and
// accessibility — each with its evidence, none of them a veto.
const of = (e: Evaluation, indicator: CheckResult['indicator']) =>
  e.results.filter((r) => r.indicator === indicator);
const points = (e: Evaluation) => e.deductions.map((d) => [d.item, d.points]);

describe('链接可用性', () => {
  it('lists broken links with the page and anchor text, internal and external, and deducts by where they were found', () => {
    const e = evaluate(site({ ...healthy, brokenOnHome: 2, brokenElsewhere: 3 }));
    assert.deepEqual(e.vetoes, []);
    assert.deepEqual(e.brokenLinks, [
      { url: `${HOME}gone0.htm`, status: 404, foundOn: HOME, text: '失效0' },
      { url: `${HOME}gone1.htm`, status: 404, foundOn: HOME, text: '失效1' },
      { url: 'http://other.example/0', status: 500, foundOn: columnUrl(0), text: '外链0' },
      { url: 'http://other.example/1', status: null, foundOn: columnUrl(0), text: '外链1' },
      { url: 'http://other.example/2', status: 500, foundOn: columnUrl(0), text: '外链2' },
    ]);
    const results = of(e, 'brokenLinks');
    assert.deepEqual(
      results.map((r) => [r.outcome, r.rule]),
      [
        ['violation', 'brokenLink'],
        ['violation', 'brokenLink'],
        ['violation', 'brokenLinkExternal'],
        ['violation', 'brokenLinkExternal'],
        ['violation', 'brokenLinkExternal'],
      ],
    );
    assert.deepEqual(results[3]!.evidence, [
      { url: 'http://other.example/1', at: FETCHED, status: null, text: '连接超时（15 秒）' },
      { url: columnUrl(0), at: null, status: null, text: '所在页面，链接文字「外链1」' },
    ]);
    assert.deepEqual(points(e), [
      ['链接可用性（首页）', 2],
      ['链接可用性（其他页面）', 0.3],
    ]);
    assert.equal(e.score, 97.7);
  });
  it('caps each item: 12 on the home page and 80 elsewhere take 5 + 5', () => {
    const e = evaluate(site({ ...healthy, brokenOnHome: 12, brokenElsewhere: 80 }));
    assert.deepEqual(points(e), [
      ['链接可用性（首页）', 5],
      ['链接可用性（其他页面）', 5],
    ]);
    assert.match(e.deductions[0]!.message, /本项最多扣 5 分/);
    assert.equal(e.score, 90);
  });
  it('passes when every link answered', () => {
    const r = of(evaluate(site(healthy)), 'brokenLinks');
    assert.deepEqual(
      r.map((x) => x.outcome),
      ['pass'],
    );
  });
});

describe('暗链', () => {
  const withHidden = () => {
    const input = site(healthy);
    const column = input.crawled.find((c) => c.url === columnUrl(0))!;
    column.facts!.links.push(
      { url: 'http://casino.example/', text: '澳门百家乐', hidden: true, date: null },
      { url: `${HOME}hidden-menu/`, text: '站内隐藏菜单', hidden: true, date: null },
      { url: 'http://www.fujian.gov.cn/', text: '福建省人民政府', hidden: false, date: null },
    );
    return input;
  };
  it('reports a hidden off-site link for a person to confirm, without points; on-site hidden links are no 暗链', () => {
    const e = evaluate(withHidden());
    const r = of(e, 'darkLinks');
    assert.equal(r.length, 1);
    assert.equal(r[0]!.outcome, 'review');
    assert.match(r[0]!.message, /^疑似暗链：隐藏的站外链接「澳门百家乐」/);
    assert.deepEqual(r[0]!.evidence[0], {
      url: columnUrl(0),
      at: FETCHED,
      status: 200,
      text: '隐藏链接「澳门百家乐」→ http://casino.example/',
    });
    assert.deepEqual(e.deductions, []);
  });
  it('once confirmed, it is a violation and takes points', () => {
    const e = evaluate({ ...withHidden(), confirmedDarkLinks: ['http://casino.example/'] });
    assert.equal(of(e, 'darkLinks')[0]!.outcome, 'violation');
    assert.deepEqual(points(e), [['暗链', 5]]);
  });
});

describe('网页标签 (国办发〔2017〕47号)', () => {
  const article = (
    url: string,
    meta: Record<string, string>,
    pubDate: string | null = '2026-12-01',
  ): CrawledUrl => page(url, { meta, pubDate, title: '文章' });
  const full = {
    SiteName: '晋江市人民政府',
    SiteDomain: 'www.jj.gov.cn',
    SiteIDCode: '3505820001',
    ColumnName: '工作动态',
    ArticleTitle: '晋江市召开常务会议',
    PubDate: '2026-12-01 10:30',
  };
  it('one violation per article page, listing every missing tag and a PubDate in the wrong form', () => {
    const input = site(healthy);
    const noCode: Record<string, string> = { ...full };
    delete noCode.SiteIDCode;
    input.crawled.push(
      article(`${HOME}a1.htm`, full),
      article(`${HOME}a2.htm`, { ...noCode, PubDate: '2026/12/01' }),
      article(`${HOME}a3.htm`, { ArticleTitle: '只有标题' }, null),
      article(`${HOME}a4.htm`, { ...full, PubDate: '2026-12-01' }),
    );
    const e = evaluate(input);
    const r = of(e, 'metaTags');
    assert.deepEqual(
      r.map((x) => [x.outcome, x.rule, x.evidence[0]!.url, x.message]),
      [
        [
          'violation',
          'metaTagsMissing',
          `${HOME}a2.htm`,
          '文章页：缺少网页标签 SiteIDCode；PubDate「2026/12/01」不符合 YYYY-MM-DD HH:MM 格式。',
        ],
        [
          'violation',
          'metaTagsMissing',
          `${HOME}a3.htm`,
          '文章页：缺少网页标签 SiteName、SiteDomain、SiteIDCode、ColumnName、PubDate。',
        ],
        [
          'violation',
          'pubDateFormat',
          `${HOME}a4.htm`,
          '文章页：PubDate「2026-12-01」不符合 YYYY-MM-DD HH:MM 格式。',
        ],
        ['pass', 'metaTagsComplete', `${HOME}a1.htm`, '1 个文章页的网页标签齐全、PubDate 格式正确。'],
      ],
    );
    assert.deepEqual(points(e), [['网页标签', 0.3]]);
  });
  it('is not applicable when no article page was crawled (column pages are not articles)', () => {
    const r = of(evaluate(site(healthy)), 'metaTags');
    assert.deepEqual(
      r.map((x) => x.outcome),
      ['inapplicable'],
    );
  });
});

describe('网站底部信息', () => {
  it('checks the six items of the home page footer, one result each', () => {
    const e = evaluate(site(healthy));
    assert.deepEqual(
      of(e, 'footer').map((r) => [r.rule, r.outcome]),
      [
        ['footerHost', 'pass'],
        ['footerSiteCode', 'pass'],
        ['footerIcp', 'pass'],
        ['footerPoliceRecord', 'pass'],
        ['footerConac', 'pass'],
        ['footerContact', 'pass'],
      ],
    );
  });
  it('names each missing item, with the footer text as evidence, one point each', () => {
    const footer = '主办单位：晋江市人民政府办公室 网站标识码：350582 联系我们';
    const input = site({ ...healthy, footer });
    input.home.facts!.links = input.home.facts!.links.filter((l) => !l.url.includes('conac'));
    const e = evaluate(input);
    const missing = of(e, 'footer').filter((r) => r.outcome === 'violation');
    assert.deepEqual(
      missing.map((r) => r.message),
      [
        '网站底部缺少网站标识码。',
        '网站底部缺少ICP备案号。',
        '网站底部缺少公安机关备案号。',
        '网站底部缺少党政机关网站标识。',
        '网站底部缺少联系方式。',
      ],
    );
    assert.deepEqual(missing[0]!.evidence, [{ url: HOME, at: FETCHED, status: 200, text: footer }]);
    assert.deepEqual(points(e), [['网站底部信息', 4]]);
  });
});

describe('个人信息泄露', () => {
  it('reports pages and attachments with unmasked numbers, masked in the evidence', () => {
    const input = site(healthy);
    input.crawled.push(
      page(`${HOME}gs/1.htm`, {
        personalData: [idHit, { kind: 'mobile', masked: '138****5678', context: '电话：138****5678' }],
      }),
      {
        ...page(`${HOME}gs/mingdan.xlsx`, null, { kind: 'attachment' }),
        attachmentHits: [idHit],
      },
    );
    const e = evaluate(input);
    const r = of(e, 'personalData');
    assert.deepEqual(
      r.map((x) => [x.rule, x.message, x.evidence.map((v) => v.text)]),
      [
        [
          'personalDataPage',
          '页面公开了未脱敏的个人信息：身份证号 1 个、手机号码 1 个。',
          ['身份证号：身份证号：350582********1234，', '手机号码：电话：138****5678'],
        ],
        [
          'personalDataAttachment',
          '附件公开了未脱敏的个人信息：身份证号 1 个。',
          ['身份证号：身份证号：350582********1234，'],
        ],
      ],
    );
    assert.ok(r.every((x) => x.outcome === 'violation'));
    assert.deepEqual(e.vetoes, []);
    assert.deepEqual(points(e), [['个人信息保护', 4]]);
  });
});

describe('无障碍 and 适老化', () => {
  it('is not applicable, saying why, when no engine ran', () => {
    const e = evaluate(site({ ...healthy, accessibility: null }));
    const r = e.results.filter((x) => x.indicator === 'accessibility' || x.indicator === 'agedCare');
    assert.deepEqual(
      r.map((x) => [x.indicator, x.outcome]),
      [
        ['accessibility', 'inapplicable'],
        ['agedCare', 'inapplicable'],
      ],
    );
    assert.ok(r.every((x) => x.message.startsWith('未配置浏览器引擎')));
  });
  it('keeps the engine’s results and deducts only serious and critical violations and 适老化 failures', () => {
    const a = (
      indicator: CheckResult['indicator'],
      outcome: CheckResult['outcome'],
      impact: CheckResult['impact'],
    ): CheckResult => ({
      indicator,
      outcome,
      rule: 'color-contrast',
      message: '对比度不足',
      evidence: [{ url: HOME, at: FETCHED, status: null, text: '.nav a' }],
      impact,
    });
    const results = [
      a('accessibility', 'violation', 'critical'),
      a('accessibility', 'violation', 'serious'),
      a('accessibility', 'violation', 'moderate'),
      a('accessibility', 'review', 'serious'),
      a('agedCare', 'violation', null),
      a('agedCare', 'pass', null),
    ];
    const e = evaluate(site({ ...healthy, accessibility: results }));
    assert.equal(e.results.filter((x) => x.rule === 'color-contrast').length, 6);
    assert.deepEqual(points(e), [
      ['无障碍', 2],
      ['适老化', 1],
    ]);
    assert.equal(e.verdict, 'pass');
  });
});

describe('from HTML pages to the evaluation', () => {
  it('reads pages with the page reader and judges them', () => {
    const read = (html: string, url: string) => extractFacts(html, url, { now: new Date(FETCHED) });
    const homeHtml = `<html><head><title>晋江市人民政府</title></head><body>
      <div class="topnav"><ul><li><a href="/">首页</a></li><li><a href="/zwdt/">政务动态</a></li>
      <li><a href="/tzgg/">通知公告</a></li><li><a href="/gk/">机构概况</a></li></ul></div>
      <ul class="news"><li><a href="/zwdt/1.htm">晋江市召开2026年冬季安全生产工作会议</a><span>[12-10]</span></li></ul>
      <div style="display:none"><a href="http://casino.example/">澳门百家乐</a></div>
      <div class="footer">主办单位：晋江市人民政府办公室 网站标识码：3505820001 闽ICP备05003456号-1
      闽公网安备 35058202000123号 联系电话：0595-85612345 <a href="https://bszs.conac.cn/x">党政机关</a></div></body></html>`;
    const pages: Record<string, string> = {
      [`${HOME}zwdt/`]: `<body><ul><li><a href="/zwdt/1.htm">晋江市召开2026年冬季安全生产工作会议</a><span>2026-12-10</span></li></ul></body>`,
      [`${HOME}tzgg/`]: `<body><div class="list">暂无信息</div></body>`,
      [`${HOME}gk/`]: `<body><h1>机构概况</h1><p>晋江市人民政府办公室是市政府的办事机构。</p></body>`,
    };
    const home = page(HOME, null, { depth: 0, foundOn: null });
    home.facts = read(homeHtml, HOME);
    const crawled = [
      home,
      ...Object.entries(pages).map(([url, html]) => ({ ...page(url, null), facts: read(html, url) })),
    ];
    const e = evaluate({ ...site(healthy), home, crawled });
    assert.deepEqual(
      e.columns.map((c) => [c.title, c.class, c.latest, c.stale, c.empty]),
      [
        ['政务动态', 'dynamic', '2026-12-10', false, false],
        ['通知公告', 'noticePolicy', null, false, true],
      ],
    );
    assert.equal(e.homeUpdated, '2026-12-10');
    assert.deepEqual(e.vetoes, []);
    assert.deepEqual(
      e.results.filter((r) => r.outcome === 'violation' || r.outcome === 'review').map((r) => r.rule),
      ['emptyColumn', 'darkLink'],
    );
    assert.ok(of(e, 'footer').every((r) => r.outcome === 'pass'));
  });
});
