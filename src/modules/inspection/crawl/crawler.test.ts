import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import { closeReaders } from '../../../platform/sandbox/index.js';
import type { CrawledUrl } from '../inspection.js';
import { closedPort, idNumber, page, serveSite, type TestSite } from './crawl.test-support.js';
import { crawlSite, isBroken, ROBOTS_SKIPPED, type CrawlOptions } from './crawler.js';
import { MemoryFrontier } from './frontier.js';

// The crawler against real sites served on 127.0.0.1 by the test itself. Two sites are two
// servers on different ports: different origins, so different sites to the crawler.

const sites: TestSite[] = [];
after(async () => {
  await Promise.all(sites.map((s) => s.close()));
  await closeReaders();
});

async function serve(...args: Parameters<typeof serveSite>): Promise<TestSite> {
  const site = await serveSite(...args);
  sites.push(site);
  return site;
}

const fast = { delayMs: 0, timeoutMs: 2000, concurrency: 2 } satisfies Partial<CrawlOptions>;

async function crawl(options: CrawlOptions) {
  const frontier = new MemoryFrontier();
  const outcome = await crawlSite(options, frontier);
  const all = await frontier.all();
  const byUrl = new Map(all.map((r) => [r.url, r]));
  return { frontier, outcome, all, get: (url: string) => byUrl.get(url) };
}

/** Requests other than for robots.txt. */
const pageHits = (site: TestSite) => site.hits.filter((h) => h.path !== '/robots.txt');

describe('crawlSite', () => {
  it('never leaves the host: another host only gets one check of each address linked to it', async () => {
    const other = await serve({
      '/p1': page('外站一', [['/p2', '外站二']]),
      '/p2': page('外站二', [['/p3', '外站三']]),
      '/landing': page('外站落地页', [['/p2', '外站二']]),
    });
    const site = await serve({
      '/': page('首页', [
        ['/a', '栏目甲'],
        ['/b', '栏目乙'],
        [other.url('/p1'), '外部链接'],
        ['/away', '跳转外站'],
      ]),
      '/away': { status: 302, location: other.url('/landing') },
      '/a': page('栏目甲', [[other.url('/p1'), '再次外链']]),
      '/b': page('栏目乙', [['/', '首页']]),
    });
    const { outcome, get } = await crawl({ homeUrl: site.url('/'), ...fast });

    assert.deepEqual(
      other.hits.map((h) => `${h.method} ${h.path}`).sort(),
      ['HEAD /landing', 'HEAD /p1'],
      'the other host is asked once for each address linked or redirected to, and nothing they link to',
    );
    const away = get(site.url('/away'))!;
    assert.equal(away.kind, 'page');
    assert.equal(away.status, 302, 'a page redirecting off the site is not followed as a page');
    assert.equal(away.facts, null);
    assert.equal(get(other.url('/landing'))?.foundOn, site.url('/away'));
    assert.equal(get(other.url('/landing'))?.status, 200);
    const external = get(other.url('/p1'))!;
    assert.equal(external.kind, 'link');
    assert.equal(external.status, 200);
    assert.equal(external.facts, null);
    assert.equal(external.foundOn, site.url('/'));
    assert.equal(external.anchorText, '外部链接');
    for (const path of ['/', '/a', '/b']) {
      assert.equal(get(site.url(path))?.kind, 'page', path);
      assert.ok(get(site.url(path))?.facts, `${path} was read`);
      assert.equal(site.count(path, 'GET'), 1, `${path} fetched once`);
    }
    assert.equal(outcome.pages, 4);
    assert.equal(outcome.links, 2);
    assert.equal(outcome.limitHit, false);
    assert.equal(outcome.site.origin, site.origin);
    assert.equal(outcome.home.status, 200);
    assert.equal(outcome.robots.decision, 'absent');
    assert.equal(outcome.robots.status, 404);
  });

  it('keeps a department site to its path prefix: the portal around it is only checked', async () => {
    const site = await serve({
      '/portal/': page('门户', [['/demo-sites/edu/', '教育局']]),
      '/demo-sites/edu/': page('教育局', [
        ['/demo-sites/edu/news/', '教育动态'],
        ['/portal/', '返回门户'],
      ]),
      // GB2312, as many government sites still are, declared only in the page's meta tag.
      '/demo-sites/edu/news/': {
        type: 'text/html',
        body: Buffer.concat([
          Buffer.from(
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>',
          ),
          Buffer.from([0xbd, 0xcc, 0xd3, 0xfd, 0xb6, 0xaf, 0xcc, 0xac]),
          Buffer.from('</title></head><body></body></html>'),
        ]),
      },
    });
    const { get } = await crawl({
      homeUrl: site.url('/demo-sites/edu/'),
      scope: '/demo-sites/edu/',
      ...fast,
    });
    assert.equal(get(site.url('/demo-sites/edu/news/'))?.kind, 'page');
    assert.equal(
      get(site.url('/demo-sites/edu/news/'))?.facts?.title,
      '教育动态',
      'read in its own encoding',
    );
    assert.equal(get(site.url('/portal/'))?.kind, 'link');
    assert.equal(site.count('/portal/', 'GET'), 0, 'the portal page is not fetched as a page');
    assert.equal(site.count('/portal/', 'HEAD'), 1);
  });

  it('fetches exactly the page limit and checks the rest of the site as links', async () => {
    const routes: Record<string, string> = {};
    const paths = Array.from({ length: 9 }, (_, i) => `/p${i + 1}`);
    routes['/'] = page(
      '首页',
      paths.map((p) => [p, `页面${p}`]),
    );
    for (const p of paths) routes[p] = page(p, [['/deeper', '更深']]);
    routes['/deeper'] = page('更深');
    const site = await serve(routes);
    const { outcome, all } = await crawl({ homeUrl: site.url('/'), pageLimit: 4, ...fast });

    const gets = pageHits(site).filter((h) => h.method === 'GET');
    assert.equal(gets.length, 4, 'four pages fetched, the home page included');
    assert.deepEqual(
      gets.map((h) => h.path),
      ['/', '/p1', '/p2', '/p3'],
      'breadth first, in page order',
    );
    assert.equal(outcome.pages, 4);
    assert.equal(outcome.limitHit, true);
    const checked = all.filter((r) => r.kind === 'link').map((r) => new URL(r.url).pathname);
    assert.deepEqual(checked.sort(), ['/deeper', '/p4', '/p5', '/p6', '/p7', '/p8', '/p9']);
    assert.ok(all.filter((r) => r.kind === 'link').every((r) => r.status === 200 && r.facts === null));
    assert.equal(site.count('/p5', 'HEAD'), 1);
  });

  it('obeys robots.txt: its group for our agent, Disallow and Crawl-delay, and records the decision', async () => {
    const site = await serve({
      '/robots.txt': {
        type: 'text/plain',
        body: 'User-agent: *\nDisallow: /\n\nUser-agent: GongkaiInspector\nDisallow: /secret/\nCrawl-delay: 0.12\n',
      },
      '/': page('首页', [
        ['/secret/list', '内部'],
        ['/open1', '公开一'],
        ['/open2', '公开二'],
        ['/secret/report.pdf', '内部附件'],
      ]),
      '/open1': page('公开一'),
      '/open2': page('公开二'),
    });
    const { outcome, all } = await crawl({ homeUrl: site.url('/'), ...fast, delayMs: 0 });

    assert.equal(site.count('/secret/list'), 0);
    assert.equal(site.count('/secret/report.pdf'), 0);
    assert.equal(site.count('/open1', 'GET'), 1);
    assert.deepEqual(outcome.robots, {
      url: site.url('/robots.txt'),
      status: 200,
      decision: 'allowed',
      crawlDelayMs: 120,
      skipped: [site.url('/secret/list'), site.url('/secret/report.pdf')],
    });
    assert.ok(!all.some((r) => r.url.includes('/secret/')), 'a skipped address is not a broken link');
    const times = pageHits(site).map((h) => h.at);
    assert.equal(times.length, 3);
    for (let i = 1; i < times.length; i++)
      assert.ok(times[i]! - times[i - 1]! >= 120, `Crawl-delay kept: ${times[i]! - times[i - 1]!} ms apart`);
  });

  it('fetches nothing when robots.txt forbids the home page to our agent', async () => {
    const site = await serve({
      '/robots.txt': { type: 'text/plain', body: 'User-agent: GongkaiInspector\nDisallow: /\n' },
      '/': page('首页', [['/a', '甲']]),
    });
    const { outcome, all } = await crawl({ homeUrl: site.url('/'), ...fast });
    assert.deepEqual(
      site.hits.map((h) => h.path),
      ['/robots.txt'],
    );
    assert.equal(outcome.robots.decision, 'disallowed');
    assert.equal(outcome.home.error, ROBOTS_SKIPPED);
    assert.equal(isBroken(outcome.home), false);
    assert.equal(all.length, 1);
  });

  it('follows redirects and records where a page landed; a home page that moves host moves the site', async () => {
    const site = await serve({
      '/': page('首页', [['/old', '旧地址']]),
      '/old': { status: 301, location: '/new' },
      '/new': page('新地址', [['/deep', '深层']]),
      '/deep': page('深层'),
    });
    const alias = await serve({ '/': { status: 302, location: site.url('/') } });
    const { outcome, get } = await crawl({ homeUrl: alias.url('/'), ...fast });

    assert.equal(outcome.site.origin, site.origin, 'the site is where the home page landed');
    assert.equal(outcome.home.url, alias.url('/'));
    assert.equal(outcome.home.facts?.url, site.url('/'));
    const old = get(site.url('/old'))!;
    assert.equal(old.kind, 'page');
    assert.equal(old.status, 200);
    assert.equal(old.facts?.url, site.url('/new'), 'the final address is recorded');
    assert.equal(old.facts?.title, '新地址');
    assert.equal(get(site.url('/deep'))?.kind, 'page', 'links of the redirected page are followed');
    assert.equal(get(site.url('/deep'))?.depth, 2);
    assert.deepEqual(
      alias.hits.map((h) => `${h.method} ${h.path}`),
      ['GET /robots.txt', 'GET /'],
    );
  });

  it('records broken links with the page and anchor text, and ignores mailto:, tel: and javascript:', async () => {
    const refused = await closedPort();
    const site = await serve({
      '/': page('首页', [
        ['/list', '列表'],
        ['mailto:office@example.gov.cn', '邮箱'],
        ['tel:12345', '热线'],
        ['javascript:void(0)', '脚本'],
      ]),
      '/list': page('列表', [
        ['/missing', '缺失页面'],
        ['/error', '出错页面'],
        [`http://127.0.0.1:${refused}/x`, '拒绝连接'],
        ['/hang', '无响应'],
        ['/nohead.zip', '不支持 HEAD'],
      ]),
      '/error': { status: 500, body: page('服务器错误', [['/from-error-page', '错误页上的链接']]) },
      '/hang': { hang: true },
      '/nohead.zip': { headStatus: 405, type: 'application/zip', body: 'PK' },
    });
    const { outcome, all, get } = await crawl({ homeUrl: site.url('/'), ...fast, timeoutMs: 300 });

    const broken = all.filter(isBroken).map((r) => [r.url, r.status, r.error, r.foundOn, r.anchorText]);
    assert.deepEqual(
      broken.sort(),
      [
        [`http://127.0.0.1:${refused}/x`, null, '连接被拒绝', site.url('/list'), '拒绝连接'],
        [site.url('/error'), 500, null, site.url('/list'), '出错页面'],
        [site.url('/hang'), null, '连接超时（0.3 秒）', site.url('/list'), '无响应'],
        [site.url('/missing'), 404, null, site.url('/list'), '缺失页面'],
      ].sort(),
    );
    assert.equal(outcome.broken, 4);
    assert.equal(get(site.url('/nohead.zip'))?.status, 200, 'HEAD refused, GET answered: not broken');
    assert.equal(site.count('/nohead.zip', 'GET'), 1);
    assert.equal(get(site.url('/from-error-page')), undefined, 'an error page is not read');
    assert.ok(!all.some((r) => /^(mailto|tel|javascript):/.test(r.url)));
  });

  it('finds a 身份证号 in a .txt and a .docx attachment, masked', async () => {
    const id1 = idNumber('350582', '19850612', '123');
    const id2 = idNumber('350582', '19790101', '456');
    const docx = await Packer.toBuffer(
      new Document({
        sections: [{ children: [new Paragraph(`补助对象：李四，身份证号码 ${id2}，晋江市。`)] }],
      }),
    );
    const site = await serve({
      '/': page('首页', [
        ['/files/名单.txt', '补助名单'],
        ['/files/公示.docx', '公示'],
        ['/files/clean.txt', '说明'],
      ]),
      '/files/名单.txt': { type: 'text/plain; charset=utf-8', body: `序号 姓名 身份证号\n1 张三 ${id1}\n` },
      '/files/公示.docx': {
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        body: new Uint8Array(docx),
      },
      '/files/clean.txt': { type: 'text/plain', body: '本名单已按规定隐去个人信息。' },
    });
    const { outcome, get } = await crawl({ homeUrl: site.url('/'), ...fast });
    const hits = (path: string) => get(site.url(encodeURI(path)))?.attachmentHits;

    assert.deepEqual(
      hits('/files/名单.txt')?.map((h) => [h.kind, h.masked]),
      [['idNumber', `350582********${id1.slice(14)}`]],
    );
    assert.deepEqual(
      hits('/files/公示.docx')?.map((h) => [h.kind, h.masked]),
      [['idNumber', `350582********${id2.slice(14)}`]],
    );
    assert.deepEqual(hits('/files/clean.txt'), []);
    assert.ok(!JSON.stringify(hits('/files/公示.docx')).includes(id2), 'the number itself is not kept');
    assert.equal(get(site.url(encodeURI('/files/公示.docx')))?.kind, 'attachment');
    assert.equal(outcome.attachments, 3);
  });

  it('keeps to its concurrency', async () => {
    const routes: Record<string, string> = {};
    const paths = Array.from({ length: 12 }, (_, i) => `/c${i}`);
    routes['/'] = page(
      '首页',
      paths.map((p) => [p, p]),
    );
    for (const p of paths) routes[p] = page(p);
    const site = await serve(routes, { latencyMs: 40 });
    await crawl({ homeUrl: site.url('/'), ...fast, concurrency: 3 });
    assert.equal(site.maxInFlight, 3, 'three at once, never more');
    assert.equal(pageHits(site).length, 13);
  });

  // Arrival times at the server: the gate spaces starts and ends (gate.ts), so a request on a new
  // connection (which arrives later than one on a reused connection) cannot shorten the spacing.
  it('waits its delay between two requests to the site, as the server sees them', async () => {
    const routes: Record<string, string> = {};
    const paths = Array.from({ length: 5 }, (_, i) => `/d${i}`);
    routes['/'] = page(
      '首页',
      paths.map((p) => [p, p]),
    );
    for (const p of paths) routes[p] = page(p);
    const site = await serve(routes);
    await crawl({ homeUrl: site.url('/'), ...fast, concurrency: 2, delayMs: 60 });
    const times = site.hits.map((h) => h.at);
    assert.equal(times.length, 7, 'robots.txt, the home page and five pages');
    for (let i = 1; i < times.length; i++)
      assert.ok(times[i]! - times[i - 1]! >= 60, `requests ${times[i]! - times[i - 1]!} ms apart`);
  });

  it('resumes an interrupted crawl over the same frontier without fetching anything already done', async () => {
    const routes: Record<string, string> = {};
    const paths = Array.from({ length: 10 }, (_, i) => `/r${i}`);
    routes['/'] = page(
      '首页',
      paths.map((p) => [p, p]),
    );
    for (const p of paths) routes[p] = page(p, [[`/r${(Number(p.slice(2)) + 1) % 10}`, '下一篇']]);
    const site = await serve(routes, { latencyMs: 15 });
    const frontier = new MemoryFrontier();
    const stop = new AbortController();
    const first = crawlSite(
      {
        homeUrl: site.url('/'),
        ...fast,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.pages >= 4) stop.abort(new Error('重启'));
        },
      },
      frontier,
    );
    await assert.rejects(first, /重启/);
    const doneFirst = (await frontier.all()).map((r) => new URL(r.url).pathname);
    assert.ok(doneFirst.length >= 4 && doneFirst.length < 11, `stopped part way (${doneFirst.length} done)`);
    assert.ok((await frontier.count()).pending > 0);

    const seen = site.hits.length;
    const outcome = await crawlSite({ homeUrl: site.url('/'), ...fast }, frontier);
    const secondRun = site.hits.slice(seen).filter((h) => h.path !== '/robots.txt');
    assert.ok(secondRun.length > 0, 'the second run did the rest');
    for (const h of secondRun) assert.ok(!doneFirst.includes(h.path), `${h.path} was done and fetched again`);
    assert.equal(outcome.pages, 11);
    const all: CrawledUrl[] = await frontier.all();
    assert.deepEqual(all.map((r) => new URL(r.url).pathname).sort(), ['/', ...paths].sort());
    assert.equal(outcome.home.url, site.url('/'));
    assert.equal((await frontier.count()).pending, 0);
  });
});
