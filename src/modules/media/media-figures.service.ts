import { beijingDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { agencies } from '../agencies/index.js';
import {
  inWan,
  periodEnd,
  platformLabels,
  platforms,
  reportFieldLabels,
  type PeriodKind,
  type Platform,
  type ReportField,
} from './media.js';
import { scopes } from './media.policy.js';
import * as repo from './media.repository.js';
import { mediaSettings } from './media.settings.js';

export interface Totals {
  posts: number;
  reposts: number;
  messagesReceived: number;
  messagesAnswered: number;
  /** Sum of each account's latest 粉丝 snapshot in the year. */
  followers: number;
  reads: number;
}

export interface AccountFigures extends Totals {
  id: string;
  agencyId: string;
  agencyName: string;
  platform: Platform;
  name: string;
  status: string;
  /** Days the daily check found it 单项否决 in the year. */
  vetoDays: number;
}

export interface MediaFigures {
  year: number;
  accounts: AccountFigures[];
  agencies: Array<{ agencyId: string; agencyName: string; accounts: number } & Totals>;
  totals: Totals & { accounts: number };
  sentence: string;
}

const zero = (): Totals => ({
  posts: 0,
  reposts: 0,
  messagesReceived: 0,
  messagesAnswered: 0,
  followers: 0,
  reads: 0,
});

function add(t: Totals, f: Totals): void {
  t.posts += f.posts;
  t.reposts += f.reposts;
  t.messagesReceived += f.messagesReceived;
  t.messagesAnswered += f.messagesAnswered;
  t.followers += f.followers;
  t.reads += f.reads;
}

/** Was the account open at some time in the year (opened by its end, not 注销 before its start)? */
function inYear(r: repo.AccountRow, year: number): boolean {
  if (!r.opened_on || r.opened_on > `${year}-12-31`) return false;
  return !r.closed_on || r.closed_on >= `${year}-01-01`;
}

/**
 * Figures per account for a year. A month entered as a month counts as entered; its days entered
 * one by one count only when the month was not (so entering both never counts twice). 粉丝 is the
 * latest snapshot of the year, not a sum over periods.
 */
async function perAccount(ctx: Ctx, rows: repo.AccountRow[], year: number): Promise<AccountFigures[]> {
  const activity = await repo.activityBetween(
    ctx.db,
    rows.map((r) => r.id),
    `${year}-01-01`,
    `${year + 1}-01-01`,
  );
  const months = new Set(
    activity.filter((a) => a.period === 'month').map((a) => `${a.account_id}|${a.period_start.slice(0, 7)}`),
  );
  const vetoes = await repo.vetoDays(ctx.db, `${year}-01-01`, `${year}-12-31`);
  const byId = new Map<string, { t: Totals; followersAt: string }>();
  for (const a of activity) {
    if (a.period === 'day' && months.has(`${a.account_id}|${a.period_start.slice(0, 7)}`)) continue;
    const e = byId.get(a.account_id) ?? { t: zero(), followersAt: '' };
    add(e.t, {
      posts: a.posts,
      reposts: a.reposts,
      messagesReceived: a.messages_received,
      messagesAnswered: a.messages_answered,
      followers: 0,
      reads: a.reads,
    });
    const end = periodEnd(a.period as PeriodKind, a.period_start);
    if (a.followers !== null && end >= e.followersAt) {
      e.t.followers = a.followers;
      e.followersAt = end;
    }
    byId.set(a.account_id, e);
  }
  return rows
    .filter((r) => inYear(r, year) || byId.has(r.id))
    .map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      platform: r.platform as Platform,
      name: r.name,
      status: r.status,
      vetoDays: vetoes.get(r.id) ?? 0,
      ...(byId.get(r.id)?.t ?? zero()),
    }));
}

function sentenceOf(t: Totals & { accounts: number }, who: string): string {
  return `${who}共有政务新媒体账号 ${t.accounts} 个，全年发布信息 ${t.posts} 条，转载上级和本级信息 ${t.reposts} 条，总关注粉丝 ${inWan(t.followers)}人次，阅读总量 ${inWan(t.reads)}人次，回复网民留言 ${t.messagesAnswered} 条。`;
}

/** Figures per account, per agency and in total over the actor's subtree for a year. */
export async function figures(ctx: Ctx, year: number): Promise<MediaFigures> {
  const within = scopes(ctx.actor, 'view');
  if (within.length === 0) throw new ForbiddenError();
  const accounts = await perAccount(ctx, await repo.listAccounts(ctx.db, within), year);
  const byAgency = new Map<string, MediaFigures['agencies'][number]>();
  const totals = { ...zero(), accounts: accounts.length };
  for (const a of accounts) {
    const g = byAgency.get(a.agencyId) ?? {
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      accounts: 0,
      ...zero(),
    };
    g.accounts++;
    add(g, a);
    byAgency.set(a.agencyId, g);
    add(totals, a);
  }
  return { year, accounts, agencies: [...byAgency.values()], totals, sentence: sentenceOf(totals, '') };
}

/**
 * The new-media part of the 政府网站与政务新媒体工作年度报表 (国办函〔2018〕12号) as XLSX, for a year
 * (this year when none is given; the file is named by it): one row
 * per account by platform with the columns MEDIA_REPORT_FIELDS names (default 平台、名称、信息发布量、
 * 关注量), and a sheet with every figure. The official field list was not verified (services.md §8).
 */
export async function annualReportWorkbook(
  ctx: Ctx,
  rawYear: string | undefined,
): Promise<{ year: number; bytes: Buffer }> {
  const year = yearOf(ctx, rawYear);
  const f = await figures(ctx, year);
  const fields = mediaSettings.of(ctx).reportFields;
  const { Workbook } = (await import('exceljs')).default;
  const wb = new Workbook();
  const value = (a: AccountFigures, k: ReportField): string | number =>
    ({
      platform: platformLabels[a.platform],
      name: a.name,
      agency: a.agencyName,
      posts: a.posts,
      reposts: a.reposts,
      followers: a.followers,
      reads: a.reads,
      answered: a.messagesAnswered,
    })[k];
  const ws = wb.addWorksheet('政务新媒体');
  ws.addRow([`政府网站与政务新媒体工作年度报表（政务新媒体部分）${year} 年`]).font = { bold: true, size: 14 };
  ws.addRow(['栏目依据国办函〔2018〕12号，按本单位的配置列出；报送前请对照上级下发的当年报表模板核对栏目。']);
  ws.addRow(fields.map((k) => reportFieldLabels[k])).font = { bold: true };
  const order = (p: Platform) => platforms.indexOf(p);
  for (const a of [...f.accounts].sort((x, y) => order(x.platform) - order(y.platform)))
    ws.addRow(fields.map((k) => value(a, k)));
  fields.forEach((k, i) => (ws.getColumn(i + 1).width = k === 'name' || k === 'agency' ? 30 : 14));
  const all = wb.addWorksheet('各账号明细');
  all.addRow([
    '主办单位',
    '平台',
    '账号名称',
    '发布',
    '转载',
    '收到留言',
    '回复留言',
    '粉丝',
    '阅读',
    '单项否决天数',
  ]).font = { bold: true };
  for (const a of f.accounts)
    all.addRow([
      a.agencyName,
      platformLabels[a.platform],
      a.name,
      a.posts,
      a.reposts,
      a.messagesReceived,
      a.messagesAnswered,
      a.followers,
      a.reads,
      a.vetoDays,
    ]);
  all.getColumn(1).width = 30;
  all.getColumn(3).width = 24;
  return { year, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

export interface NewMediaFacts {
  accounts: number;
  posts: number;
  reposts: number;
  followers: number;
  reads: number;
}

/**
 * 政务新媒体's part of the annual report (section 一 （四）平台建设): accounts open in the year of the
 * agency (本级) or its subtree, posts, reposts, followers and reads, counted like `figures`.
 */
export async function reportFacts(
  ctx: Ctx,
  scope: { agencyId: string; scope: 'self' | 'tree'; year: number },
): Promise<NewMediaFacts> {
  const agency = await agencies.getPublic(ctx, scope.agencyId);
  const rows = (await repo.listAccounts(ctx.db, [agency.path])).filter(
    (r) => scope.scope === 'tree' || r.agency_id === agency.id,
  );
  const accounts = (await perAccount(ctx, rows, scope.year)).filter((a) =>
    inYear(
      rows.find((r) => r.id === a.id)!,
      scope.year,
    ),
  );
  const t = zero();
  for (const a of accounts) add(t, a);
  return {
    accounts: accounts.length,
    posts: t.posts,
    reposts: t.reposts,
    followers: t.followers,
    reads: t.reads,
  };
}

/**
 * The accounts of one agency (本级, its 主办单位's own) open at some time in a year, with their
 * figures for it (posts, followers …, counted like `figures`): the 移动新媒体 rows of the
 * 政府网站工作年度报表. Public figures of public accounts: no policy check.
 */
export async function accountsOf(ctx: Ctx, q: { agencyId: string; year: number }): Promise<AccountFigures[]> {
  const agency = await agencies.getPublic(ctx, q.agencyId);
  const rows = (await repo.listAccounts(ctx.db, [agency.path])).filter((r) => r.agency_id === agency.id);
  const open = new Set(rows.filter((r) => inYear(r, q.year)).map((r) => r.id));
  return (await perAccount(ctx, rows, q.year)).filter((a) => open.has(a.id));
}

/** The figures page: a year (this year by default) and the years to choose from. */
export async function figuresPage(
  ctx: Ctx,
  rawYear: string | undefined,
): Promise<{ f: MediaFigures; years: number[] }> {
  const thisYear = yearOf(ctx, undefined);
  const year = yearOf(ctx, rawYear);
  const years = [...new Set([thisYear, thisYear - 1, thisYear - 2, thisYear - 3, year])].sort(
    (a, b) => b - a,
  );
  return { f: await figures(ctx, year), years };
}

/** A year from a query (this year when absent), or a Chinese error naming the field. */
function yearOf(ctx: Ctx, raw: string | undefined): number {
  if (raw === undefined || raw === '') return Number(beijingDate(ctx.clock.now()).slice(0, 4));
  if (!/^\d{4}$/.test(raw)) throw ValidationError.one('year', '年份应为四位数字，例如 2026');
  return Number(raw);
}
