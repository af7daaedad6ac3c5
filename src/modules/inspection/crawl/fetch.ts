import { Agent, request, type Dispatcher } from 'undici';

/**
 * HTTP for the inspector, through undici: one Agent per crawl (a few connections per host,
 * the timeouts), redirects followed here so that every hop is known and may be refused (a page
 * of the site that redirects off the site is not followed as a page), bodies read up to a
 * maximum and cut off past it. A request that gets no answer does not throw: it comes back with
 * `status: null` and the reason in Chinese, which is what the report shows. Only an abort (the
 * caller's signal) throws, so that the caller records nothing for a fetch it did not finish.
 */

/** Our robots.txt user agent token. */
export const USER_AGENT = 'GongkaiInspector';
/** The User-Agent header (HTTP header values are ASCII). */
export const USER_AGENT_HEADER = `${USER_AGENT}/1.0 (+government website inspection; Gongkai)`;

export const DEFAULT_TIMEOUT_MS = 15_000;
export const MAX_REDIRECTS = 5;

export interface FetchOptions {
  method?: 'GET' | 'HEAD';
  /** Connect and headers timeout, and the longest wait between two chunks of the body. */
  timeoutMs?: number;
  /** The body is read up to this many bytes; past it the fetch stops with 响应过大. 0: the body is not read. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Whether to follow a redirect to `url`; when not, the redirect itself is the answer. Default: follow. */
  follow?: (url: URL) => boolean;
  /** Called before each request (each hop of a redirect): waits for the host's turn, returns the release. */
  gate?: (url: URL) => Promise<() => void>;
}

export interface FetchResult {
  /** The address asked for. */
  url: string;
  /** The address that answered last (after the redirects followed). */
  finalUrl: string;
  /** HTTP status of the last answer, or null when none came. */
  status: number | null;
  /** Why no (complete) answer came, in Chinese; null when it came. */
  error: string | null;
  /** `Location` of an answer that is a redirect not followed. */
  location: string | null;
  /** Media type without parameters, lower case (`text/html`), or null. */
  contentType: string | null;
  /** The `charset` parameter of Content-Type, or null. */
  charset: string | null;
  /** The body as read (GET with maxBytes > 0 and a complete answer), or null. */
  body: Uint8Array | null;
  /** Each address redirected from, in order. */
  redirects: string[];
}

/** The connection pool of one crawl: a few connections per host, the timeouts of the crawl. */
export function crawlAgent(opts: { connectionsPerHost: number; timeoutMs: number }): Agent {
  return new Agent({
    connections: Math.max(1, opts.connectionsPerHost),
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    connect: { timeout: opts.timeoutMs },
    keepAliveTimeout: 4_000,
  });
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} 秒`;
const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

class TooLarge extends Error {}

/**
 * Fetches `url` through `dispatcher`, following redirects (at most MAX_REDIRECTS) as `follow`
 * allows. Never throws for a failure of the other side; throws the abort reason when `signal`
 * is aborted.
 */
export async function fetchUrl(
  dispatcher: Dispatcher,
  url: string,
  opts: FetchOptions = {},
): Promise<FetchResult> {
  const method = opts.method ?? 'GET';
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? 0;
  const redirects: string[] = [];
  const result = (current: string, part: Partial<FetchResult>): FetchResult => ({
    url,
    finalUrl: current,
    status: null,
    error: null,
    location: null,
    contentType: null,
    charset: null,
    body: null,
    redirects,
    ...part,
  });
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return result(url, { error: '地址无效' });
  }
  for (;;) {
    opts.signal?.throwIfAborted();
    if (current.protocol !== 'http:' && current.protocol !== 'https:')
      return result(current.href, { error: `不支持的协议（${current.protocol}）` });
    const release = opts.gate ? await opts.gate(current) : () => {};
    let res: Dispatcher.ResponseData;
    try {
      res = await request(current, {
        dispatcher,
        method,
        headers: { 'user-agent': USER_AGENT_HEADER, accept: '*/*' },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: opts.signal ?? null,
      });
    } catch (e) {
      release();
      opts.signal?.throwIfAborted();
      return result(current.href, { error: failureText(e, timeoutMs) });
    }
    const status = res.statusCode;
    const typeHeader = headerValue(res.headers['content-type']) ?? '';
    const contentType = typeHeader.split(';')[0]?.trim().toLowerCase() || null;
    const charset = /;\s*charset\s*=\s*"?([\w-]+)/i.exec(typeHeader)?.[1] ?? null;
    const locationHeader = headerValue(res.headers.location);
    if (status >= 300 && status < 400 && locationHeader) {
      await discard(res);
      release();
      let next: URL;
      try {
        next = new URL(locationHeader, current);
      } catch {
        return result(current.href, { status, contentType, error: '重定向地址无效' });
      }
      next.hash = '';
      if (opts.follow && !opts.follow(next))
        return result(current.href, { status, contentType, location: next.href });
      redirects.push(current.href);
      if (redirects.length > MAX_REDIRECTS || redirects.includes(next.href))
        return result(current.href, {
          status,
          contentType,
          location: next.href,
          error: redirects.includes(next.href) ? '重定向循环' : `重定向次数过多（超过 ${MAX_REDIRECTS} 次）`,
        });
      current = next;
      continue;
    }
    try {
      if (method === 'HEAD' || maxBytes <= 0) {
        await discard(res);
        return result(current.href, { status, contentType });
      }
      const declared = Number(headerValue(res.headers['content-length']) ?? NaN);
      if (declared > maxBytes) {
        abandon(res);
        return result(current.href, {
          status,
          contentType,
          error: `响应过大（超过 ${megabytes(maxBytes)}）`,
        });
      }
      const body = await readBody(res, maxBytes);
      return result(current.href, { status, contentType, charset, body });
    } catch (e) {
      opts.signal?.throwIfAborted();
      if (e instanceof TooLarge)
        return result(current.href, {
          status,
          contentType,
          error: `响应过大（超过 ${megabytes(maxBytes)}）`,
        });
      return result(current.href, { status, contentType, error: failureText(e, timeoutMs) });
    } finally {
      release();
    }
  }
}

/**
 * A link's status: HEAD first, then GET when HEAD did not give a plain answer — 405/501 (HEAD not
 * supported), any other 4xx/5xx (servers that answer HEAD wrongly: a failure is confirmed by GET
 * before it is reported), or a dropped connection. A timeout, an unknown name or a refused
 * connection is not tried twice. GET reads no body.
 */
export async function checkLink(
  dispatcher: Dispatcher,
  url: string,
  opts: Omit<FetchOptions, 'method' | 'maxBytes'> = {},
): Promise<FetchResult> {
  const head = await fetchUrl(dispatcher, url, { ...opts, method: 'HEAD' });
  if (head.status !== null && head.status < 400) return head;
  if (head.status === null && head.error && !retryable(head.error)) return head;
  return fetchUrl(dispatcher, url, { ...opts, method: 'GET', maxBytes: 0 });
}

function retryable(error: string): boolean {
  return !/超时|无法解析域名|连接被拒绝|证书|地址无效|不支持的协议|重定向/.test(error);
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

async function discard(res: Dispatcher.ResponseData): Promise<void> {
  try {
    await res.body.dump({ limit: 64 * 1024 });
  } catch {
    // The answer is known; what follows it does not matter.
  }
}

/** Drops the rest of an answer (and its connection); the body's abort error is nobody's concern. */
function abandon(res: Dispatcher.ResponseData): void {
  res.body.on('error', () => {});
  res.body.destroy();
}

async function readBody(res: Dispatcher.ResponseData, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      abandon(res);
      throw new TooLarge();
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/** Codes of undici and of Node's network and TLS layers, as the reason a report shows. */
export function failureText(e: unknown, timeoutMs: number = DEFAULT_TIMEOUT_MS): string {
  const code = errorCode(e);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'ETIMEDOUT':
      return `连接超时（${seconds(timeoutMs)}）`;
    case 'UND_ERR_BODY_TIMEOUT':
      return `读取超时（${seconds(timeoutMs)}内没有收到数据）`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return '无法解析域名';
    case 'ECONNREFUSED':
      return '连接被拒绝';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return '连接被中断';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return '网络不可达';
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'UND_ERR_HEADERS_OVERFLOW':
      return '响应格式错误';
    case 'UND_ERR_INVALID_ARG':
      return '地址无效';
  }
  if (code && /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH/.test(code))
    return `证书错误（${code}）`;
  if (code?.startsWith('HPE_')) return '响应格式错误';
  return code ? `请求失败（${code}）` : '请求失败';
}

/** The error's code, looking through `cause` and an AggregateError (several addresses tried). */
function errorCode(e: unknown, depth = 0): string | null {
  if (!e || typeof e !== 'object' || depth > 4) return null;
  const err = e as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof err.code === 'string' && err.code !== 'UND_ERR') return err.code;
  if (Array.isArray(err.errors)) for (const inner of err.errors) return errorCode(inner, depth + 1);
  return errorCode(err.cause, depth + 1);
}
