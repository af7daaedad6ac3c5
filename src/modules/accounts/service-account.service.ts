import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { MINUTE } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import type { TokenAuth } from '../../platform/http/api-auth.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies } from '../agencies/index.js';
import { assertCan, scopes as policyScopes } from './account.policy.js';
import * as repo from './account.repository.js';
import * as tokens from './api-token.repository.js';
import { issueTokenSchema, serviceAccountSchema } from './service-account.schemas.js';

/**
 * 服务账号 and 接口令牌: another government system (the OA system, the 12345 platform, the
 * provincial platform) calls the API as a service account of an agency, with tokens an
 * administrator issues. A token is shown once and stored as its SHA-256; it carries scopes
 * (GongkaiModule.apiScopes) and an expiry, and acts with the roles its scopes imply, held for the
 * account's agency and subtree (platform/http/api-auth.ts).
 */

export interface ServiceAccount {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
  disabledAt: string | null;
  createdAt: string;
  liveTokens: number;
}

export type TokenState = 'active' | 'expired' | 'revoked';
export const tokenStateLabels: Record<TokenState, string> = {
  active: '有效',
  expired: '已过期',
  revoked: '已吊销',
};

export interface ApiTokenView {
  id: string;
  accountId: string;
  hint: string;
  scopes: string[];
  ratePerMinute: number | null;
  note: string | null;
  state: TokenState;
  expiresAt: string;
  createdAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
}

/** The token text: `gk_` and 43 base64url characters (256 random bits). */
const TOKEN = /^gk_[A-Za-z0-9_-]{43}$/;
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function stateOf(t: { revoked_at: string | null; expires_at: string }, now: Date): TokenState {
  if (t.revoked_at) return 'revoked';
  return t.expires_at <= now.toISOString() ? 'expired' : 'active';
}

function view(t: tokens.ApiTokenRow, now: Date): ApiTokenView {
  return {
    id: t.id,
    accountId: t.service_account_id,
    hint: t.hint,
    scopes: JSON.parse(t.scopes) as string[],
    ratePerMinute: t.rate_per_minute,
    note: t.note,
    state: stateOf(t, now),
    expiresAt: t.expires_at,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    lastUsedIp: t.last_used_ip,
    revokedAt: t.revoked_at,
  };
}

/** A new service account of an agency (administrators of that agency). */
export async function addServiceAccount(ctx: Ctx, raw: unknown): Promise<ServiceAccount> {
  const input = serviceAccountSchema.parse(raw);
  const agency = await agencies.resolve(ctx, input.agency).catch(() => {
    throw ValidationError.one('agency', `未找到机构“${input.agency}”`);
  });
  assertCan(ctx.actor, 'create', agency);
  return inTransaction(ctx, async (ctx) => {
    if (await tokens.findAccountByName(ctx.db, input.name))
      throw ValidationError.one('name', `已有名为“${input.name}”的服务账号，请换一个名称（如加上机构名）`);
    const now = ctx.clock.now().toISOString();
    const id = newId();
    await repo.insert(ctx.db, {
      id,
      agency_id: agency.id,
      username: `service-${id.replace(/-/g, '').slice(-12)}`,
      display_name: input.name,
      // No password can match: the account never logs in on a page (auth.service.ts refuses it).
      password_hash: '!service-account',
      must_change_password: 0,
      failed_login_count: 0,
      locked_until: null,
      disabled_at: null,
      last_login_at: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
      kind: 'service',
    });
    await recordAudit(ctx, {
      action: 'serviceAccount.create',
      subjectType: 'serviceAccount',
      subjectId: id,
      agencyId: agency.id,
      after: { name: input.name, agencyName: agency.name },
    });
    return {
      id,
      name: input.name,
      agencyId: agency.id,
      agencyName: agency.name,
      disabledAt: null,
      createdAt: now,
      liveTokens: 0,
    };
  });
}

/** Service accounts of the agencies the actor administers. */
export async function listServiceAccounts(ctx: Ctx): Promise<ServiceAccount[]> {
  const rows = await tokens.accountsWithin(
    ctx.db,
    policyScopes(ctx.actor, 'create'),
    ctx.clock.now().toISOString(),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.display_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
    liveTokens: Number(r.live_tokens),
  }));
}

/** A service account by its ID or its name, if the actor administers its agency. */
export async function serviceAccount(ctx: Ctx, nameOrId: string): Promise<ServiceAccount> {
  const key = nameOrId.trim();
  const row = isId(key)
    ? await tokens.findAccountById(ctx.db, key)
    : await tokens.findAccountByName(ctx.db, key);
  if (!row) throw new NotFoundError(`未找到服务账号“${key}”`);
  assertCan(ctx.actor, 'create', { path: await agencies.pathOf(ctx, row.agency_id) });
  const list = await listServiceAccounts(ctx);
  return list.find((a) => a.id === row.id)!;
}

/** Issues a token; the text is returned once, here, and never again. */
export async function issueToken(
  ctx: Ctx,
  accountNameOrId: string,
  raw: unknown,
): Promise<{ token: string; view: ApiTokenView }> {
  const input = issueTokenSchema.parse(raw);
  const known = ctx.modules.apiScopes;
  const unknown = input.scopes.filter((s) => !known.has(s));
  if (unknown.length)
    throw ValidationError.one(
      'scopes',
      `没有权限范围 ${unknown.join('、')}；可选：${[...known.keys()].join('、')}`,
    );
  const account = await serviceAccount(ctx, accountNameOrId);
  if (account.disabledAt) throw ValidationError.one('account', '该服务账号已停用，不能签发令牌');
  const token = `gk_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock.now();
  const row: tokens.ApiTokenRow = {
    id: newId(),
    service_account_id: account.id,
    agency_id: account.agencyId,
    token_hash: tokenHash(token),
    hint: token.slice(-4),
    scopes: JSON.stringify([...new Set(input.scopes)].sort()),
    rate_per_minute: input.ratePerMinute,
    note: input.note,
    expires_at: new Date(now.getTime() + input.days * 24 * 60 * MINUTE).toISOString(),
    created_at: now.toISOString(),
    created_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
    last_used_at: null,
    last_used_ip: null,
    revoked_at: null,
    revoked_by: null,
  };
  await inTransaction(ctx, async (ctx) => {
    await tokens.insertToken(ctx.db, row);
    await recordAudit(ctx, {
      action: 'apiToken.issue',
      subjectType: 'serviceAccount',
      subjectId: account.id,
      agencyId: account.agencyId,
      after: { tokenId: row.id, hint: row.hint, scopes: JSON.parse(row.scopes), expiresAt: row.expires_at },
    });
  });
  return { token, view: view(row, now) };
}

export async function listTokens(ctx: Ctx, accountNameOrId: string): Promise<ApiTokenView[]> {
  const account = await serviceAccount(ctx, accountNameOrId);
  const now = ctx.clock.now();
  return (await tokens.tokensOf(ctx.db, account.id)).map((t) => view(t, now));
}

/** Revokes one token (by its ID); revoking a revoked token changes nothing. */
export async function revokeToken(ctx: Ctx, id: string): Promise<ApiTokenView> {
  const row = isId(id) ? await tokens.findToken(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError('未找到该接口令牌');
  assertCan(ctx.actor, 'create', { path: await agencies.pathOf(ctx, row.agency_id) });
  const now = ctx.clock.now();
  if (row.revoked_at) return view(row, now);
  await inTransaction(ctx, async (ctx) => {
    await tokens.revoke(
      ctx.db,
      [row.id],
      now.toISOString(),
      ctx.actor.kind === 'staff' ? ctx.actor.id : null,
    );
    await recordAudit(ctx, {
      action: 'apiToken.revoke',
      subjectType: 'serviceAccount',
      subjectId: row.service_account_id,
      agencyId: row.agency_id,
      after: { tokenId: row.id, hint: row.hint },
    });
  });
  return view({ ...row, revoked_at: now.toISOString() }, now);
}

/** Revokes every token of the account that is not revoked yet; how many. */
export async function revokeAllTokens(ctx: Ctx, accountNameOrId: string): Promise<number> {
  const account = await serviceAccount(ctx, accountNameOrId);
  const now = ctx.clock.now().toISOString();
  const live = (await tokens.tokensOf(ctx.db, account.id)).filter((t) => !t.revoked_at);
  if (live.length === 0) return 0;
  await inTransaction(ctx, async (ctx) => {
    await tokens.revoke(
      ctx.db,
      live.map((t) => t.id),
      now,
      ctx.actor.kind === 'staff' ? ctx.actor.id : null,
    );
    await recordAudit(ctx, {
      action: 'apiToken.revoke',
      subjectType: 'serviceAccount',
      subjectId: account.id,
      agencyId: account.agencyId,
      after: { count: live.length },
    });
  });
  return live.length;
}

/**
 * The service account behind a token (Capabilities.authenticateToken): the actor carries the
 * roles of the token's scopes at the account's agency, nothing more. Records the last use at
 * most once a minute.
 */
export async function authenticateToken(ctx: Ctx, token: string): Promise<TokenAuth> {
  if (!TOKEN.test(token)) return { ok: false, reason: 'unknown' };
  const row = await tokens.findByHash(ctx.db, tokenHash(token));
  if (!row) return { ok: false, reason: 'unknown' };
  const now = ctx.clock.now();
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  if (row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' };
  if (row.account_disabled_at) return { ok: false, reason: 'disabled' };
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= MINUTE)
    await tokens.touch(ctx.db, row.id, now.toISOString(), ctx.ip);
  const scopes = (JSON.parse(row.scopes) as string[]).filter((s) => ctx.modules.apiScopes.has(s));
  const roles = new Set<Role>(scopes.flatMap((s) => ctx.modules.apiScopes.get(s)!.roles));
  const agencyPath = await agencies.pathOf(ctx, row.agency_id);
  const actor: Actor = {
    kind: 'service',
    id: row.service_account_id,
    label: `${row.account_name}（服务账号）`,
    agencyId: row.agency_id,
    grants: [...roles].map((role) => ({ role, agencyId: row.agency_id, agencyPath })),
  };
  return {
    ok: true,
    actor,
    user: {
      id: row.service_account_id,
      username: row.account_username,
      displayName: row.account_name,
      mustChangePassword: false,
    },
    tokenId: row.id,
    scopes,
    ratePerMinute: row.rate_per_minute,
  };
}
