import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies, type Agency } from '../agencies/index.js';
import {
  accountStatusLabels,
  eventTransitions,
  platformGroup,
  platformGroupLabel,
  platformLabels,
  qrTarget,
  type AccountStatus,
  type EventKind,
  type MediaAccount,
  type Platform,
} from './media.js';
import { staffView, toAccount, type StaffAccountView } from './media.presenter.js';
import { assertCan, can, scopes } from './media.policy.js';
import { qrPng, qrSvg } from './media-qr.js';
import * as repo from './media.repository.js';
import { accountSchema, eventSchema, registerSchema } from './media.schemas.js';
import type { MediaAccountTable, MediaActivityTable } from './media.tables.js';

const today = (ctx: Ctx) => beijingDate(ctx.clock.now());

/** An account with its 主办单位's name and path. */
export type AccountWithAgency = MediaAccount & { agencyName: string; agencyPath: string };

function withAgency(r: repo.AccountRow): AccountWithAgency {
  return { ...toAccount(r), agencyName: r.agency_name, agencyPath: r.agency_path };
}

async function load(ctx: Ctx, id: string): Promise<repo.AccountRow> {
  const r = isId(id) ? await repo.findAccount(ctx.db, id) : undefined;
  if (!r) throw new NotFoundError('未找到该政务新媒体账号');
  return r;
}

/** The 主办单位 named in a form: an agency of the tree, not dissolved, that the actor manages. */
async function hostAgency(ctx: Ctx, agencyId: string): Promise<Agency> {
  const a = isId(agencyId) ? await agencies.getPublic(ctx, agencyId).catch(() => null) : null;
  if (!a || a.dissolvedAt) throw ValidationError.one('agencyId', '主办单位应为本平台现有的机构');
  if (!can(ctx.actor, 'manage', a)) throw ValidationError.one('agencyId', '您不能为该机构登记政务新媒体账号');
  return a;
}

/**
 * 一个单位原则上在同一平台只开设一个政务新媒体账号 (国办发〔2018〕123号): refused with the name
 * of the account already there. 订阅号 and 服务号 count as one platform (微信公众号). The unique
 * index on (agency, platform group) among accounts not 注销 backs this up against a race.
 */
async function assertOnePerPlatform(ctx: Ctx, agency: Agency, platform: Platform, exceptId: string | null) {
  const other = await repo.liveInGroup(ctx.db, agency.id, platformGroup(platform), exceptId);
  if (other) throw samePlatform(agency, platform, other);
}

function samePlatform(
  agency: Agency,
  platform: Platform,
  other: { name: string; status: string; platform: string } | null,
) {
  const group = platformGroupLabel(platform);
  const status = (s: string) => accountStatusLabels[s as AccountStatus] ?? s;
  const kind = (p: string) => platformLabels[p as Platform] ?? p;
  const which = !other
    ? '已有账号'
    : group === platformLabels[platform]
      ? `已有账号“${other.name}”（${status(other.status)}）`
      : `已有账号“${other.name}”（${kind(other.platform)}，${status(other.status)}）`;
  return ValidationError.one(
    'platform',
    `${agency.name}在${group}上${which}。一个单位在同一平台原则上只开设一个政务新媒体账号；如需更换，请先注销原账号。`,
  );
}

function personal(ctx: Ctx, v: string | null): string | null {
  return v ? ctx.cipher.encrypt(v) : null;
}

function accountFields(ctx: Ctx, v: ReturnType<typeof accountSchema.parse>) {
  if (!v.url && !v.accountRef)
    throw ValidationError.one('url', '请填写账号地址或账号 ID（原始ID/UID）中的至少一项，二维码据此生成');
  return {
    agency_id: v.agencyId,
    platform: v.platform,
    platform_group: platformGroup(v.platform),
    name: v.name,
    account_ref: v.accountRef,
    url: v.url,
    operator_org: v.operatorOrg,
    verified_entity: v.verifiedEntity,
    channels: v.channels.join(','),
    filing_status: v.filingStatus,
    filing_no: v.filingNo,
    manager_name_enc: personal(ctx, v.managerName),
    manager_phone_enc: personal(ctx, v.managerPhone),
  };
}

/** What the audit log keeps of an account: no 负责人 or phone. */
const snapshot = (a: Pick<MediaAccountTable, 'name' | 'platform' | 'status' | 'agency_id'>) => ({
  name: a.name,
  platform: a.platform,
  status: a.status,
});

async function guardUnique<T>(agency: Agency, platform: Platform, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw samePlatform(agency, platform, null);
    throw e;
  }
}

/** Registers an account: applied for (申请开设) or already open (开设), with the date and 审批文号. */
export async function register(ctx: Ctx, raw: unknown): Promise<MediaAccount> {
  const v = registerSchema.parse(raw);
  if (v.occurredOn > today(ctx)) throw ValidationError.one('occurredOn', '日期不能晚于今天');
  const agency = await hostAgency(ctx, v.agencyId);
  const fields = accountFields(ctx, v);
  const now = ctx.clock.now().toISOString();
  const row: MediaAccountTable = {
    id: newId(),
    ...fields,
    status: v.status,
    opened_on: v.status === 'open' ? v.occurredOn : null,
    closed_on: null,
    last_post_on: null,
    created_at: now,
    updated_at: now,
  };
  return guardUnique(agency, v.platform, () =>
    inTransaction(ctx, async (ctx) => {
      await assertOnePerPlatform(ctx, agency, v.platform, null);
      await repo.insertAccount(ctx.db, row);
      await repo.insertEvent(ctx.db, {
        id: newId(),
        agency_id: agency.id,
        account_id: row.id,
        kind: v.status === 'open' ? 'open' : 'apply',
        occurred_on: v.occurredOn,
        approval_no: v.approvalNo,
        note: null,
        created_at: now,
      });
      await recordAudit(ctx, {
        action: 'media.register',
        subjectType: 'mediaAccount',
        subjectId: row.id,
        agencyId: agency.id,
        after: snapshot(row),
      });
      return toAccount(row);
    }),
  );
}

/** Corrects an account's registry data (a 变更 itself is an event: `addEvent`). */
export async function update(ctx: Ctx, id: string, raw: unknown): Promise<MediaAccount> {
  const before = await load(ctx, id);
  assertCan(ctx.actor, 'manage', { path: before.agency_path });
  const v = accountSchema.parse(raw);
  const agency = await hostAgency(ctx, v.agencyId);
  const fields = accountFields(ctx, v);
  const now = ctx.clock.now().toISOString();
  return guardUnique(agency, v.platform, () =>
    inTransaction(ctx, async (ctx) => {
      if (before.status !== 'closed') await assertOnePerPlatform(ctx, agency, v.platform, id);
      await repo.updateAccount(ctx.db, id, { ...fields, updated_at: now });
      await recordAudit(ctx, {
        action: 'media.update',
        subjectType: 'mediaAccount',
        subjectId: id,
        agencyId: agency.id,
        before: snapshot(before),
        after: snapshot({ ...before, ...fields }),
      });
      return toAccount({ ...before, ...fields, updated_at: now });
    }),
  );
}

/** 开设、变更、关停（提示公告）、注销: the event with its date and 审批文号, and the status it leads to. */
export async function addEvent(ctx: Ctx, id: string, raw: unknown): Promise<MediaAccount> {
  const a = await load(ctx, id);
  assertCan(ctx.actor, 'manage', { path: a.agency_path });
  const v = eventSchema.parse(raw);
  if (v.occurredOn > today(ctx)) throw ValidationError.one('occurredOn', '日期不能晚于今天');
  const rule = eventTransitions[v.kind as EventKind];
  const status = a.status as AccountStatus;
  if (!rule.from.includes(status))
    throw ValidationError.one('kind', `账号当前为“${accountStatusLabels[status]}”，不能办理该事项`);
  const next = rule.to ?? status;
  const now = ctx.clock.now().toISOString();
  const fields: Partial<MediaAccountTable> = { status: next, updated_at: now };
  if (v.kind === 'open') fields.opened_on = v.occurredOn;
  if (v.kind === 'cancel') fields.closed_on = v.occurredOn;
  const agency = await agencies.get(ctx, a.agency_id);
  return guardUnique(agency, a.platform as Platform, () =>
    inTransaction(ctx, async (ctx) => {
      await repo.updateAccount(ctx.db, id, fields);
      await repo.insertEvent(ctx.db, {
        id: newId(),
        agency_id: a.agency_id,
        account_id: id,
        kind: v.kind,
        occurred_on: v.occurredOn,
        approval_no: v.approvalNo,
        note: v.note,
        created_at: now,
      });
      await recordAudit(ctx, {
        action: `media.${v.kind}`,
        subjectType: 'mediaAccount',
        subjectId: id,
        agencyId: a.agency_id,
        before: snapshot(a),
        after: { ...snapshot({ ...a, ...fields }), date: v.occurredOn, approvalNo: v.approvalNo },
      });
      return toAccount({ ...a, ...fields });
    }),
  );
}

/** The accounts the actor may read, every status, in tree order. */
export async function listForStaff(ctx: Ctx): Promise<AccountWithAgency[]> {
  const within = scopes(ctx.actor, 'view');
  if (within.length === 0) throw new ForbiddenError();
  return (await repo.listAccounts(ctx.db, within)).map(withAgency);
}

export interface AccountPage {
  account: AccountWithAgency;
  view: StaffAccountView;
  events: Array<{ kind: EventKind; occurredOn: string; approvalNo: string | null; note: string | null }>;
  /** The latest 24 periods entered. */
  activity: MediaActivityTable[];
  mayManage: boolean;
  qr: string | null;
  qrText: string | null;
}

/** One account for the back office: the 负责人's phone in full only for those who manage it. */
export async function accountPage(ctx: Ctx, id: string): Promise<AccountPage> {
  const r = await load(ctx, id);
  assertCan(ctx.actor, 'view', { path: r.agency_path });
  const mayManage = can(ctx.actor, 'manage', { path: r.agency_path });
  const account = withAgency(r);
  const target = qrTarget(account);
  return {
    account,
    view: staffView(r, (s) => ctx.cipher.decrypt(s), mayManage),
    events: (await repo.eventsOf(ctx.db, id)).map((e) => ({
      kind: e.kind as EventKind,
      occurredOn: e.occurred_on,
      approvalNo: e.approval_no,
      note: e.note,
    })),
    activity: await repo.activityOf(ctx.db, id, 24),
    mayManage,
    qr: target ? await qrSvg(target, `${account.name}的二维码`) : null,
    qrText: target,
  };
}

/** The agencies the actor may register accounts for (the form's choice). */
export async function hostChoices(ctx: Ctx): Promise<Agency[]> {
  const list = await agencies.listForStaff(ctx);
  return list.filter((a) => !a.dissolvedAt && can(ctx.actor, 'manage', a));
}

export interface MatrixGroup {
  agency: { id: string; name: string };
  accounts: Array<AccountWithAgency & { qr: string | null; qrText: string | null }>;
}

/**
 * The public matrix (政务新媒体矩阵): the open accounts by 主办单位 in tree order, each with its QR
 * code. 申请开设, 关停 and 注销 accounts are not on it (they stay in the registry). `platform`
 * narrows it to one platform.
 */
export async function matrix(
  ctx: Ctx,
  q: { platform?: string } = {},
): Promise<{
  groups: MatrixGroup[];
  total: number;
  platforms: Platform[];
  platform: Platform | null;
}> {
  const all = (await repo.listAccounts(ctx.db, ['/'], ['open'])).map(withAgency);
  const platform = (Object.keys(platformLabels) as Platform[]).find((p) => p === q.platform) ?? null;
  const shown = platform ? all.filter((a) => a.platform === platform) : all;
  const groups = new Map<string, MatrixGroup>();
  for (const a of shown) {
    const target = qrTarget(a);
    const g = groups.get(a.agencyId) ?? { agency: { id: a.agencyId, name: a.agencyName }, accounts: [] };
    g.accounts.push({
      ...a,
      qr: target
        ? await qrSvg(target, `${a.agencyName}${platformLabels[a.platform]}“${a.name}”的二维码`)
        : null,
      qrText: target,
    });
    groups.set(a.agencyId, g);
  }
  return {
    groups: [...groups.values()],
    total: shown.length,
    platforms: [...new Set(all.map((a) => a.platform))],
    platform,
  };
}

/** An open account's QR code as PNG (public, as the matrix shows it); null when it has none. */
export async function qrCodePng(ctx: Ctx, id: string): Promise<Buffer> {
  const r = isId(id) ? await repo.findAccount(ctx.db, id) : undefined;
  const visible = r && (r.status === 'open' || can(ctx.actor, 'view', { path: r.agency_path }));
  const target = r && visible ? qrTarget(toAccount(r)) : null;
  if (!target) throw new NotFoundError('未找到该政务新媒体账号的二维码');
  return qrPng(target);
}

/** The correction form: the account as its keepers see it, and the agencies it may move to. */
export async function editPage(
  ctx: Ctx,
  id: string,
): Promise<{ page: AccountPage; hosts: Agency[]; values: Record<string, string | string[]> }> {
  const page = await accountPage(ctx, id);
  if (!page.mayManage) throw new ForbiddenError();
  const a = page.account;
  return {
    page,
    hosts: await hostChoices(ctx),
    values: {
      agencyId: a.agencyId,
      platform: a.platform,
      name: a.name,
      url: a.url ?? '',
      accountRef: a.accountRef ?? '',
      verifiedEntity: a.verifiedEntity ?? '',
      operatorOrg: a.operatorOrg ?? '',
      channels: a.channels,
      managerName: page.view.managerName ?? '',
      managerPhone: page.view.managerPhone ?? '',
      filingStatus: a.filingStatus,
      filingNo: a.filingNo ?? '',
    },
  };
}
