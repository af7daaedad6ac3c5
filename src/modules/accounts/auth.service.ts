import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { formatDateTime, MINUTE } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isLocked, type StaffUser } from './account.js';
import { scopes } from './account.policy.js';
import { loadManaged } from './account.service.js';
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

/**
 * Checks a user name and password. Each attempt is counted before the password is checked, so
 * at most `loginMaxFailures` guesses are ever tried, however many arrive at once; at the limit
 * the account locks for `loginLockMinutes`. Unknown names and wrong passwords get the same
 * answer. Returns the new session's token (for the cookie) on success.
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
  // A service account calls the API with its tokens; it never logs in on a page.
  if (!row || row.kind !== 'person') {
    await verifyPassword(await decoyHash(), input.password);
    throw wrong;
  }
  const user = repo.toUser(row);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const until = new Date(now.getTime() + settings.loginLockMinutes * MINUTE).toISOString();
  const lockedMessage = (lockedUntil: string) =>
    ValidationError.one(
      'username',
      `密码连续错误次数过多，账号已锁定，请于 ${formatDateTime(lockedUntil)} 后再试，或联系系统管理员解锁`,
    );
  // Attempts on the account are recorded as such, not as the account's own acts.
  const attempt: Ctx = { ...ctx, actor: { ...ctx.actor, label: `登录尝试（${user.username}）` } };
  const lockNow = () =>
    inTransaction(attempt, async (ctx) => {
      if (!(await repo.lockIfExhausted(ctx.db, user.id, settings.loginMaxFailures, until, at))) return;
      await recordAudit(ctx, {
        action: 'account.lock',
        subjectType: 'staffUser',
        subjectId: user.id,
        agencyId: user.agencyId,
        after: { lockedUntil: until },
      });
    });

  if (user.disabledAt) throw ValidationError.one('username', '该账号已停用，请联系系统管理员');
  if (!(await repo.reserveAttempt(ctx.db, user.id, at, settings.loginMaxFailures))) {
    const current = repo.toUser((await repo.findById(ctx.db, user.id))!);
    if (isLocked(current, now)) throw lockedMessage(current.lockedUntil!);
    await lockNow(); // the attempts are used up by guesses still in flight
    throw lockedMessage(until);
  }

  if (!(await verifyPassword(row.password_hash, input.password))) {
    await inTransaction(attempt, async (ctx) => {
      const failures = (await repo.findById(ctx.db, user.id))?.failed_login_count ?? 0;
      await recordAudit(ctx, {
        action: 'account.loginFailed',
        subjectType: 'staffUser',
        subjectId: user.id,
        agencyId: user.agencyId,
        after: { failures },
      });
    });
    await lockNow();
    const current = repo.toUser((await repo.findById(ctx.db, user.id))!);
    if (isLocked(current, now)) {
      throw ValidationError.one(
        'username',
        `密码连续错误 ${settings.loginMaxFailures} 次，账号已锁定 ${settings.loginLockMinutes} 分钟，请于 ${formatDateTime(current.lockedUntil)} 后再试`,
      );
    }
    throw wrong;
  }

  const token = randomBytes(32).toString('base64url');
  // From here on the user acts: the login is recorded as theirs.
  const self: Ctx = { ...ctx, actor: await actorFor(ctx, user) };
  await inTransaction(self, async (ctx) => {
    if (!(await repo.completeLogin(ctx.db, user.id, at))) {
      const current = repo.toUser((await repo.findById(ctx.db, user.id))!);
      throw lockedMessage(current.lockedUntil ?? until);
    }
    await repo.insertSession(ctx.db, {
      id: sessionIdOf(token),
      user_id: user.id,
      agency_id: user.agencyId,
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
  if (!row || row.disabled_at || row.kind !== 'person') return null;
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
    const session = /^[0-9a-f]{64}$/.test(sessionId) ? await repo.findSession(ctx.db, sessionId) : undefined;
    if (!session) throw new NotFoundError('未找到该会话');
    const owner = await loadManaged(ctx, session.user_id, 'revokeSession');
    await repo.revokeSession(ctx.db, session.id, ctx.clock.now().toISOString(), ctx.actor.id);
    await recordAudit(ctx, {
      action: 'account.revokeSession',
      subjectType: 'staffUser',
      subjectId: owner.id,
      agencyId: owner.agencyId,
    });
  });
}
