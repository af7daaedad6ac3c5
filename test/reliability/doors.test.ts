/**
 * What the probe of issue 12 sent to the doors, sent again to the real server process over TCP
 * (test/http/input-doors.test.ts covers the same through app.inject): a NUL byte in search and in
 * an application, CR/LF in the login's `next`, a forged X-Forwarded-For against the login limit,
 * and a forged Host against the feed's links. The server logs no error for any of them.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { describeEachEngine, freshDatabaseUrl } from '../harness/engines.js';
import { application } from '../harness/requests.js';
import {
  Browser,
  freePort,
  seedDemo,
  serverExit,
  startServer,
  type ServerProcess,
} from './server-process.js';

const PUBLIC_URL = 'https://gk.example.gov.cn';
const LOGIN_LIMIT = 6;

/** A GET with headers fetch will not let a caller choose (Host). */
function rawGet(base: string, path: string, headers: Record<string, string>): Promise<string> {
  return new Promise((ok, fail) => {
    const req = request(base + path, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () =>
        res.statusCode === 200 ? ok(body) : fail(new Error(`${path}: ${res.statusCode}`)),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describeEachEngine('the doors of the real server', (engine) => {
  const { url, cleanup } = freshDatabaseUrl(engine);
  let server: ServerProcess;
  let cizao = '';
  let root = '';
  const query = async <T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) => {
    const handle = await openDatabase(url);
    try {
      return await fn(handle.db);
    } finally {
      await handle.close();
    }
  };

  before(async () => {
    await seedDemo(url);
    [cizao, root] = await query(async (db) => [
      (
        await db
          .selectFrom('agency')
          .select('id')
          .where('short_name', '=', '磁灶镇')
          .executeTakeFirstOrThrow()
      ).id,
      (await db.selectFrom('agency').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow())
        .id,
    ]);
    const port = await freePort();
    server = await startServer(url, {
      PORT: String(port),
      PUBLIC_URL,
      LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
    });
  });
  after(async () => {
    await server?.stop();
    await cleanup();
  });

  it('searches with a NUL byte in the words and the filters', async () => {
    const c = new Browser(server.base);
    for (const path of ['/search?q=a%00b', '/search?q=x&from=2020%0001-01', '/search?q=%00&agencyId=%00']) {
      const res = await c.get(path);
      assert.equal(res.status, 200, `${path}: ${res.status}`);
    }
  });

  it('takes an application holding NUL bytes and stores it without them', async () => {
    const citizen = new Browser(server.base);
    const form = await citizen.get('/apply');
    const res = await citizen.post('/apply', {
      _csrf: Browser.csrfOf(form.body),
      ...application(cizao, {
        applicantName: '张\u0000三',
        description: '门户\u0000网站改版\n项目的验收报告',
      }),
    });
    assert.equal(res.status, 303);
    const row = await query((db) =>
      db
        .selectFrom('request')
        .select(['applicant_name', 'description'])
        .where('description', 'like', '门户%')
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(row, { applicant_name: '张三', description: '门户网站改版\n项目的验收报告' });
  });

  it('follows no login `next` holding CR/LF: it goes to the 工作台 and no header is added', async () => {
    // The login form posts to /admin/login?next=… (the page's own query), and a signed-in visit
    // to the login page goes straight to `next`: both redirect, so both are tried.
    for (const next of [
      '/admin/\r\nX-Injected: 1',
      '/admin?a=\r\nSet-Cookie: injected=1',
      '/admin/\u0000x',
    ]) {
      const c = new Browser(server.base);
      const query = `?next=${encodeURIComponent(next)}`;
      const page = await c.get(`/admin/login${query}`);
      assert.equal(page.status, 200, JSON.stringify(next));
      const res = await c.post(`/admin/login${query}`, {
        _csrf: Browser.csrfOf(page.body),
        username: 'clerk',
        password: DEMO_PASSWORD,
      });
      const again = await c.get(`/admin/login${query}`);
      for (const r of [res, again]) {
        assert.ok(r.status === 302 || r.status === 303, `${JSON.stringify(next)}: ${r.status}`);
        assert.match(r.headers.get('location') ?? '', /^\/admin[/?]?[\x20-\x7e]*$/);
        assert.equal(r.headers.get('x-injected'), null);
        assert.ok(!r.headers.getSetCookie().some((s) => s.startsWith('injected=')));
      }
    }
  });

  it('reads no X-Forwarded-For by default: a client cannot escape the login limit with it', async () => {
    // More attempts than the limit, each claiming a new address: were the header believed, every
    // "address" would have its own allowance and none would be refused.
    const c = new Browser(server.base);
    const csrf = Browser.csrfOf((await c.get('/admin/login')).body);
    const codes: number[] = [];
    for (let i = 0; i <= LOGIN_LIMIT; i++)
      codes.push(
        (
          await c.post(
            '/admin/login',
            { _csrf: csrf, username: `nobody${i}`, password: 'x' },
            { 'x-forwarded-for': `203.0.113.${i + 1}` },
          )
        ).status,
      );
    assert.equal(codes.at(-1), 429, codes.join(' '));
  });

  it('builds the feed’s links from PUBLIC_URL, whatever Host the request claims', async () => {
    const feed = await rawGet(server.base, `/feeds/agencies/${root}.atom`, {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
    });
    assert.doesNotMatch(feed, /evil\.example/);
    assert.match(feed, /<id>https:\/\/gk\.example\.gov\.cn\/feeds\/agencies\//);
    assert.match(
      feed,
      /<link rel="alternate" type="text\/html" href="https:\/\/gk\.example\.gov\.cn\/xxgk\//,
    );
  });

  it('logged no error for any of it, and still serves', async () => {
    assert.equal((await new Browser(server.base).get('/')).status, 200);
    assert.doesNotMatch(server.output(), /"level":(50|60)/);
  });
});

describe('TRUST_PROXY=true', () => {
  it('stops the server at start, saying why: any client could set its own address', async () => {
    const { url, cleanup } = freshDatabaseUrl('sqlite');
    try {
      const { code, output } = await serverExit(url, { TRUST_PROXY: 'true' });
      assert.notEqual(code, 0);
      assert.match(output, /TRUST_PROXY="true"：不能信任所有来源/);
    } finally {
      await cleanup();
    }
  });
});
