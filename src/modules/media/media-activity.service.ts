import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { columns, readTable, readUploadedSpreadsheet } from '../../platform/import/index.js';
import { FieldProblem, integer, oneOf, optional, text, type Field } from '../../platform/schema.js';
import { notifications, type WorkbenchPanel } from '../accounts/index.js';
import { agencies, type Agency } from '../agencies/index.js';
import {
  daysBefore,
  findingLabels,
  freshness,
  periodEnd,
  periodKindLabels,
  periodKinds,
  periodStart,
  platformLabels,
  platforms,
  type FindingKind,
  type Freshness,
  type Observer,
  type PeriodKind,
} from './media.js';
import { toAccount } from './media.presenter.js';
import { assertCan, can, scopes } from './media.policy.js';
import * as repo from './media.repository.js';
import { activitySchema } from './media.schemas.js';
import { mediaSettings } from './media.settings.js';
import type { AccountWithAgency } from './media.service.js';

const today = (ctx: Ctx) => beijingDate(ctx.clock.now());

/** One period's figures, parsed (form or spreadsheet row). */
interface ActivityInput {
  period: PeriodKind;
  periodValue: string;
  posts: number;
  reposts: number;
  messagesReceived: number;
  messagesAnswered: number;
  followers: number | null;
  reads: number;
  lastPostOn: string | null;
}

/** The rules a period's figures must keep; each problem names its field. */
function checkActivity(
  v: ActivityInput,
  todayDate: string,
): { start: string; problems: Array<[keyof ActivityInput, string]> } {
  const problems: Array<[keyof ActivityInput, string]> = [];
  const start = periodStart(v.period, v.periodValue);
  if (!start)
    problems.push([
      'periodValue',
      v.period === 'day'
        ? `日期“${v.periodValue}”不是有效日期，应为 YYYY-MM-DD，例如 2026-03-05`
        : `月份“${v.periodValue}”不是有效月份，应为 YYYY-MM，例如 2026-03`,
    ]);
  else if (start > todayDate) problems.push(['periodValue', '统计周期不能晚于今天']);
  // A month says nothing of its days: without its last post date the 2-week rule would count
  // from the last date known before it (or the opening), a wrong veto.
  if (v.period === 'month' && v.posts > 0 && !v.lastPostOn && start)
    problems.push([
      'lastPostOn',
      '按月填报且本月发布数大于 0 时，请填写最近发布日期（本月最后一次发布的日期），用于两周未更新的检查',
    ]);
  if (v.lastPostOn && start) {
    if (v.posts === 0) problems.push(['lastPostOn', '本期发布数为 0，不应填写最近发布日期']);
    else if (v.lastPostOn < start || v.lastPostOn > periodEnd(v.period, start))
      problems.push(['lastPostOn', '最近发布日期应在统计周期之内']);
    else if (v.lastPostOn > todayDate) problems.push(['lastPostOn', '最近发布日期不能晚于今天']);
  }
  return { start: start ?? '', problems };
}

/** Writes a period (a second entry for the same period replaces the first). */
async function writeActivity(
  ctx: Ctx,
  a: repo.AccountRow,
  v: ActivityInput,
  start: string,
  observedBy: Observer,
): Promise<'inserted' | 'updated'> {
  const now = ctx.clock.now().toISOString();
  const fields = {
    posts: v.posts,
    reposts: v.reposts,
    messages_received: v.messagesReceived,
    messages_answered: v.messagesAnswered,
    followers: v.followers,
    reads: v.reads,
    last_post_on: v.lastPostOn,
    observed_by: observedBy,
    updated_at: now,
  };
  const existing = await repo.findActivity(ctx.db, a.id, v.period, start);
  if (existing) await repo.updateActivity(ctx.db, existing.id, fields);
  else
    await repo.insertActivity(ctx.db, [
      {
        id: newId(),
        agency_id: a.agency_id,
        account_id: a.id,
        period: v.period,
        period_start: start,
        created_at: now,
        ...fields,
      },
    ]);
  return existing ? 'updated' : 'inserted';
}

/**
 * The account's last post, recomputed from its stored activity (the latest 最近发布日期 given, or
 * the latest day with posts): a mistaken date corrected later (a day re-entered with 0 posts)
 * moves it back, so the 2-week rule sees the truth.
 */
async function refreshLastPost(ctx: Ctx, a: Pick<repo.AccountRow, 'id' | 'last_post_on'>): Promise<void> {
  const last = await repo.lastPostFromActivity(ctx.db, a.id);
  if (last === a.last_post_on) return;
  await repo.updateAccount(ctx.db, a.id, { last_post_on: last, updated_at: ctx.clock.now().toISOString() });
}

/** The operator enters a day's or a month's figures for an account. */
export async function recordActivity(ctx: Ctx, accountId: string, raw: unknown): Promise<void> {
  const a = isId(accountId) ? await repo.findAccount(ctx.db, accountId) : undefined;
  if (!a) throw new NotFoundError('未找到该政务新媒体账号');
  assertCan(ctx.actor, 'manage', { path: a.agency_path });
  const v = activitySchema.parse(raw);
  const { start, problems } = checkActivity(v, today(ctx));
  if (problems.length) throw new ValidationError(problems.map(([field, message]) => ({ field, message })));
  await inTransaction(ctx, async (ctx) => {
    await writeActivity(ctx, a, v, start, 'operator');
    await refreshLastPost(ctx, a);
    await recordAudit(ctx, {
      action: 'media.activity',
      subjectType: 'mediaAccount',
      subjectId: a.id,
      agencyId: a.agency_id,
      after: { period: v.period, date: start, posts: v.posts, reposts: v.reposts },
    });
  });
}

const count = (label: string) => integer(label, 0, 1_000_000_000);

/** A count cell that may be empty (read as 0). */
function countOrZero(label: string): Field<number> {
  const f = count(label);
  return {
    ...f,
    optional: true,
    parse: (raw, l) => (raw === undefined || raw === null || String(raw).trim() === '' ? 0 : f.parse(raw, l)),
  };
}

/** A date cell: YYYY-MM-DD, or as Excel saves it (2026/3/5). */
function dayCell(label: string): Field<string> {
  return {
    label,
    optional: false,
    json: { type: 'string', description: label },
    parse(raw, l) {
      const v = raw === undefined || raw === null ? '' : String(raw).trim();
      if (!v) throw new FieldProblem(`请填写${l}`);
      const d = periodStart('day', v);
      if (!d) throw new FieldProblem(`${l}“${v}”不是有效日期，应为 YYYY-MM-DD，例如 2026-03-05`);
      return d;
    },
  };
}

/** The spreadsheet `gongkai media import` and the back office read (the header names the columns). */
export const activityColumns = columns({
  agency: text('主办单位', { max: 200 }),
  platform: oneOf('平台', platforms, platformLabels),
  name: text('账号名称', { max: 100 }),
  period: oneOf('统计周期', periodKinds, periodKindLabels),
  periodValue: text('日期或月份', { max: 20 }),
  posts: countOrZero('发布数'),
  reposts: countOrZero('转载数'),
  messagesReceived: countOrZero('收到留言'),
  messagesAnswered: countOrZero('回复留言'),
  followers: optional(count('粉丝数')),
  reads: countOrZero('阅读量'),
  lastPostOn: optional(dayCell('最近发布日期')),
});

export interface ActivityImport {
  rows: number;
  inserted: number;
  updated: number;
}

/**
 * Imports activity (CSV in any encoding Excel or WPS saves, or XLSX): all or nothing, each bad
 * cell named by row and column. A row names its account by 主办单位 (full or short name), 平台 and
 * 账号名称; the actor must keep that account. A period entered before is replaced.
 */
export async function importActivity(ctx: Ctx, bytes: Uint8Array): Promise<ActivityImport> {
  if (scopes(ctx.actor, 'manage').length === 0) throw new ForbiddenError();
  const table = readTable(await readUploadedSpreadsheet(bytes), activityColumns);
  const all = await agencies.listForStaff(ctx, { includeDissolved: true });
  const byName = new Map<string, Agency[]>();
  for (const a of all)
    for (const n of new Set([a.name, a.shortName].filter((x): x is string => !!x)))
      byName.set(n, [...(byName.get(n) ?? []), a]);
  const accounts = await repo.listAccounts(ctx.db, ['/']);
  const seen = new Map<string, number>();
  const todayDate = today(ctx);
  const resolved = new Map<number, { account: repo.AccountRow; start: string }>();
  for (const { row, value: v } of table.rows) {
    const found = byName.get(v.agency) ?? [];
    if (found.length !== 1) {
      table.problem(
        row,
        'agency',
        found.length
          ? `有 ${found.length} 个机构名为“${v.agency}”，请写全称`
          : `主办单位“${v.agency}”不是本平台的机构`,
      );
      continue;
    }
    const account = accounts.find(
      (a) => a.agency_id === found[0]!.id && a.platform === v.platform && a.name === v.name,
    );
    if (!account) {
      table.problem(
        row,
        'name',
        `${found[0]!.name}在${platformLabels[v.platform]}上没有名为“${v.name}”的账号，请先登记`,
      );
      continue;
    }
    if (!can(ctx.actor, 'manage', { path: account.agency_path }))
      table.problem(row, 'agency', `您不能填报${found[0]!.name}的政务新媒体数据`);
    const { start, problems } = checkActivity(v, todayDate);
    for (const [field, message] of problems) table.problem(row, field, message);
    const key = `${account.id}|${v.period}|${start}`;
    const earlier = seen.get(key);
    if (start && earlier !== undefined)
      table.problem(row, 'periodValue', `与第 ${earlier} 行是同一账号的同一统计周期`);
    else seen.set(key, row);
    resolved.set(row, { account, start });
  }
  const rows = table.finish();
  return inTransaction(ctx, async (ctx) => {
    let inserted = 0;
    const touched = new Map<string, repo.AccountRow>();
    for (const { row, value } of rows) {
      const { account, start } = resolved.get(row)!;
      if ((await writeActivity(ctx, account, value, start, 'import')) === 'inserted') inserted++;
      touched.set(account.id, account);
    }
    for (const account of touched.values()) await refreshLastPost(ctx, account);
    const result = { rows: rows.length, inserted, updated: rows.length - inserted };
    await recordAudit(ctx, {
      action: 'media.import',
      subjectType: 'mediaImport',
      subjectId: null,
      agencyId: null,
      after: result,
    });
    return result;
  });
}

export interface AccountCheck {
  account: AccountWithAgency;
  days: number | null;
  level: Freshness;
  unanswered: number;
  findings: FindingKind[];
}

/**
 * The 19号 rules for the open accounts within `paths`, as of today: days since the last post
 * (veto at MEDIA_VETO_DAYS, warning at MEDIA_WARN_DAYS), messages received and not answered in
 * the periods that ended within MEDIA_UNANSWERED_WINDOW_DAYS, no 负责人, no interaction channel.
 */
export async function check(ctx: Ctx, paths: readonly string[]): Promise<AccountCheck[]> {
  const s = mediaSettings.of(ctx);
  const t = { vetoDays: s.vetoDays, warnDays: Math.min(s.warnDays, s.vetoDays - 1) };
  const todayDate = today(ctx);
  const rows = await repo.listAccounts(ctx.db, paths, ['open']);
  const windowStart = daysBefore(todayDate, s.unansweredWindowDays);
  // A month that ended within the window began at most a month before it.
  const activity = await repo.activityBetween(
    ctx.db,
    rows.map((r) => r.id),
    daysBefore(windowStart, 31),
    '9999-12-31',
  );
  const unanswered = new Map<string, number>();
  for (const p of activity) {
    if (periodEnd(p.period as PeriodKind, p.period_start) < windowStart) continue;
    const open = Math.max(0, p.messages_received - p.messages_answered);
    unanswered.set(p.account_id, (unanswered.get(p.account_id) ?? 0) + open);
  }
  return rows.map((r) => {
    const account = { ...toAccount(r), agencyName: r.agency_name, agencyPath: r.agency_path };
    const f = freshness(r.last_post_on, r.opened_on, todayDate, t);
    const u = unanswered.get(r.id) ?? 0;
    const findings: FindingKind[] = [];
    if (f.level !== 'ok') findings.push(f.level);
    if (u > 0) findings.push('unanswered');
    if (!account.hasManager) findings.push('noManager');
    if (account.channels.length === 0) findings.push('noChannel');
    return { account, days: f.days, level: f.level, unanswered: u, findings };
  });
}

export const DAILY_CHECK_JOB = 'media.dailyCheck';

/**
 * The daily job: runs the rules over every open account and keeps what it found for the day (a
 * second run the same day replaces it), the record of the watch the figures page counts from;
 * and tells the agency's office heads and administrators (and those above) on the 工作台 when an
 * account reaches the warning line or the veto (`freshnessNotices`).
 */
export async function dailyCheck(ctx: Ctx): Promise<string> {
  const checkedOn = today(ctx);
  const results = await check(ctx, ['/']);
  const now = ctx.clock.now().toISOString();
  const rows = results.flatMap((c) =>
    c.findings.map((kind) => ({
      id: newId(),
      agency_id: c.account.agencyId,
      account_id: c.account.id,
      checked_on: checkedOn,
      kind,
      measured: kind === 'veto' || kind === 'warning' ? c.days : kind === 'unanswered' ? c.unanswered : null,
      created_at: now,
    })),
  );
  const sent = await inTransaction(ctx, async (ctx) => {
    const notices = await freshnessNotices(ctx, checkedOn, results);
    await repo.replaceFindings(ctx.db, checkedOn, rows);
    let n = 0;
    for (const notice of notices) if (await notifications.notify(ctx, notice)) n++;
    return n;
  });
  const n = (k: FindingKind) => rows.filter((r) => r.kind === k).length;
  return `检查 ${results.length} 个账号：${findingLabels.veto} ${n('veto')} 个，${findingLabels.warning} ${n('warning')} 个，${findingLabels.unanswered} ${n('unanswered')} 个，${findingLabels.noManager} ${n('noManager')} 个；发出提醒 ${sent} 条`;
}

/**
 * The notices of the 2-week rule (issue 16 §5: flagged to the operator and the office head before
 * it happens). One when an account reaches the warning line (MEDIA_WARN_DAYS) and one when it
 * reaches the veto, not one a day while it stays there: the 工作台's counts and the list keep
 * showing it, and a daily repeat per lapsed account would bury every other notice. "Reaches": no
 * check since the day it crossed that line found it there, so a day the job did not run loses no
 * notice, a second run the same day sends none (`notify` keeps one per account, kind and day),
 * and an account that posts and lapses again is told again.
 */
async function freshnessNotices(ctx: Ctx, checkedOn: string, results: AccountCheck[]) {
  const s = mediaSettings.of(ctx);
  const vetoDays = s.vetoDays;
  const warnDays = Math.min(s.warnDays, vetoDays - 1);
  const due = results
    .filter(
      (c): c is AccountCheck & { days: number; level: 'veto' | 'warning' } =>
        c.days !== null && c.level !== 'ok',
    )
    .map((c) => ({
      c,
      crossedOn: daysBefore(checkedOn, c.days - (c.level === 'veto' ? vetoDays : warnDays)),
    }));
  if (due.length === 0) return [];
  const earlier = await repo.freshnessFindings(
    ctx.db,
    due.map((d) => d.c.account.id),
    due.reduce((min, d) => (d.crossedOn < min ? d.crossedOn : min), checkedOn),
    checkedOn,
  );
  return due
    .filter(
      ({ c, crossedOn }) =>
        !earlier.some(
          (f) =>
            f.account_id === c.account.id &&
            f.checked_on >= crossedOn &&
            (f.kind === 'veto' || c.level === 'warning'),
        ),
    )
    .map(({ c }) => {
      const a = c.account;
      const since = a.lastPostOn ?? a.openedOn ?? checkedOn;
      const what = `${a.agencyName}的${platformLabels[a.platform]}“${a.name}”已 ${c.days} 天未发布信息（${
        a.lastPostOn ? `最近一次发布于 ${a.lastPostOn}` : `开设于 ${a.openedOn}，尚无发布记录`
      }）`;
      const message =
        c.level === 'veto'
          ? `${what}，达到 ${vetoDays} 天，已构成“${findingLabels.veto}”。请立即督促运维人员发布信息，并在后台“政务新媒体”中填报运营数据；账号确已停止使用的，请办理关停、注销。`
          : `${what}，${findingLabels.warning}：满 ${vetoDays} 天将被单项否决。请督促运维人员最迟于 ${daysBefore(since, 1 - vetoDays)} 发布信息，并在后台“政务新媒体”中填报运营数据。`;
      return {
        agencyId: a.agencyId,
        userId: null,
        kind: `media.${c.level}`,
        subjectType: 'mediaAccount',
        subjectId: a.id,
        day: checkedOn,
        message,
      };
    });
}

/**
 * 政务新媒体 on the 工作台 of those who keep accounts (clerks of the agency, the office head,
 * administrators): accounts past the veto line, about to pass it, with messages unanswered or no
 * 负责人, each a count opening the filtered list. Nothing for a member with no account in scope.
 */
export async function mediaWorkbench(ctx: Ctx): Promise<WorkbenchPanel[]> {
  const within = scopes(ctx.actor, 'manage');
  if (within.length === 0) return [];
  const checks = await check(ctx, within);
  if (checks.length === 0) return [];
  const s = mediaSettings.of(ctx);
  const n = (k: FindingKind) => checks.filter((c) => c.findings.includes(k)).length;
  return [
    {
      key: 'media',
      title: '政务新媒体',
      order: 60,
      note: `已开设账号 ${checks.length} 个；${s.vetoDays} 天未发布信息即单项否决，${s.warnDays} 天起提醒`,
      more: { href: '/admin/media', label: '全部账号' },
      items: [
        {
          label: findingLabels.veto,
          count: n('veto'),
          href: '/admin/media?flag=veto',
          urgent: n('veto') > 0,
        },
        {
          label: findingLabels.warning,
          count: n('warning'),
          href: '/admin/media?flag=warning',
          urgent: n('warning') > 0,
        },
        { label: '留言未回复', count: n('unanswered'), href: '/admin/media?flag=unanswered' },
        { label: '未明确负责人', count: n('noManager'), href: '/admin/media?flag=noManager' },
      ],
    },
  ];
}

export interface MediaListPage {
  /** Every account in scope (any status); the rules' findings on the open ones. */
  rows: Array<{ account: AccountWithAgency; days: number | null; findings: FindingKind[] }>;
  vetoDays: number;
  warnDays: number;
  lastCheck: { on: string; findings: number } | null;
  mayManage: boolean;
}

/** The back office's registry list. */
export async function listPage(ctx: Ctx): Promise<MediaListPage> {
  const within = scopes(ctx.actor, 'view');
  if (within.length === 0) throw new ForbiddenError();
  const checks = new Map((await check(ctx, within)).map((c) => [c.account.id, c]));
  const all = await repo.listAccounts(ctx.db, within);
  const s = mediaSettings.of(ctx);
  return {
    rows: all.map((r) => {
      const c = checks.get(r.id);
      return {
        account: c?.account ?? { ...toAccount(r), agencyName: r.agency_name, agencyPath: r.agency_path },
        days: c?.days ?? null,
        findings: c?.findings ?? [],
      };
    }),
    vetoDays: s.vetoDays,
    warnDays: s.warnDays,
    lastCheck: await repo.lastCheck(ctx.db),
    mayManage: scopes(ctx.actor, 'manage').length > 0,
  };
}
