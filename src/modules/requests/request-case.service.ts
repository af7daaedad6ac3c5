import { holdsRoleOver, type Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { notifications } from '../accounts/index.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { RequestTable } from './request.tables.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { date, integer, object, oneOf, optional, text } from '../../platform/schema.js';
import { agencies } from '../agencies/index.js';
import { calendar, nextDate, type WorkCalendar } from '../calendar/index.js';
import { computeDeadline, defaultRules, type CaseEvent, type DeadlineResult } from './request-deadline.js';
import { feeByCount, feeByPages } from './request-fee.js';
import { needsReasons, outcomes, replyOutcomes, type Outcome } from './request-outcome.js';
import * as repo from './request-case.repository.js';
import { draftLetter, letterTitles, type LetterKind } from './request-letter.js';

/**
 * The steps of a case after intake (补正, consultation, extension, fee, reply, withdrawal), each
 * an event appended in a transaction with its audit record. The state and the due date are
 * derived from the events whenever they are read.
 */

const handlers: readonly Role[] = ['clerk', 'officeHead', 'admin'];
const readers: readonly Role[] = ['clerk', 'officeHead', 'admin', 'reviewer', 'supervisor'];

async function loadCase(ctx: Ctx, id: string, roles: readonly Role[]): Promise<RequestTable> {
  const row = isId(id) ? await repo.findRequest(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError('未找到该申请');
  if (!holdsRoleOver(ctx.actor, roles, await agencies.pathOf(ctx, row.agency_id))) throw new ForbiddenError();
  return row;
}

export function eventsOf(
  row: RequestTable,
  stored: Array<{ type: string; occurred_on: string; data_json: string | null }>,
): CaseEvent[] {
  const events: CaseEvent[] = [{ type: 'received', date: row.received_on }];
  for (const e of stored)
    events.push({
      type: e.type,
      date: e.occurred_on,
      ...(e.data_json ? JSON.parse(e.data_json) : {}),
    } as CaseEvent);
  return events;
}

export async function state(
  ctx: Ctx,
  id: string,
): Promise<{ request: RequestTable; events: CaseEvent[]; deadline: DeadlineResult }> {
  const row = await loadCase(ctx, id, readers);
  const events = eventsOf(row, await repo.eventsOf(ctx.db, id));
  const deadline = computeDeadline(
    events,
    await calendar.load(ctx),
    beijingDate(ctx.clock.now()),
    defaultRules,
  );
  return { request: row, events, deadline };
}

const letterField = (label: string) => optional(text(label, { max: 20000 }));

const actionSchemas = {
  supplementRequested: object({
    date: date('发出日期'),
    deadline: date('补正期限'),
    letter: letterField('补正告知书'),
  }),
  supplemented: object({ date: date('收到补正之日') }),
  consultationStarted: object({
    date: date('发出征询函之日'),
    party: oneOf('征询对象', ['thirdParty', 'coMaker'] as const, {
      thirdParty: '第三方',
      coMaker: '共同制作机关',
    }),
    letter: letterField('征询意见函'),
  }),
  consultationEnded: object({ date: date('收到答复之日') }),
  extensionRequested: object({
    date: date('申请日期'),
    workdays: integer('拟延长工作日数', 1, 20),
    reason: text('延期理由', { max: 2000 }),
  }),
  extensionRefused: object({ date: date('日期'), reason: optional(text('不同意的理由', { max: 2000 })) }),
  extensionApproved: object({
    date: date('批准日期'),
    workdays: integer('延长工作日数', 1, 20),
    letter: letterField('延期答复告知书'),
  }),
  feeNoticeReceived: object({
    date: date('申请人收到收费通知之日'),
    method: oneOf('计费方式', ['perRequest', 'perPage'] as const, {
      perRequest: '按件计收',
      perPage: '按量计收',
    }),
    quantity: integer('件数（本月第几件）或页数', 1, 100000),
    letter: letterField('收费通知书'),
  }),
  feePaid: object({ date: date('缴费日期') }),
  replied: object({
    date: date('答复日期'),
    outcome: oneOf(
      '答复结果',
      replyOutcomes,
      Object.fromEntries(replyOutcomes.map((o) => [o, outcomes[o].label])) as Record<Outcome, string>,
    ),
    reasons: optional(text('理由', { max: 4000 })),
    letter: letterField('答复告知书'),
  }),
  withdrawn: object({ date: date('撤回日期') }),
};
export type CaseAction = keyof typeof actionSchemas;

/** The letter each step sends, edited by the clerk and kept with the case as sent. */
const letterKindOf: Partial<Record<CaseAction, LetterKind>> = {
  supplementRequested: 'supplement',
  consultationStarted: 'consultation',
  extensionApproved: 'extension',
  feeNoticeReceived: 'fee',
  replied: 'reply',
};

/** Records one step of a case. Dates may not go before the case's own steps or after today. */
export async function act(ctx: Ctx, id: string, action: CaseAction, raw: unknown): Promise<DeadlineResult> {
  const schema = actionSchemas[action];
  if (!schema) throw ValidationError.one('action', '不支持的操作');
  const input = schema.parse(raw) as Record<string, unknown> & { date: string };
  return inTransaction(ctx, async (ctx) => {
    const row = await loadCase(
      ctx,
      id,
      action === 'extensionApproved' || action === 'extensionRefused' ? ['officeHead', 'admin'] : handlers,
    );
    const today = beijingDate(ctx.clock.now());
    if (input.date > today) throw ValidationError.one('date', `日期（${input.date}）不能晚于今天`);
    if (input.date < row.received_on)
      throw ValidationError.one('date', `日期（${input.date}）不能早于收到申请之日 ${row.received_on}`);
    const before = computeDeadline(
      eventsOf(row, await repo.eventsOf(ctx.db, id)),
      await calendar.load(ctx),
      today,
    );
    if (['replied', 'withdrawn', 'supplementOverdue', 'feeUnpaid'].includes(before.state))
      throw ValidationError.one('action', '该申请已办结，不能再办理');
    const data: Record<string, unknown> = { ...input };
    delete data.date;
    if (action === 'replied' && needsReasons(input.outcome as Outcome) && !input.reasons) {
      throw ValidationError.one('reasons', '该答复结果须说明理由（条例第三十六条）');
    }
    if (action === 'replied') data.basis = outcomes[input.outcome as Outcome].basis;
    // The letter is kept as a letter, not copied into the event or the audit log.
    // A 补正 notice's deadline, left blank in the draft, is the one the clerk set.
    const letter =
      typeof data.letter === 'string'
        ? action === 'supplementRequested'
          ? data.letter.replace('____年__月__日', String(input.deadline))
          : data.letter
        : null;
    delete data.letter;
    if (action === 'feeNoticeReceived') {
      const fee =
        input.method === 'perRequest'
          ? feeByCount(input.quantity as number, input.quantity as number)
          : feeByPages(input.quantity as number);
      if (fee.total === 0)
        throw ValidationError.one(
          'quantity',
          '按此件数或页数不收费（每月 10 件以内、30 页以内免费），无需发收费通知',
        );
      data.fee = fee;
    }
    await repo.appendEvent(ctx.db, {
      id: newId(),
      request_id: id,
      agency_id: row.agency_id,
      type: action,
      occurred_on: input.date,
      at: ctx.clock.now().toISOString(),
      actor_id: ctx.actor.id,
      data_json: Object.keys(data).length ? JSON.stringify(data) : null,
    });
    const kind = letterKindOf[action];
    if (kind && letter) {
      await repo.insertLetter(ctx.db, {
        id: newId(),
        request_id: id,
        agency_id: row.agency_id,
        kind,
        title: letterTitles[kind],
        body: letter,
        issued_on: input.date,
        created_at: ctx.clock.now().toISOString(),
        created_by: ctx.actor.id,
      });
    }
    if (action === 'replied')
      await repo.close(ctx.db, id, {
        replied_on: input.date,
        withdrawn_on: null,
        closed_on: input.date,
        outcome: input.outcome as string,
      });
    if (action === 'withdrawn')
      await repo.close(ctx.db, id, {
        replied_on: null,
        withdrawn_on: input.date,
        closed_on: input.date,
        outcome: 'other.other',
      });
    await recordAudit(ctx, {
      action: `request.${action}`,
      subjectType: 'request',
      subjectId: id,
      agencyId: row.agency_id,
      after: { ...data, date: input.date },
    });
    return computeDeadline(eventsOf(row, await repo.eventsOf(ctx.db, id)), await calendar.load(ctx), today);
  });
}

/**
 * Closes the cases that ended by time passing — a 补正 or a fee not given in time — recording
 * the day after the deadline as their closing day. The daily job runs it; it is idempotent.
 */
export async function closeExpired(ctx: Ctx): Promise<number> {
  const today = beijingDate(ctx.clock.now());
  const cal = await calendar.load(ctx);
  let closed = 0;
  for (const row of await repo.openCases(ctx.db)) {
    const events = eventsOf(row, await repo.eventsOf(ctx.db, row.id));
    const d = computeDeadline(events, cal, today);
    if (d.state !== 'supplementOverdue' && d.state !== 'feeUnpaid') continue;
    const deadline = d.lapsedOn!;
    await inTransaction(ctx, async (ctx) => {
      await repo.close(ctx.db, row.id, {
        replied_on: null,
        withdrawn_on: null,
        closed_on: nextDate(deadline),
        outcome: d.state === 'supplementOverdue' ? 'other.supplementOverdue' : 'other.feeUnpaid',
      });
      await recordAudit(ctx, {
        action: 'request.expire',
        subjectType: 'request',
        subjectId: row.id,
        agencyId: row.agency_id,
        after: { state: d.state, closedOn: nextDate(deadline) },
      });
    });
    closed++;
  }
  return closed;
}

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

/**
 * The open cases the actor works on or oversees, each with its derived deadline, soonest first.
 * `findOverdue` and `findDueWithin` are the named questions the daily job and the office ask.
 */
export async function queue(ctx: Ctx): Promise<QueueItem[]> {
  const paths =
    ctx.actor.kind === 'system'
      ? ['/']
      : ctx.actor.grants.filter((g) => readers.includes(g.role)).map((g) => g.agencyPath);
  const items = (await openCases(ctx, paths)).map((c) => c.item);
  return items.sort((a, b) => (a.deadline.due ?? '9999').localeCompare(b.deadline.due ?? '9999'));
}

/** Open cases within `paths`, each with its events and its queue line. */
async function openCases(
  ctx: Ctx,
  paths: string[],
): Promise<Array<{ item: QueueItem; events: CaseEvent[] }>> {
  const today = beijingDate(ctx.clock.now());
  const cal = await calendar.load(ctx);
  const out: Array<{ item: QueueItem; events: CaseEvent[] }> = [];
  for (const row of await repo.openWithin(ctx.db, paths)) {
    const events = eventsOf(row, await repo.eventsOf(ctx.db, row.id));
    out.push({
      events,
      item: {
        id: row.id,
        agencyId: row.agency_id,
        agencyName: row.agency_name,
        acceptanceNumber: row.acceptance_number,
        applicantName: row.applicant_name,
        receivedOn: row.received_on,
        handlerId: row.handler_id,
        deadline: computeDeadline(events, cal, today),
      },
    });
  }
  return out;
}

export async function findOverdue(ctx: Ctx): Promise<QueueItem[]> {
  return (await queue(ctx)).filter((i) => i.deadline.state === 'open' && i.deadline.overdue);
}

export async function findDueWithin(ctx: Ctx, workdays: number): Promise<QueueItem[]> {
  return (await queue(ctx)).filter(
    (i) =>
      i.deadline.state === 'open' && !i.deadline.overdue && (i.deadline.remaining ?? Infinity) <= workdays,
  );
}

/** The office head (or an administrator) assigns the handling clerk; a clerk may take a case. */
export async function assign(ctx: Ctx, id: string, userId: string | null): Promise<void> {
  const selfTake = userId !== null && userId === ctx.actor.id;
  await inTransaction(ctx, async (ctx) => {
    const row = await loadCase(ctx, id, selfTake ? handlers : ['officeHead', 'admin']);
    await repo.setHandler(ctx.db, id, userId, ctx.clock.now().toISOString());
    await recordAudit(ctx, {
      action: 'request.assign',
      subjectType: 'request',
      subjectId: id,
      agencyId: row.agency_id,
      before: { handlerId: row.handler_id },
      after: { handlerId: userId },
    });
  });
}

/**
 * The applicant's personal data in the clear: for the handling clerk only, and every reading is
 * in the audit log (who saw whose 身份证号, when).
 */
export async function personalData(
  ctx: Ctx,
  id: string,
): Promise<{ idNumber: string; phone: string; address: string | null }> {
  return inTransaction(ctx, async (ctx) => {
    const row = await loadCase(ctx, id, handlers);
    if (!row.handler_id || row.handler_id !== ctx.actor.id)
      throw new ForbiddenError('只有承办人可以查看申请人的完整个人信息');
    await recordAudit(ctx, {
      action: 'request.viewPersonalData',
      subjectType: 'request',
      subjectId: id,
      agencyId: row.agency_id,
    });
    return {
      idNumber: ctx.cipher.decrypt(row.id_number_enc),
      phone: ctx.cipher.decrypt(row.phone_enc),
      address: row.address_enc ? ctx.cipher.decrypt(row.address_enc) : null,
    };
  });
}

/** The draft of a letter for this case, filled in from its facts, for the clerk to edit. */
export async function draft(
  ctx: Ctx,
  id: string,
  kind: LetterKind,
  extra: { outcome?: Outcome; reasons?: string | null } = {},
): Promise<{ title: string; body: string }> {
  const s = await state(ctx, id);
  const agency = await agencies.get(ctx, s.request.agency_id);
  return draftLetter(kind, {
    agencyName: agency.name,
    applicantName: s.request.applicant_name,
    acceptanceNumber: s.request.acceptance_number,
    receivedOn: s.request.received_on,
    description: s.request.description,
    due: s.deadline.due,
    ...extra,
  });
}

/**
 * What the applicant sees of their case: its state and outcome. Only for a case the caller has
 * already opened with its 受理编号 and lookup code (findForApplicant).
 */
export async function stateForApplicant(
  ctx: Ctx,
  requestId: string,
): Promise<{
  state: DeadlineResult['state'];
  due: string | null;
  outcome: string | null;
  closedOn: string | null;
}> {
  const row = await repo.findRequest(ctx.db, requestId);
  if (!row) throw new NotFoundError('未找到该申请');
  const d = computeDeadline(
    eventsOf(row, await repo.eventsOf(ctx.db, requestId)),
    await calendar.load(ctx),
    beijingDate(ctx.clock.now()),
  );
  return { state: d.state, due: d.due, outcome: row.outcome, closedOn: row.closed_on };
}

/**
 * The applicant sends the 补正 on the portal (第三十条): recorded as received today, which
 * starts the reply period again. Only for a case the caller opened with its lookup code.
 */
export async function supplementByApplicant(
  ctx: Ctx,
  requestId: string,
  raw: unknown,
): Promise<DeadlineResult> {
  const { text: supplement } = object({ text: text('补正内容', { min: 4, max: 4000 }) }).parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const row = await repo.findRequest(ctx.db, requestId);
    if (!row) throw new NotFoundError('未找到该申请');
    const today = beijingDate(ctx.clock.now());
    const cal = await calendar.load(ctx);
    const before = computeDeadline(eventsOf(row, await repo.eventsOf(ctx.db, requestId)), cal, today);
    if (before.state !== 'awaitingSupplement') throw ValidationError.one('text', '该申请目前不需要补正');
    await repo.appendEvent(ctx.db, {
      id: newId(),
      request_id: requestId,
      agency_id: row.agency_id,
      type: 'supplemented',
      occurred_on: today,
      at: ctx.clock.now().toISOString(),
      actor_id: null,
      data_json: JSON.stringify({ text: supplement, channel: 'online' }),
    });
    await recordAudit(ctx, {
      action: 'request.supplemented',
      subjectType: 'request',
      subjectId: requestId,
      agencyId: row.agency_id,
      after: { date: today, channel: 'online' },
    });
    return computeDeadline(eventsOf(row, await repo.eventsOf(ctx.db, requestId)), cal, today);
  });
}

/**
 * After a holiday notice is entered or corrected: every open case whose due date moves gets an
 * audit record of the change (old and new date), so the office can tell the applicant.
 */
export async function recomputeAfterCalendarChange(ctx: Ctx, previous: WorkCalendar): Promise<number> {
  const today = beijingDate(ctx.clock.now());
  const current = await calendar.load(ctx);
  let changed = 0;
  for (const row of await repo.openCases(ctx.db)) {
    const events = eventsOf(row, await repo.eventsOf(ctx.db, row.id));
    const before = computeDeadline(events, previous, today).due;
    const after = computeDeadline(events, current, today).due;
    if (before === after) continue;
    changed++;
    await recordAudit(ctx, {
      action: 'request.dueChanged',
      subjectType: 'request',
      subjectId: row.id,
      agencyId: row.agency_id,
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
  const day = beijingDate(ctx.clock.now());
  let overdue = 0;
  let soon = 0;
  for (const item of await queue(ctx)) {
    const d = item.deadline;
    if (d.state !== 'open') continue;
    const row = await repo.findRequest(ctx.db, item.id);
    if (!row) continue;
    if (d.overdue) {
      if (
        await notifications.notify(ctx, {
          agencyId: row.agency_id,
          userId: row.handler_id,
          kind: 'overdue',
          subjectType: 'request',
          subjectId: row.id,
          day,
          message: `${row.acceptance_number} 已超过答复期限（${d.due}）`,
        })
      )
        overdue++;
    } else if ((d.remaining ?? Infinity) <= 3) {
      if (
        await notifications.notify(ctx, {
          agencyId: row.agency_id,
          userId: row.handler_id,
          kind: 'dueSoon',
          subjectType: 'request',
          subjectId: row.id,
          day,
          message: `${row.acceptance_number} 将于 ${d.due} 到期，还剩 ${d.remaining} 个工作日`,
        })
      )
        soon++;
    }
  }
  return `逾期办结 ${lapsed} 件；超期提醒 ${overdue} 件；临期提醒 ${soon} 件`;
}

/**
 * The same applicant's other applications to the same agency (matched on the blind index of the
 * identity number, never on the number itself): for 重复申请 and 第三十五条 mass requests.
 */
export async function sameApplicant(
  ctx: Ctx,
  id: string,
): Promise<
  Array<{
    id: string;
    acceptanceNumber: string;
    receivedOn: string;
    outcome: string | null;
    description: string;
  }>
> {
  const row = await loadCase(ctx, id, readers);
  const rows = await repo.byApplicant(ctx.db, row.agency_id, row.id_number_index);
  return rows
    .filter((r) => r.id !== row.id)
    .map((r) => ({
      id: r.id,
      acceptanceNumber: r.acceptance_number,
      receivedOn: r.received_on,
      outcome: r.outcome,
      description: r.description,
    }));
}

/** A pending request for more time: asked, and neither approved nor refused since. */
export function pendingExtension(
  events: CaseEvent[],
): Extract<CaseEvent, { type: 'extensionRequested' }> | null {
  let pending: Extract<CaseEvent, { type: 'extensionRequested' }> | null = null;
  for (const e of events) {
    if (e.type === 'extensionRequested') pending = e;
    else if (e.type === 'extensionApproved' || e.type === 'extensionRefused') pending = null;
  }
  return pending;
}

/** The office head's approvals: open cases in their scope whose clerk asked for more time. */
export async function approvals(
  ctx: Ctx,
): Promise<Array<QueueItem & { request: { workdays: number; reason: string; date: string } }>> {
  const heads =
    ctx.actor.kind === 'system'
      ? ['/']
      : ctx.actor.grants
          .filter((g) => g.role === 'officeHead' || g.role === 'admin')
          .map((g) => g.agencyPath);
  if (heads.length === 0) return [];
  const out: Array<QueueItem & { request: { workdays: number; reason: string; date: string } }> = [];
  for (const { item, events } of await openCases(ctx, heads)) {
    const pending = pendingExtension(events);
    if (pending)
      out.push({
        ...item,
        request: { workdays: pending.workdays, reason: pending.reason, date: pending.date },
      });
  }
  return out;
}
