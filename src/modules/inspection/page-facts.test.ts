import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { extractFacts } from './page-facts.js';

// The page reader on small pages shaped like those of Chinese government sites (TRS, 大汉 Hanweb).
const now = new Date('2026-12-07T02:00:00Z'); // 2026-12-07 10:00 in Beijing
const read = (html: string, url = 'https://www.jinjiang.gov.cn/tzgg/') => extractFacts(html, url, { now });

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A 身份证号 with the right GB 11643 check digit. */
const idNumber = (first17: string) =>
  first17 + '10X98765432'[[...first17].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[i]!, 0) % 11]!;

const FOOTER = `<div class="footer"><div class="wrap">
  <p>主办单位：晋江市人民政府办公室\u3000承办：晋江市大数据服务中心</p>
  <p>网站标识码：3505820001\u3000<a href="https://beian.miit.gov.cn/">闽ICP备05003456号-1</a>
  <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=35058202000123">闽公网安备 35058202000123号</a></p>
  <p>联系电话：0595-85612345</p>
  <a href="https://bszs.conac.cn/sitename?method=show&amp;id=0A1B2C"><img src="/images/red.png" alt="党政机关"></a>
</div></div>`;

const TRS_LIST = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>通知公告_晋江市人民政府</title>
<meta name="SiteName" content="晋江市人民政府">
<meta name="sitedomain" content="www.jinjiang.gov.cn">
<meta name="SITEIDCODE" content="3505820001">
<meta name="ColumnName" content="通知公告">
<meta name="ColumnType" content="通知公告">
<meta name="viewport" content="width=device-width">
</head><body>
<div class="header"><div class="nav"><ul>
  <li><a href="/">网站首页</a></li><li><a href="/xxgk/">信息公开</a></li><li><a href="/zwdt/">政务动态</a></li>
</ul></div></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
<div class="list"><ul>
  <li><a href="./202611/t20261130_3021.htm" target="_blank" title="关于做好2026年冬季森林防火工作的通知">关于做好2026年冬季森林防火工作的通知</a><span>2026-11-30</span></li>
  <li><a href="./202611/t20261120_3009.htm">晋江市人民政府关于公布第二批行政许可事项目录的通告</a><span class="date">[11-20]</span></li>
  <li><a href="./202611/t20261130_3021.htm">关于做好2026年冬季森林防火工作的通知</a><span>2026-11-30</span></li>
  <li><a href="http://www.fujian.gov.cn/zwgk/202611/t20261101_1.htm">福建省人民政府办公厅关于进一步优化营商环境的通知</a><span>2026/11/01</span></li>
</ul></div>
<div class="page"><a href="index_1.htm">下一页</a> <a href="index_9.htm">尾页</a></div>
${FOOTER}
</body></html>`;

describe('page facts: a TRS-style column page', () => {
  const f = read(TRS_LIST);
  it('reads the title and the 47号 tags whatever case the names are written in', () => {
    assert.equal(f.title, '通知公告_晋江市人民政府');
    assert.deepEqual(f.meta, {
      SiteName: '晋江市人民政府',
      SiteDomain: 'www.jinjiang.gov.cn',
      SiteIDCode: '3505820001',
      ColumnName: '通知公告',
      ColumnType: '通知公告',
    });
    assert.equal(f.pubDate, null);
  });
  it('lists dated items once per URL, with the date beside each link (a month-day takes this year)', () => {
    assert.deepEqual(f.datedItems, [
      {
        url: 'https://www.jinjiang.gov.cn/tzgg/202611/t20261130_3021.htm',
        title: '关于做好2026年冬季森林防火工作的通知',
        date: '2026-11-30',
      },
      {
        url: 'https://www.jinjiang.gov.cn/tzgg/202611/t20261120_3009.htm',
        title: '晋江市人民政府关于公布第二批行政许可事项目录的通告',
        date: '2026-11-20',
      },
      {
        url: 'http://www.fujian.gov.cn/zwgk/202611/t20261101_1.htm',
        title: '福建省人民政府办公厅关于进一步优化营商环境的通知',
        date: '2026-11-01',
      },
    ]);
    assert.equal(f.undatedItems, 0);
    assert.equal(f.emptyPlaceholder, false);
  });
  it('resolves every link, dates only those in a dated item, and finds no hidden link', () => {
    const byText = new Map(f.links.map((l) => [l.text, l]));
    assert.equal(byText.get('下一页')!.url, 'https://www.jinjiang.gov.cn/tzgg/index_1.htm');
    assert.equal(byText.get('下一页')!.date, null);
    assert.equal(byText.get('信息公开')!.date, null);
    assert.equal(byText.get('党政机关')!.url, 'https://bszs.conac.cn/sitename?method=show&id=0A1B2C');
    assert.equal(f.links.filter((l) => l.date === '2026-11-30').length, 2);
    assert.ok(f.links.every((l) => !l.hidden));
    assert.equal(f.links.length, 14);
  });
  it('takes the top menu but not 首页 nor the breadcrumb as navigation', () => {
    assert.deepEqual(
      f.navLinks.map((l) => [l.text, l.url]),
      [
        ['信息公开', 'https://www.jinjiang.gov.cn/xxgk/'],
        ['政务动态', 'https://www.jinjiang.gov.cn/zwdt/'],
      ],
    );
  });
  it('reads the footer of the page', () => {
    assert.match(f.footerText, /^主办单位：晋江市人民政府办公室 承办/);
    assert.match(f.footerText, /闽ICP备05003456号-1 闽公网安备 35058202000123号 联系电话：0595-85612345/);
    assert.deepEqual(f.personalData, []);
  });
});

describe('page facts: a 信息公开 table list and a 大汉-style dl list', () => {
  it('reads the date of each table row, not the 索引号, and counts rows without a date', () => {
    const f = read(`<html><head><title>政策文件</title></head><body>
      <table class="xxgk-list">
        <tr><th>索引号</th><th>标题</th><th>成文日期</th><th>发布日期</th></tr>
        <tr><td>11350582003/2026-00123</td><td><a href="/zcwj/202612/t20261201_88.htm">晋江市人民政府关于印发2027年为民办实事项目的通知</a></td><td>2026-11-28</td><td>2026-12-01</td></tr>
        <tr><td>11350582003/2026-00119</td><td><a href="/zcwj/202611/t20261115_71.htm">晋江市人民政府办公室关于加强城市燃气安全管理的通知</a></td><td>2026年11月10日</td><td>2026年11月15日</td></tr>
        <tr><td>11350582003/2026-00101</td><td><a href="/zcwj/202610/t20261002_60.htm">晋江市防汛防台风应急预案（修订）</a></td><td></td><td></td></tr>
      </table></body></html>`);
    assert.deepEqual(
      f.datedItems.map((i) => i.date),
      ['2026-12-01', '2026-11-15'],
    );
    assert.equal(f.undatedItems, 1);
    assert.equal(f.pubDate, null, 'a table heading 发布日期 is not the page date');
  });
  it('pairs a <dt> link with the date in its <dd>', () => {
    const f = read(`<body><dl class="news">
      <dt><a href="/zwdt/1.htm">晋江市召开2026年冬季安全生产工作会议</a></dt><dd>2026-12-03 16:20</dd>
      <dt><a href="/zwdt/2.htm">市领导调研重点项目建设情况并提出工作要求</a></dt><dd>2026-12-02</dd>
    </dl></body>`);
    assert.deepEqual(
      f.datedItems.map((i) => [i.url, i.date]),
      [
        ['https://www.jinjiang.gov.cn/zwdt/1.htm', '2026-12-03'],
        ['https://www.jinjiang.gov.cn/zwdt/2.htm', '2026-12-02'],
      ],
    );
  });
});

describe('page facts: a home page with a top nav and several blocks', () => {
  const HOME = `<!DOCTYPE html><html><head><title>晋江市人民政府</title></head><body>
  <header>
    <a class="skip" href="#main">跳到主要内容</a>
    <p class="today">今天是2026年12月7日 星期一</p>
    <nav aria-label="主导航"><ul>
      <li><a href="/">首页</a></li><li><a href="/zwdt/">政务动态</a></li><li><a href="/tzgg/">通知公告</a></li>
      <li><a href="/zcwj/">政策文件</a><ul style="display:none"><li><a href="/zcwj/szf/">市政府文件</a></li></ul></li>
      <li><a href="/hdjl/">互动交流</a></li><li><a href="/zcwj/">政策文件</a></li>
      <li><a href="http://english.jinjiang.gov.cn/">English</a></li><li><a href="/big5/" hreflang="zh-Hant">繁體版</a></li>
    </ul></nav>
  </header>
  <main id="main">
    <div class="headline"><h3><a href="/zwdt/202612/t20261206_1.htm">晋江市2026年前三季度经济运行稳中向好</a></h3><p class="time">2026年12月6日</p></div>
    <div class="block"><h2>政务动态 <a class="more" href="/zwdt/">更多&gt;&gt;</a></h2><ul>
      <li><a href="/zwdt/202612/t20261205_2.htm">市政府召开第十二次常务会议研究部署冬季安全生产</a><span>[12-05]</span></li>
      <li><a href="/zwdt/202612/t20261130_3.htm">全市重点项目集中开工 总投资超两百亿元</a><span>11-30</span></li>
    </ul></div>
    <div class="block tab-con" style="display:none"><ul>
      <li><a href="/tzgg/202611/t20261101_4.htm">关于2027年元旦春节期间有关工作安排的通知</a><span>2026-11-01</span></li>
    </ul></div>
    <div class="block"><h2>便民服务</h2><ul class="service-list">
      <li><a href="/bmfw/sb/">社保查询</a></li><li><a href="/bmfw/gjj/">公积金查询</a></li>
    </ul></div>
    <p>今天是2026年12月7日。</p>
  </main>
  <footer><p>主办：晋江市人民政府办公室</p></footer>
  </body></html>`;
  const f = read(HOME, 'https://www.jinjiang.gov.cn/');
  it('takes the nav links once, leaving out 首页, the skip link and the language links', () => {
    assert.deepEqual(
      f.navLinks.map((l) => l.text),
      ['政务动态', '通知公告', '政策文件', '市政府文件', '互动交流'],
    );
    assert.equal(f.navLinks.find((l) => l.text === '市政府文件')!.hidden, true);
  });
  it('finds the items of every block, hidden tabs included, each with its own date', () => {
    assert.deepEqual(
      f.datedItems.map((i) => [i.title, i.date]),
      [
        ['晋江市2026年前三季度经济运行稳中向好', '2026-12-06'],
        ['市政府召开第十二次常务会议研究部署冬季安全生产', '2026-12-05'],
        ['全市重点项目集中开工 总投资超两百亿元', '2026-11-30'],
        ['关于2027年元旦春节期间有关工作安排的通知', '2026-11-01'],
      ],
    );
    assert.equal(f.links.find((l) => l.text === '更多>>')!.date, null);
    assert.equal(
      f.links.find((l) => l.text === '社保查询')!.date,
      null,
      'a date elsewhere on the page is not the link’s',
    );
    assert.equal(f.undatedItems, 0, 'short service entries are a menu, not undated articles');
    assert.equal(f.pubDate, null);
    assert.equal(f.footerText, '主办：晋江市人民政府办公室');
  });
  it('gives a month-day after the reading day the year before', () => {
    const f2 = extractFacts(HOME, 'https://www.jinjiang.gov.cn/', { now: new Date('2027-01-03T02:00:00Z') });
    assert.equal(f2.datedItems[1]!.date, '2026-12-05');
    const f3 = extractFacts(HOME, 'https://www.jinjiang.gov.cn/', { now: new Date('2026-12-01T02:00:00Z') });
    assert.equal(f3.datedItems[1]!.date, '2025-12-05');
  });
});

describe('page facts: hidden links (暗链)', () => {
  const f = read(`<html><head><style>
    .yqlj-hide { display: none }
    @media print { .noprint { display: none } }
    .dropdown { display:none } .menu:hover .dropdown { display:block }
    </style></head><body>
    <p>正文 <a href="/zwdt/1.htm">看得见的链接</a></p>
    <div style="display:none"><a href="http://casino.example/">澳门百家乐</a></div>
    <div style="DISPLAY: none !important;"><ul><li><span><a href="http://bet1.example/">体育投注</a></span></li></ul></div>
    <div style="position:absolute;left:-9999px;top:0"><a href="http://bet2.example/">彩票</a></div>
    <p style="text-indent:-5000px"><a href="http://bet3.example/">棋牌</a></p>
    <span style="font-size:0"><a href="http://bet4.example/">网赚</a></span>
    <div style="width:0;height:0;overflow:hidden"><a href="http://bet5.example/">贷款</a></div>
    <div style="visibility:hidden"><p><a href="http://bet6.example/">代孕</a></p></div>
    <a href="http://bet7.example/" hidden>隐藏属性</a>
    <div aria-hidden="true"><a href="http://bet8.example/">读屏隐藏</a></div>
    <div class="yqlj-hide"><a href="http://bet9.example/">样式表隐藏</a></div>
    <div class="noprint"><a href="http://www.fujian.gov.cn/">福建省人民政府</a></div>
    <div class="menu"><div class="dropdown"><a href="http://www.quanzhou.gov.cn/">泉州市人民政府</a></div></div>
    <div style="position:relative;left:-10px"><a href="http://www.xm.gov.cn/">厦门市人民政府</a></div>
    </body></html>`);
  it('marks links hidden by their own or an ancestor’s style, attribute or simple style rule', () => {
    const hidden = f.links.filter((l) => l.hidden).map((l) => l.url);
    assert.deepEqual(hidden, [
      'http://casino.example/',
      'http://bet1.example/',
      'http://bet2.example/',
      'http://bet3.example/',
      'http://bet4.example/',
      'http://bet5.example/',
      'http://bet6.example/',
      'http://bet7.example/',
      'http://bet8.example/',
      'http://bet9.example/',
    ]);
  });
  it('leaves visible links, print-only rules and hover menus alone', () => {
    const visible = f.links.filter((l) => !l.hidden).map((l) => l.text);
    assert.deepEqual(visible, ['看得见的链接', '福建省人民政府', '泉州市人民政府', '厦门市人民政府']);
  });
});

describe('page facts: article pages', () => {
  it('takes the date of the PubDate tag', () => {
    const f =
      read(`<html><head><meta name="PubDate" content="2026-11-30 09:15"><meta name="ArticleTitle" content="关于做好冬季防火工作的通知"></head>
      <body><div class="info">发布时间：2026-12-02 来源：市应急管理局</div></body></html>`);
    assert.equal(f.pubDate, '2026-11-30');
    assert.equal(f.meta.ArticleTitle, '关于做好冬季防火工作的通知');
  });
  it('falls back to the 发布日期 line, preferring it to a 成文日期 and reading a plain 日期 last', () => {
    assert.equal(
      read(
        '<body><table><tr><td>成文日期：2026年11月20日</td><td>发布日期：2026年11月28日</td></tr></table></body>',
      ).pubDate,
      '2026-11-28',
    );
    assert.equal(
      read('<body><div class="info">日期：2026-11-27 浏览次数：120</div></body>').pubDate,
      '2026-11-27',
    );
    assert.equal(read('<body><div>成文日期：2026-11-20</div></body>').pubDate, null);
    assert.equal(read('<body><p>根据2026年11月1日会议精神……</p></body>').pubDate, null);
  });
  it('finds unmasked 身份证号 and mobile numbers in the text, not in scripts or attribute values', () => {
    const id = idNumber('35058219900101123');
    const other = idNumber('35058219851231567');
    const f = read(`<body><div class="content">
      <p>公示名单：张某某，身份证号：${id}，联系电话：13812345678。</p>
      <p>李某某，身份证号：350582********5678（已脱敏）</p>
      <input type="hidden" value="${other}"><a href="/x?tel=13900001111" data-id="${other}">详情</a>
      <script>var id = "${other}"; var tel = "13900002222";</script>
      <style>/* 13900003333 */</style>
      </div></body>`);
    assert.deepEqual(
      f.personalData.map((h) => [h.kind, h.masked]),
      [
        ['idNumber', `${id.slice(0, 6)}********${id.slice(14)}`],
        ['mobile', '138****5678'],
      ],
    );
    assert.ok(f.personalData.every((h) => !h.context.includes(id) && !h.context.includes('13812345678')));
  });
});

describe('page facts: empty and static pages', () => {
  it('sees a visible empty-list placeholder but not a hidden template', () => {
    assert.equal(
      read('<body><div class="list"><ul></ul><p class="empty">暂无信息</p></div></body>').emptyPlaceholder,
      true,
    );
    assert.equal(read('<body><div class="list">没有找到相关记录</div></body>').emptyPlaceholder, true);
    assert.equal(read('<body><td>暂无数据</td></body>').emptyPlaceholder, true);
    assert.equal(
      read(
        '<body><ul><li><a href="/1.htm">关于公布2026年度部门预算的公告</a> 2026-11-01</li></ul><div style="display:none">暂无数据</div></body>',
      ).emptyPlaceholder,
      false,
    );
  });
  it('counts list rows of article titles without dates, but not a side menu', () => {
    const f =
      read(`<body><ul class="leftlist"><li><a href="/jgzn/">机构职能</a></li><li><a href="/ldxx/">领导信息</a></li></ul>
      <ul class="list"><li><a href="/tzgg/1.htm">关于开展2026年度政府网站自查工作的通知</a></li>
      <li><a href="/tzgg/2.htm">晋江市人民政府关于调整部分行政事业性收费的通告</a></li></ul></body>`);
    assert.equal(f.undatedItems, 2);
    assert.deepEqual(f.datedItems, []);
  });
  it('uses the last block as the footer when nothing is marked as one, and keeps only web links', () => {
    const f = read(`<html><head><base href="https://www.jinjiang.gov.cn/col/"></head><body>
      <div id="content"><a href="a.htm#top">相对</a><a href="javascript:void(0)">脚本</a><a href="mailto:x@jinjiang.gov.cn">邮件</a>
      <a href="ftp://x/">文件</a><a href="/b.htm"><img src="/i.png" alt="图片链接"></a></div>
      <div id="last">版权所有：晋江市人民政府 网站标识码：3505820001</div><script>var x = 1;</script></body></html>`);
    assert.equal(f.footerText, '版权所有：晋江市人民政府 网站标识码：3505820001');
    assert.deepEqual(
      f.links.map((l) => [l.text, l.url]),
      [
        ['相对', 'https://www.jinjiang.gov.cn/col/a.htm'],
        ['图片链接', 'https://www.jinjiang.gov.cn/b.htm'],
      ],
    );
  });
  it('reads any list of dated items back, whatever the titles and dates', () => {
    const day = fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2026-12-07T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const title = fc.string({
      minLength: 1,
      maxLength: 30,
      unit: fc.constantFrom(...'关于印发通知公告晋江市人民政府工作方案的年'),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(title, day), { maxLength: 12 }), (rows) => {
        const html = `<body><ul>${rows
          .map(([t, d], i) => `<li><a href="/tzgg/${i}.htm">${t}</a><span>${d}</span></li>`)
          .join('')}</ul></body>`;
        const f = read(html);
        assert.deepEqual(
          f.datedItems.map((it) => [it.title, it.date]),
          rows.map(([t, d]) => [t, d]),
        );
      }),
      { numRuns: 50 },
    );
  });
});
