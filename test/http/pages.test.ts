import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { startTestApp, type TestApp } from '../harness/app.js';
import { describeEachEngine } from '../harness/engines.js';
import { Client } from '../harness/http.js';

describeEachEngine('back-office and portal pages', (engine) => {
  let t: TestApp;
  let admin: Client;
  let ids: { police: string; clerkUser: string; catalog: string };
  before(async () => {
    t = await startTestApp(engine);
    admin = new Client(t.app);
    await admin.login('admin', DEMO_PASSWORD);
    const db = t.container.database.db;
    ids = {
      police: (
        await db
          .selectFrom('agency')
          .select('id')
          .where('short_name', '=', '市公安局')
          .executeTakeFirstOrThrow()
      ).id,
      clerkUser: (
        await db
          .selectFrom('staff_user')
          .select('id')
          .where('username', '=', 'clerk')
          .executeTakeFirstOrThrow()
      ).id,
      catalog: (
        await db
          .selectFrom('catalog')
          .select('id')
          .where('domain_code', '=', 'majorProjects')
          .orderBy('created_at')
          .executeTakeFirstOrThrow()
      ).id,
    };
  });
  after(async () => t.close());

  it('renders every back-office page for an administrator', async () => {
    const pages: Array<[string, RegExp]> = [
      ['/admin', /工作台/],
      ['/admin/agencies', /晋江市公安局/],
      ['/admin/agencies/new', /新增机构/],
      [`/admin/agencies/${ids.police}`, /撤销机构\s*<\/a>[\s\S]*沿革/],
      [`/admin/agencies/${ids.police}/dissolve`, /确认撤销/],
      [`/admin/agencies/${ids.police}/edit`, /公开指南联系方式/],
      [`/admin/agencies/${ids.police}/rename`, /确认更名/],
      [`/admin/agencies/${ids.police}/move`, /新的上级机构/],
      ['/admin/users', /gaclerk/],
      ['/admin/users/new', /初始密码/],
      [`/admin/users/${ids.clerkUser}`, /李经办/],
      ['/admin/sessions', /当前会话/],
      ['/admin/audit', /<td>登录<\/td>/],
      ['/admin/audit?action=agency.create&from=2000-01-01', /<td>新增机构<\/td>/],
      ['/admin/account/password', /确认新密码/],
      ['/admin/requests', /办理中的申请/],
      ['/admin/requests?state=overdue&dueBy=2026-12-31', /没有符合条件的办理中申请/],
      ['/admin/requests/new', /登记当面、邮寄、传真或口头提出的申请/],
      ['/admin/requests/approvals', /延期审批/],
      ['/admin/records', /主动公开信息/],
      ['/admin/records/new', /起草主动公开信息/],
      ['/admin/documents', /公文公开属性源头认定/],
      ['/admin/catalogs', /基层政务公开标准目录/],
      [`/admin/catalogs/${ids.catalog}`, /版本记录/],
      [`/admin/catalogs/${ids.catalog}/compare?from=1&to=1`, /第 1 版与第 1 版比较/],
      ['/admin/appeals', /登记新的复议或诉讼/],
      ['/admin/calendar', /已录入的节假日安排/],
      ['/admin/calendar?from=2026-02-10&add=20', /期限为 <strong>2026-03-16<\/strong>/],
      ['/admin/reports', /最近检查的报告/],
    ];
    for (const [url, expected] of pages) {
      const res = await admin.get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
      assert.match(res.body, expected, url);
      assert.match(
        res.body,
        /<nav class="gk-breadcrumbs"|<h1 class="gk-title">工作台/,
        `${url} has breadcrumbs`,
      );
    }
  });

  it('tells the signed-in staff member who they are over the API, with their roles', async () => {
    const me = await admin.get('/api/v1/me');
    assert.equal(me.statusCode, 200);
    const { data } = JSON.parse(me.body) as {
      data: { username: string; grants: Array<{ role: string; roleLabel: string; agencyName: string }> };
    };
    assert.equal(data.username, 'admin');
    assert.deepEqual(
      data.grants.map((g) => [g.role, g.roleLabel, g.agencyName]),
      [['admin', '系统管理员', '晋江市人民政府']],
    );
    assert.equal((await new Client(t.app).get('/api/v1/me')).statusCode, 401);
  });

  it('renders the portal directory and an agency’s 公开指南 contact block without login', async () => {
    const c = new Client(t.app);
    const list = await c.get('/agencies');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /磁灶镇人民政府/);
    const root = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;
    const page = await c.get(`/agencies/${root}`);
    assert.match(page.body, /世纪大道南 1 号/);
    assert.match(page.body, /0595-85662126/);
    const api = JSON.parse((await c.get(`/api/v1/agencies/${root}`)).body);
    assert.equal(api.data.name, '晋江市人民政府');
    assert.equal(api.data.path, undefined, 'the public API view leaves out internals');
  });

  it('offers the calendar’s entry form and an agency’s structural changes only to those allowed', async () => {
    assert.match((await admin.get('/admin/calendar')).body, /录入新一年的安排/);
    const head = new Client(t.app);
    await head.login('head', DEMO_PASSWORD);
    const calendar = await head.get('/admin/calendar');
    assert.equal(calendar.statusCode, 200);
    assert.match(calendar.body, /已录入的节假日安排/);
    assert.doesNotMatch(calendar.body, /录入新一年的安排|action="\/admin\/calendar" novalidate/);
    const police = await head.get(`/admin/agencies/${ids.police}`);
    assert.match(police.body, /修改信息/);
    assert.doesNotMatch(police.body, /撤销机构|调整隶属关系/);
  });

  /** Every event the audit log's API gives for a query, page after page (50 a page, by `next`). */
  const auditEvents = async (query: string) => {
    const events: Array<Record<string, unknown> & { actorLabel: string }> = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/audit-events?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await admin.get(url);
      assert.equal(res.statusCode, 200, res.body);
      const page = JSON.parse(res.body) as { data: typeof events; next: string | null };
      assert.ok(page.data.length <= 50);
      events.push(...page.data);
      cursor = page.next;
    } while (cursor);
    return events;
  };

  it('names the agency of each event in the audit log', async () => {
    const events = await auditEvents(`action=agency.create&subjectId=${ids.police}`);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.agencyName, '晋江市公安局');
    assert.equal(events[0]!.actorId, undefined, 'the API shows who acted by label only');
  });

  it('rejects an impossible audit date with a Chinese message, not a server error', async () => {
    const res = await admin.get('/admin/audit?from=2024-13-01');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /起始日期“2024-13-01”不是有效日期/);
    const api = await admin.get('/api/v1/audit-events?to=2024-02-30');
    assert.equal(api.statusCode, 400);
    assert.equal(JSON.parse(api.body).error.fields[0].field, 'to');
  });

  it('filters the audit log by operator literally and without regard to case', async () => {
    const all = (await auditEvents('')).length;
    assert.equal((await auditEvents('actor=_')).length, 0, '_ is not a wildcard');
    const byName = await auditEvents(`actor=${encodeURIComponent('（ADMIN）')}`);
    assert.ok(byName.length > 0 && byName.length < all);
    assert.ok(byName.every((e) => e.actorLabel.includes('（admin）')));
  });

  it('rejects an audit filter with an inverted date range with a Chinese message', async () => {
    const res = await admin.get('/admin/audit?from=2026-02-01&to=2026-01-01');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /截止日期不能早于起始日期/);
  });

  it('makes a user whose password was reset by an administrator change it before anything else', async () => {
    const page = await admin.get(`/admin/users/${ids.clerkUser}`);
    const reset = await admin.post(`/admin/users/${ids.clerkUser}/password`, {
      _csrf: Client.csrfOf(page.body),
      password: 'Reset#2026abc',
    });
    assert.equal(reset.statusCode, 303);
    const clerk = new Client(t.app);
    assert.equal((await clerk.login('clerk', 'Reset#2026abc')).statusCode, 303);
    const home = await clerk.get('/admin');
    assert.equal(home.statusCode, 302);
    assert.equal(home.headers.location, '/admin/account/password');
    const police = (
      await t.container.database.db
        .selectFrom('agency')
        .select('id')
        .where('short_name', '=', '磁灶镇')
        .executeTakeFirstOrThrow()
    ).id;
    const blockedPost = await clerk.post(`/admin/agencies/${police}`, {
      _csrf: Client.csrfOf((await clerk.get('/admin/account/password')).body),
      phone: '0595-1',
    });
    assert.equal(blockedPost.statusCode, 303);
    assert.equal(blockedPost.headers.location, '/admin/account/password');
    const blockedApi = await clerk.get('/api/v1/me');
    assert.equal(blockedApi.statusCode, 403);
    const form = await clerk.get('/admin/account/password');
    const changed = await clerk.post('/admin/account/password', {
      _csrf: Client.csrfOf(form.body),
      currentPassword: 'Reset#2026abc',
      password: DEMO_PASSWORD,
      confirm: DEMO_PASSWORD,
    });
    assert.equal(changed.statusCode, 303);
    assert.equal((await clerk.get('/admin')).statusCode, 200);
  });

  it('lets an administrator force a session to end', async () => {
    const victim = new Client(t.app);
    await victim.login('head', DEMO_PASSWORD);
    assert.equal((await victim.get('/admin')).statusCode, 200);
    const list = await admin.get('/admin/sessions');
    const action = /action="(\/admin\/sessions\/[0-9a-f]{64}\/revoke)"/.exec(list.body);
    assert.ok(action, 'a revoke button for another session');
    // Revoke every other session listed, then the victim is signed out.
    for (const m of list.body.matchAll(/action="(\/admin\/sessions\/[0-9a-f]{64}\/revoke)"/g)) {
      assert.equal((await admin.post(m[1]!, { _csrf: Client.csrfOf(list.body) })).statusCode, 303);
    }
    assert.equal((await victim.get('/admin')).statusCode, 302);
    assert.equal((await admin.get('/admin')).statusCode, 200, 'the administrator’s own session stays');
  });
});
