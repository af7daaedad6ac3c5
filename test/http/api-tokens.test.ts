import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { agencies } from '../../src/modules/agencies/index.js';
import * as services from '../../src/modules/accounts/service-account.service.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { anonymous, systemActor } from '../../src/platform/access.js';
import { FixedClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { aRequest } from '../harness/factories.js';
import { Client } from '../harness/http.js';

// Service accounts call the API with tokens: two gates (the route's scope, then the services'
// policies with the roles the scopes imply at the account's agency), 401 for a token that no
// longer works, every call in the audit log under the account, a limit per token, and the
// conventions every call follows (one error shape, ETags, Beijing time, Idempotency-Key).

describeEachEngine('API tokens of service accounts', (engine) => {
  let t: TestApp;
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  const byName = new Map<string, { id: string; name: string }>();
  const sys = () => t.container.ctx(systemActor('测试'));
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, body?: unknown, headers = {}) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  const issue = async (account: string, scopes: string, extra: Record<string, unknown> = {}) =>
    (await services.issueToken(sys(), account, { scopes, ...extra })).token;

  before(async () => {
    t = await startTestApp(engine, { clock });
    for (const a of await agencies.listPublic(sys())) byName.set(a.name, a);
    await services.addServiceAccount(sys(), { name: '晋江市 OA 系统', agency: '晋江市人民政府' });
    await services.addServiceAccount(sys(), { name: '磁灶镇 OA 系统', agency: '磁灶镇人民政府' });
  });
  after(async () => t.close());

  it('a token with records:read reads public data and is refused a write with the scope it lacks', async () => {
    const token = await issue('晋江市 OA 系统', 'records:read');
    const search = await call('GET', `/api/v1/search?q=${encodeURIComponent('政务公开')}`, token);
    assert.equal(search.statusCode, 200);
    const created = await call('POST', '/api/v1/agencies', token, {
      parentId: byName.get('晋江市人民政府')!.id,
      name: '晋江市测试局',
      level: 'county',
      kind: 'governmentDepartment',
    });
    assert.equal(created.statusCode, 403);
    const body = created.json();
    assert.equal(body.error.code, 'insufficient_scope');
    assert.equal(body.error.requiredScope, 'agencies:write');
    assert.match(body.error.message, /agencies:write/);
    assert.match(String(created.headers['www-authenticate']), /insufficient_scope/);
    // Nothing was created.
    assert.ok(!(await agencies.listPublic(sys())).some((a) => a.name === '晋江市测试局'));
    const me = (await call('GET', '/api/v1/me', token)).json();
    assert.equal(me.data.displayName, '晋江市 OA 系统');
    assert.deepEqual(me.data.token.scopes, ['records:read']);
  });

  it('an unknown, revoked or expired token gets 401 and the reason; a page ignores a bearer header', async () => {
    const garbage = await call('GET', '/api/v1/me', 'gk_not-a-token');
    assert.equal(garbage.statusCode, 401);
    assert.equal(garbage.json().error.code, 'invalid_token');
    assert.match(String(garbage.headers['www-authenticate']), /invalid_token/);

    const revoked = await services.issueToken(sys(), '晋江市 OA 系统', { scopes: 'records:read' });
    assert.equal((await call('GET', '/api/v1/me', revoked.token)).statusCode, 200);
    await services.revokeToken(sys(), revoked.view.id);
    const r = await call('GET', '/api/v1/me', revoked.token);
    assert.equal(r.statusCode, 401);
    assert.match(r.json().error.message, /吊销/);

    const short = await issue('晋江市 OA 系统', 'records:read', { days: 1 });
    assert.equal((await call('GET', '/api/v1/me', short)).statusCode, 200);
    clock.set('2026-03-03T02:00:01Z');
    try {
      const e = await call('GET', '/api/v1/me', short);
      assert.equal(e.statusCode, 401);
      assert.match(e.json().error.message, /过期/);
    } finally {
      clock.set('2026-03-02T02:00:00Z');
    }
    // A token is for the API: a page answers as to anyone without a session.
    const page = await call('GET', '/admin', short);
    assert.equal(page.statusCode, 302);
  });

  it('a token of 磁灶镇’s account reads 磁灶镇’s cases but not 晋江市公安局’s', async () => {
    const own = await aRequest(t.container.ctx(anonymous), byName.get('磁灶镇人民政府')!);
    const police = await aRequest(t.container.ctx(anonymous), byName.get('晋江市公安局')!);
    const token = await issue('磁灶镇 OA 系统', 'requests:read');
    const mine = await call('GET', `/api/v1/requests/${own.id}`, token);
    assert.equal(mine.statusCode, 200);
    assert.ok(!mine.body.includes('13800138000'), 'personal data masked');
    const other = await call('GET', `/api/v1/requests/${police.id}`, token);
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.code, 'forbidden');
    const list = (await call('GET', '/api/v1/requests', token)).json();
    const ids = JSON.stringify(list.data);
    assert.ok(ids.includes(own.id) && !ids.includes(police.id));
    // Reading a case is not handling it.
    const step = await call('POST', `/api/v1/requests/${own.id}/actions/extend`, token, { reason: '需要' });
    assert.equal(step.json().error.requiredScope, 'requests:write');
  });

  it('every token call is in the audit log under its service account, refused ones too', async () => {
    const token = await issue('磁灶镇 OA 系统', 'records:read', { note: '审计' });
    await call('GET', '/api/v1/me', token);
    await call('GET', '/api/v1/audit-events', token); // lacks audit:read
    const admin = new Client(t.app);
    await admin.login('admin', DEMO_PASSWORD);
    const events = (
      await admin.get(`/api/v1/audit-events?action=api.call&actor=${encodeURIComponent('磁灶镇 OA 系统')}`)
    ).json();
    const calls = (events.data as Array<{ actorLabel: string; after: Record<string, unknown> }>).filter(
      (e) => e.after && (e.after as { path?: string }).path !== undefined,
    );
    const paths = calls.map((e) => `${String(e.after.path)} ${String(e.after.status)}`);
    assert.ok(paths.includes('/api/v1/me 200'), paths.join(', '));
    assert.ok(paths.includes('/api/v1/audit-events 403'), paths.join(', '));
    assert.ok(calls.every((e) => e.actorLabel === '磁灶镇 OA 系统（服务账号）'));
    const page = await admin.get(`/admin/audit?actor=${encodeURIComponent('磁灶镇 OA 系统')}`);
    assert.match(page.body, /接口调用/);
  });

  it('a token writes without a CSRF token, once per Idempotency-Key, even when the retry comes at once', async () => {
    const token = await issue('晋江市 OA 系统', 'agencies:write');
    const body = {
      parentId: byName.get('晋江市人民政府')!.id,
      name: '晋江市幂等测试局',
      level: 'county',
      kind: 'governmentDepartment',
    };
    const key = { 'idempotency-key': 'oa-2026-0001' };
    const [a, b] = await Promise.all([
      call('POST', '/api/v1/agencies', token, body, key),
      call('POST', '/api/v1/agencies', token, body, key),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    assert.ok(statuses[0] === 201 && [201, 409].includes(statuses[1]!), statuses.join(','));
    const again = await call('POST', '/api/v1/agencies', token, body, key);
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    const first = a.statusCode === 201 ? a : b;
    assert.equal(again.json().data.id, first.json().data.id);
    assert.equal((await agencies.listPublic(sys())).filter((x) => x.name === body.name).length, 1);
    assert.match(first.json().data.createdAt, /\+08:00$/, 'Beijing time with its offset');

    const other = await call('POST', '/api/v1/agencies', token, { ...body, name: '晋江市另一局' }, key);
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().error.code, 'idempotency_key_reused');
    const bad = await call('POST', '/api/v1/agencies', token, body, { 'idempotency-key': '键' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /Idempotency-Key/);
    // Another caller's same key is another key.
    const other2 = await issue('晋江市 OA 系统', 'agencies:write');
    const theirs = await call('POST', '/api/v1/agencies', other2, { ...body, name: '晋江市第三局' }, key);
    assert.equal(theirs.statusCode, 201);
  });

  it('a browser session still needs its CSRF token for an API write; a caller without cookies gets 401', async () => {
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const body = {
      parentId: byName.get('晋江市人民政府')!.id,
      name: '晋江市跨站局',
      level: 'county',
      kind: 'governmentDepartment',
    };
    const forged = await head.json('POST', '/api/v1/agencies', body);
    assert.equal(forged.statusCode, 403);
    const bare = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    assert.equal(bare.statusCode, 401);
    assert.equal(bare.json().error.code, 'unauthenticated');
    assert.ok(!(await agencies.listPublic(sys())).some((a) => a.name === '晋江市跨站局'));
  });

  it('reads carry an ETag and answer 304; each token has its own rate limit', async () => {
    const token = await issue('晋江市 OA 系统', 'agencies:read', { ratePerMinute: 3 });
    const first = await call('GET', '/api/v1/agencies', token);
    assert.equal(first.statusCode, 200);
    const etag = String(first.headers.etag);
    assert.match(etag, /^W\/"/);
    const same = await call('GET', '/api/v1/agencies', token, undefined, { 'if-none-match': etag });
    assert.equal(same.statusCode, 304);
    assert.equal(same.body, '');
    await call('GET', '/api/v1/agencies', token);
    const over = await call('GET', '/api/v1/agencies', token);
    assert.equal(over.statusCode, 429);
    assert.equal(over.json().error.code, 'rate_limited');
    assert.ok(Number(over.headers['retry-after']) >= 1);
    // Another token of the same account is counted apart.
    assert.equal(
      (await call('GET', '/api/v1/agencies', await issue('晋江市 OA 系统', 'agencies:read'))).statusCode,
      200,
    );
  });

  it('the administrator issues a token on the page, sees it once, and revokes it', async () => {
    const admin = new Client(t.app);
    await admin.login('admin', DEMO_PASSWORD);
    const list = await admin.get('/admin/service-accounts');
    assert.equal(list.statusCode, 200);
    const id = /href="\/admin\/service-accounts\/([0-9a-f-]{36})">晋江市 OA 系统</.exec(list.body)![1]!;
    const _csrf = Client.csrfOf((await admin.get(`/admin/service-accounts/${id}`)).body);
    const empty = await admin.post(`/admin/service-accounts/${id}/tokens`, { _csrf, days: '30' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /请选择权限范围/);
    const issued = await admin.post(`/admin/service-accounts/${id}/tokens`, {
      _csrf,
      scopes: 'open:read',
      days: '30',
      note: '页面签发',
    });
    assert.equal(issued.statusCode, 201);
    const token = /gk_[A-Za-z0-9_-]{43}/.exec(issued.body)![0];
    assert.match(issued.body, /只显示这一次/);
    const again = await admin.get(`/admin/service-accounts/${id}`);
    assert.ok(!again.body.includes(token), 'shown once only');
    assert.equal((await call('GET', '/api/v1/me', token)).statusCode, 200);
    const row = again.body.split('<tr>').find((r) => r.includes(`…${token.slice(-4)}`))!;
    const tokenId = /tokens\/([0-9a-f-]{36})\/revoke/.exec(row)![1]!;
    const revoke = await admin.post(`/admin/service-accounts/${id}/tokens/${tokenId}/revoke`, {
      _csrf: Client.csrfOf(again.body),
    });
    assert.equal(revoke.statusCode, 303);
    assert.equal((await call('GET', '/api/v1/me', token)).statusCode, 401);
    // Stopping the account stops its tokens; starting it again restores them.
    const live = await issue('晋江市 OA 系统', 'open:read');
    let accountPage = await admin.get(`/admin/service-accounts/${id}`);
    await admin.post(`/admin/service-accounts/${id}/disable`, { _csrf: Client.csrfOf(accountPage.body) });
    const stopped = await call('GET', '/api/v1/me', live);
    assert.equal(stopped.statusCode, 401);
    assert.match(stopped.json().error.message, /停用/);
    accountPage = await admin.get(`/admin/service-accounts/${id}`);
    assert.match(accountPage.body, /已停用/);
    await admin.post(`/admin/service-accounts/${id}/enable`, { _csrf: Client.csrfOf(accountPage.body) });
    assert.equal((await call('GET', '/api/v1/me', live)).statusCode, 200);
    // A service account never logs in on a page.
    const c = new Client(t.app);
    const login = await c.login(`service-${id.replace(/-/g, '').slice(-12)}`, '!service-account');
    assert.notEqual(login.statusCode, 303);
  });
});
