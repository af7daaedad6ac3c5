import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import * as cheerio from 'cheerio';
import { crawlSite } from '../src/modules/inspection/crawl/crawler.js';
import { crawlAgent, fetchUrl } from '../src/modules/inspection/crawl/fetch.js';
import { MemoryFrontier } from '../src/modules/inspection/crawl/frontier.js';
import { extractFacts } from '../src/modules/inspection/page-facts.js';

// `npm run bench -- inspection`: the site inspector's page reader and crawler against their
// floors, in this process. Reader: extractFacts (dates beside links, navigation, hidden links,
// meta tags, footer, personal data) against cheerio parsing the page and resolving its links, the
// least any reader does. Crawler: crawlSite over a local 300-page site (no delay, 2 at a time,
// frontier in memory) against fetching the same 300 pages with the same HTTP client, 2 at a time.

function listPage(items: number, seed: number): string {
  const li = Array.from(
    { length: items },
    (_, i) =>
      `<li><a href="/col${seed}/${i}.html">关于做好第${i}项重点工作的通知（第${seed}批）</a><span class="date">2026-11-${String(1 + (i % 28)).padStart(2, '0')}</span></li>`,
  ).join('');
  const nav = Array.from({ length: 12 }, (_, i) => `<li><a href="/col${i}/">栏目${i}</a></li>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><title>通知公告</title><meta name="SiteName" content="某市"><meta name="ColumnName" content="通知公告"></head><body><header><nav><ul>${nav}</ul></nav></header><main><ul class="list">${li}</ul><p>联系电话 0595-85000000</p></main><footer>主办单位：某市人民政府 网站标识码：3505820001</footer></body></html>`;
}

function timeSync(n: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(5, n); i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return (performance.now() - t0) / n;
}

async function reader(): Promise<void> {
  for (const items of [50, 1000]) {
    const html = listPage(items, 1);
    const url = 'http://bench.example/col1/';
    const floor = timeSync(40, () => {
      const $ = cheerio.load(html);
      const out: string[] = [];
      $('a[href]').each((_, el) => {
        out.push(new URL($(el).attr('href')!, url).href);
      });
      return out;
    });
    const full = timeSync(40, () => extractFacts(html, url, { now: new Date('2026-12-07T02:00:00Z') }));
    console.log(
      `inspection reader, ${items} items (${(html.length / 1024).toFixed(0)} KB): extractFacts ${full.toFixed(2)} ms, floor (parse + links) ${floor.toFixed(2)} ms, ratio ${(full / floor).toFixed(2)}×`,
    );
  }
}

async function crawler(): Promise<void> {
  const pages = 300;
  const server = createServer((req, res) => {
    const m = /^\/p(\d+)\.html$/.exec(req.url ?? '');
    const n = req.url === '/' ? 0 : m ? Number(m[1]) : -1;
    if (n < 0 || n >= pages) return void res.writeHead(404).end();
    const links = [1, 2, 3].map((k) =>
      n * 3 + k < pages
        ? `<li><a href="/p${n * 3 + k}.html">第${n * 3 + k}页</a><span>2026-12-01</span></li>`
        : '',
    );
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html><head><title>p${n}</title></head><body><ul>${links.join('')}</ul></body></html>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const urls = [`${base}/`, ...Array.from({ length: pages - 1 }, (_, i) => `${base}/p${i + 1}.html`)];
    const agent = crawlAgent({ connectionsPerHost: 2, timeoutMs: 15_000 });
    const t0 = performance.now();
    for (let i = 0; i < urls.length; i += 2)
      await Promise.all(urls.slice(i, i + 2).map((u) => fetchUrl(agent, u, { maxBytes: 1_000_000 })));
    const floor = performance.now() - t0;
    await agent.close();
    const t1 = performance.now();
    const outcome = await crawlSite(
      { homeUrl: `${base}/`, pageLimit: pages, concurrency: 2, delayMs: 0 },
      new MemoryFrontier(),
    );
    const full = performance.now() - t1;
    const heapMb = process.memoryUsage().heapUsed / 1048576;
    console.log(
      `inspection crawler, ${outcome.pages} pages: crawlSite ${full.toFixed(0)} ms (${((outcome.pages / full) * 1000).toFixed(0)} pages/s), floor (the same fetches) ${floor.toFixed(0)} ms, ratio ${(full / floor).toFixed(2)}×, heap ${heapMb.toFixed(0)} MB`,
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

let done = false;
/** No database: runs once whatever the engine list says. */
export async function inspection(): Promise<void> {
  if (done) return;
  done = true;
  await reader();
  await crawler();
}
