/**
 * Real local government-style sites for the site inspector's tests: a node:http server on
 * 127.0.0.1 that serves a site made to a DemoSiteSpec (src/modules/demo/demo-sites.ts: home page,
 * dated column lists, articles with 47号 meta tags), plus any extra pages, and records every
 * request. `failing(n)` makes the next n requests of the home page fail with a 503 (a probe that
 * fails), so a test can set an exact share of failed probes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderSitePage, type DemoSiteSpec } from '../../src/modules/demo/index.js';

export interface GovSite {
  /** The home page's address, `http://127.0.0.1:<port>/`. */
  url: string;
  /** Every path the crawler requested, in order (query strings kept). */
  requests: string[];
  /** Every path the accessibility checks requested (their User-Agent says so). */
  a11yRequests: string[];
  /** Makes the next `n` requests of the home page answer 503. */
  failing(n: number): void;
  close(): Promise<void>;
}

export async function serveGovSite(
  spec: DemoSiteSpec,
  opts: {
    now: () => Date;
    extra?: Record<string, { status?: number; type?: string; body: string | Buffer }>;
  },
): Promise<GovSite> {
  const requests: string[] = [];
  const a11yRequests: string[] = [];
  let failNext = 0;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (/accessibility/.test(req.headers['user-agent'] ?? '')) a11yRequests.push(path);
    else requests.push(path);
    const pathname = path.split('?')[0]!;
    if (pathname === '/' && failNext > 0) {
      failNext--;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    const extra = opts.extra?.[pathname];
    if (extra) {
      res.writeHead(extra.status ?? 200, { 'content-type': extra.type ?? 'text/html; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : extra.body);
      return;
    }
    const page = renderSitePage(spec, '/', pathname.slice(1), opts.now());
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>404</h1>');
      return;
    }
    res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    a11yRequests,
    failing: (n) => {
      failNext = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
