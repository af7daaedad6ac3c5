import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';
import { application } from '../harness/requests.js';

/**
 * What the security probe sent to the doors (issue 12): NUL bytes in search, forms and login
 * gave 500 on PostgreSQL and were stored by SQLite; CR/LF in the login's `next` gave 500. Every
 * door now takes control characters out before a route sees the text, on both engines alike.
 */
describeEachEngine('control characters at the doors', (engine) => {
  let t: TestApp;
  let cizao: string;
  before(async () => {
    t = await startTestApp(engine);
    cizao = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('short_name', '=', '磁灶镇')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t.close());

  it('searches with a NUL byte in the words and the filters without an error', async () => {
    const c = new Client(t.app);
    for (const url of [
      '/search?q=a%00b',
      '/search?q=%E6%95%99%00%E8%82%B2&agencyId=%00',
      '/search?q=x&from=2020%0001-01',
    ]) {
      const res = await c.get(url);
      assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
    }
  });

  it('takes an application holding NUL bytes, and stores its text without them', async () => {
    const citizen = new Client(t.app);
    const form = await citizen.get('/apply');
    const res = await citizen.post('/apply', {
      _csrf: Client.csrfOf(form.body),
      ...application(cizao, { applicantName: '张\u0000三', description: '道路\u0000改造\n工程的批复文件' }),
    });
    assert.equal(res.statusCode, 303);
    const row = await t.container.database.db
      .selectFrom('request')
      .select(['applicant_name', 'description'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(row.applicant_name, '张三');
    assert.equal(row.description, '道路改造\n工程的批复文件');
  });

  it('answers a login holding NUL bytes as a wrong password, not an error', async () => {
    const c = new Client(t.app);
    const page = await c.get('/admin/login');
    const res = await c.post('/admin/login', {
      _csrf: Client.csrfOf(page.body),
      username: 'cl\u0000erk',
      password: 'x\u0000',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /用户名或密码/);
  });

  it('follows no login `next` with CR/LF or a backslash: it goes to the 工作台', async () => {
    // The login form posts to its own address, /admin/login?next=…, and a signed-in visit to the
    // login page goes straight to `next`: both redirect, so both are tried. The door takes control
    // characters out of every query (clean-input.ts), so what is left is a page under /admin, never
    // a second header; a backslash (which browsers read as a slash, //evil) is refused outright.
    for (const next of ['/admin/\r\nSet-Cookie: x=1', '/admin/\\\\evil.example', '/admin/\r\nX: 1']) {
      const c = new Client(t.app);
      const query = `?next=${encodeURIComponent(next)}`;
      const page = await c.get(`/admin/login${query}`);
      assert.ok(page.statusCode < 500, `${JSON.stringify(next)}: ${page.statusCode}`);
      const res = await c.post(`/admin/login${query}`, {
        _csrf: Client.csrfOf(page.body),
        username: 'clerk',
        password: DEMO_PASSWORD,
      });
      for (const r of [res, await c.get(`/admin/login${query}`)]) {
        assert.ok([302, 303].includes(r.statusCode), `${JSON.stringify(next)}: ${r.statusCode}`);
        const location = String(r.headers.location);
        assert.match(location, /^\/admin(\/[^\\]*)?$/, location);
        assert.doesNotMatch(location, /[\r\n\\]/);
        assert.equal(r.headers['x'], undefined);
        assert.doesNotMatch(String(r.headers['set-cookie'] ?? ''), /\bx=1/);
        if (next.includes('\\')) assert.equal(location, '/admin');
      }
    }
    // And a clean `next` is followed, so what is refused above is refused for its characters.
    const c = new Client(t.app);
    const page = await c.get('/admin/login?next=%2Fadmin%2Frecords');
    const res = await c.post('/admin/login?next=%2Fadmin%2Frecords', {
      _csrf: Client.csrfOf(page.body),
      username: 'clerk',
      password: DEMO_PASSWORD,
    });
    assert.equal(res.headers.location, '/admin/records');
  });

  it('sends a Permissions-Policy that allows no camera, microphone or payment', async () => {
    const res = await new Client(t.app).get('/');
    assert.match(String(res.headers['permissions-policy']), /camera=\(\).*microphone=\(\).*payment=\(\)/);
  });
});

describe('X-Forwarded-For from a client that is not a trusted proxy', () => {
  let t: TestApp;
  before(async () => {
    // The proxy is 10.0.0.1; the test's connections come from 127.0.0.1, as any client's would.
    t = await startTestApp('sqlite', { env: { TRUST_PROXY: '10.0.0.1', LOGIN_RATE_LIMIT: '3' } });
  });
  after(async () => t.close());

  it('is ignored: a client cannot give itself new addresses to escape the login limit', async () => {
    const c = new Client(t.app);
    const page = await c.get('/admin/login');
    const csrf = Client.csrfOf(page.body);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (
          await c.post(
            '/admin/login',
            { _csrf: csrf, username: `nobody${i}`, password: 'x' },
            { 'x-forwarded-for': `203.0.113.${i + 1}` },
          )
        ).statusCode,
      );
    assert.deepEqual(codes.slice(0, 3), [400, 400, 400]);
    assert.equal(codes.at(-1), 429);
  });
});
