import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies } from '../agencies/index.js';
import { deadlineOf, loadCase, today } from './request-case.service.js';
import type { DeadlineResult } from './request-deadline.js';
import { letterDocx } from './request-letter.service.js';
import { checkFiles, type UploadedFile } from './request-file.js';
import { keepFiles } from './request-steps.service.js';
import {
  applicantView,
  caseFileView,
  letterView,
  type ApplicantView,
  type CaseFileView,
  type LetterView,
} from './request.presenter.js';
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
  /** The information sent with the reply (电子文档), for the applicant to download. */
  replyFiles: CaseFileView[];
  /** 第三十条: the case waits for the applicant's 补正, which they may send here. */
  canSupplement: boolean;
  /** What other modules offer on this page (rating the 答复). */
  links: Array<{ label: string; href: string; note?: string }>;
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
  const agency = await agencies.getPublic(ctx, c.agencyId);
  const files = (await repo.filesOf(ctx.db, c.id)).map(caseFileView);
  return {
    case: applicantView(c, deadline, (v) => ctx.cipher.decrypt(v)),
    letters: (await repo.lettersOf(ctx.db, c.id)).map((l) => letterView(l, agency.name)),
    replyFiles: files.filter((f) => f.purpose === 'reply'),
    canSupplement: deadline.state === 'awaitingSupplement',
    links: (
      await Promise.all(
        ctx.modules.extensions('applicantCaseLinks').map((f) => f(ctx, { id: c.id, state: deadline.state })),
      )
    ).flat(),
  };
}

/**
 * The applicant sends the 补正 on the portal (第三十条), in words and, if they like, with files
 * (a scanned document, a photo): recorded as received today, which starts the reply period again.
 * For `requestId`, or the case they proved last; null when they have proved none.
 */
export async function supplementByApplicant(
  ctx: Ctx,
  requestId: string | undefined,
  raw: unknown,
  uploads: readonly UploadedFile[] = [],
): Promise<DeadlineResult | null> {
  const id = requestId || provenCases(ctx.actor).at(-1);
  if (!id) return null;
  const { text: supplement } = applicantSupplementSchema.parse(raw);
  const files = checkFiles(uploads, 'files');
  return inTransaction(ctx, async (ctx) => {
    const c = await loadCase(ctx, id, 'supplementOwnCase');
    const day = today(ctx);
    const before = await deadlineOf(ctx, c);
    if (before.deadline.state !== 'awaitingSupplement')
      throw ValidationError.one('text', '该申请目前不需要补正');
    const eventId = newId();
    await repo.appendEvent(ctx.db, {
      id: eventId,
      request_id: c.id,
      agency_id: c.agencyId,
      type: 'supplemented',
      occurred_on: day,
      at: ctx.clock.now().toISOString(),
      actor_id: null,
      data_json: JSON.stringify({ text: supplement, submissionChannel: 'online' }),
    });
    await keepFiles(ctx, c, eventId, 'supplement', files);
    await recordAudit(ctx, {
      action: 'request.supplemented',
      subjectType: 'request',
      subjectId: c.id,
      agencyId: c.agencyId,
      after: { date: day, submissionChannel: 'online', files: files.length },
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

/**
 * A file sent with the reply to a case the applicant proved (their 查询码), for download; null when
 * they proved none. The files they sent themselves with a 补正 are the agency's to read, not shown.
 */
export async function applicantFile(
  ctx: Ctx,
  fileId: string,
): Promise<{ fileName: string; mediaType: string; content: Uint8Array } | null> {
  if (provenCases(ctx.actor).length === 0) return null;
  const f = isId(fileId) ? await repo.fileById(ctx.db, fileId) : undefined;
  if (!f || f.purpose !== 'reply') throw new NotFoundError('未找到该文件');
  await loadCase(ctx, f.request_id, 'viewOwnCase');
  return { fileName: f.file_name, mediaType: f.media_type, content: f.content };
}
