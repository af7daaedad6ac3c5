import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { systemActor, type Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { MINUTE } from '../../platform/clock.js';
import { inTransaction } from '../../platform/context.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { agencies } from '../agencies/index.js';
import type { StaffUser } from './account.js';
import * as pages from './account-pages.service.js';
import * as accounts from './account.service.js';
import * as auditLog from './audit-log.service.js';
import * as auth from './auth.service.js';
import * as notifications from './notification.service.js';

const PASSWORD = 'Gongkai@2020';
const settings: auth.AuthSettings = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  loginMaxFailures: 5,
  loginLockMinutes: 15,
};

describeEachEngine('account pages, notices and the audit log’s agencies', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let ctx: ReturnType<typeof testCtx>;
  let tree: JinjiangTree;
  const users: Record<string, StaffUser> = {};

  const add = async (username: string, agencyId: string, role?: Role) => {
    users[username] = await accounts.create(
      ctx,
      { agencyId, username, displayName: username, password: PASSWORD, role },
      { temporaryPassword: false },
    );
  };
  const as = async (username: string) => testCtx(h, await auth.actorFor(ctx, users[username]!), ctx.clock);

  before(async () => {
    h = await openTestDatabase(engine);
    ctx = testCtx(h, systemActor('测试'));
    tree = await jinjiangTree(ctx);
    // 磁灶镇 is listed before 市公安局 by its place in the tree (排序号), not by name.
    await agencies.update(ctx, tree.police.id, { sortOrder: 5 });
    await agencies.update(ctx, tree.cizao.id, { sortOrder: 1 });
    await add('zadmin', tree.gov.id, 'admin');
    await add('head', tree.gov.id, 'officeHead');
    await add('sup', tree.gov.id, 'supervisor');
    await add('apolice', tree.police.id, 'clerk');
    await add('bvillage', tree.village.id);
    await add('czhead', tree.cizao.id, 'officeHead');
    await add('czclerk', tree.cizao.id, 'clerk');
  });
  after(async () => h.cleanup());

  it('lists accounts in tree order: by depth, then the agency’s 排序号, then user name', async () => {
    const list = await accounts.list(await as('zadmin'));
    assert.deepEqual(
      list.map((u) => [u.user.username, u.agencyName]),
      [
        ['head', '晋江市人民政府'],
        ['sup', '晋江市人民政府'],
        ['zadmin', '晋江市人民政府'],
        ['czclerk', '磁灶镇人民政府'],
        ['czhead', '磁灶镇人民政府'],
        ['apolice', '晋江市公安局'],
        ['bvillage', '磁灶镇大埔村民委员会'],
      ],
    );
    assert.deepEqual(
      (await accounts.list(await as('czhead'))).map((u) => u.user.username),
      ['czclerk', 'czhead', 'bvillage'],
      'an office head of 磁灶镇 reads its accounts and those below it only',
    );
  });

  it('shows each viewer of an account page only the actions the policy allows', async () => {
    const byAdmin = await pages.userPage(await as('zadmin'), users.czclerk!.id);
    assert.deepEqual(byAdmin.allowed, ['disable', 'grant', 'resetPassword', 'readAudit']);
    assert.deepEqual(
      byAdmin.roles.map((g) => [g.roleLabel, g.scopeLabel, g.revocable]),
      [['经办人', '磁灶镇人民政府及其下级机构', true]],
    );
    assert.equal(byAdmin.agencyName, '磁灶镇人民政府');
    assert.equal(byAdmin.status.label, '正常');

    const bySupervisor = await pages.userPage(await as('sup'), users.czclerk!.id);
    assert.deepEqual(bySupervisor.allowed, ['readAudit']);
    assert.deepEqual(
      bySupervisor.roles.map((g) => g.revocable),
      [false],
    );

    const ownPage = await pages.userPage(await as('czclerk'), users.czclerk!.id);
    assert.deepEqual(ownPage.allowed, [], 'a clerk sees their own account but may change nothing on it');

    const adminSelf = await pages.userPage(await as('zadmin'), users.zadmin!.id);
    assert.ok(!adminSelf.allowed.includes('disable'), 'nobody switches off their own account');
  });

  it('offers to unlock a locked account and to enable a disabled one', async () => {
    for (let i = 0; i < settings.loginMaxFailures; i++)
      await auth
        .login(ctx, { username: 'bvillage', password: `Wrong#${i}abc` }, settings, { userAgent: null })
        .catch(() => null);
    const admin = await as('zadmin');
    const locked = await pages.userPage(admin, users.bvillage!.id);
    assert.equal(locked.status.state, 'locked');
    assert.ok(locked.allowed.includes('unlock'));
    assert.match(locked.status.detail, /^已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await accounts.setDisabled(admin, users.bvillage!.id, true);
    const disabled = await pages.userPage(admin, users.bvillage!.id);
    assert.equal(disabled.status.label, '已停用');
    assert.ok(disabled.allowed.includes('enable') && !disabled.allowed.includes('disable'));
    await accounts.setDisabled(admin, users.bvillage!.id, false);
    await accounts.unlock(admin, users.bvillage!.id);
  });

  it('offers 新增账号 to administrators only', async () => {
    assert.deepEqual((await pages.userList(await as('zadmin'))).allowed, ['create']);
    assert.deepEqual((await pages.userList(await as('head'))).allowed, []);
  });

  it('shows an agency’s notices to its office heads and administrators, and a person’s to that person', async () => {
    const day = '2026-03-02';
    await notifications.notify(ctx, {
      agencyId: tree.cizao.id,
      userId: null,
      kind: 'dueSoon',
      subjectType: 'request',
      subjectId: '00000000-0000-7000-8000-000000000001',
      day,
      message: '磁灶镇的申请将到期',
    });
    await notifications.notify(ctx, {
      agencyId: tree.police.id,
      userId: users.apolice!.id,
      kind: 'overdue',
      subjectType: 'request',
      subjectId: '00000000-0000-7000-8000-000000000002',
      day,
      message: '公安局的申请已超期',
    });
    const seen = async (username: string) =>
      (await notifications.unreadForMe(await as(username))).map((n) => n.message);
    assert.deepEqual(await seen('czhead'), ['磁灶镇的申请将到期']);
    assert.deepEqual(
      await seen('head'),
      ['磁灶镇的申请将到期'],
      'the city’s office head oversees the township',
    );
    assert.deepEqual(await seen('zadmin'), ['磁灶镇的申请将到期']);
    assert.deepEqual(await seen('czclerk'), [], 'a clerk gets notices addressed to them only');
    assert.deepEqual(await seen('apolice'), ['公安局的申请已超期']);
    assert.deepEqual(await seen('sup'), []);
    const home = await pages.workbench(await as('apolice'));
    assert.equal(home.agencyName, '晋江市公安局');
    assert.deepEqual(home.notices, [
      { day, message: '公安局的申请已超期', href: '/admin/requests/00000000-0000-7000-8000-000000000002' },
    ]);
    assert.deepEqual(
      home.roles.map((g) => `${g.roleLabel} · ${g.scopeLabel}`),
      ['经办人 · 晋江市公安局及其下级机构'],
    );
  });

  it('names the agency of each audit event, also after the agency is dissolved', async () => {
    const admin = await as('zadmin');
    const dissolved = await agencies.create(ctx, {
      parentId: tree.gov.id,
      name: '晋江市临时指挥部',
      level: 'county',
      kind: 'governmentDepartment',
    });
    await agencies.dissolve(ctx, dissolved.id, { effectiveDate: '2026-03-02', reason: '任务完成' });
    const trail = await auditLog.browse(admin, { subjectId: dissolved.id });
    assert.deepEqual(
      trail.events.map((e) => [e.action, e.agencyName]),
      [
        ['agency.dissolve', '晋江市临时指挥部'],
        ['agency.create', '晋江市临时指挥部'],
      ],
    );
    const police = await auditLog.browse(admin, { subjectId: users.apolice!.id, action: 'account.create' });
    assert.equal(police.events[0]!.agencyName, '晋江市公安局');
  });

  it('keeps system-wide events for readers scoped at the top of the tree', async () => {
    const cityAdmin = await as('zadmin');
    const townHead = await as('czhead');
    const calendarEvents = async (c: typeof ctx) =>
      (await auditLog.browse(c, { action: 'calendar.enterNotice' })).total;
    // What the calendar module records when a year's holidays are entered: no agency's event.
    await inTransaction(ctx, (tx) =>
      recordAudit(tx, {
        action: 'calendar.enterNotice',
        subjectType: 'calendarYear',
        subjectId: '2027',
        agencyId: null,
      }),
    );
    assert.equal(await calendarEvents(cityAdmin), 1);
    assert.equal(await calendarEvents(townHead), 0);
  });

  it('marks the viewer’s own session and offers to end the others', async () => {
    const { token } = await auth.login(ctx, { username: 'czclerk', password: PASSWORD }, settings, {
      userAgent: null,
    });
    const mine = await auth.login(ctx, { username: 'zadmin', password: PASSWORD }, settings, {
      userAgent: null,
    });
    const page = await pages.sessionsPage(await as('zadmin'), settings, auth.sessionIdOf(mine.token));
    const own = page.sessions.find((s) => s.id === auth.sessionIdOf(mine.token))!;
    const other = page.sessions.find((s) => s.id === auth.sessionIdOf(token))!;
    assert.deepEqual([own.current, own.revocable], [true, false]);
    assert.deepEqual([other.current, other.revocable, other.who], [false, true, 'czclerk（czclerk）']);
    ctx.clock.advance(31 * MINUTE);
    assert.deepEqual(
      (await pages.sessionsPage(await as('zadmin'), settings, null)).sessions,
      [],
      'idle sessions end',
    );
  });
});
