import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { MINUTE } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { agencies } from '../agencies/index.js';
import { isLocked, type StaffUser } from './account.js';
import { assertCan, scopes } from './account.policy.js';
import * as repo from './account.repository.js';
import { loginSchema } from './account.schemas.js';
import { decoyHash, verifyPassword } from './password.js';

export interface AuthSettings {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
}

export interface SessionInfo {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
}

export interface Authenticated {
  actor: Actor;
  user: StaffUser;
  session: SessionInfo;
}

/** The session id stored in the database is a hash of the cookie's token, never the token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const fmtTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);

/**
 * Checks a user name and password. A wrong password counts towards the lock; at the limit the
 * account locks for `loginLockMinutes`. Unknown names and wrong passwords get the same answer.
 * Returns the new session's token (for the cookie) on success.
 */
export async function login(
  ctx: Ctx,
  raw: unknown,
  settings: AuthSettings,
  meta: { userAgent: string | null },
): Promise<{ token: string; user: StaffUser }> {
  const input = loginSchema.parse(raw);
  const wrong = ValidationError.one('password', '用户名或密码错误');
  const row = await repo.findByUsername(ctx.db, input.username.trim());
  if (!row) {
    await verifyPassword(await decoyHash(), input.password);
    throw wrong;
  }
  const user = repo.toUser(row);
  const now = ctx.clock.now();
  if (user.disabledAt) throw ValidationError.one('username', '该账号已停用，请联系系统管理员');
  if (isLocked(user, now)) {
    throw ValidationError.one(
      'username',
      `密码连续错误次数过多，账号已锁定，请于 ${fmtTime(user.lockedUntil!)} 后再试或联系系统管理员解锁`,
    );
  }
  const ok = await verifyPassword(row.password_hash, input.password);
  const at = now.toISOString();
  if (!ok) {
    // Recorded as an attempt on the account, not as the account's own act.
    const attempt: Ctx = { ...ctx, actor: { ...ctx.actor, label: `登录尝试（${user.username}）` } };
    const lockedUntil = await inTransaction(attempt, async (ctx) => {
      const failures = await repo.countFailure(ctx.db, user.id, at);
      await recordAudit(ctx, {
        action: 'account.loginFailed',
        subjectType: 'staffUser',
        subjectId: user.id,
        agencyId: user.agencyId,
        after: { failures },
      });
      if (failures < settings.loginMaxFailures) return null;
      const until = new Date(now.getTime() + settings.loginLockMinutes * MINUTE).toISOString();
      await repo.patch(ctx.db, user.id, { locked_until: until, failed_login_count: 0, updated_at: at });
      await recordAudit(ctx, {
        action: 'account.lock',
        subjectType: 'staffUser',
        subjectId: user.id,
        agencyId: user.agencyId,
        after: { lockedUntil: until },
      });
      return until;
    });
    if (lockedUntil)
      throw ValidationError.one(
        'username',
        `密码连续错误 ${settings.loginMaxFailures} 次，账号已锁定 ${settings.loginLockMinutes} 分钟，请于 ${fmtTime(lockedUntil)} 后再试`,
      );
    throw wrong;
  }
  const token = randomBytes(32).toString('base64url');
  // From here on the user acts: the login is recorded as theirs.
  const self: Ctx = { ...ctx, actor: await actorFor(ctx, user) };
  await inTransaction(self, async (ctx) => {
    await repo.patch(ctx.db, user.id, {
      failed_login_count: 0,
      locked_until: null,
      last_login_at: at,
      updated_at: at,
    });
    await repo.insertSession(ctx.db, {
      id: sessionIdOf(token),
      user_id: user.id,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + settings.sessionMaxHours * 60 * MINUTE).toISOString(),
      ip: ctx.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      revoked_at: null,
      revoked_by: null,
    });
    await recordAudit(ctx, {
      action: 'account.login',
      subjectType: 'staffUser',
      subjectId: user.id,
      agencyId: user.agencyId,
    });
  });
  return { token, user: { ...user, lastLoginAt: at, failedLoginCount: 0, lockedUntil: null } };
}

/**
 * Resolves a session token into the acting staff member, or null when the session is unknown,
 * revoked, past its absolute expiry, idle too long, or the account is disabled. Refreshes the
 * idle clock (at most once a minute, to spare the database).
 */
export async function authenticate(
  ctx: Ctx,
  token: string,
  settings: AuthSettings,
): Promise<Authenticated | null> {
  if (!token || token.length > 100) return null;
  const session = await repo.findSession(ctx.db, sessionIdOf(token));
  if (!session || session.revoked_at) return null;
  const now = ctx.clock.now();
  if (new Date(session.expires_at) <= now) return null;
  if (now.getTime() - new Date(session.last_seen_at).getTime() > settings.sessionIdleMinutes * MINUTE)
    return null;
  const row = await repo.findById(ctx.db, session.user_id);
  if (!row || row.disabled_at) return null;
  if (now.getTime() - new Date(session.last_seen_at).getTime() > MINUTE)
    await repo.touchSession(ctx.db, session.id, now.toISOString());
  const user = repo.toUser(row);
  return {
    actor: await actorFor(ctx, user),
    user,
    session: {
      id: session.id,
      userId: user.id,
      createdAt: session.created_at,
      lastSeenAt: session.last_seen_at,
    },
  };
}

export async function actorFor(ctx: Ctx, user: StaffUser): Promise<Actor> {
  const grants = await repo.grantsOf(ctx.db, user.id);
  return {
    kind: 'staff',
    id: user.id,
    label: `${user.displayName}（${user.username}）`,
    agencyId: user.agencyId,
    grants: grants.map((g) => ({ role: g.role as Role, agencyId: g.agencyId, agencyPath: g.agencyPath })),
  };
}

export async function logout(ctx: Ctx, sessionId: string): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const s = await repo.findSession(ctx.db, sessionId);
    if (!s || s.revoked_at) return;
    await repo.revokeSession(ctx.db, sessionId, ctx.clock.now().toISOString(), s.user_id);
    await recordAudit(ctx, {
      action: 'account.logout',
      subjectType: 'staffUser',
      subjectId: s.user_id,
      agencyId: ctx.actor.agencyId,
    });
  });
}

/** Live sessions of the accounts the actor administers (idle ones are left out). */
export async function listSessions(ctx: Ctx, settings: AuthSettings) {
  const now = ctx.clock.now();
  const rows = await repo.listLiveSessions(ctx.db, scopes(ctx.actor, 'listSessions'), now.toISOString());
  return rows.filter(
    (r) => now.getTime() - new Date(r.last_seen_at).getTime() <= settings.sessionIdleMinutes * MINUTE,
  );
}

export async function revokeSession(ctx: Ctx, sessionId: string): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const s = /^[0-9a-f]{64}$/.test(sessionId) ? await repo.findSession(ctx.db, sessionId) : undefined;
    const owner = s && (await repo.findById(ctx.db, s.user_id));
    if (!s || !owner) throw new NotFoundError('未找到该会话');
    assertCan(ctx.actor, 'revokeSession', { path: await agencies.pathOf(ctx, owner.agency_id) });
    await repo.revokeSession(ctx.db, s.id, ctx.clock.now().toISOString(), ctx.actor.id);
    await recordAudit(ctx, {
      action: 'account.revokeSession',
      subjectType: 'staffUser',
      subjectId: s.user_id,
      agencyId: owner.agency_id,
    });
  });
}
