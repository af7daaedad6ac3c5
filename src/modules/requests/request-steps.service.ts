import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { calendar, nextDate } from '../calendar/index.js';
import { deadlineOf, eventsOf, loadCase, today, type LoadedCase } from './request-case.service.js';
import { computeDeadline, isOpenState, type DeadlineResult } from './request-deadline.js';
import { processingFeeByCount, processingFeeByPages } from './request-fee.js';
import { letterTitles, SUPPLEMENT_DUE_BLANK, type LetterKind } from './request-letter.js';
import { needsReasons, outcomes, type Outcome } from './request-outcome.js';
import { scopeFor } from './request.policy.js';
import * as repo from './request.repository.js';
import { caseActions, stepSchemas, type CaseAction } from './request.schemas.js';

/**
 * The steps of a case after intake (补正, consultation, extension, 信息处理费, reply, withdrawal),
 * each a named use case: parse, guard, then one transaction that appends the step's event, keeps
 * the letter it sent, closes the case when it ends it, and writes the audit record. The state and
 * the due date are derived from the events whenever they are read.
 */

interface Step {
  type: CaseAction;
  date: string;
  /** What the event records besides its date (never the letter, never personal data). */
  data: Record<string, unknown>;
  letter?: { kind: LetterKind; body: string | null };
  /** How the step ends the case, if it does. */
  close?: { outcome: Outcome; replied: boolean; withdrawn: boolean };
}

/** Dates may not go before the case's own receipt or after today; an ended case takes no step. */
async function guard(ctx: Ctx, c: LoadedCase, date: string): Promise<DeadlineResult> {
  const day = today(ctx);
  if (date > day) throw ValidationError.one('date', `日期（${date}）不能晚于今天`);
  if (date < c.receivedOn)
    throw ValidationError.one('date', `日期（${date}）不能早于收到申请之日 ${c.receivedOn}`);
  const { deadline } = await deadlineOf(ctx, c);
  if (!isOpenState(deadline.state)) throw ValidationError.one('action', '该申请已办结，不能再办理');
  return deadline;
}

async function appendStep(ctx: Ctx, c: LoadedCase, step: Step): Promise<void> {
  await repo.appendEvent(ctx.db, {
    id: newId(),
    request_id: c.id,
    agency_id: c.agencyId,
    type: step.type,
    occurred_on: step.date,
    at: ctx.clock.now().toISOString(),
    actor_id: ctx.actor.id,
    data_json: Object.keys(step.data).length ? JSON.stringify(step.data) : null,
  });
}

/** The letter is kept as a letter, as the clerk sent it: not copied into the event or the audit. */
async function keepLetter(ctx: Ctx, c: LoadedCase, step: Step): Promise<void> {
  if (!step.letter?.body) return;
  await repo.insertLetter(ctx.db, {
    id: newId(),
    request_id: c.id,
    agency_id: c.agencyId,
    kind: step.letter.kind,
    title: letterTitles[step.letter.kind],
    body: step.letter.body,
    issued_on: step.date,
    created_at: ctx.clock.now().toISOString(),
    created_by: ctx.actor.id,
  });
}

async function closeIfEnded(ctx: Ctx, c: LoadedCase, step: Step): Promise<void> {
  if (!step.close) return;
  await repo.close(ctx.db, c.id, {
    replied_on: step.close.replied ? step.date : null,
    withdrawn_on: step.close.withdrawn ? step.date : null,
    closed_on: step.date,
    outcome: step.close.outcome,
  });
}

/** 第三十三条第二款: only the head of the 公开办 decides on more time. */
const decidedByHead: readonly CaseAction[] = ['extensionApproved', 'extensionRefused'];

/**
 * Records one step: guard, event, letter, closing, audit, in one transaction. `build` gives what
 * the step records once the guard passed (it may still refuse, e.g. a reply without reasons).
 */
async function recordStep(
  ctx: Ctx,
  id: string,
  type: CaseAction,
  date: string,
  build: () => Omit<Step, 'type' | 'date'>,
): Promise<DeadlineResult> {
  return inTransaction(ctx, async (ctx) => {
    const c = await loadCase(ctx, id, decidedByHead.includes(type) ? 'decideExtension' : 'handle');
    await guard(ctx, c, date);
    const step: Step = { type, date, ...build() };
    await appendStep(ctx, c, step);
    await keepLetter(ctx, c, step);
    await closeIfEnded(ctx, c, step);
    await recordAudit(ctx, {
      action: `request.${step.type}`,
      subjectType: 'request',
      subjectId: c.id,
      agencyId: c.agencyId,
      after: { ...step.data, date: step.date },
    });
    return (await deadlineOf(ctx, c)).deadline;
  });
}

const letterOf = (kind: LetterKind, body: string | null | undefined) => ({ kind, body: body ?? null });

/** 第三十条: one consolidated 补正 notice, with the 补正期限 the clerk sets. */
export async function requestSupplement(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date, supplementDueDate, letter } = stepSchemas.supplementRequested.parse(raw);
  return recordStep(ctx, id, 'supplementRequested', date, () => ({
    data: { supplementDueDate },
    // The draft leaves the 补正期限 blank; the notice sent carries the one set here.
    letter: letterOf('supplement', letter?.replace(SUPPLEMENT_DUE_BLANK, supplementDueDate)),
  }));
}

/** 第三十条: the 补正 arrived (by post, in person …); the reply period starts again. */
export async function recordSupplement(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date } = stepSchemas.supplemented.parse(raw);
  return recordStep(ctx, id, 'supplemented', date, () => ({ data: {} }));
}

/** 第三十二条 (a third party) or 第三十四条 (the organs that made it with us); not counted. */
export async function startConsultation(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date, kind, letter } = stepSchemas.consultationStarted.parse(raw);
  return recordStep(ctx, id, 'consultationStarted', date, () => ({
    data: { kind },
    letter: letterOf(kind, letter),
  }));
}

export async function endConsultation(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date } = stepSchemas.consultationEnded.parse(raw);
  return recordStep(ctx, id, 'consultationEnded', date, () => ({ data: {} }));
}

/** 第三十三条第二款: the clerk asks the head of the 公开办 for more time. */
export async function requestExtension(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date, workdays, reason } = stepSchemas.extensionRequested.parse(raw);
  return recordStep(ctx, id, 'extensionRequested', date, () => ({ data: { workdays, reason } }));
}

export async function refuseExtension(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date, reason } = stepSchemas.extensionRefused.parse(raw);
  return recordStep(ctx, id, 'extensionRefused', date, () => ({ data: { reason } }));
}

/** 第三十三条第二款: the head of the 公开办 extends the period, by at most 20 working days. */
export async function extend(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date, workdays, letter } = stepSchemas.extensionApproved.parse(raw);
  return recordStep(ctx, id, 'extensionApproved', date, () => ({
    data: { workdays },
    letter: letterOf('extension', letter),
  }));
}

/** 第四十二条, 109号: the applicant received the 收费通知, computed 按件 or 按量. */
export async function recordProcessingFeeNotice(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date, method, quantity, letter } = stepSchemas.processingFeeNoticeReceived.parse(raw);
  const processingFee =
    method === 'perRequest' ? processingFeeByCount(quantity, quantity) : processingFeeByPages(quantity);
  return recordStep(ctx, id, 'processingFeeNoticeReceived', date, () => {
    if (processingFee.total === 0)
      throw ValidationError.one(
        'quantity',
        '按此件数或页数不收费（每月 10 件以内、30 页以内免费），无需发收费通知',
      );
    return {
      data: { method, quantity, processingFee },
      letter: letterOf('processingFee', letter),
    };
  });
}

export async function recordProcessingFeePayment(
  ctx: Ctx,
  id: string,
  raw: unknown,
): Promise<DeadlineResult> {
  const { date } = stepSchemas.processingFeePaid.parse(raw);
  return recordStep(ctx, id, 'processingFeePaid', date, () => ({ data: {} }));
}

/** 第三十六条: the reply, with its outcome and the article it rests on; it ends the case. */
export async function reply(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date, outcome, reasons, letter } = stepSchemas.replied.parse(raw);
  return recordStep(ctx, id, 'replied', date, () => {
    if (needsReasons(outcome) && !reasons)
      throw ValidationError.one('reasons', '该答复结果须说明理由（条例第三十六条）');
    return {
      data: { outcome, reasons, basis: outcomes[outcome].basis },
      letter: letterOf('reply', letter),
      close: { outcome, replied: true, withdrawn: false },
    };
  });
}

/** The applicant withdraws: the case ends, counted under 其他处理 (other.other). */
export async function withdraw(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date } = stepSchemas.withdrawn.parse(raw);
  return recordStep(ctx, id, 'withdrawn', date, () => ({
    data: {},
    close: { outcome: 'other.other', replied: false, withdrawn: true },
  }));
}

const useCases: Record<CaseAction, (ctx: Ctx, id: string, raw: unknown) => Promise<DeadlineResult>> = {
  supplementRequested: requestSupplement,
  supplemented: recordSupplement,
  consultationStarted: startConsultation,
  consultationEnded: endConsultation,
  extensionRequested: requestExtension,
  extensionRefused: refuseExtension,
  extensionApproved: extend,
  processingFeeNoticeReceived: recordProcessingFeeNotice,
  processingFeePaid: recordProcessingFeePayment,
  replied: reply,
  withdrawn: withdraw,
};

/** The one dispatcher, for the case page's forms and the API: the step is named by its event. */
export async function act(ctx: Ctx, id: string, action: string, raw: unknown): Promise<DeadlineResult> {
  if (!(caseActions as string[]).includes(action)) throw ValidationError.one('action', '不支持的操作');
  return useCases[action as CaseAction](ctx, id, raw);
}

/**
 * Closes the cases that ended by time passing — a 补正 or a fee not given in time — recording
 * the day after the deadline as their closing day. The daily job runs it; it is idempotent.
 */
export async function closeExpired(ctx: Ctx): Promise<number> {
  const day = today(ctx);
  const cal = await calendar.load(ctx);
  const open = await repo.openWithin(ctx.db, { paths: scopeFor(ctx.actor, 'handle') });
  const stored = await repo.eventsOfMany(
    ctx.db,
    open.map((c) => c.id),
  );
  let closed = 0;
  for (const c of open) {
    const d = computeDeadline(eventsOf(c, stored.get(c.id) ?? []), cal, day);
    if (d.state !== 'supplementOverdue' && d.state !== 'feeUnpaid') continue;
    const closedOn = nextDate(d.lapsedOn!);
    await inTransaction(ctx, async (ctx) => {
      await repo.close(ctx.db, c.id, {
        replied_on: null,
        withdrawn_on: null,
        closed_on: closedOn,
        outcome: d.state === 'supplementOverdue' ? 'other.supplementOverdue' : 'other.feeUnpaid',
      });
      await recordAudit(ctx, {
        action: 'request.expire',
        subjectType: 'request',
        subjectId: c.id,
        agencyId: c.agencyId,
        after: { state: d.state, closedOn },
      });
    });
    closed++;
  }
  return closed;
}
