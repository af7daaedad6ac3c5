import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { closedPort, page, serveSite, type TestSite } from './crawl.test-support.js';
import { checkLink, crawlAgent, failureText, fetchUrl, MAX_REDIRECTS, USER_AGENT_HEADER } from './fetch.js';

const agent = crawlAgent({ connectionsPerHost: 2, timeoutMs: 2000 });
const sites: TestSite[] = [];
after(async () => {
  await agent.close();
  await Promise.all(sites.map((s) => s.close()));
});

async function serve(...args: Parameters<typeof serveSite>) {
  const site = await serveSite(...args);
  sites.push(site);
  return site;
}

describe('fetchUrl', () => {
  it('sends an ASCII User-Agent naming GongkaiInspector', async () => {
    assert.match(USER_AGENT_HEADER, /^GongkaiInspector\/1\.0 /);
    assert.match(USER_AGENT_HEADER, /^[\x20-\x7e]+$/);
    let seen = '';
    const server = createServer((req, res) => {
      seen = req.headers['user-agent'] ?? '';
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const res = await fetchUrl(agent, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      maxBytes: 100,
    });
    server.close();
    assert.equal(seen, USER_AGENT_HEADER);
    assert.equal(new TextDecoder().decode(res.body!), 'ok');
  });

  it('follows redirects and says where it landed; stops at one it may not follow', async () => {
    const site = await serve({
      '/a': { status: 301, location: '/b' },
      '/b': { status: 302, location: '/c?x=1#top' },
      '/c': page('终点'),
    });
    const res = await fetchUrl(agent, site.url('/a'), { maxBytes: 10_000 });
    assert.equal(res.status, 200);
    assert.equal(res.finalUrl, site.url('/c?x=1'));
    assert.deepEqual(res.redirects, [site.url('/a'), site.url('/b')]);
    assert.equal(res.contentType, 'text/html');
    assert.equal(res.charset, 'utf-8');

    const stopped = await fetchUrl(agent, site.url('/a'), { follow: (u) => u.pathname !== '/c' });
    assert.equal(stopped.status, 302);
    assert.equal(stopped.finalUrl, site.url('/b'));
    assert.equal(stopped.location, site.url('/c?x=1'));
  });

  it('gives up on a redirect loop and on too many redirects', async () => {
    const routes: Record<string, { location: string }> = {
      '/loop1': { location: '/loop2' },
      '/loop2': { location: '/loop1' },
    };
    for (let i = 0; i < 10; i++) routes[`/hop${i}`] = { location: `/hop${i + 1}` };
    const site = await serve(routes);
    assert.equal((await fetchUrl(agent, site.url('/loop1'))).error, '重定向循环');
    const far = await fetchUrl(agent, site.url('/hop0'));
    assert.equal(far.error, `重定向次数过多（超过 ${MAX_REDIRECTS} 次）`);
    assert.equal(site.count('/hop6'), 0);
  });

  it('stops reading a body past the maximum, declared or not', async () => {
    const site = await serve({ '/big': 'x'.repeat(5000) });
    const declared = await fetchUrl(agent, site.url('/big'), { maxBytes: 2048 });
    assert.equal(declared.status, 200);
    assert.equal(declared.error, '响应过大（超过 2 KB）');
    assert.equal(declared.body, null);

    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = 'y'.repeat(1024);
      let n = 0;
      const timer = setInterval(() => {
        if (n++ < 20 && !res.destroyed) res.write(chunk);
        else {
          clearInterval(timer);
          res.end();
        }
      }, 1);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const chunked = await fetchUrl(agent, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      maxBytes: 4096,
    });
    server.closeAllConnections();
    server.close();
    assert.equal(chunked.error, '响应过大（超过 4 KB）');
  });

  it('says in Chinese why no answer came: refused, timed out, unknown name', async () => {
    const port = await closedPort();
    assert.deepEqual(await pick(fetchUrl(agent, `http://127.0.0.1:${port}/`)), [null, '连接被拒绝']);
    const site = await serve({ '/slow': { hang: true } });
    assert.deepEqual(await pick(fetchUrl(agent, site.url('/slow'), { timeoutMs: 250 })), [
      null,
      '连接超时（0.3 秒）',
    ]);
    assert.deepEqual(await pick(fetchUrl(agent, 'http://no-such-host.invalid/')), [null, '无法解析域名']);
    assert.deepEqual(await pick(fetchUrl(agent, 'ftp://site.test/file')), [null, '不支持的协议（ftp:）']);
  });

  it('names certificate and other failures by their code', () => {
    assert.equal(failureText({ code: 'CERT_HAS_EXPIRED' }), '证书错误（CERT_HAS_EXPIRED）');
    assert.equal(
      failureText({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
      '证书错误（ERR_TLS_CERT_ALTNAME_INVALID）',
    );
    assert.equal(
      failureText({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      '证书错误（DEPTH_ZERO_SELF_SIGNED_CERT）',
    );
    assert.equal(
      failureText(Object.assign(new AggregateError([{ code: 'ECONNREFUSED' }]), {})),
      '连接被拒绝',
    );
    assert.equal(failureText(new Error('x', { cause: { code: 'ENOTFOUND' } })), '无法解析域名');
    assert.equal(failureText({ code: 'UND_ERR_HEADERS_TIMEOUT' }, 15_000), '连接超时（15 秒）');
  });

  it('rejects with the reason when its signal is aborted, and records nothing', async () => {
    const site = await serve({ '/slow': { hang: true } });
    const stop = new AbortController();
    const pending = fetchUrl(agent, site.url('/slow'), { signal: stop.signal });
    setTimeout(() => stop.abort(new Error('停止')), 50);
    await assert.rejects(pending, /停止/);
  });
});

describe('checkLink', () => {
  it('asks HEAD first and confirms a failure with GET (HEAD unsupported, or a server that lies)', async () => {
    const site = await serve({
      '/ok': page('好'),
      '/no-head': { headStatus: 405, body: page('不支持 HEAD') },
      '/lies': { headStatus: 404, body: page('HEAD 说不存在') },
      '/gone': { status: 404 },
    });
    assert.equal((await checkLink(agent, site.url('/ok'))).status, 200);
    assert.deepEqual([site.count('/ok', 'HEAD'), site.count('/ok', 'GET')], [1, 0]);
    assert.equal((await checkLink(agent, site.url('/no-head'))).status, 200);
    assert.equal((await checkLink(agent, site.url('/lies'))).status, 200);
    assert.equal((await checkLink(agent, site.url('/gone'))).status, 404);
    assert.deepEqual([site.count('/gone', 'HEAD'), site.count('/gone', 'GET')], [1, 1]);
  });

  it('does not try twice what cannot answer', async () => {
    const port = await closedPort();
    const res = await checkLink(agent, `http://127.0.0.1:${port}/x`);
    assert.equal(res.error, '连接被拒绝');
  });
});

async function pick(p: Promise<{ status: number | null; error: string | null }>) {
  const r = await p;
  return [r.status, r.error];
}
