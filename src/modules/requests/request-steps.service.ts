import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { calendar, nextDate } from '../calendar/index.js';
import { createHash } from 'node:crypto';
import {
  deadlineOf,
  eventsOf,
  letterFacts,
  linkedRecord,
  loadCase,
  requestedMode,
  today,
  type LoadedCase,
} from './request-case.service.js';
import { computeDeadline, isOpenState, type DeadlineResult } from './request-deadline.js';
import { processingFeeByCount, processingFeeByPages } from './request-fee.js';
import { checkFiles, type UploadedFile } from './request-file.js';
import {
  chineseDate,
  clause,
  CONSULTEE_BLANK,
  draftLetter,
  findPrompt,
  letterTitles,
  replyBasis,
  SUPPLEMENT_DUE_BLANK,
  tidy,
  type LetterKind,
} from './request-letter.js';
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
  /** Files sent with the step (a reply's 电子文档), checked already. */
  files?: Array<UploadedFile & { mediaType: string }>;
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

async function appendStep(ctx: Ctx, c: LoadedCase, step: Step): Promise<string> {
  const id = newId();
  await repo.appendEvent(ctx.db, {
    id,
    request_id: c.id,
    agency_id: c.agencyId,
    type: step.type,
    occurred_on: step.date,
    at: ctx.clock.now().toISOString(),
    actor_id: ctx.actor.id,
    data_json: Object.keys(step.data).length ? JSON.stringify(step.data) : null,
  });
  return id;
}

/** Keeps the files that came with an event (a reply's, or a 补正's), in the database. */
export async function keepFiles(
  ctx: Ctx,
  c: Pick<LoadedCase, 'id' | 'agencyId'>,
  eventId: string,
  purpose: 'reply' | 'supplement',
  files: ReadonlyArray<UploadedFile & { mediaType: string }>,
): Promise<void> {
  let position = 0;
  for (const f of files)
    await repo.insertFile(ctx.db, {
      id: newId(),
      request_id: c.id,
      agency_id: c.agencyId,
      event_id: eventId,
      purpose,
      position: ++position,
      file_name: f.name,
      media_type: f.mediaType,
      byte_size: f.bytes.length,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
      content: Buffer.from(f.bytes),
      created_at: ctx.clock.now().toISOString(),
      created_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
    });
}

/** A letter is sent only when nothing in it is left to fill in: the prompt is named. */
function refusePrompt(kind: LetterKind, body: string): void {
  const prompt = findPrompt(body);
  if (prompt)
    throw ValidationError.one(
      'letter',
      `${letterTitles[kind]}中还有待填写的内容“${prompt}”，请填写或删除后再发出`,
    );
}

/** The letter is kept as a letter, as the clerk sent it: not copied into the event or the audit. */
async function keepLetter(ctx: Ctx, c: LoadedCase, step: Step): Promise<void> {
  if (!step.letter?.body) return;
  refusePrompt(step.letter.kind, step.letter.body);
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
  build: (
    ctx: Ctx,
    c: LoadedCase,
    deadline: DeadlineResult,
  ) => Omit<Step, 'type' | 'date'> | Promise<Omit<Step, 'type' | 'date'>>,
): Promise<DeadlineResult> {
  return inTransaction(ctx, async (ctx) => {
    const c = await loadCase(ctx, id, decidedByHead.includes(type) ? 'decideExtension' : 'handle');
    const deadline = await guard(ctx, c, date);
    const step: Step = { type, date, ...(await build(ctx, c, deadline)) };
    const eventId = await appendStep(ctx, c, step);
    await keepLetter(ctx, c, step);
    if (step.files?.length) await keepFiles(ctx, c, eventId, 'reply', step.files);
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
    letter: letterOf('supplement', letter?.replace(SUPPLEMENT_DUE_BLANK, chineseDate(supplementDueDate))),
  }));
}

/** 第三十条: the 补正 arrived (by post, in person …); the reply period starts again. */
export async function recordSupplement(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date } = stepSchemas.supplemented.parse(raw);
  return recordStep(ctx, id, 'supplemented', date, () => ({ data: {} }));
}

/** 第三十二条 (a third party) or 第三十四条 (the organs that made it with us); not counted. */
export async function startConsultation(ctx: Ctx, id: string, raw: unknown): Promise<DeadlineResult> {
  const { date, kind, consultee, letter } = stepSchemas.consultationStarted.parse(raw);
  return recordStep(ctx, id, 'consultationStarted', date, () => ({
    data: consultee ? { kind, consultee } : { kind },
    // The draft leaves the addressee blank; the letter sent is addressed to the one named here.
    letter: letterOf(kind, consultee ? letter?.replace(CONSULTEE_BLANK, clause(consultee)) : letter),
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

/**
 * 第三十六条: the reply, with its outcome, the reasons of anything withheld, the articles it rests
 * on, the remedies, and — for 予以公开/部分公开 — the information delivered in the form asked for
 * (电子文档 attached, 邮寄 with its 邮件号, 自行领取 or 查阅 from a date, or the published record).
 * It always sends its 答复告知书: the clerk's, or drafted from these facts when none is given.
 */
export async function reply(
  ctx: Ctx,
  id: string,
  raw: unknown,
  uploads: readonly UploadedFile[] = [],
): Promise<DeadlineResult> {
  const input = stepSchemas.replied.parse(raw);
  const { date, outcome, reasons, withheldPart, letter } = input;
  const files = checkFiles(uploads, 'files');
  return recordStep(ctx, id, 'replied', date, async (ctx, c, deadline) => {
    if (needsReasons(outcome) && !clause(reasons))
      throw ValidationError.one(
        'reasons',
        `答复结果为“${outcomes[outcome].label}”，须说明理由（条例第三十六条）`,
      );
    if (outcome === 'partiallyGranted' && !clause(withheldPart))
      throw ValidationError.one('withheldPart', '部分公开须写明不予公开的部分（条例第三十七条）');
    const delivers = outcome === 'granted' || outcome === 'partiallyGranted';
    const mode = delivers ? (input.deliveryMode ?? requestedMode(c)) : null;
    let record: Awaited<ReturnType<typeof linkedRecord>> = null;
    if (mode === 'electronic' && files.length === 0)
      throw ValidationError.one('files', '以电子文档提供的，请上传随答复提供的文件');
    if ((mode === 'mail' || mode === 'pickup' || mode === 'inspection') && !input.deliveredOn)
      throw ValidationError.one(
        'deliveredOn',
        mode === 'mail'
          ? '请填写邮寄日期'
          : mode === 'pickup'
            ? '请填写可以领取的日期'
            : '请填写可以查阅的日期',
      );
    if (mode === 'mail' && !clause(input.trackingNumber))
      throw ValidationError.one('trackingNumber', '邮寄提供的，请填写邮件号');
    if (mode === 'online') {
      if (!input.recordRef) throw ValidationError.one('recordRef', '请填写已公开信息的索引号或编号');
      record = await linkedRecord(ctx, input.recordRef);
      if (!record)
        throw ValidationError.one('recordRef', `未找到索引号或编号为“${input.recordRef}”的已公开信息`);
    }
    const facts = await letterFacts(ctx, c, deadline, { ...input, deliveryMode: mode });
    const basis = replyBasis(outcome, facts.delivery);
    let body = letter ?? draftLetter('reply', facts).body;
    refusePrompt('reply', body);
    // What makes the letter lawful must be in the letter the clerk sends, not only in the form.
    const has = (part: string | null | undefined) => body.includes(tidy(clause(part)));
    const missing = [
      needsReasons(outcome) && !has(reasons) ? `理由“${clause(reasons)}”` : null,
      outcome === 'partiallyGranted' && !has(withheldPart) ? '不予公开的部分' : null,
      !body.includes(basis) ? `依据（条例${basis}）` : null,
      !body.includes('行政复议') || !body.includes('行政诉讼') ? '救济途径（行政复议、行政诉讼）' : null,
      !body.includes(facts.reviewBody!) ? `复议机关“${facts.reviewBody}”` : null,
    ].filter((m): m is string => m !== null);
    if (missing.length)
      throw ValidationError.one(
        'letter',
        `答复告知书未写明${missing.join('、')}：请按所选答复结果重新拟稿，或在告知书中补上`,
      );
    // Files sent with the reply are listed after the text, as an official letter lists its 附件.
    if (files.length) body += `\n附件：${files.map((f, i) => `${i + 1}.${f.name}`).join('；')}`;
    return {
      data: {
        outcome,
        reasons,
        basis,
        ...(withheldPart ? { withheldPart } : {}),
        ...(mode
          ? {
              deliveryMode: mode,
              deliveredOn: input.deliveredOn,
              trackingNumber: input.trackingNumber,
              ...(record ? { recordId: record.id } : {}),
              files: files.length,
            }
          : {}),
        reviewBody: facts.reviewBody,
      },
      letter: letterOf('reply', body),
      files,
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

const useCases: Record<
  CaseAction,
  (ctx: Ctx, id: string, raw: unknown, files?: readonly UploadedFile[]) => Promise<DeadlineResult>
> = {
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
export async function act(
  ctx: Ctx,
  id: string,
  action: string,
  raw: unknown,
  files: readonly UploadedFile[] = [],
): Promise<DeadlineResult> {
  if (!(caseActions as string[]).includes(action)) throw ValidationError.one('action', '不支持的操作');
  return useCases[action as CaseAction](ctx, id, raw, files);
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
