import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies } from '../agencies/index.js';
import { passwordProblem, type StaffUser } from './account.js';
import { assertCan, scopes, type AccountAction } from './account.policy.js';
import { auditUser, meView } from './account.presenter.js';
import * as repo from './account.repository.js';
import {
  changePasswordSchema,
  createUserSchema,
  grantRoleSchema,
  resetPasswordSchema,
} from './account.schemas.js';
import { hashPassword, verifyPassword } from './password.js';

async function loadUser(ctx: Ctx, idOrUsername: string): Promise<{ user: StaffUser; path: string }> {
  const row = isId(idOrUsername)
    ? await repo.findById(ctx.db, idOrUsername)
    : await repo.findByUsername(ctx.db, idOrUsername);
  if (!row) throw new NotFoundError('未找到该账号');
  return { user: repo.toUser(row), path: await agencies.pathOf(ctx, row.agency_id) };
}

/**
 * Loads an account that the actor is about to manage (reset, disable, unlock, grant, end a
 * session). The actor must hold the right over the account's own agency and over every agency
 * the account holds a role for: otherwise a township administrator could take over an account
 * that administers the whole city.
 */
export async function loadManaged(ctx: Ctx, idOrUsername: string, action: AccountAction): Promise<StaffUser> {
  const { user, path } = await loadUser(ctx, idOrUsername);
  assertCan(ctx.actor, action, { path });
  for (const g of await repo.grantsOf(ctx.db, user.id)) assertCan(ctx.actor, action, { path: g.agencyPath });
  return user;
}

/** An account and its roles; `agencyPath` places it in the tree for the caller's policy checks. */
export async function get(ctx: Ctx, idOrUsername: string) {
  const { user, path } = await loadUser(ctx, idOrUsername);
  if (ctx.actor.id !== user.id) assertCan(ctx.actor, 'read', { path });
  const grants = await repo.grantsOf(ctx.db, user.id);
  return { user, grants, agencyPath: path };
}

/** The signed-in staff member as `/api/v1/me` shows them: account and role assignments. */
export async function me(ctx: Ctx) {
  if (!ctx.actor.id) throw new ForbiddenError();
  const { user, grants } = await get(ctx, ctx.actor.id);
  return meView({ ...user, agencyId: ctx.actor.agencyId }, grants);
}

export async function list(ctx: Ctx) {
  const rows = await repo.listWithin(ctx.db, scopes(ctx.actor, 'read'));
  return rows.map((r) => ({ user: repo.toUser(r), agencyName: r.agency_name }));
}

/**
 * Creates a staff account. A password someone else chose (an administrator, the CLI) is
 * temporary: the user must replace it at first login. Only the demo loader sets it otherwise.
 */
export async function create(
  ctx: Ctx,
  raw: unknown,
  opts: { temporaryPassword?: boolean } = {},
): Promise<StaffUser> {
  const input = createUserSchema.parse(raw);
  const username = input.username.toLowerCase();
  const problem = passwordProblem(input.password, username);
  if (problem) throw ValidationError.one('password', problem);
  const agency = await agencies.getPublic(ctx, input.agencyId).catch(() => {
    throw ValidationError.one('agencyId', '所选机构不存在或已撤销');
  });
  assertCan(ctx.actor, 'create', agency);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (ctx) => {
    if (await repo.findByUsername(ctx.db, username))
      throw ValidationError.one('username', `用户名“${username}”已被使用`);
    const now = ctx.clock.now().toISOString();
    const user: StaffUser = {
      id: newId(),
      agencyId: agency.id,
      username,
      displayName: input.displayName,
      mustChangePassword: opts.temporaryPassword ?? true,
      failedLoginCount: 0,
      lockedUntil: null,
      disabledAt: null,
      lastLoginAt: null,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    };
    const taken = () => ValidationError.one('username', `用户名“${username}”已被使用`);
    await mapUnique(taken, () =>
      repo.insert(ctx.db, {
        id: user.id,
        agency_id: user.agencyId,
        username: user.username,
        display_name: user.displayName,
        password_hash: passwordHash,
        must_change_password: user.mustChangePassword ? 1 : 0,
        failed_login_count: 0,
        locked_until: null,
        disabled_at: null,
        last_login_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
        kind: 'person',
      }),
    );
    await recordAudit(ctx, {
      action: 'account.create',
      subjectType: 'staffUser',
      subjectId: user.id,
      agencyId: user.agencyId,
      after: auditUser(user),
    });
    if (input.role) await grant(ctx, user.id, { role: input.role, agencyId: agency.id });
    return user;
  });
}

export async function grant(ctx: Ctx, userId: string, raw: unknown): Promise<void> {
  const input = grantRoleSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const user = await loadManaged(ctx, userId, 'grant');
    const scope = await agencies.getPublic(ctx, input.agencyId).catch(() => {
      throw ValidationError.one('agencyId', '所选机构不存在或已撤销');
    });
    assertCan(ctx.actor, 'grant', scope);
    const existing = await repo.grantsOf(ctx.db, user.id);
    if (existing.some((g) => g.role === input.role && g.agencyId === scope.id)) return;
    const id = newId();
    await mapUnique(
      () => ValidationError.one('role', '该角色刚被授予，请刷新页面'),
      () =>
        repo.insertGrant(ctx.db, {
          id,
          user_id: user.id,
          role: input.role,
          agency_id: scope.id,
          created_at: ctx.clock.now().toISOString(),
        }),
    );
    await recordAudit(ctx, {
      action: 'account.grant',
      subjectType: 'staffUser',
      subjectId: user.id,
      agencyId: user.agencyId,
      after: { role: input.role, agencyId: scope.id, agencyName: scope.name },
    });
  });
}

export async function revokeGrant(ctx: Ctx, grantId: string): Promise<void> {
  return inTransaction(ctx, async (ctx) => {
    const g = isId(grantId) ? await repo.findGrant(ctx.db, grantId) : undefined;
    if (!g) throw new NotFoundError('未找到该角色授权');
    const { user, path } = await loadUser(ctx, g.user_id);
    assertCan(ctx.actor, 'grant', { path });
    assertCan(ctx.actor, 'grant', { path: await agencies.pathOf(ctx, g.agency_id) });
    await repo.deleteGrant(ctx.db, g.id);
    await recordAudit(ctx, {
      action: 'account.revokeGrant',
      subjectType: 'staffUser',
      subjectId: user.id,
      agencyId: user.agencyId,
      before: { role: g.role, agencyId: g.agency_id },
    });
  });
}

/** An administrator sets a new password; the user must change it at next login and all sessions end. */
export async function resetPassword(ctx: Ctx, idOrUsername: string, raw: unknown): Promise<StaffUser> {
  const { password } = resetPasswordSchema.parse(raw);
  const user = await loadManaged(ctx, idOrUsername, 'resetPassword');
  const problem = passwordProblem(password, user.username);
  if (problem) throw ValidationError.one('password', problem);
  const hash = await hashPassword(password);
  return inTransaction(ctx, async (ctx) => {
    const now = ctx.clock.now().toISOString();
    await repo.patch(ctx.db, user.id, {
      password_hash: hash,
      must_change_password: 1,
      failed_login_count: 0,
      locked_until: null,
      password_changed_at: now,
      updated_at: now,
    });
    await repo.revokeSessionsOf(ctx.db, user.id, now, ctx.actor.id);
    const after = { ...user, mustChangePassword: true, lockedUntil: null, failedLoginCount: 0 };
    await recordAudit(ctx, {
      action: 'account.resetPassword',
      subjectType: 'staffUser',
      subjectId: user.id,
      agencyId: user.agencyId,
      before: auditUser(user),
      after: auditUser(after),
    });
    return after;
  });
}

/** The user changes their own password; other sessions of theirs end. */
export async function changeOwnPassword(
  ctx: Ctx,
  raw: unknown,
  currentSessionId: string | null,
): Promise<void> {
  const input = changePasswordSchema.parse(raw);
  if (!ctx.actor.id) throw new NotFoundError('未找到该账号');
  const row = await repo.findById(ctx.db, ctx.actor.id);
  if (!row) throw new NotFoundError('未找到该账号');
  if (!(await verifyPassword(row.password_hash, input.currentPassword)))
    throw ValidationError.one('currentPassword', '当前密码不正确');
  if (input.password !== input.confirm) throw ValidationError.one('confirm', '两次输入的新密码不一致');
  if (input.password === input.currentPassword)
    throw ValidationError.one('password', '新密码不能与当前密码相同');
  const problem = passwordProblem(input.password, row.username);
  if (problem) throw ValidationError.one('password', problem);
  const hash = await hashPassword(input.password);
  await inTransaction(ctx, async (ctx) => {
    const now = ctx.clock.now().toISOString();
    await repo.patch(ctx.db, row.id, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: now,
      updated_at: now,
    });
    await repo.revokeSessionsOf(ctx.db, row.id, now, row.id, currentSessionId ?? undefined);
    await recordAudit(ctx, {
      action: 'account.changePassword',
      subjectType: 'staffUser',
      subjectId: row.id,
      agencyId: row.agency_id,
    });
  });
}

export async function setDisabled(ctx: Ctx, idOrUsername: string, disabled: boolean): Promise<StaffUser> {
  const user = await loadManaged(ctx, idOrUsername, 'disable');
  if (disabled && user.id === ctx.actor.id) throw ValidationError.one('user', '不能停用自己的账号');
  return inTransaction(ctx, async (ctx) => {
    const now = ctx.clock.now().toISOString();
    const after = { ...user, disabledAt: disabled ? now : null };
    await repo.patch(ctx.db, user.id, { disabled_at: after.disabledAt, updated_at: now });
    if (disabled) await repo.revokeSessionsOf(ctx.db, user.id, now, ctx.actor.id);
    await recordAudit(ctx, {
      action: disabled ? 'account.disable' : 'account.enable',
      subjectType: 'staffUser',
      subjectId: user.id,
      agencyId: user.agencyId,
      before: auditUser(user),
      after: auditUser(after),
    });
    return after;
  });
}

export async function unlock(ctx: Ctx, idOrUsername: string): Promise<StaffUser> {
  const user = await loadManaged(ctx, idOrUsername, 'unlock');
  return inTransaction(ctx, async (ctx) => {
    const now = ctx.clock.now().toISOString();
    const after = { ...user, lockedUntil: null, failedLoginCount: 0 };
    await repo.patch(ctx.db, user.id, { locked_until: null, failed_login_count: 0, updated_at: now });
    await recordAudit(ctx, {
      action: 'account.unlock',
      subjectType: 'staffUser',
      subjectId: user.id,
      agencyId: user.agencyId,
      before: auditUser(user),
      after: auditUser(after),
    });
    return after;
  });
}

/** A unique value taken between our check and our write still gets a field error, not a 500. */
async function mapUnique<T>(error: () => Error, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw error();
    throw e;
  }
}
