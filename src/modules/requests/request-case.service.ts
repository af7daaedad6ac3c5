import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { isId } from '../../platform/ids.js';
import { agencies } from '../agencies/index.js';
import { calendar, type WorkCalendar } from '../calendar/index.js';
import { computeDeadline, isOpenState, type CaseEvent, type DeadlineResult } from './request-deadline.js';
import {
  deliveryModes,
  draftLetter,
  type DeliveryFacts,
  type DeliveryMode,
  type LetterFacts,
  type LetterKind,
} from './request-letter.js';
import { letterDocx } from './request-letter.service.js';
import { replyOutcomes, type Outcome } from './request-outcome.js';
import {
  caseFileView,
  eventView,
  letterView,
  outcomeLabel,
  staffCaseView,
  supplementsOf,
  type CaseFileView,
  type LetterView,
  type PersonalData,
  type StaffCaseView,
  type SupplementView,
} from './request.presenter.js';
import { requestSettings } from './request.settings.js';
import { allowedOn, assertCan, type RequestAction, type StaffRequestAction } from './request.policy.js';
import * as repo from './request.repository.js';
import type { RequestCase } from './request.repository.js';
import type { RequestEventTable } from './request.tables.js';
import { deliveryFormatLabels, deliveryMethodLabels } from './request.js';

/** 提供形式 and 获取方式 as the applicant asked for them. */
function requestedLabel(c: Pick<RequestCase, 'deliveryFormat' | 'deliveryMethod'>): string {
  return `${deliveryFormatLabels[c.deliveryFormat]}，${deliveryMethodLabels[c.deliveryMethod]}`;
}

/**
 * One application in the back office: its state and deadline derived from its events, its page,
 * who handles it, and the applicant's personal data for the handling clerk. The steps are in
 * request-steps.service.ts, the lists in request-queue.service.ts.
 */

export type LoadedCase = RequestCase & { agencyPath: string };

/** The case, if the actor may do `action` on it. */
export async function loadCase(ctx: Ctx, id: string, action: RequestAction): Promise<LoadedCase> {
  const c = isId(id) ? await repo.findRequest(ctx.db, id) : undefined;
  if (!c) throw new NotFoundError('未找到该申请');
  assertCan(ctx.actor, action, { id: c.id, path: c.agencyPath, handlerId: c.handlerId });
  return c;
}

/** The case's events as the deadline rules read them, starting with its receipt. */
export function eventsOf(c: Pick<RequestCase, 'receivedOn'>, stored: RequestEventTable[]): CaseEvent[] {
  const events: CaseEvent[] = [{ type: 'received', date: c.receivedOn }];
  for (const e of stored)
    events.push({
      type: e.type,
      date: e.occurred_on,
      ...(e.data_json ? JSON.parse(e.data_json) : {}),
    } as CaseEvent);
  return events;
}

export function today(ctx: Ctx): string {
  return beijingDate(ctx.clock.now());
}

/** The case's events (one query) and its deadline today. */
export async function deadlineOf(
  ctx: Ctx,
  c: Pick<RequestCase, 'id' | 'receivedOn'>,
  cal?: WorkCalendar,
): Promise<{ events: CaseEvent[]; deadline: DeadlineResult }> {
  const events = eventsOf(c, await repo.eventsOf(ctx.db, c.id));
  return { events, deadline: computeDeadline(events, cal ?? (await calendar.load(ctx)), today(ctx)) };
}

/** A case as staff read it: the case, its events and its deadline. */
export async function state(
  ctx: Ctx,
  id: string,
): Promise<{ request: RequestCase; events: CaseEvent[]; deadline: DeadlineResult }> {
  const c = await loadCase(ctx, id, 'read');
  return { request: c, ...(await deadlineOf(ctx, c)) };
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

/**
 * The 复议机关 a reply names (行政复议法第二十四条): as configured for the agency, else the nearest
 * people's government above it in the tree (a department's own government, a township's county),
 * else, for the top of the tree, as configured or 上一级人民政府.
 */
export async function reviewBodyOf(ctx: Ctx, agencyId: string): Promise<string> {
  const settings = requestSettings.of(ctx);
  const agency = await agencies.getPublic(ctx, agencyId);
  const configured = settings.reviewBodies.get(agency.name);
  if (configured) return configured;
  const above = agency.path.split('/').filter((id) => id !== '' && id !== agency.id);
  for (const id of above.reverse()) {
    const a = await agencies.getPublic(ctx, id).catch(() => null);
    if (a?.kind === 'peoplesGovernment') return a.name;
  }
  return settings.topReviewBody || '上一级人民政府';
}

/** What the applicant asked for (第二十九条) as the delivery a reply offers first. */
export function requestedMode(c: Pick<RequestCase, 'deliveryFormat' | 'deliveryMethod'>): DeliveryMode {
  if (c.deliveryFormat === 'electronic') return 'electronic';
  if (c.deliveryFormat === 'inspection') return 'inspection';
  return c.deliveryMethod === 'pickup' ? 'pickup' : 'mail';
}

/** A reply as the clerk is filling it in (the form's fields; every one may still be empty). */
export interface ReplyInput {
  outcome?: Outcome | null;
  reasons?: string | null;
  withheldPart?: string | null;
  deliveryMode?: DeliveryMode | null;
  deliveredOn?: string | null;
  trackingNumber?: string | null;
  recordRef?: string | null;
  /** The letter as the clerk edited it (kept when a reply is refused, so nothing is lost). */
  letter?: string | null;
}

/**
 * The reply form as the clerk left it when asking for a new draft (拟稿): what is filled in and
 * valid is kept, the rest is left empty (the draft then holds its prompts).
 */
export function replyInputFrom(raw: Record<string, unknown>): ReplyInput {
  const str = (k: string) =>
    typeof raw[k] === 'string' && (raw[k] as string).trim() !== '' ? (raw[k] as string) : null;
  const outcome = str('outcome');
  const mode = str('deliveryMode');
  const on = str('deliveredOn');
  return {
    outcome: outcome && (replyOutcomes as string[]).includes(outcome) ? (outcome as Outcome) : null,
    reasons: str('reasons'),
    withheldPart: str('withheldPart'),
    deliveryMode: mode && (deliveryModes as readonly string[]).includes(mode) ? (mode as DeliveryMode) : null,
    deliveredOn: on && /^\d{4}-\d{2}-\d{2}$/.test(on) ? on : null,
    trackingNumber: str('trackingNumber'),
    recordRef: str('recordRef'),
  };
}

/** The published record a reply links to, or null (the capability is missing, or no such record). */
export async function linkedRecord(ctx: Ctx, ref: string | null | undefined) {
  if (!ref?.trim()) return null;
  return (await ctx.modules.capabilities.publishedRecord?.(ctx, ref.trim())) ?? null;
}

/** The facts a letter of the case is drafted from (the reply's, when `reply` is given). */
export async function letterFacts(
  ctx: Ctx,
  c: RequestCase,
  deadline: Pick<DeadlineResult, 'due' | 'provisional'>,
  reply?: ReplyInput,
): Promise<LetterFacts> {
  const agency = await agencies.getPublic(ctx, c.agencyId);
  let delivery: DeliveryFacts | null = null;
  if (reply?.outcome === 'granted' || reply?.outcome === 'partiallyGranted') {
    const mode = reply.deliveryMode ?? requestedMode(c);
    const record = mode === 'online' ? await linkedRecord(ctx, reply.recordRef) : null;
    delivery = {
      mode,
      on: reply.deliveredOn,
      trackingNumber: reply.trackingNumber,
      record,
    };
  }
  return {
    agencyName: agency.name,
    applicantName: c.applicantName,
    applicantType: c.applicantType,
    acceptanceNumber: c.acceptanceNumber,
    receivedOn: c.receivedOn,
    description: c.description,
    due: deadline.due,
    dueProvisional: deadline.provisional,
    outcome: reply?.outcome ?? undefined,
    reasons: reply?.reasons,
    withheldPart: reply?.withheldPart,
    delivery,
    reviewBody: await reviewBodyOf(ctx, c.agencyId),
    court: requestSettings.of(ctx).court || null,
  };
}

/** The letters a clerk may send while the case's clock runs, drafted from its facts. */
const draftedWhileOpen: readonly LetterKind[] = [
  'supplement',
  'thirdPartyConsultation',
  'agencyConsultation',
  'extension',
  'processingFee',
  'reply',
];

export interface EarlierApplication {
  id: string;
  acceptanceNumber: string;
  receivedOn: string;
  outcomeLabel: string | null;
  description: string;
}

export interface CasePage {
  case: StaffCaseView;
  deadline: DeadlineResult;
  /** The history, in words. */
  events: Array<{ date: string; label: string; detail: string | null }>;
  letters: LetterView[];
  /** What the applicant sent with each 补正 (text and files). */
  supplements: SupplementView[];
  /** The files sent with the reply. */
  replyFiles: CaseFileView[];
  /** The reply form as the clerk left it (拟稿), and what the applicant asked for. */
  reply: ReplyInput & { requested: string; defaultMode: DeliveryMode };
  /** Drafts of the letters the open case's steps send, for the clerk to edit. */
  drafts: Partial<Record<LetterKind, string>>;
  /** The same applicant's other applications to the same agency. */
  earlier: EarlierApplication[];
  /** Where it came from or went to in other modules (a 来信, a 12345 工单). */
  links: Array<{ label: string; href: string }>;
  pendingExtension: { workdays: number; reason: string; date: string } | null;
  /** What the viewer may do here (request.policy.ts). */
  allowed: StaffRequestAction[];
  open: boolean;
  today: string;
}

/**
 * The back-office page of one case, loaded once. With `unmask`, the handling clerk sees the
 * applicant's personal data in the clear, and the viewing is in the audit log (who saw whose
 * 身份证号, when).
 */
export async function casePage(
  ctx: Ctx,
  id: string,
  opts: { unmask?: boolean; reply?: ReplyInput } = {},
): Promise<CasePage> {
  const c = await loadCase(ctx, id, 'read');
  const personal = opts.unmask ? await personalData(ctx, id) : null;
  const { events, deadline } = await deadlineOf(ctx, c);
  const agency = await agencies.get(ctx, c.agencyId);
  const drafts: Partial<Record<LetterKind, string>> = {};
  // The reply drafted for the outcome chosen (拟稿), or for 予以公开 in the form asked for.
  const reply: ReplyInput = opts.reply ?? { outcome: 'granted', deliveryMode: requestedMode(c) };
  if (deadline.state === 'open') {
    const facts = await letterFacts(ctx, c, deadline, reply);
    for (const kind of draftedWhileOpen) drafts[kind] = draftLetter(kind, facts).body;
    if (reply.letter) drafts.reply = reply.letter;
  }
  const pending = pendingExtension(events);
  const stored = await repo.eventsOf(ctx.db, c.id);
  const files = (await repo.filesOf(ctx.db, c.id)).map(caseFileView);
  return {
    case: staffCaseView(c, (v) => ctx.cipher.decrypt(v), personal, ctx.actor.id),
    deadline,
    events: events.map(eventView),
    letters: (await repo.lettersOf(ctx.db, c.id)).map((l) => letterView(l, agency.name)),
    supplements: supplementsOf(stored, files),
    replyFiles: files.filter((f) => f.purpose === 'reply'),
    reply: {
      ...reply,
      requested: requestedLabel(c),
      defaultMode: requestedMode(c),
    },
    drafts,
    earlier: await earlierApplications(ctx, c),
    links: (await Promise.all(ctx.modules.extensions('requestLinks').map((f) => f(ctx, c.id)))).flat(),
    pendingExtension: pending && { workdays: pending.workdays, reason: pending.reason, date: pending.date },
    allowed: allowedOn(ctx.actor, { id: c.id, path: c.agencyPath, handlerId: c.handlerId }),
    open: isOpenState(deadline.state),
    today: today(ctx),
  };
}

/**
 * The same applicant's other applications to the same agency (matched on the blind index of the
 * identity number, never on the number itself): for 重复申请 and 第三十五条 mass requests.
 */
async function earlierApplications(ctx: Ctx, c: RequestCase): Promise<EarlierApplication[]> {
  const rows = await repo.byApplicant(ctx.db, c.agencyId, c.idNumberIndex);
  return rows
    .filter((r) => r.id !== c.id)
    .map((r) => ({
      id: r.id,
      acceptanceNumber: r.acceptanceNumber,
      receivedOn: r.receivedOn,
      outcomeLabel: r.outcome ? outcomeLabel(r.outcome) : null,
      description: r.description,
    }));
}

export async function sameApplicant(ctx: Ctx, id: string): Promise<EarlierApplication[]> {
  return earlierApplications(ctx, await loadCase(ctx, id, 'read'));
}

/** The office head (or an administrator) assigns the handling clerk; a clerk may take a case. */
export async function assign(ctx: Ctx, id: string, userId: string | null): Promise<void> {
  const selfTake = userId !== null && userId === ctx.actor.id;
  await inTransaction(ctx, async (ctx) => {
    const c = await loadCase(ctx, id, selfTake ? 'takeCase' : 'assign');
    await repo.setHandler(ctx.db, id, userId, ctx.clock.now().toISOString());
    await recordAudit(ctx, {
      action: 'request.assign',
      subjectType: 'request',
      subjectId: id,
      agencyId: c.agencyId,
      before: { handlerId: c.handlerId },
      after: { handlerId: userId },
    });
  });
}

/** The handling clerk takes the case themself. */
export async function take(ctx: Ctx, id: string): Promise<void> {
  return assign(ctx, id, ctx.actor.id);
}

/**
 * The applicant's personal data in the clear: for the handling clerk only, and every reading is
 * in the audit log (who saw whose 身份证号, when).
 */
export async function personalData(ctx: Ctx, id: string): Promise<PersonalData> {
  return inTransaction(ctx, async (ctx) => {
    const c = await loadCase(ctx, id, 'viewPersonalData');
    await recordAudit(ctx, {
      action: 'request.viewPersonalData',
      subjectType: 'request',
      subjectId: id,
      agencyId: c.agencyId,
    });
    return {
      idNumber: ctx.cipher.decrypt(c.idNumberEnc),
      phone: ctx.cipher.decrypt(c.phoneEnc),
      address: c.addressEnc ? ctx.cipher.decrypt(c.addressEnc) : null,
    };
  });
}

/** A file of the case (a reply's, or one the applicant sent with a 补正), for staff who may read it. */
export async function caseFile(
  ctx: Ctx,
  requestId: string,
  fileId: string,
): Promise<{ fileName: string; mediaType: string; content: Uint8Array }> {
  const c = await loadCase(ctx, requestId, 'read');
  const f = isId(fileId) ? await repo.fileById(ctx.db, fileId) : undefined;
  if (!f || f.request_id !== c.id) throw new NotFoundError('未找到该文件');
  return { fileName: f.file_name, mediaType: f.media_type, content: f.content };
}

/** A letter of the case as a Word document, for staff who may read the case. */
export async function caseLetter(
  ctx: Ctx,
  requestId: string,
  letterId: string,
): Promise<{ title: string; docx: Buffer }> {
  const c = await loadCase(ctx, requestId, 'read');
  const letter = isId(letterId) ? await repo.letterById(ctx.db, letterId) : undefined;
  if (!letter || letter.request_id !== c.id) throw new NotFoundError('未找到该告知书');
  const agency = await agencies.get(ctx, letter.agency_id);
  return { title: letter.title, docx: await letterDocx(letter, agency.name) };
}

/**
 * What a 来信 made from an application needs (条例第三十九条: a 信访、投诉、举报 filed as an
 * application is passed to the channel that handles it): the applicant's contact in the clear, for
 * those who handle the application, and audited like any unmasked reading.
 */
export async function referralFacts(ctx: Ctx, id: string) {
  return inTransaction(ctx, async (ctx) => {
    const c = await loadCase(ctx, id, 'handle');
    await recordAudit(ctx, {
      action: 'request.viewPersonalData',
      subjectType: 'request',
      subjectId: id,
      agencyId: c.agencyId,
    });
    return {
      id: c.id,
      agencyId: c.agencyId,
      acceptanceNumber: c.acceptanceNumber,
      receivedOn: c.receivedOn,
      applicantName: c.applicantName,
      phone: ctx.cipher.decrypt(c.phoneEnc),
      address: c.addressEnc ? ctx.cipher.decrypt(c.addressEnc) : null,
      description: c.description,
    };
  });
}
