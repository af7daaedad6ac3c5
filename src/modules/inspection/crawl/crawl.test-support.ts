// What the crawler's tests share (not a test file itself): real local sites on 127.0.0.1, each
// a node:http server that answers from a table of routes and counts what it is asked — every
// request with its method, path and arrival time, and the most requests it had in flight at once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RouteSpec {
  status?: number;
  /** Content-Type; text/html; charset=utf-8 by default. */
  type?: string;
  body?: string | Uint8Array;
  /** A redirect (302 unless `status` says otherwise). */
  location?: string;
  /** Never answer (the client's timeout is what ends it). */
  hang?: boolean;
  /** Status of a HEAD request, when it differs (405: HEAD not supported). */
  headStatus?: number;
}

/** A route: an HTML body, or a spec. */
export type Route = string | RouteSpec;

export interface Hit {
  method: string;
  path: string;
  /** performance.now() at arrival. */
  at: number;
}

export interface TestSite {
  origin: string;
  url(path: string): string;
  hits: Hit[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  /** Requests for `path` (decoded), by method. */
  count(path: string, method?: string): number;
  close(): Promise<void>;
}

/** An HTML page with a title and links (`[href, text]`). */
export function page(title: string, links: Array<[string, string]> = [], extra = ''): string {
  const items = links.map(([href, text]) => `<li><a href="${href}">${text}</a></li>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><ul>${items}</ul>${extra}</body></html>`;
}

/** Serves `routes` on 127.0.0.1 (a free port); each answer waits `latencyMs` first. */
export async function serveSite(
  routes: Record<string, Route>,
  opts: { latencyMs?: number } = {},
): Promise<TestSite> {
  const hits: Hit[] = [];
  let inFlight = 0;
  const site: TestSite = {
    origin: '',
    url: (path) => `${site.origin}${path}`,
    hits,
    maxInFlight: 0,
    count: (path, method) => hits.filter((h) => h.path === path && (!method || h.method === method)).length,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const route = routes[path];
    const spec: RouteSpec | undefined = typeof route === 'string' ? { body: route } : route;
    if (spec?.hang) return;
    const status =
      (req.method === 'HEAD' ? spec?.headStatus : undefined) ??
      spec?.status ??
      (spec ? (spec.location ? 302 : 200) : 404);
    const body = spec?.body ?? (spec ? '' : page('页面不存在'));
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    res.writeHead(status, {
      'content-type': spec?.type ?? 'text/html; charset=utf-8',
      'content-length': String(bytes.length),
      ...(spec?.location ? { location: spec.location } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };
  const server = createServer((req, res) => {
    hits.push({
      method: req.method ?? 'GET',
      path: decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname),
      at: performance.now(),
    });
    inFlight++;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    let counted = true;
    const leave = () => {
      if (counted) inFlight--;
      counted = false;
    };
    res.on('finish', leave);
    res.on('close', leave);
    setTimeout(() => answer(req, res), opts.latencyMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return site;
}

/** A port nothing listens on (a server opened and closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A valid 18-digit 身份证号 (GB 11643 check digit) for a birth date and sequence. */
export function idNumber(area = '350582', birth = '19850612', seq = '123'): string {
  const first = `${area}${birth}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first[i]) * weights[i]!;
  return first + '10X98765432'[sum % 11]!;
}
