import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import { systemActor } from '../../platform/access.js';
import { MINUTE } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import type { Agency } from '../agencies/index.js';
import * as accounts from './account.service.js';
import * as auditLog from './audit-log.service.js';
import * as auth from './auth.service.js';

const settings: auth.AuthSettings = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  loginMaxFailures: 5,
  loginLockMinutes: 15,
};
const PASSWORD = 'Gongkai@2020';

describeEachEngine('staff accounts, login and sessions', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let ctx: ReturnType<typeof testCtx>;
  let gov: Agency, police: Agency, cizao: Agency;

  before(async () => {
    h = await openTestDatabase(engine);
    ctx = testCtx(h, systemActor('测试'));
    ({ gov, police, cizao } = await jinjiangTree(ctx));
    await accounts.create(ctx, {
      agencyId: gov.id,
      username: 'admin',
      displayName: '管理员',
      password: PASSWORD,
      role: 'admin',
    });
    await accounts.create(ctx, {
      agencyId: cizao.id,
      username: 'clerk',
      displayName: '李经办',
      password: PASSWORD,
      role: 'clerk',
    });
    await accounts.create(ctx, {
      agencyId: police.id,
      username: 'gaclerk',
      displayName: '陈经办',
      password: PASSWORD,
      role: 'clerk',
    });
    await accounts.create(ctx, {
      agencyId: gov.id,
      username: 'supervisor',
      displayName: '张监督',
      password: PASSWORD,
      role: 'supervisor',
    });
  });
  after(async () => h.cleanup());

  const login = (username: string, password: string) =>
    auth.login(ctx, { username, password }, settings, { userAgent: 'test' });
  const as = async (username: string) => {
    const { token } = await login(username, PASSWORD);
    const a = await auth.authenticate(ctx, token, settings);
    assert.ok(a);
    return { ...testCtx(h, a.actor, ctx.clock), token };
  };

  it('signs in with the right password and resolves the session into an actor with its roles', async () => {
    const { token, user } = await login('clerk', PASSWORD);
    assert.equal(user.username, 'clerk');
    const a = await auth.authenticate(ctx, token, settings);
    assert.equal(a?.actor.label, '李经办（clerk）');
    assert.deepEqual(
      a?.actor.grants.map((g) => [g.role, g.agencyId]),
      [['clerk', cizao.id]],
    );
    const trail = await auditLog.browse(ctx, { action: 'account.login' });
    assert.equal(trail.events[0]?.actorLabel, '李经办（clerk）', 'a login is recorded as the user’s own act');
    const stored = await h.db.selectFrom('staff_session').selectAll().execute();
    assert.ok(
      stored.every((s) => s.id !== token),
      'the raw token is never stored',
    );
  });

  it('gives the same answer for an unknown user name and a wrong password', async () => {
    await assert.rejects(
      login('nobody', PASSWORD),
      (e: unknown) => e instanceof ValidationError && e.message === '用户名或密码错误',
    );
    await assert.rejects(
      login('supervisor', 'Wrong@2020'),
      (e: unknown) => e instanceof ValidationError && e.message === '用户名或密码错误',
    );
    await login('supervisor', PASSWORD); // resets the count
  });

  it('locks the account for 15 minutes after 5 wrong passwords', async () => {
    for (let i = 1; i <= 4; i++) await assert.rejects(login('gaclerk', `Wrong@${i}xyz`), /用户名或密码错误/);
    await assert.rejects(login('gaclerk', 'Wrong@5xyz'), /已锁定 15 分钟/);
    await assert.rejects(
      login('gaclerk', PASSWORD),
      /账号已锁定/,
      'the right password does not open a locked account',
    );
    ctx.clock.advance(14 * MINUTE);
    await assert.rejects(login('gaclerk', PASSWORD), /账号已锁定/);
    ctx.clock.advance(1 * MINUTE + 1000);
    const ok = await login('gaclerk', PASSWORD);
    assert.equal(ok.user.username, 'gaclerk');
    const events = await auditLog.browse(ctx, { action: 'account.lock' });
    assert.equal(events.total, 1);
  });

  it('ends a session after 30 idle minutes, and keeps an active one alive', async () => {
    const { token } = await login('clerk', PASSWORD);
    ctx.clock.advance(20 * MINUTE);
    assert.ok(await auth.authenticate(ctx, token, settings));
    ctx.clock.advance(25 * MINUTE);
    assert.ok(await auth.authenticate(ctx, token, settings), 'activity 25 minutes ago keeps it alive');
    ctx.clock.advance(31 * MINUTE);
    assert.equal(await auth.authenticate(ctx, token, settings), null);
  });

  it('lets an administrator list and revoke sessions', async () => {
    const admin = await as('admin');
    const { token } = await login('clerk', PASSWORD);
    const live = await auth.listSessions(admin, settings);
    const clerkSession = live.find((s) => s.username === 'clerk' && s.id === auth.sessionIdOf(token));
    assert.ok(clerkSession);
    await auth.revokeSession(admin, clerkSession.id);
    assert.equal(await auth.authenticate(ctx, token, settings), null);
    const clerk = await as('clerk');
    await assert.rejects(auth.revokeSession(clerk, auth.sessionIdOf(admin.token)), ForbiddenError);
  });

  it('refuses weak passwords with the rule in Chinese', async () => {
    await assert.rejects(
      accounts.create(ctx, { agencyId: gov.id, username: 'weak', displayName: '弱', password: 'abcdefgh' }),
      (e: unknown) =>
        e instanceof ValidationError && e.fields[0]!.field === 'password' && /三类/.test(e.message),
    );
    await assert.rejects(
      accounts.create(ctx, { agencyId: gov.id, username: 'short', displayName: '短', password: 'Ab1!' }),
      /至少 8 位/,
    );
  });

  it('makes a reset password temporary and ends the user’s sessions', async () => {
    const admin = await as('admin');
    const { token } = await login('supervisor', PASSWORD);
    await accounts.resetPassword(admin, 'supervisor', { password: 'Temp#2026abc' });
    assert.equal(await auth.authenticate(ctx, token, settings), null);
    const again = await login('supervisor', 'Temp#2026abc');
    assert.equal(again.user.mustChangePassword, true);
    const signedIn = await auth.authenticate(ctx, again.token, settings);
    assert.ok(signedIn);
    const sup = testCtx(h, signedIn.actor, ctx.clock);
    await accounts.changeOwnPassword(
      sup,
      { currentPassword: 'Temp#2026abc', password: PASSWORD, confirm: PASSWORD },
      null,
    );
    assert.equal((await login('supervisor', PASSWORD)).user.mustChangePassword, false);
  });

  it('scopes accounts: a clerk of 磁灶镇 cannot see 市公安局 staff; a supervisor can read but not change them', async () => {
    const clerk = await as('clerk');
    await assert.rejects(accounts.get(clerk, 'gaclerk'), ForbiddenError);
    assert.deepEqual(
      (await accounts.list(clerk)).map((u) => u.user.username),
      [],
    );
    await assert.rejects(
      accounts.resetPassword(clerk, 'gaclerk', { password: 'Hack#2026abc' }),
      ForbiddenError,
    );
    const sup = await as('supervisor');
    assert.equal((await accounts.get(sup, 'gaclerk')).user.displayName, '陈经办');
    await assert.rejects(
      accounts.resetPassword(sup, 'gaclerk', { password: 'Hack#2026abc' }),
      ForbiddenError,
    );
    await assert.rejects(
      accounts.grant(sup, (await accounts.get(sup, 'gaclerk')).user.id, {
        role: 'admin',
        agencyId: police.id,
      }),
      ForbiddenError,
    );
  });

  it('records every account write in the audit log, visible within the reader’s scope only', async () => {
    const admin = await as('admin');
    const u = await accounts.create(admin, {
      agencyId: police.id,
      username: 'newclerk',
      displayName: '新经办',
      password: 'Start#2026abc',
      role: 'clerk',
    });
    await accounts.setDisabled(admin, u.id, true);
    const trail = await auditLog.browse(admin, { subjectId: u.id });
    assert.deepEqual(trail.events.map((e) => e.action).sort(), [
      'account.create',
      'account.disable',
      'account.grant',
    ]);
    assert.ok(trail.events.every((e) => e.actorLabel === '管理员（admin）'));
    assert.ok(!JSON.stringify(trail.events).includes('argon2'), 'no password hash in the audit log');
    const clerk = await as('clerk');
    assert.equal((await auditLog.browse(clerk, { subjectId: u.id })).total, 0);
    const sup = await as('supervisor');
    assert.equal((await auditLog.browse(sup, { subjectId: u.id })).total, 3);
  });

  it('lets at most 5 guesses through when many arrive at once, then locks', async () => {
    await accounts.create(
      ctx,
      { agencyId: police.id, username: 'target', displayName: '目标', password: PASSWORD },
      { temporaryPassword: false },
    );
    const before = (await auditLog.browse(ctx, { action: 'account.loginFailed' })).total;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => login('target', `Wrong@${i}guess`)),
    );
    assert.ok(results.every((r) => r.status === 'rejected'));
    const tried = (await auditLog.browse(ctx, { action: 'account.loginFailed' })).total - before;
    assert.ok(tried <= 5, `${tried} guesses were checked`);
    await assert.rejects(login('target', PASSWORD), /账号已锁定/);
  });

  it('keeps a township administrator from taking over an account that administers the city', async () => {
    await accounts.create(
      ctx,
      { agencyId: cizao.id, username: 'czadmin', displayName: '镇管理员', password: PASSWORD, role: 'admin' },
      { temporaryPassword: false },
    );
    const cityAdmin = await accounts.create(
      ctx,
      {
        agencyId: cizao.id,
        username: 'cityadmin',
        displayName: '借调管理员',
        password: PASSWORD,
        role: 'clerk',
      },
      { temporaryPassword: false },
    );
    await accounts.grant(ctx, cityAdmin.id, { role: 'admin', agencyId: gov.id });
    const township = await as('czadmin');
    await assert.rejects(
      accounts.resetPassword(township, 'cityadmin', { password: 'Taken#2026abc' }),
      ForbiddenError,
    );
    await assert.rejects(accounts.setDisabled(township, 'cityadmin', true), ForbiddenError);
    await assert.rejects(accounts.unlock(township, 'cityadmin'), ForbiddenError);
    const { token } = await login('cityadmin', PASSWORD);
    await assert.rejects(auth.revokeSession(township, auth.sessionIdOf(token)), ForbiddenError);
    assert.ok(await auth.authenticate(ctx, token, settings));
    // An ordinary 磁灶镇 clerk remains the township administrator's to manage.
    await accounts.resetPassword(township, 'clerk', { password: 'Fresh#2026abc' });
  });

  it('makes a password chosen by someone else temporary, also from the command line', async () => {
    const u = await accounts.create(ctx, {
      agencyId: gov.id,
      username: 'fromcli',
      displayName: '命令行建',
      password: 'Start#2026abc',
    });
    assert.equal(u.mustChangePassword, true);
  });
});
