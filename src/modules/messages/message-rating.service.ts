import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { agencies } from '../agencies/index.js';
import { addDays, calendar, workdaysAfter } from '../calendar/index.js';
import { cases } from '../requests/index.js';
import { answeredStages } from './message-clock.js';
import { messageSettings } from './message.settings.js';
import { gradeLabels, isBadGrade, ratingDimensions, type Grade } from './message.js';
import { assertCan, type StaffMessageAction } from './message.policy.js';
import * as repo from './message.repository.js';
import { clockOf, loadMessage, today } from './message.service.js';
import {
  disputeDecisionSchema,
  disputeSchema,
  rateSchema,
  resolveSchema,
  visitSchema,
} from './message.schemas.js';
import type { MessageRatingTable } from './message.tables.js';

/**
 * 好差评 (services.md §3.4): the writer of a 来信, or the applicant of a 依申请公开 case, rates the
 * reply once, on the five grades, with optional dimensions. A 差评 (不满意, 非常不满意) starts the
 * closed loop: the rated agency's 回访核实, then 整改 or 解释说明 within the configured working days,
 * and 申诉复核 by the level above to exclude a mistaken or abusive rating from the figures.
 */

export type RatingSubject = 'message' | 'request';

export interface RatingView {
  id: string;
  /** The agency rated, and what was rated (a 来信 or an application). */
  agencyId: string;
  subjectType: RatingSubject;
  subjectId: string;
  grade: Grade;
  gradeLabel: string;
  bad: boolean;
  ratedOn: string;
  dimensions: Record<string, number>;
  realName: boolean;
  visitedOn: string | null;
  visitNote: string | null;
  fixDue: string | null;
  action: string | null;
  actionNote: string | null;
  actionOn: string | null;
  disputeReason: string | null;
  disputedOn: string | null;
  disputeUpheld: boolean | null;
  /** 整改 not done by its due day. */
  fixOverdue: boolean;
}

export function ratingView(r: MessageRatingTable, day: string): RatingView {
  const bad = isBadGrade(r.grade as Grade);
  return {
    id: r.id,
    agencyId: r.agency_id,
    subjectType: r.subject_type as RatingSubject,
    subjectId: r.subject_id,
    grade: r.grade as Grade,
    gradeLabel: gradeLabels[r.grade as Grade],
    bad,
    ratedOn: r.rated_on,
    dimensions: r.dimensions_json ? (JSON.parse(r.dimensions_json) as Record<string, number>) : {},
    realName: r.real_name === 1,
    visitedOn: r.visited_on,
    visitNote: r.visit_note,
    fixDue: r.fix_due,
    action: r.action,
    actionNote: r.action_note,
    actionOn: r.action_on,
    disputeReason: r.dispute_reason,
    disputedOn: r.disputed_on,
    disputeUpheld: r.dispute_upheld === null ? null : r.dispute_upheld === 1,
    fixOverdue: bad && r.action === null && r.dispute_upheld !== 1 && r.fix_due !== null && day > r.fix_due,
  };
}

async function store(
  ctx: Ctx,
  subjectType: RatingSubject,
  subjectId: string,
  agencyId: string,
  realName: boolean,
  raw: unknown,
): Promise<RatingView> {
  const input = rateSchema.parse(raw);
  if (await repo.ratingOf(ctx.db, subjectType, subjectId))
    throw new ConflictError('已经评价过，每件只能评价一次');
  const day = today(ctx);
  const now = ctx.clock.now().toISOString();
  const dimensions = Object.fromEntries(
    ratingDimensions.filter((d) => input[d] !== null).map((d) => [d, input[d]]),
  );
  const fixDue = isBadGrade(input.grade)
    ? workdaysAfter(await calendar.load(ctx), day, messageSettings.of(ctx).fixWorkdays)
    : null;
  const row: MessageRatingTable = {
    id: newId(),
    subject_type: subjectType,
    subject_id: subjectId,
    agency_id: agencyId,
    grade: input.grade,
    dimensions_json: Object.keys(dimensions).length ? JSON.stringify(dimensions) : null,
    comment_enc: input.comment ? ctx.cipher.encrypt(input.comment) : null,
    real_name: realName ? 1 : 0,
    rated_on: day,
    visited_on: null,
    visit_note: null,
    fix_due: fixDue,
    action: null,
    action_note: null,
    action_on: null,
    dispute_reason: null,
    disputed_on: null,
    dispute_upheld: null,
    dispute_decided_on: null,
    created_at: now,
    updated_at: now,
  };
  await repo.insertRating(ctx.db, row);
  await recordAudit(ctx, {
    action: 'message.rate',
    subjectType: subjectType === 'message' ? 'message' : 'request',
    subjectId,
    agencyId,
    after: { grade: input.grade },
  });
  return ratingView(row, day);
}

/** The writer rates the reply to their 来信, within the configured days after it. */
export async function rateMessage(ctx: Ctx, id: string, raw: unknown): Promise<RatingView> {
  return inTransaction(ctx, async (ctx) => {
    const m = await loadMessage(ctx, id, 'actOwn');
    const { clock } = await clockOf(ctx, m.row);
    if (!(answeredStages as readonly string[]).includes(clock.stage) || !m.row.replied_on)
      throw new ConflictError('答复后才能评价');
    const cal = await calendar.load(ctx);
    const until = addDays(cal, m.row.replied_on, messageSettings.of(ctx).ratingDays).due;
    if (today(ctx) > until)
      throw new ConflictError(`评价期限（答复后 ${messageSettings.of(ctx).ratingDays} 日，至 ${until}）已过`);
    return store(ctx, 'message', id, m.row.agency_id, m.row.anonymous === 0, raw);
  });
}

/** The applicant of a 依申请公开 case they proved rates its 答复 the same way. */
export async function rateRequest(ctx: Ctx, requestId: string, raw: unknown): Promise<RatingView> {
  return inTransaction(ctx, async (ctx) => {
    const page = await cases.applicantCasePage(ctx, requestId);
    if (!page) throw new NotFoundError('未找到该申请');
    if (page.case.state !== 'replied') throw new ConflictError('答复后才能评价');
    return store(ctx, 'request', requestId, page.case.agencyId, true, raw);
  });
}

export async function ratingOf(
  ctx: Ctx,
  subjectType: RatingSubject,
  subjectId: string,
): Promise<RatingView | null> {
  const r = await repo.ratingOf(ctx.db, subjectType, subjectId);
  return r ? ratingView(r, today(ctx)) : null;
}

/** A 差评 of an agency the actor may act on as `action` (the rated agency's staff, or the level above). */
async function loadBadRating(ctx: Ctx, id: string, action: StaffMessageAction): Promise<MessageRatingTable> {
  const r = await repo.findRating(ctx.db, id);
  if (!r) throw new NotFoundError('未找到该评价');
  const path = await agencies.pathOf(ctx, r.agency_id);
  assertCan(ctx.actor, action, { receivedByPath: path, agencyPath: path });
  if (!isBadGrade(r.grade as Grade)) throw new ConflictError('只有差评（不满意、非常不满意）需要回访和整改');
  return r;
}

function loopDate(ctx: Ctx, given: string | null, after: string | null, field = 'date'): string {
  const day = today(ctx);
  const date = given ?? day;
  if (date > day) throw ValidationError.one(field, `日期（${date}）不能晚于今天`);
  if (after && date < after) throw ValidationError.one(field, `日期（${date}）不能早于 ${after}`);
  return date;
}

async function change(
  ctx: Ctx,
  r: MessageRatingTable,
  action: string,
  set: Partial<MessageRatingTable>,
): Promise<RatingView> {
  await repo.updateRating(ctx.db, r.id, { ...set, updated_at: ctx.clock.now().toISOString() });
  await recordAudit(ctx, {
    action: `message.${action}`,
    subjectType: 'messageRating',
    subjectId: r.id,
    agencyId: r.agency_id,
    after: Object.fromEntries(
      Object.entries(set).filter(([k]) => !k.endsWith('_note') && k !== 'dispute_reason'),
    ),
  });
  const after = (await repo.findRating(ctx.db, r.id))!;
  return ratingView(after, today(ctx));
}

/** 回访核实: the rated agency calls or visits the person and records what it found. */
export async function visit(ctx: Ctx, ratingId: string, raw: unknown): Promise<RatingView> {
  const input = visitSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const r = await loadBadRating(ctx, ratingId, 'handle');
    const date = loopDate(ctx, input.date, r.rated_on);
    return change(ctx, r, 'ratingVisit', { visited_on: date, visit_note: input.note });
  });
}

/** 整改 or 解释说明, after the 回访. */
export async function resolve(ctx: Ctx, ratingId: string, raw: unknown): Promise<RatingView> {
  const input = resolveSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const r = await loadBadRating(ctx, ratingId, 'handle');
    if (!r.visited_on) throw new ConflictError('请先回访核实，再整改或解释说明');
    if (r.action) throw new ConflictError('该差评已处置');
    const date = loopDate(ctx, input.date, r.visited_on);
    return change(ctx, r, 'ratingResolve', {
      action: input.action,
      action_note: input.note,
      action_on: date,
    });
  });
}

/** 申诉: the agency asks the level above to exclude a mistaken or abusive rating. */
export async function dispute(ctx: Ctx, ratingId: string, raw: unknown): Promise<RatingView> {
  const input = disputeSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const r = await loadBadRating(ctx, ratingId, 'handle');
    if (r.disputed_on) throw new ConflictError('该差评已申诉');
    const date = loopDate(ctx, input.date, r.rated_on);
    return change(ctx, r, 'ratingDispute', { dispute_reason: input.reason, disputed_on: date });
  });
}

/** 申诉复核 by the level above: upheld, the rating is left out of the figures (and shown as such). */
export async function decideDispute(ctx: Ctx, ratingId: string, raw: unknown): Promise<RatingView> {
  const input = disputeDecisionSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const r = await loadBadRating(ctx, ratingId, 'decideDispute');
    if (!r.disputed_on) throw new ConflictError('该差评没有申诉');
    if (r.dispute_upheld !== null) throw new ConflictError('该申诉已复核');
    const date = loopDate(ctx, input.date, r.disputed_on);
    return change(ctx, r, 'ratingDisputeDecide', {
      dispute_upheld: input.upheld === 'yes' ? 1 : 0,
      dispute_decided_on: date,
    });
  });
}

/** The 来信 a rating is of (null for an application's 答复), for the page that shows it. */
export async function subjectOf(ctx: Ctx, ratingId: string): Promise<string | null> {
  const r = await repo.findRating(ctx.db, ratingId);
  return r && r.subject_type === 'message' ? r.subject_id : null;
}

/** The applicant's page for rating the 答复 of an application they proved: the rating if given. */
export async function requestRatingPage(ctx: Ctx, requestId: string) {
  const page = await cases.applicantCasePage(ctx, requestId);
  if (!page) throw new NotFoundError('未找到该申请');
  return {
    requestId,
    acceptanceNumber: page.case.acceptanceNumber,
    outcomeLabel: page.case.outcomeLabel,
    replied: page.case.state === 'replied',
    rating: await ratingOf(ctx, 'request', requestId),
  };
}
