import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { accountSettings } from '../../src/modules/accounts/index.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

async function agencyIdByName(t: TestApp, name: string): Promise<string> {
  const row = await t.container.database.db
    .selectFrom('agency')
    .select('id')
    .where('short_name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function agencyCount(t: TestApp): Promise<number> {
  const r = await t.container.database.db
    .selectFrom('agency')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describeEachEngine('web security', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(engine);
  });
  after(async () => t.close());

  it('serves the portal with the agency name and security headers', async () => {
    const res = await new Client(t.app).get('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /晋江市人民政府/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['x-frame-options']);
  });

  it('sends the back office to the login form', async () => {
    const res = await new Client(t.app).get('/admin');
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /^\/admin\/login\?next=/);
  });

  it('refuses a POST without its CSRF token with 403 and changes nothing', async () => {
    const admin = new Client(t.app);
    const signedIn = await admin.login('admin', DEMO_PASSWORD);
    assert.equal(signedIn.statusCode, 303, signedIn.body.slice(0, 2000));
    const gov = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;
    const before = await agencyCount(t);
    const form = { parentId: gov, name: '晋江市测试局', level: 'county', kind: 'governmentDepartment' };
    const missing = await admin.post('/admin/agencies', form);
    assert.equal(missing.statusCode, 403);
    assert.match(missing.body, /页面已过期或请求来源不明/);
    const forged = await admin.post('/admin/agencies', { ...form, _csrf: 'forged-token' });
    assert.equal(forged.statusCode, 403);
    assert.equal(await agencyCount(t), before);
    const page = await admin.get('/admin/agencies/new');
    const ok = await admin.post('/admin/agencies', { ...form, _csrf: Client.csrfOf(page.body) });
    assert.equal(ok.statusCode, 303);
    assert.equal(await agencyCount(t), before + 1);
  });

  it('shows inline Chinese errors naming the bad credit-code position and keeps the input', async () => {
    const admin = new Client(t.app);
    await admin.login('admin', DEMO_PASSWORD);
    const gov = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;
    const page = await admin.get('/admin/agencies/new');
    const res = await admin.post('/admin/agencies', {
      _csrf: Client.csrfOf(page.body),
      parentId: gov,
      name: '晋江市统计局',
      level: 'county',
      kind: 'governmentDepartment',
      creditCode: '113505820035000IXX',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /统一社会信用代码第 16 位“I”不是有效字符/);
    assert.match(res.body, /value="晋江市统计局"/);
    assert.match(res.body, /aria-invalid="true"/);
  });

  it('keeps a 磁灶镇 clerk out of 市公安局 pages with a Chinese 403 that leaks nothing', async () => {
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const police = await agencyIdByName(t, '市公安局');
    const res = await clerk.get(`/admin/agencies/${police}`);
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /您没有权限执行此操作/);
    assert.doesNotMatch(res.body, /\bat \S+ \(|node_modules|stack|select |ForbiddenError/i);
    const edit = await clerk.get(`/admin/agencies/${police}/edit`);
    assert.equal(edit.statusCode, 403);
    const own = await clerk.get(`/admin/agencies/${await agencyIdByName(t, '磁灶镇')}`);
    assert.equal(own.statusCode, 200);
  });

  it('keeps an office head of 磁灶镇 from changing 市公安局 through the API, while their own agency is theirs', async () => {
    const db = t.container.database.db;
    const cizao = await agencyIdByName(t, '磁灶镇');
    const admin = new Client(t.app);
    await admin.login('admin', DEMO_PASSWORD);
    const page = await admin.get('/admin/users/new');
    await admin.post('/admin/users', {
      _csrf: Client.csrfOf(page.body),
      agencyId: cizao,
      username: 'czhead',
      displayName: '镇公开办',
      password: 'Start#2026abc',
      role: 'officeHead',
    });
    await db
      .updateTable('staff_user')
      .set({ must_change_password: 0 })
      .where('username', '=', 'czhead')
      .execute();
    const head = new Client(t.app);
    await head.login('czhead', 'Start#2026abc');
    const csrf = Client.csrfOf((await head.get('/admin')).body);
    const police = await agencyIdByName(t, '市公安局');
    const refused = await head.json(
      'PATCH',
      `/api/v1/agencies/${police}`,
      { phone: '0595-00000000' },
      { 'x-csrf-token': csrf },
    );
    assert.equal(refused.statusCode, 403);
    const own = await head.json(
      'PATCH',
      `/api/v1/agencies/${cizao}`,
      { phone: '0595-85888888' },
      { 'x-csrf-token': csrf },
    );
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(JSON.parse(own.body).data.phone, '0595-85888888');
  });

  it('lets the government supervisor read 市公安局 but not change it (page and API)', async () => {
    const sup = new Client(t.app);
    await sup.login('supervisor', DEMO_PASSWORD);
    const police = await agencyIdByName(t, '市公安局');
    assert.equal((await sup.get(`/admin/agencies/${police}`)).statusCode, 200);
    const page = await sup.get(`/admin/agencies/${police}`);
    const csrf = Client.csrfOf(page.body);
    const res = await sup.post(`/admin/agencies/${police}`, { _csrf: csrf, phone: '0595-00000000' });
    assert.equal(res.statusCode, 403);
    const api = await sup.json(
      'PATCH',
      `/api/v1/agencies/${police}`,
      { phone: '0595-00000000' },
      { 'x-csrf-token': csrf },
    );
    assert.equal(api.statusCode, 403);
    assert.deepEqual(JSON.parse(api.body), {
      error: { status: 403, code: 'forbidden', message: '您没有权限执行此操作' },
    });
    const row = await t.container.database.db
      .selectFrom('agency')
      .select('phone')
      .where('id', '=', police)
      .executeTakeFirstOrThrow();
    assert.notEqual(row.phone, '0595-00000000');
  });

  it('answers unknown pages with a Chinese 404, in HTML and in the API', async () => {
    const c = new Client(t.app);
    const page = await c.get('/no-such-page');
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /您访问的页面不存在/);
    const api = await c.get('/api/v1/no-such-thing');
    assert.equal(api.statusCode, 404);
    assert.deepEqual(JSON.parse(api.body), {
      error: { status: 404, code: 'not_found', message: '未找到该地址' },
    });
  });

  it('publishes an OpenAPI 3.1 document of the API alone, and a health check', async () => {
    const c = new Client(t.app);
    const doc = JSON.parse((await c.get('/api/v1/openapi.json')).body);
    assert.equal(doc.openapi, '3.1.0');
    const paths = Object.keys(doc.paths);
    assert.deepEqual(
      paths.filter((p) => !p.startsWith('/api/v1/') || p === '/api/v1/openapi.json'),
      [],
      'no page, file or the document itself among the operations',
    );
    assert.ok(doc.paths['/api/v1/agencies']);
    assert.ok(doc.paths['/api/v1/agencies/{id}'].patch.requestBody);
    const health = await c.get('/healthz');
    assert.deepEqual(JSON.parse(health.body), { status: 'ok' });
  });

  it('rate-limits login attempts from one address', async () => {
    const c = new Client(t.app);
    const page = await c.get('/admin/login');
    const csrf = Client.csrfOf(page.body);
    const limit = t.container.installation.settingsOf(accountSettings).loginRateLimitPerMinute;
    const codes: number[] = [];
    for (let i = 0; i < limit + 2; i++)
      codes.push(
        (await c.post('/admin/login', { _csrf: csrf, username: `nobody${i}`, password: 'x' })).statusCode,
      );
    assert.ok(codes.slice(0, 3).every((s) => s === 400));
    assert.equal(codes.at(-1), 429);
  });
});
