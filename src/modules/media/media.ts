// 政务新媒体: types and pure rules (issue 16 §4–6; services.md §1). No I/O here.

/** Platforms of government new-media accounts (国办发〔2018〕123号: one account per agency per platform group). */
export const platforms = [
  'wechatSubscription',
  'wechatService',
  'wechatChannels',
  'weibo',
  'douyin',
  'kuaishou',
  'toutiao',
  'bilibili',
  'xiaohongshu',
  'app',
  'miniProgram',
  'other',
] as const;
export type Platform = (typeof platforms)[number];

export const platformLabels: Record<Platform, string> = {
  wechatSubscription: '微信公众号',
  wechatService: '微信服务号',
  wechatChannels: '视频号',
  weibo: '微博',
  douyin: '抖音',
  kuaishou: '快手',
  toutiao: '今日头条',
  bilibili: '哔哩哔哩',
  xiaohongshu: '小红书',
  app: '移动客户端（App）',
  miniProgram: '小程序',
  other: '其他',
};

/**
 * 一个单位原则上在同一平台只开设一个政务新媒体账号 (国办发〔2018〕123号): the platform a rule counts.
 * 订阅号 and 服务号 are two kinds of one 微信公众平台 account, so they are one group; every other
 * platform is its own group.
 */
export type PlatformGroup = Exclude<Platform, 'wechatSubscription' | 'wechatService'> | 'wechatOfficial';

export function platformGroup(p: Platform): PlatformGroup {
  return p === 'wechatSubscription' || p === 'wechatService' ? 'wechatOfficial' : p;
}

/** The group's name in a message: the platform's own label, or 微信公众号（订阅号、服务号）. */
export function platformGroupLabel(p: Platform): string {
  return platformGroup(p) === 'wechatOfficial' ? '微信公众号（订阅号、服务号）' : platformLabels[p];
}

/**
 * Where an account stands in its life (services.md §1.1: 开设、变更、关停、注销 each 备案). 变更 is
 * an event, not a state. Only an open account is on the public matrix and watched by the 19号
 * rules; a 关停 account has posted its 提示公告 and stops; a 注销 one stays in the registry.
 */
export const accountStatuses = ['applying', 'open', 'closing', 'closed'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

export const accountStatusLabels: Record<AccountStatus, string> = {
  applying: '申请开设',
  open: '已开设',
  closing: '已关停（已发提示公告）',
  closed: '已注销',
};

/** Lifecycle events; each may carry the 审批文号 and moves the status as `eventStatus` says. */
export const eventKinds = ['apply', 'open', 'change', 'closeNotice', 'cancel'] as const;
export type EventKind = (typeof eventKinds)[number];

export const eventKindLabels: Record<EventKind, string> = {
  apply: '申请开设',
  open: '开设',
  change: '变更',
  closeNotice: '关停（发布提示公告）',
  cancel: '注销',
};

/** The status each event leads to, and the statuses it may follow. */
export const eventTransitions: Record<
  EventKind,
  { from: readonly AccountStatus[]; to: AccountStatus | null }
> = {
  apply: { from: [], to: 'applying' },
  open: { from: ['applying'], to: 'open' },
  change: { from: ['applying', 'open'], to: null },
  closeNotice: { from: ['open'], to: 'closing' },
  cancel: { from: ['applying', 'open', 'closing'], to: 'closed' },
};

/** 备案 in the 全国政务新媒体信息报送系统. */
export const filingStatuses = ['notFiled', 'filed'] as const;
export type FilingStatus = (typeof filingStatuses)[number];
export const filingStatusLabels: Record<FilingStatus, string> = { notFiled: '未备案', filed: '已备案' };

/** Interaction channels (19号: an account without a working one fails 互动). */
export const channels = ['comments', 'messages', 'menu', 'form'] as const;
export type Channel = (typeof channels)[number];
export const channelLabels: Record<Channel, string> = {
  comments: '评论',
  messages: '私信/留言',
  menu: '自定义菜单',
  form: '在线表单',
};

/** Activity is entered per day or per month. */
export const periodKinds = ['day', 'month'] as const;
export type PeriodKind = (typeof periodKinds)[number];
export const periodKindLabels: Record<PeriodKind, string> = { day: '日', month: '月' };

/** Who observed a figure: the operator's form, a spreadsheet import (no feed reader yet). */
export const observers = ['operator', 'import'] as const;
export type Observer = (typeof observers)[number];

export interface MediaAccount {
  id: string;
  agencyId: string;
  platform: Platform;
  name: string;
  /** 原始ID / UID on the platform. */
  accountRef: string | null;
  url: string | null;
  /** 运维单位 (购买服务), free text. */
  operatorOrg: string | null;
  /** 认证主体 (should read as the 主办单位's name). */
  verifiedEntity: string | null;
  channels: Channel[];
  status: AccountStatus;
  openedOn: string | null;
  closedOn: string | null;
  filingStatus: FilingStatus;
  filingNo: string | null;
  /** Whether a 负责人 is recorded (name and phone are encrypted; see the presenter). */
  hasManager: boolean;
  lastPostOn: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * What the account's QR code carries. The URL when one is recorded (the address the platform's
 * own QR code holds is best: WeChat's `http://weixin.qq.com/r/…`). Without a URL, 微博 and
 * 哔哩哔哩 have a public profile address made from the UID; other platforms have none a phone can
 * open from an ID, so the code carries the ID as text, which the scanner shows for searching in
 * the app. Null: nothing to encode (no URL, no ID).
 */
export function qrTarget(a: {
  platform: Platform;
  url: string | null;
  accountRef: string | null;
}): string | null {
  if (a.url) return a.url;
  if (!a.accountRef) return null;
  if (a.platform === 'weibo' && /^\d+$/.test(a.accountRef)) return `https://weibo.com/u/${a.accountRef}`;
  if (a.platform === 'bilibili' && /^\d+$/.test(a.accountRef))
    return `https://space.bilibili.com/${a.accountRef}`;
  return a.accountRef;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A date `n` days before `date` (YYYY-MM-DD). */
export function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

export type Freshness = 'veto' | 'warning' | 'ok';

/**
 * The 19号 update rule (services.md §1.2: "监测点前两周内未更新" is a 单项否决): an open account
 * whose last post is `vetoDays` or more days before today is flagged; at `warnDays` the operator
 * and the office head are warned while there is still time. An account that never posted counts
 * from its opening date.
 */
export function freshness(
  lastPostOn: string | null,
  openedOn: string | null,
  today: string,
  t: { vetoDays: number; warnDays: number },
): { days: number | null; level: Freshness } {
  const since = lastPostOn ?? openedOn;
  if (!since) return { days: null, level: 'ok' };
  const days = daysBetween(since, today);
  return { days, level: days >= t.vetoDays ? 'veto' : days >= t.warnDays ? 'warning' : 'ok' };
}

/** A rule the daily check found broken for an account. */
export const findingKinds = ['veto', 'warning', 'unanswered', 'noManager', 'noChannel'] as const;
export type FindingKind = (typeof findingKinds)[number];

export const findingLabels: Record<FindingKind, string> = {
  veto: '超期未更新（单项否决）',
  warning: '即将超期未更新',
  unanswered: '留言未回复',
  noManager: '未明确负责人',
  noChannel: '未提供互动功能',
};

/** A count as the annual report's seed prints it: `387 万` for 3,870,000, `886 ` below ten thousand (a unit follows). */
export function inWan(n: number): string {
  if (n < 10_000) return `${n} `;
  return `${Math.round(n / 1_000) / 10} 万`;
}

/**
 * The period's first day: YYYY-MM-DD for a day, YYYY-MM-01 for a month (given as YYYY-MM, or as a
 * date in it, since Excel turns 2026-03 into a date). Slashes read as dashes (2026/3/5). Null: not
 * a valid day or month.
 */
export function periodStart(kind: PeriodKind, value: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3])];
  if (mo < 1 || mo > 12) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (kind === 'month') return `${y}-${pad(mo)}-01`;
  if (d === null) return null;
  const iso = `${y}-${pad(mo)}-${pad(d)}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** The period's last day. */
export function periodEnd(kind: PeriodKind, start: string): string {
  if (kind === 'day') return start;
  const [y, m] = start.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * Columns the 年度报表's new-media part may have (MEDIA_REPORT_FIELDS picks them). The default is
 * 平台、名称、信息发布量、关注量 as published 报表 show them per platform; unverified (services.md §8).
 */
export const reportFields = [
  'platform',
  'name',
  'agency',
  'posts',
  'reposts',
  'followers',
  'reads',
  'answered',
] as const;
export type ReportField = (typeof reportFields)[number];
export const reportFieldLabels: Record<ReportField, string> = {
  platform: '平台',
  name: '名称',
  agency: '主办单位',
  posts: '信息发布量',
  reposts: '转载量',
  followers: '关注量',
  reads: '阅读量',
  answered: '留言回复量',
};
