import { beijingDayStart } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { agencies, type Agency } from '../agencies/index.js';
import { calendar, parseDate } from '../calendar/index.js';
import { periodDates, rate } from '../hotline/index.js';
import { computeClock, type MessageClock, type MessageStage } from './message-clock.js';
import { ratingView } from './message-rating.service.js';
import {
  petitionClasses,
  portalChannels,
  ticketTypes,
  type PetitionClass,
  type Regime,
  type TicketType,
} from './message.js';
import * as repo from './message.repository.js';
import type { MessageRow } from './message.repository.js';
import { clockEvents, mailboxRules, today } from './message.service.js';

/**
 * The figures of 来信 per agency (with its subtree, where they are handled) and period (by day of
 * receipt; ratings by the day they were given), each with its definition, for the portal, the
 * back office, the monthly 通报 and the annual 信访 report (信访工作条例第四十一条).
 */

export interface MessageFigures {
  received: number;
  merged: number;
  referred: number;
  notAccepted: number;
  withdrawn: number;
  awaitingAcceptance: number;
  accepted: number;
  replied: number;
  repliedOnTime: number;
  open: number;
  overdue: number;
  unansweredOver3Months: number;
  replyRate: number | null;
  onTimeReplyRate: number | null;
  averageDays: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
  badRatings: number;
  badVisited: number;
  badResolved: number;
  badFixOverdue: number;
  disputesUpheld: number;
}

export const figureDefinitions: Record<keyof MessageFigures, string> = {
  received: '收到：期间内收到的来信（含并单、转为依申请公开的）',
  merged: '并单：与同一事项的其他来信合并办理的',
  referred: '转为依申请公开：按政府信息公开申请办理的',
  notAccepted: '不予受理：信访事项书面告知不予受理的',
  withdrawn: '撤回：来信人撤回的',
  awaitingAcceptance: '待受理：尚未书面告知是否受理的信访事项',
  accepted: '受理：信箱来信收到即受理；信访事项书面告知受理的（并单、转为依申请公开、不予受理、撤回的不计）',
  replied: '已答复：受理的来信中已经答复的',
  repliedOnTime: '按期答复：答复日期不晚于当时的答复期限的',
  open: '办理中：受理后尚未答复的',
  overdue: '超期：待受理或办理中且已过期限的',
  unansweredOver3Months: '超过三个月未答复：收到已超过三个月仍未答复的（国办秘函〔2019〕19号单项否决指标）',
  replyRate: '答复率 = 已答复 ÷ 受理',
  onTimeReplyRate: '按期答复率 = 按期答复 ÷ 已答复',
  averageDays: '平均办理天数：已答复来信从收到之日到答复之日的自然日数的平均值',
  rated: '评价：期间内收到的评价（申诉成立、不计入统计的除外）',
  satisfied: '满意：评价为“非常满意”或“满意”的',
  satisfactionRate: '满意率 = 满意 ÷ 评价',
  badRatings: '差评：评价为“不满意”或“非常不满意”的（申诉成立的除外）',
  badVisited: '已回访核实的差评',
  badResolved: '已整改或解释说明的差评',
  badFixOverdue: '超过整改期限仍未整改或解释说明的差评',
  disputesUpheld: '申诉成立：经上一级机关复核，认定为误评或恶意评价、不计入统计的',
};

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/** The figures in the order a reader asks for them, with their names. */
export const figureRows: Array<[keyof MessageFigures, string]> = [
  ['received', '收到'],
  ['awaitingAcceptance', '待受理'],
  ['accepted', '受理'],
  ['replied', '已答复'],
  ['replyRate', '答复率'],
  ['repliedOnTime', '按期答复'],
  ['onTimeReplyRate', '按期答复率'],
  ['averageDays', '平均办理天数'],
  ['open', '办理中'],
  ['overdue', '超期'],
  ['unansweredOver3Months', '超过三个月未答复'],
  ['merged', '并单'],
  ['referred', '转为依申请公开'],
  ['notAccepted', '不予受理'],
  ['withdrawn', '撤回'],
  ['rated', '评价'],
  ['satisfied', '满意'],
  ['satisfactionRate', '满意率'],
  ['badRatings', '差评'],
  ['badVisited', '差评已回访核实'],
  ['badResolved', '差评已整改或解释说明'],
  ['badFixOverdue', '差评超期未整改'],
  ['disputesUpheld', '申诉成立（不计入）'],
];

export function figureText(key: keyof MessageFigures, v: number | null): string {
  if (key.endsWith('Rate')) return percent(v);
  if (key === 'averageDays') return v === null ? '—' : `${v} 日`;
  return String(v ?? 0);
}

interface Counted {
  row: MessageRow;
  clock: MessageClock;
}

function countMessages(list: readonly Counted[]) {
  const c = {
    received: list.length,
    merged: 0,
    referred: 0,
    notAccepted: 0,
    withdrawn: 0,
    awaitingAcceptance: 0,
    accepted: 0,
    replied: 0,
    repliedOnTime: 0,
    open: 0,
    overdue: 0,
    unansweredOver3Months: 0,
    days: 0,
  };
  for (const { row, clock } of list) {
    if (clock.stage === 'merged') c.merged++;
    else if (clock.stage === 'referred') c.referred++;
    else if (clock.stage === 'notAccepted') c.notAccepted++;
    else if (clock.stage === 'withdrawn') c.withdrawn++;
    else if (row.regime === 'petition' && ['received', 'dispatched', 'returned'].includes(clock.stage)) {
      c.awaitingAcceptance++;
      if (clock.overdue) c.overdue++;
      if (clock.unansweredOver3Months) c.unansweredOver3Months++;
    } else {
      c.accepted++;
      if (row.replied_on) {
        c.replied++;
        if (!clock.late.some((l) => l.startsWith(`${row.replied_on} 答复`))) c.repliedOnTime++;
        c.days += Math.round((parseDate(row.replied_on) - parseDate(row.received_on)) / 86_400_000);
      } else {
        c.open++;
        if (clock.overdue) c.overdue++;
        if (clock.unansweredOver3Months) c.unansweredOver3Months++;
      }
    }
  }
  return c;
}

export interface StatsQuery {
  agency: string;
  year: number;
  month?: number | undefined;
  regime?: Regime | undefined;
}

/** One agency's figures (with its subtree) for a year or month, and the breakdowns the reports need. */
export async function stats(ctx: Ctx, q: StatsQuery) {
  const agency = await agencies.resolvePublic(ctx, q.agency);
  return statsOf(ctx, agency, q.year, q.month, q.regime);
}

export async function statsOf(ctx: Ctx, agency: Agency, year: number, month?: number, regime?: Regime) {
  const [from, to] = periodDates(year, month);
  const day = today(ctx);
  const rows = (await repo.handledWithin(ctx.db, [agency.path], from, to)).filter(
    (r) => !regime || r.regime === regime,
  );
  const stored = await repo.eventsOfMany(
    ctx.db,
    rows.map((r) => r.id),
  );
  const cal = await calendar.load(ctx);
  const rules = mailboxRules(ctx);
  const counted = rows.map((row) => ({
    row,
    clock: computeClock(
      {
        regime: row.regime as Regime,
        ticketType: row.ticket_type as TicketType,
        events: clockEvents(stored.get(row.id) ?? []),
      },
      cal,
      day,
      rules,
    ),
  }));
  const c = countMessages(counted);
  const ratings = (await repo.ratingsWithin(ctx.db, [agency.path], from, to))
    .filter((r) => r.subject_type === 'message')
    .map((r) => ratingView(r, day));
  const counting = ratings.filter((r) => r.disputeUpheld !== true);
  const bad = counting.filter((r) => r.bad);
  const satisfied = counting.filter((r) => r.grade === 'verySatisfied' || r.grade === 'satisfied').length;
  const figures: MessageFigures = {
    received: c.received,
    merged: c.merged,
    referred: c.referred,
    notAccepted: c.notAccepted,
    withdrawn: c.withdrawn,
    awaitingAcceptance: c.awaitingAcceptance,
    accepted: c.accepted,
    replied: c.replied,
    repliedOnTime: c.repliedOnTime,
    open: c.open,
    overdue: c.overdue,
    unansweredOver3Months: c.unansweredOver3Months,
    replyRate: rate(c.replied, c.accepted),
    onTimeReplyRate: rate(c.repliedOnTime, c.replied),
    averageDays: c.replied ? Math.round((c.days / c.replied) * 10) / 10 : null,
    rated: counting.length,
    satisfied,
    satisfactionRate: rate(satisfied, counting.length),
    badRatings: bad.length,
    badVisited: bad.filter((r) => r.visitedOn !== null).length,
    badResolved: bad.filter((r) => r.action !== null).length,
    badFixOverdue: bad.filter((r) => r.fixOverdue).length,
    disputesUpheld: ratings.filter((r) => r.disputeUpheld === true).length,
  };
  return {
    agency: { id: agency.id, name: agency.name },
    year,
    month,
    from,
    to,
    figures,
    byType: ticketTypes.map((t) => ({ type: t, received: rows.filter((r) => r.ticket_type === t).length })),
    byClass: petitionClasses.map((k: PetitionClass) => ({
      petitionClass: k,
      received: rows.filter((r) => r.petition_class === k).length,
    })),
    byOutcome: ['support', 'explain', 'notSupport'].map((o) => ({
      outcome: o,
      count: rows.filter((r) => r.outcome === o).length,
    })),
  };
}
export type MessageStats = Awaited<ReturnType<typeof statsOf>>;

/** The agencies a page lets a person choose: every one not dissolved, in tree order. */
export async function choosableAgencies(ctx: Ctx, opts: { villages?: boolean } = {}): Promise<Agency[]> {
  return (await agencies.listPublic(ctx)).filter(
    (a) => !a.dissolvedAt && (opts.villages !== false || a.kind !== 'villageCommunity'),
  );
}

/** The statistics page (portal and back office): the query as typed, checked field by field. */
export async function statsPage(ctx: Ctx, q: { agency?: string; year?: string; month?: string }) {
  const all = await choosableAgencies(ctx);
  const agency = q.agency
    ? await agencies.resolvePublic(ctx, q.agency)
    : ((await agencies.root(ctx)) ?? all[0]);
  if (!agency) throw ValidationError.one('agency', '尚未设立机构');
  if (q.year !== undefined && q.year !== '' && !/^\d{4}$/.test(q.year))
    throw ValidationError.one('year', '年份应为四位数字，例如 2020');
  if (q.month !== undefined && q.month !== '' && !/^\d{1,2}$/.test(q.month))
    throw ValidationError.one('month', '月份应为 1–12 之间的整数');
  const thisYear = Number(today(ctx).slice(0, 4));
  const years = await repo.years(ctx.db);
  if (!years.includes(thisYear)) years.unshift(thisYear);
  const year = q.year ? Number(q.year) : thisYear;
  const month = q.month ? Number(q.month) : undefined;
  return {
    stats: await statsOf(ctx, agency, year, month),
    agencies: all,
    years: years.sort((a, b) => b - a),
  };
}

/**
 * The 通报 (a month) or the annual report (a year) of an agency as XLSX, with every agency right
 * under it. Staff only: the same figures are public, the workbook is the office's working copy.
 */
export async function statsReport(ctx: Ctx, q: { agency?: string; year?: string; month?: string }) {
  const { stats: s } = await statsPage(ctx, q);
  const agency = await agencies.getPublic(ctx, s.agency.id);
  const under = (await choosableAgencies(ctx)).filter((a) => a.parentId === agency.id);
  const children = [];
  for (const a of under) children.push({ name: a.name, stats: await statsOf(ctx, a, s.year, s.month) });
  const title = s.month
    ? `${agency.name}${s.year}年${s.month}月来信办理情况通报`
    : `${agency.name}${s.year}年度信访和来信办理情况统计`;
  const { statsWorkbook } = await import('./message-report.js');
  return { filename: `${title}.xlsx`, bytes: await statsWorkbook(title, s, children) };
}

/**
 * 互动回应差 (国办秘函〔2019〕19号): the 信箱留言 (政务咨询; 网上信访 excluded) received within the
 * `windowDays` before `today` that waited more than `days` days for a reply — unanswered still,
 * or answered late. By 来信编号 and dates only: the site inspector's report names no writer.
 */
export async function unansweredMailbox(
  ctx: Ctx,
  q: { today: string; days: number; windowDays: number },
): Promise<Array<{ number: string; receivedOn: string; repliedOn: string | null; waitedDays: number }>> {
  const shift = (d: string, n: number) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const span = (a: string, b: string) =>
    Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
  const rows = await repo.mailboxSince(ctx.db, ['/'], shift(q.today, -q.windowDays));
  return rows
    .map((r) => ({
      number: r.number,
      receivedOn: r.received_on,
      repliedOn: r.replied_on,
      waitedDays: span(r.received_on, r.replied_on ?? q.today),
    }))
    .filter((r) => r.waitedDays > q.days);
}

/** 来信 of one agency (the one handling them), year of receipt, regime, 诉求类型 and stage. */
export interface MessageCount {
  agencyId: string;
  year: number;
  regime: Regime;
  ticketType: TicketType;
  stage: MessageStage;
  received: number;
  replied: number;
  repliedOnTime: number;
}

/** 好差评 given to one agency in a year, by subject (来信 or 依申请公开答复) and grade. */
export interface RatingCount {
  agencyId: string;
  year: number;
  subject: string;
  grade: string;
  /** Those a 申诉复核 excluded from the figures are left out. */
  count: number;
}

/**
 * Every 来信 and every rating counted per agency (its own, not its subtree's) and year, for open
 * data: anyone may read them. Counts only — never a writer, a number or a word a writer wrote.
 */
export async function openCounts(ctx: Ctx): Promise<{ messages: MessageCount[]; ratings: RatingCount[] }> {
  const day = today(ctx);
  const rows = await repo.handledWithin(ctx.db, ['/'], '0000-01-01', '9999-12-31');
  const stored = await repo.eventsOfMany(
    ctx.db,
    rows.map((r) => r.id),
  );
  const cal = await calendar.load(ctx);
  const rules = mailboxRules(ctx);
  const messages = new Map<string, MessageCount>();
  for (const row of rows) {
    const clock = computeClock(
      {
        regime: row.regime as Regime,
        ticketType: row.ticket_type as TicketType,
        events: clockEvents(stored.get(row.id) ?? []),
      },
      cal,
      day,
      rules,
    );
    const year = Number(row.received_on.slice(0, 4));
    const key = [row.agency_id, year, row.regime, row.ticket_type, clock.stage].join(' ');
    const c = messages.get(key) ?? {
      agencyId: row.agency_id,
      year,
      regime: row.regime as Regime,
      ticketType: row.ticket_type as TicketType,
      stage: clock.stage,
      received: 0,
      replied: 0,
      repliedOnTime: 0,
    };
    c.received++;
    if (row.replied_on) {
      c.replied++;
      if (!clock.late.some((l) => l.startsWith(`${row.replied_on} 答复`))) c.repliedOnTime++;
    }
    messages.set(key, c);
  }
  const ratings = new Map<string, RatingCount>();
  for (const r of await repo.ratingsWithin(ctx.db, ['/'], '0000-01-01', '9999-12-31')) {
    if (r.dispute_upheld === 1) continue;
    const year = Number(r.rated_on.slice(0, 4));
    const key = [r.agency_id, year, r.subject_type, r.grade].join(' ');
    const c = ratings.get(key) ?? {
      agencyId: r.agency_id,
      year,
      subject: r.subject_type,
      grade: r.grade,
      count: 0,
    };
    c.count++;
    ratings.set(key, c);
  }
  return { messages: [...messages.values()], ratings: [...ratings.values()] };
}

/**
 * The website's 留言办理 for the 政府网站工作年度报表: the 来信 a site's visitors left through the
 * portal's channels (信箱 and 网上信访; 12345, post, phone and visits are not the website's) to an
 * agency or its subtree, received in the year; of them, those answered by 31 December, their mean
 * days from receipt to answer (calendar days, one decimal), and those whose reply was published
 * on the portal by then. Counts only: nothing personal.
 */
export async function websiteFigures(
  ctx: Ctx,
  q: { agencyId: string; year: number },
): Promise<{ received: number; replied: number; averageDays: number | null; publishedReplies: number }> {
  const agency = await agencies.getPublic(ctx, q.agencyId);
  const rows = await repo.datesReceivedVia(ctx.db, {
    paths: [agency.path],
    channels: portalChannels,
    from: `${q.year}-01-01`,
    to: `${q.year + 1}-01-01`,
  });
  const end = `${q.year}-12-31`;
  const replied = rows.filter((r) => r.replied_on !== null && r.replied_on <= end);
  const days = replied.reduce(
    (sum, r) => sum + Math.round((parseDate(r.replied_on!) - parseDate(r.received_on)) / 86_400_000),
    0,
  );
  const yearEnds = beijingDayStart(`${q.year + 1}-01-01`);
  return {
    received: rows.length,
    replied: replied.length,
    averageDays: replied.length ? Math.round((days / replied.length) * 10) / 10 : null,
    publishedReplies: replied.filter((r) => r.published_at !== null && r.published_at < yearEnds).length,
  };
}
