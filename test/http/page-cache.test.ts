// Public pages that can be cached (issue 13, ADR 0013): an anonymous GET sets no cookie and gets
// an ETag and a 304; the process keeps the page until a write changes it — in this process or in
// another on the same database; signed-in and form pages stay personal and `no-store`.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createContainer, type Container } from '../../src/app/container.js';
import { buildWeb } from '../../src/app/web.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { records } from '../../src/modules/records/index.js';
import { systemActor } from '../../src/platform/access.js';
import { beijingDate } from '../../src/platform/clock.js';
import type { Ctx } from '../../src/platform/context.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { aPublishedRecord } from '../harness/factories.js';
import { Client } from '../harness/http.js';

describeEachEngine('public pages that can be cached', (engine) => {
  let t: TestApp;
  let ctx: Ctx;
  let root: { id: string };
  let recordId: string;
  // A second server process on the same database, as behind a load balancer.
  let other: { container: Container; app: FastifyInstance };
  before(async () => {
    t = await startTestApp(engine);
    ctx = t.container.ctx(systemActor('测试'));
    root = await t.container.database.db
      .selectFrom('agency')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    recordId = (await aPublishedRecord(ctx, root, { title: '关于缓存测试的第一份通知' })).id;
    const container = await createContainer({
      env: {
        DATABASE_URL: t.container.config.databaseUrl,
        GONGKAI_SECRET: 'test-secret-test-secret-test-secret-0123',
        LOG_LEVEL: 'silent',
        // Every request looks at the version stamp: the test needs no clock to wait for.
        GONGKAI_PAGE_VERSION_CHECK_MS: '0',
      },
    });
    other = { container, app: await buildWeb(container, { logger: false }) };
    await other.app.ready();
  });
  after(async () => {
    await other.app.close();
    await other.container.close();
    await t.close();
  });

  const anonymous = (path: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: path, headers });

  it('answers an anonymous visitor without a cookie, with an ETag and Cache-Control: public', async () => {
    const paths = [
      '/',
      '/policies',
      '/sitemap',
      '/privacy',
      '/standardization',
      '/search?q=缓存',
      `/records/${recordId}`,
    ];
    paths.push(`/xxgk/${root.id}`);
    for (const path of paths) {
      const res = await anonymous(path);
      assert.equal(res.statusCode, 200, path);
      assert.equal(res.headers['set-cookie'], undefined, `${path} sets no cookie`);
      assert.match(String(res.headers['cache-control']), /^public, max-age=0, must-revalidate$/, path);
      assert.match(String(res.headers.etag), /^"[\w-]+"$/, path);
      assert.equal(res.headers.vary, 'Cookie', path);
      assert.doesNotMatch(res.body, /name="_csrf"/, `${path} carries no token`);
      // The second visitor gets the kept page, with the first one's security headers.
      const kept = await anonymous(path);
      assert.equal(kept.body, res.body, path);
      for (const h of [
        'etag',
        'cache-control',
        'vary',
        'content-type',
        'content-security-policy',
        'permissions-policy',
      ])
        assert.equal(kept.headers[h], res.headers[h], `${path}: ${h}`);
      assert.equal(kept.headers['set-cookie'], undefined);
    }
  });

  it('answers 304 to the ETag it gave, and the page to any other', async () => {
    const first = await anonymous(`/records/${recordId}`);
    const etag = String(first.headers.etag);
    const again = await anonymous(`/records/${recordId}`, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers.etag, etag);
    assert.equal(again.headers['set-cookie'], undefined);
    const changed = await anonymous(`/records/${recordId}`, { 'if-none-match': '"something-else"' });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.body, first.body);
    // The other process renders the same bytes, so a proxy's validator holds across processes.
    const there = await other.app.inject({ url: `/records/${recordId}`, headers: { 'if-none-match': etag } });
    assert.equal(there.statusCode, 304);
  });

  it('keeps a rendered page: a change no public write recorded does not reach it, a publication does at once', async () => {
    const before = await anonymous('/policies');
    // Written behind the services' back (no audit): the cached page cannot know.
    await t.container.database.db
      .updateTable('record')
      .set({ title: '改过标题的通知' })
      .where('id', '=', recordId)
      .execute();
    assert.equal((await anonymous('/policies')).body, before.body, 'served from the cache');
    const published = await aPublishedRecord(ctx, root, { title: '关于缓存失效的第二份通知', genre: '通知' });
    const after = await anonymous('/policies');
    assert.match(after.body, /关于缓存失效的第二份通知/, 'the new record is listed right after publication');
    assert.match(after.body, /改过标题的通知/);
    assert.notEqual(after.headers.etag, before.headers.etag);
    const stale = await anonymous('/policies', { 'if-none-match': String(before.headers.etag) });
    assert.equal(stale.statusCode, 200, 'the old ETag no longer matches');
    assert.equal((await anonymous(`/records/${published.id}`)).statusCode, 200);
  });

  it('shows a 有效性 change and a withdrawal right after them, in this process and in the other', async () => {
    const r = await aPublishedRecord(ctx, root, { title: '关于缓存与有效性的通知' });
    const path = `/records/${r.id}`;
    assert.doesNotMatch((await anonymous(path)).body, /废止/);
    assert.doesNotMatch((await other.app.inject({ url: path })).body, /废止/);
    const today = beijingDate(ctx.clock.now());
    await records.changeValidity(ctx, r.id, { validity: 'repealed', date: today, note: '' });
    assert.match((await anonymous(path)).body, /废止/);
    assert.match((await other.app.inject({ url: path })).body, /废止/);
    // Published in the other process: this one sees it at its next look at the stamp.
    const listed = await anonymous('/policies');
    await records.withdraw(other.container.ctx(systemActor('测试')), r.id, '内容有误');
    assert.equal((await other.app.inject({ url: path })).statusCode, 404);
    assert.equal((await anonymous(path)).statusCode, 404, 'withdrawn: not served from the cache');
    assert.notEqual((await anonymous('/policies')).body, listed.body);
  });

  it('keeps signed-in pages personal and no-store, and out of the visitors’ cache', async () => {
    await anonymous('/');
    const clerk = new Client(t.app);
    await clerk.login('clerk', DEMO_PASSWORD);
    const home = await clerk.get('/');
    assert.equal(home.headers['cache-control'], 'no-store');
    assert.equal(home.headers.etag, undefined);
    assert.match(home.body, /退出登录/);
    assert.match(home.body, /name="_csrf"/, 'the 退出登录 form has its token');
    const admin = await clerk.get('/admin');
    assert.equal(admin.headers['cache-control'], 'no-store');
    const visitor = await anonymous('/');
    assert.doesNotMatch(visitor.body, /退出登录/, 'the clerk’s page was not kept for visitors');
  });

  it('keeps a form page out of the cache, and its form works without JavaScript', async () => {
    const citizen = new Client(t.app);
    const form = await citizen.get('/apply');
    assert.equal(form.statusCode, 200);
    assert.equal(form.headers['cache-control'], 'no-store');
    assert.ok(citizen.cookies.has('_csrf'), 'the form page gives the browser its CSRF secret');
    // With the secret in the browser, the next form page mints no cookie but is still personal.
    const again = await citizen.get('/apply');
    assert.equal(again.headers['set-cookie'], undefined);
    assert.equal(again.headers['cache-control'], 'no-store');
    assert.notEqual(Client.csrfOf(again.body), '');
    // Public pages are still shared with a browser that holds the secret.
    const page = await citizen.get(`/records/${recordId}`);
    assert.match(String(page.headers['cache-control']), /^public/);
    const sent = await citizen.post('/apply', {
      _csrf: Client.csrfOf(again.body),
      agencyId: root.id,
      applicantType: 'naturalPerson',
      name: '张三',
      idType: 'residentIdCard',
      idNumber: '350582199001011234',
      phone: '13800000000',
      description: '请公开2025年本镇道路改造工程的招标文件。',
      purpose: '查询',
      deliveryMethod: 'online',
    });
    assert.notEqual(sent.statusCode, 403, 'the token of the uncached form is accepted');
    const forged = await citizen.post('/apply', { _csrf: 'forged', agencyId: root.id });
    assert.equal(forged.statusCode, 403);
  });

  it('shows a flash message to the browser it was for, from a page of its own', async () => {
    await anonymous('/');
    const flash = t.app.signCookie(JSON.stringify({ kind: 'info', message: '这是给这位访问者的提示' }));
    const mine = await anonymous('/', { cookie: `gk_flash=${encodeURIComponent(flash)}` });
    assert.match(mine.body, /这是给这位访问者的提示/);
    assert.equal(mine.headers['cache-control'], 'no-store');
    assert.doesNotMatch((await anonymous('/')).body, /这是给这位访问者的提示/);
  });
});
