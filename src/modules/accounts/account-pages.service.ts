// Page models of the back office's account pages: each page asks one function, which loads what
// the page shows and says which actions the viewer may take (the views only read `allowed`).
import type { Ctx } from '../../platform/context.js';
import { agencies, type Agency } from '../agencies/index.js';
import { can, type AccountAction } from './account.policy.js';
import { accountStatus, grantView, noticeView, sessionView } from './account.presenter.js';
import * as accounts from './account.service.js';
import * as auth from './auth.service.js';
import { unreadForMe } from './notification.service.js';
import { workbenchPanels } from './workbench.js';

/** Agencies the actor sees in the back office and may do `action` for (form choices). */
async function agenciesWhere(ctx: Ctx, action: AccountAction): Promise<Agency[]> {
  return (await agencies.listForStaff(ctx)).filter((a) => can(ctx.actor, action, a));
}

async function agencyName(ctx: Ctx, id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await agencies.namesOf(ctx, [id])).get(id) ?? null;
}

/**
 * 工作台: the signed-in member's agency, roles and unread notices, and the panels the installed
 * modules contribute (the member's work: cases by deadline, approvals, the annual reports).
 */
export async function workbench(ctx: Ctx) {
  const { user, grants } = await accounts.get(ctx, ctx.actor.id ?? '');
  return {
    displayName: user.displayName,
    agencyName: await agencyName(ctx, user.agencyId),
    /** The roles the member holds (the 工作台 lists them). */
    roles: grants.map(grantView),
    notices: (await unreadForMe(ctx)).map(noticeView),
    panels: await workbenchPanels(ctx),
  };
}

/** 账号: the accounts the actor may read, in tree order. */
export async function userList(ctx: Ctx) {
  const now = ctx.clock.now();
  const list = await accounts.list(ctx);
  const mayCreate = (await agenciesWhere(ctx, 'create')).length > 0;
  return {
    users: list.map(({ user, agencyName }) => ({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      agencyName,
      status: accountStatus(user, now),
      lastLoginAt: user.lastLoginAt,
    })),
    allowed: (mayCreate ? ['create'] : []) as Array<'create'>,
  };
}

/** 新增账号: the agencies an account may be created in. */
export async function newUserForm(ctx: Ctx) {
  return { agencies: await agenciesWhere(ctx, 'create') };
}

export type UserPageAction = 'unlock' | 'disable' | 'enable' | 'grant' | 'resetPassword' | 'readAudit';

/** One account: its state, its roles (each saying whether the viewer may revoke it), and what the viewer may do. */
export async function userPage(ctx: Ctx, id: string) {
  const { user, grants, agencyPath: path } = await accounts.get(ctx, id);
  const status = accountStatus(user, ctx.clock.now());
  const grantAgencies = await agenciesWhere(ctx, 'grant');
  const may = (action: AccountAction) => can(ctx.actor, action, { path });
  const allowed: UserPageAction[] = [];
  if (status.state === 'locked' && may('unlock')) allowed.push('unlock');
  // Nobody switches off their own account: there would be no one left signed in to undo it.
  if (may('disable') && user.id !== ctx.actor.id) allowed.push(user.disabledAt ? 'enable' : 'disable');
  if (grantAgencies.length && may('grant')) allowed.push('grant');
  if (may('resetPassword')) allowed.push('resetPassword');
  if (may('readAudit')) allowed.push('readAudit');
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      agencyId: user.agencyId,
      lastLoginAt: user.lastLoginAt,
      passwordChangedAt: user.passwordChangedAt,
    },
    agencyName: await agencyName(ctx, user.agencyId),
    status,
    roles: grants.map((g) => ({
      ...grantView(g),
      revocable: can(ctx.actor, 'grant', { path: g.agencyPath }),
    })),
    grantAgencies,
    allowed,
  };
}
export type UserPage = Awaited<ReturnType<typeof userPage>>;

/** 在线会话: live sessions of the accounts the actor administers; the viewer's own is marked. */
export async function sessionsPage(ctx: Ctx, settings: auth.AuthSettings, currentSessionId: string | null) {
  const list = await auth.listSessions(ctx, settings);
  return {
    sessions: list.map((s) => {
      const view = sessionView(s, currentSessionId);
      // One's own session ends by signing out, not from this list.
      return {
        ...view,
        revocable: !view.current && can(ctx.actor, 'revokeSession', { path: s.agency_path }),
      };
    }),
    idleMinutes: settings.sessionIdleMinutes,
    maxHours: settings.sessionMaxHours,
  };
}
