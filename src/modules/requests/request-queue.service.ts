import { recordAudit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { notifications } from '../accounts/index.js';
import { calendar, type WorkCalendar } from '../calendar/index.js';
import { eventsOf, pendingExtension, today } from './request-case.service.js';
import { closeExpired } from './request-steps.service.js';
import { computeDeadline, dueText, type CaseEvent, type DeadlineResult } from './request-deadline.js';
import { scopeFor, type StaffRequestAction } from './request.policy.js';
import * as repo from './request.repository.js';
import type { RequestCase } from './request.repository.js';
import { queueFilterSchema, type QueueFilter } from './request.schemas.js';

/**
 * The open cases: the back-office queue, the office head's approvals, and the named questions
 * the daily job and the office ask (findOverdue, findDueWithin). Each loads the cases in one
 * query and their events in one more, whatever their number; state and due date are derived.
 */

export interface QueueItem {
  id: string;
  agencyId: string;
  agencyName: string;
  acceptanceNumber: string;
  applicantName: string;
  receivedOn: string;
  handlerId: string | null;
  deadline: DeadlineResult;
}

interface OpenCase {
  item: QueueItem;
  events: CaseEvent[];
}

/** Open cases within `paths` (and of one agency, if given), each with its events and deadline. */
async function openCases(
  ctx: Ctx,
  paths: readonly string[],
  opts: { agencyId?: string; cal?: WorkCalendar } = {},
): Promise<OpenCase[]> {
  const cases = await repo.openWithin(ctx.db, { paths, agencyId: opts.agencyId });
  if (cases.length === 0) return [];
  const cal = opts.cal ?? (await calendar.load(ctx));
  const stored = await repo.eventsOfMany(
    ctx.db,
    cases.map((c) => c.id),
  );
  const day = today(ctx);
  return cases.map((c) => {
    const events = eventsOf(c, stored.get(c.id) ?? []);
    return { events, item: queueItem(c, computeDeadline(events, cal, day)) };
  });
}

function queueItem(c: RequestCase & { agencyName: string }, deadline: DeadlineResult): QueueItem {
  return {
    id: c.id,
    agencyId: c.agencyId,
    agencyName: c.agencyName,
    acceptanceNumber: c.acceptanceNumber,
    applicantName: c.applicantName,
    receivedOn: c.receivedOn,
    handlerId: c.handlerId,
    deadline,
  };
}

const soonestFirst = (a: QueueItem, b: QueueItem) =>
  (a.deadline.due ?? '9999').localeCompare(b.deadline.due ?? '9999');

/** The open cases the actor works on or oversees, each with its derived deadline, soonest first. */
export async function queue(ctx: Ctx): Promise<QueueItem[]> {
  return (await openCases(ctx, scopeFor(ctx.actor, 'read'))).map((c) => c.item).sort(soonestFirst);
}

export const QUEUE_PAGE_SIZE = 50;

export interface QueuePage {
  items: QueueItem[];
  total: number;
  page: number;
  pageSize: number;
  filter: QueueFilter;
  /** The agencies with open cases the actor sees, for the filter. */
  agencies: Array<{ id: string; name: string }>;
  /** What the actor may do from here: register an application, decide extensions. */
  allowed: StaffRequestAction[];
}

/**
 * The back-office queue: the agency is filtered in SQL, the state, overdue and due-by filters on
 * the derived deadline; 50 a page. A constant number of queries, however many cases are open.
 */
export async function queuePage(ctx: Ctx, raw: unknown): Promise<QueuePage> {
  const filter = queueFilterSchema.parse(raw);
  const paths = scopeFor(ctx.actor, 'read');
  const matching = (await openCases(ctx, paths, { agencyId: filter.agencyId ?? undefined }))
    .map((c) => c.item)
    .filter(
      (i) =>
        (!filter.state ||
          (filter.state === 'overdue' ? i.deadline.overdue : i.deadline.state === filter.state)) &&
        (!filter.dueBy || (i.deadline.due !== null && i.deadline.due <= filter.dueBy)) &&
        (!filter.within || dueWithin(i, filter.within)) &&
        (!filter.handler || (filter.handler === 'none' ? !i.handlerId : i.handlerId === ctx.actor.id)),
    )
    .sort(soonestFirst);
  const pages = Math.max(1, Math.ceil(matching.length / QUEUE_PAGE_SIZE));
  const page = Math.min(filter.page ?? 1, pages);
  return {
    items: matching.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE),
    total: matching.length,
    page,
    pageSize: QUEUE_PAGE_SIZE,
    filter,
    agencies: await repo.agenciesWithOpenCases(ctx.db, paths),
    allowed: (['register', 'decideExtension'] as const).filter((a) => scopeFor(ctx.actor, a).length > 0),
  };
}

export async function findOverdue(ctx: Ctx): Promise<QueueItem[]> {
  return (await queue(ctx)).filter((i) => i.deadline.state === 'open' && i.deadline.overdue);
}

/** Running, not yet overdue, and due within `workdays` working days. */
export function dueWithin(i: QueueItem, workdays: number): boolean {
  return i.deadline.state === 'open' && !i.deadline.overdue && (i.deadline.remaining ?? Infinity) <= workdays;
}

export async function findDueWithin(ctx: Ctx, workdays: number): Promise<QueueItem[]> {
  return (await queue(ctx)).filter((i) => dueWithin(i, workdays));
}

/** A case replied to in a period, with the due date its events give and whether the reply was late. */
export interface RepliedCase {
  id: string;
  agencyId: string;
  agencyName: string;
  acceptanceNumber: string;
  receivedOn: string;
  repliedOn: string;
  due: string | null;
  late: boolean;
}

/**
 * The cases replied to in [from, to] within `paths` (narrowed to what the actor may read), each
 * judged on time or late by the deadline derived from its events (第三十三条): two queries, the
 * cases and their events, however many there are. No personal data: for the supervision figures.
 */
export async function repliedBetween(
  ctx: Ctx,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<RepliedCase[]> {
  const readable = scopeFor(ctx.actor, 'read');
  const within = paths.filter((p) => readable.some((r) => p.startsWith(r)));
  const cases = await repo.repliedWithin(ctx.db, within, from, to);
  if (cases.length === 0) return [];
  const cal = await calendar.load(ctx);
  const stored = await repo.eventsOfMany(
    ctx.db,
    cases.map((c) => c.id),
  );
  const day = today(ctx);
  return cases.map((c) => {
    const d = computeDeadline(eventsOf(c, stored.get(c.id) ?? []), cal, day);
    return {
      id: c.id,
      agencyId: c.agencyId,
      agencyName: c.agencyName,
      acceptanceNumber: c.acceptanceNumber,
      receivedOn: c.receivedOn,
      repliedOn: c.repliedOn ?? '',
      due: d.due,
      late: d.state === 'replied' && d.overdue,
    };
  });
}

export type Approval = QueueItem & { request: { workdays: number; reason: string; date: string } };

/** The office head's approvals: open cases in their scope whose clerk asked for more time. */
export async function approvals(ctx: Ctx): Promise<Approval[]> {
  const out: Approval[] = [];
  for (const { item, events } of await openCases(ctx, scopeFor(ctx.actor, 'decideExtension'))) {
    const pending = pendingExtension(events);
    if (pending)
      out.push({
        ...item,
        request: { workdays: pending.workdays, reason: pending.reason, date: pending.date },
      });
  }
  return out;
}

/**
 * After a holiday notice is entered or corrected: every open case whose due date moves gets an
 * audit record of the change (old and new date), so the office can tell the applicant.
 */
export async function recomputeAfterCalendarChange(ctx: Ctx, previous: WorkCalendar): Promise<number> {
  const day = today(ctx);
  let changed = 0;
  // A notice moves the due dates of every open case, whoever entered it.
  for (const { item, events } of await openCases(ctx, ['/'])) {
    const before = computeDeadline(events, previous, day).due;
    const after = item.deadline.due;
    if (before === after) continue;
    changed++;
    await recordAudit(ctx, {
      action: 'request.dueChanged',
      subjectType: 'request',
      subjectId: item.id,
      agencyId: item.agencyId,
      before: { due: before },
      after: { due: after, reason: '节假日安排变更' },
    });
  }
  return changed;
}

/**
 * The daily job: close the cases that lapsed, then tell each handler (or, when none is assigned,
 * the office heads) which cases are overdue or due within three working days.
 */
export async function dailyCheck(ctx: Ctx): Promise<string> {
  const lapsed = await closeExpired(ctx);
  const day = today(ctx);
  let overdue = 0;
  let soon = 0;
  for (const i of await queue(ctx)) {
    const d = i.deadline;
    if (d.state !== 'open') continue;
    const note = { agencyId: i.agencyId, userId: i.handlerId, subjectType: 'request', subjectId: i.id, day };
    if (d.overdue) {
      if (
        await notifications.notify(ctx, {
          ...note,
          kind: 'overdue',
          message: `${i.acceptanceNumber} 已超过答复期限（${dueText(d)}）`,
        })
      )
        overdue++;
    } else if ((d.remaining ?? Infinity) <= 3) {
      if (
        await notifications.notify(ctx, {
          ...note,
          kind: 'dueSoon',
          message: `${i.acceptanceNumber} 将于 ${dueText(d)} 到期，还剩 ${d.remaining} 个工作日`,
        })
      )
        soon++;
    }
  }
  return `逾期办结 ${lapsed} 件；超期提醒 ${overdue} 件；临期提醒 ${soon} 件`;
}
