import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies } from '../agencies/index.js';
import { deadlineOf, loadCase, today } from './request-case.service.js';
import type { DeadlineResult } from './request-deadline.js';
import { letterDocx } from './request-letter.service.js';
import { applicantView, letterView, type ApplicantView, type LetterView } from './request.presenter.js';
import { provenCases } from './request.policy.js';
import * as repo from './request.repository.js';
import { applicantSupplementSchema } from './request.schemas.js';

/**
 * The applicant's side of a case on the portal. The applicant is an actor who proved the case
 * (its 受理编号 and 查询码, or having just submitted it): every function here checks that proof
 * (request.policy.ts `viewOwnCase`, `supplementOwnCase`), whatever id it is given.
 */

export interface ApplicantCasePage {
  case: ApplicantView;
  letters: LetterView[];
  /** 第三十条: the case waits for the applicant's 补正, which they may send here. */
  canSupplement: boolean;
}

/**
 * The applicant's page of a case they proved: `requestId`, or the one they proved last. Null when
 * they have proved none (the portal then asks for the 受理编号 and 查询码).
 */
export async function applicantCasePage(ctx: Ctx, requestId?: string): Promise<ApplicantCasePage | null> {
  const id = requestId ?? provenCases(ctx.actor).at(-1);
  if (!id) return null;
  const c = await loadCase(ctx, id, 'viewOwnCase');
  const { deadline } = await deadlineOf(ctx, c);
  return {
    case: applicantView(c, deadline, (v) => ctx.cipher.decrypt(v)),
    letters: (await repo.lettersOf(ctx.db, c.id)).map(letterView),
    canSupplement: deadline.state === 'awaitingSupplement',
  };
}

/**
 * The applicant sends the 补正 on the portal (第三十条): recorded as received today, which
 * starts the reply period again. For `requestId`, or the case they proved last; null when they
 * have proved none.
 */
export async function supplementByApplicant(
  ctx: Ctx,
  requestId: string | undefined,
  raw: unknown,
): Promise<DeadlineResult | null> {
  const id = requestId || provenCases(ctx.actor).at(-1);
  if (!id) return null;
  const { text: supplement } = applicantSupplementSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const c = await loadCase(ctx, id, 'supplementOwnCase');
    const day = today(ctx);
    const before = await deadlineOf(ctx, c);
    if (before.deadline.state !== 'awaitingSupplement')
      throw ValidationError.one('text', '该申请目前不需要补正');
    await repo.appendEvent(ctx.db, {
      id: newId(),
      request_id: c.id,
      agency_id: c.agencyId,
      type: 'supplemented',
      occurred_on: day,
      at: ctx.clock.now().toISOString(),
      actor_id: null,
      data_json: JSON.stringify({ text: supplement, submissionChannel: 'online' }),
    });
    await recordAudit(ctx, {
      action: 'request.supplemented',
      subjectType: 'request',
      subjectId: c.id,
      agencyId: c.agencyId,
      after: { date: day, submissionChannel: 'online' },
    });
    return (await deadlineOf(ctx, c)).deadline;
  });
}

/** A letter of a case the applicant proved, as a Word document; null when they proved none. */
export async function applicantLetter(
  ctx: Ctx,
  letterId: string,
): Promise<{ title: string; docx: Buffer } | null> {
  if (provenCases(ctx.actor).length === 0) return null;
  const letter = isId(letterId) ? await repo.letterById(ctx.db, letterId) : undefined;
  if (!letter) throw new NotFoundError('未找到该告知书');
  await loadCase(ctx, letter.request_id, 'viewOwnCase');
  const agency = await agencies.getPublic(ctx, letter.agency_id);
  return { title: letter.title, docx: await letterDocx(letter, agency.name) };
}
