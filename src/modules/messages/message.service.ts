import { randomInt } from 'node:crypto';
import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { agencies, type Agency } from '../agencies/index.js';
import { calendar } from '../calendar/index.js';
import { createHash } from 'node:crypto';
import { cases, checkFiles, checkIdNumber, type UploadedFile } from '../requests/index.js';
import { computeClock, type MessageClock, type MessageEvent } from './message-clock.js';
import { messageSettings } from './message.settings.js';
import { publishConsentWording, type Regime } from './message.js';
import { assertCan, can, messageProof, type MessageAction, type MessageSubject } from './message.policy.js';
import * as repo from './message.repository.js';
import type { MessageRow } from './message.repository.js';
import {
  fromRequestSchema,
  registerSchema,
  writeSchema,
  type RegisterInput,
  type WriteInput,
} from './message.schemas.js';
import type { MessageEventTable } from './message.tables.js';

/** Intake of 来信 and what every step needs: loading one with its policy subject, and its clock. */

/** Unambiguous characters only (no 0/O, 1/I/L), as for an application's 查询码. */
const LOOKUP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newLookupCode(): string {
  const chars = Array.from({ length: 10 }, () => LOOKUP_ALPHABET[randomInt(LOOKUP_ALPHABET.length)]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}
const normalizeLookup = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function today(ctx: Ctx): string {
  return beijingDate(ctx.clock.now());
}

/** 2026XX00012: the year, 信箱 (XX) or 信访 (XF), and the number within the receiving agency. */
export function messageNumber(year: number, regime: Regime, seq: number): string {
  return `${year}${regime === 'petition' ? 'XF' : 'XX'}${String(seq).padStart(5, '0')}`;
}

export interface Written {
  id: string;
  number: string;
  agencyName: string;
  receivedOn: string;
  /** Shown once, to the writer: with the 来信编号 it opens the 来信 on the portal. */
  lookupCode: string;
  clock: MessageClock;
}

export function proofOf(written: Pick<Written, 'id'>): string {
  return messageProof(written.id);
}

/** The checks one field cannot make alone: real name for 信访, an ID number that is one. */
function crossCheck(input: Omit<WriteInput, 'channel'>, regime: Regime): void {
  const problems: FieldError[] = [];
  if (regime === 'petition' && input.anonymous)
    problems.push({ field: 'anonymous', message: '信访事项须署真实姓名（信访工作条例第十九条），不能匿名' });
  if (!input.anonymous && !input.writerName)
    problems.push({ field: 'writerName', message: '请填写姓名或名称，或选择匿名' });
  if (regime === 'petition' && !input.address)
    problems.push({ field: 'address', message: '信访事项须写明住址（信访工作条例第十九条）' });
  if (!input.anonymous && !input.phone && !input.email)
    problems.push({ field: 'phone', message: '请至少填写联系电话或电子邮箱，以便答复和回访' });
  if (input.idNumber && /^\d{17}[\dXx]$/.test(input.idNumber)) {
    const r = checkIdNumber(input.idNumber);
    if (!r.ok) problems.push({ field: 'idNumber', message: r.message });
  }
  if (problems.length) throw new ValidationError(problems);
}

async function receivingAgency(ctx: Ctx, agencyId: string): Promise<Agency> {
  return agencies.getPublic(ctx, agencyId).catch(() => {
    throw ValidationError.one('agencyId', '所选收信机关不存在');
  });
}

/** A member of the public writes on the portal, with files if they like; received today. */
export async function write(ctx: Ctx, raw: unknown, uploads: readonly UploadedFile[] = []): Promise<Written> {
  const input = writeSchema.parse(raw);
  const regime: Regime = input.channel === 'onlinePetition' ? 'petition' : 'mailbox';
  crossCheck(input, regime);
  const files = checkFiles(uploads, 'files');
  const agency = await receivingAgency(ctx, input.agencyId);
  return store(ctx, agency, input, regime, input.channel, today(ctx), undefined, files);
}

/** Staff enter a 来信 that came by post, phone, a visit or from the hotline, on its day of receipt. */
export async function register(
  ctx: Ctx,
  raw: unknown,
  uploads: readonly UploadedFile[] = [],
): Promise<Written> {
  const input: RegisterInput = registerSchema.parse(raw);
  crossCheck(input, input.regime);
  const files = checkFiles(uploads, 'files');
  const agency = await receivingAgency(ctx, input.agencyId);
  assertCan(ctx.actor, 'register', { receivedByPath: agency.path, agencyPath: agency.path });
  if (input.receivedOn > today(ctx))
    throw ValidationError.one('receivedOn', `收到之日（${input.receivedOn}）不能晚于今天`);
  return store(ctx, agency, input, input.regime, input.channel, input.receivedOn, undefined, files);
}

/**
 * 条例第三十九条: an application that is really a 信访、投诉 or 举报 is passed to the channel that
 * handles it. The 来信 is received by the application's agency on the application's day of
 * receipt, with its applicant as writer; both keep the link. The application itself is answered
 * 不予处理 as usual.
 */
export async function passFromRequest(ctx: Ctx, requestId: string, raw: unknown): Promise<Written> {
  const input = fromRequestSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    if (await repo.fromRequest(ctx.db, requestId))
      throw ValidationError.one('requestId', '该申请已经转为来信办理');
    const facts = await cases.referralFacts(ctx, requestId);
    const agency = await receivingAgency(ctx, facts.agencyId);
    assertCan(ctx.actor, 'register', { receivedByPath: agency.path, agencyPath: agency.path });
    return store(
      ctx,
      agency,
      {
        ticketType: input.ticketType,
        anonymous: false,
        writerName: facts.applicantName,
        idNumber: null,
        phone: facts.phone,
        address: facts.address,
        email: null,
        subject: input.subject,
        content: facts.description,
        consentPublish: false,
      },
      input.regime,
      'disclosureRequest',
      facts.receivedOn,
      { requestId, acceptanceNumber: facts.acceptanceNumber },
    );
  });
}

async function store(
  ctx: Ctx,
  agency: Agency,
  input: Omit<WriteInput, 'channel' | 'agencyId'>,
  regime: Regime,
  channel: string,
  receivedOn: string,
  fromRequest?: { requestId: string; acceptanceNumber: string },
  files: ReadonlyArray<UploadedFile & { mediaType: string }> = [],
): Promise<Written> {
  const lookupCode = newLookupCode();
  const enc = (v: string | null) => (v ? ctx.cipher.encrypt(v) : null);
  return inTransaction(ctx, async (ctx) => {
    const year = Number(receivedOn.slice(0, 4));
    const seq = await repo.nextSeq(ctx.db, agency.id, year);
    const id = newId();
    const now = ctx.clock.now().toISOString();
    const number = messageNumber(year, regime, seq);
    await repo.insert(ctx.db, {
      id,
      number,
      year,
      seq,
      received_by: agency.id,
      agency_id: agency.id,
      assist_json: '[]',
      regime,
      channel,
      ticket_type: input.ticketType,
      petition_class: null,
      accused_agency_id: null,
      anonymous: input.anonymous ? 1 : 0,
      writer_name_enc: input.anonymous ? null : enc(input.writerName),
      id_number_enc: input.anonymous ? null : enc(input.idNumber?.toUpperCase() ?? null),
      phone_enc: input.anonymous ? null : enc(input.phone),
      address_enc: input.anonymous ? null : enc(input.address),
      email_enc: input.anonymous ? null : enc(input.email),
      subject: input.subject,
      content_enc: ctx.cipher.encrypt(input.content),
      consent_at: input.consentPublish ? now : null,
      consent_wording: input.consentPublish ? publishConsentWording : null,
      received_on: receivedOn,
      reply_enc: null,
      replied_on: null,
      outcome: null,
      public_subject: null,
      public_content: null,
      public_reply: null,
      published_at: null,
      merged_into: null,
      request_id: null,
      from_request_id: fromRequest?.requestId ?? null,
      handler_id: null,
      lookup_hash: ctx.cipher.blindIndex(normalizeLookup(lookupCode)),
      created_at: now,
      updated_at: now,
    });
    for (const [position, f] of files.entries())
      await repo.insertFile(ctx.db, {
        id: newId(),
        message_id: id,
        position,
        file_name: f.name,
        media_type: f.mediaType,
        byte_size: f.bytes.length,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
        content: f.bytes,
        created_at: now,
      });
    await repo.appendEvent(ctx.db, {
      id: newId(),
      message_id: id,
      type: 'received',
      occurred_on: receivedOn,
      at: now,
      actor_id: ctx.actor.id,
      agency_id: agency.id,
      data_json: JSON.stringify({
        channel,
        ...(fromRequest ? { acceptanceNumber: fromRequest.acceptanceNumber } : {}),
      }),
    });
    // The audit event carries no personal data and not the letter: number, channel, regime.
    await recordAudit(ctx, {
      action: 'message.receive',
      subjectType: 'message',
      subjectId: id,
      agencyId: agency.id,
      after: {
        number,
        channel,
        regime,
        receivedOn,
        consentPublish: input.consentPublish,
        files: files.length,
      },
    });
    const row = (await repo.find(ctx.db, id))!;
    const { clock } = await clockOf(ctx, row);
    return { id, number, agencyName: agency.name, receivedOn, lookupCode, clock };
  });
}

export interface LoadedMessage {
  row: MessageRow;
  subject: MessageSubject;
  agency: Agency;
  receivedBy: Agency;
}

/** A 来信 the actor may act on as `action`; a 来信 they may not even read is "not found". */
export async function loadMessage(ctx: Ctx, id: string, action: MessageAction): Promise<LoadedMessage> {
  const row = await repo.find(ctx.db, id);
  if (!row) throw new NotFoundError('未找到该来信');
  const [agency, receivedBy] = await Promise.all([
    agencies.getPublic(ctx, row.agency_id),
    agencies.getPublic(ctx, row.received_by),
  ]);
  const accusedPath = row.accused_agency_id ? await agencies.pathOf(ctx, row.accused_agency_id) : null;
  const subject: MessageSubject = {
    id: row.id,
    receivedByPath: receivedBy.path,
    agencyPath: agency.path,
    accusedPath,
    handlerId: row.handler_id,
  };
  // Whoever may not even see it is told it does not exist (an accused agency's staff included).
  const own = action === 'viewOwn' || action === 'actOwn';
  if (!can(ctx.actor, own ? 'viewOwn' : 'read', subject)) throw new NotFoundError('未找到该来信');
  assertCan(ctx.actor, action, subject);
  return { row, subject, agency, receivedBy };
}

/** The stored steps that move the clock, as message-clock.ts reads them. */
export function clockEvents(stored: readonly MessageEventTable[]): MessageEvent[] {
  const out: MessageEvent[] = [];
  for (const e of stored) {
    const data = e.data_json ? (JSON.parse(e.data_json) as Record<string, unknown>) : {};
    switch (e.type) {
      case 'dispatched':
        out.push({ type: 'dispatched', date: e.occurred_on, agencyId: String(data.agencyId) });
        break;
      case 'returnReviewed':
        out.push({ type: 'returnReviewed', date: e.occurred_on, upheld: data.upheld === true });
        break;
      case 'extended':
        out.push({ type: 'extended', date: e.occurred_on, days: Number(data.days) });
        break;
      case 'received':
      case 'returned':
      case 'accepted':
      case 'notAccepted':
      case 'interimReplied':
      case 'replied':
      case 'recheckRequested':
      case 'recheckDecided':
      case 'reexamineRequested':
      case 'reexamineDecided':
      case 'merged':
      case 'referred':
      case 'withdrawn':
        out.push({ type: e.type, date: e.occurred_on });
        break;
      default:
        break; // steps that do not move the clock (classified, published, rated …)
    }
  }
  return out;
}

export function mailboxRules(ctx: Ctx) {
  const s = messageSettings.of(ctx);
  return {
    workdays: s.mailboxWorkdays,
    complexWorkdays: s.complexWorkdays,
    returnWorkdays: s.returnWorkdays,
  };
}

/** The clock of a 来信 today, with its stored steps. */
export async function clockOf(
  ctx: Ctx,
  row: MessageRow,
  stored?: readonly MessageEventTable[],
): Promise<{ clock: MessageClock; events: readonly MessageEventTable[] }> {
  const events = stored ?? (await repo.eventsOf(ctx.db, row.id));
  const cal = await calendar.load(ctx);
  const clock = computeClock(
    { regime: row.regime as Regime, ticketType: row.ticket_type as never, events: clockEvents(events) },
    cal,
    today(ctx),
    mailboxRules(ctx),
  );
  return { clock, events };
}

/** The writer opens their 来信 with its 来信编号 and 查询码; the proof to keep in the browser. */
export async function findForWriter(
  ctx: Ctx,
  raw: { number?: unknown; code?: unknown },
): Promise<{ proof: string; id: string }> {
  const number = String(raw.number ?? '')
    .trim()
    .toUpperCase();
  const code = normalizeLookup(String(raw.code ?? ''));
  const problems: FieldError[] = [];
  if (!/^\d{4}(XX|XF)\d{5}$/.test(number))
    problems.push({
      field: 'number',
      message: '来信编号应为 4 位年份、XX 或 XF 和 5 位数字，例如 2026XX00012',
    });
  if (code.length !== 10) problems.push({ field: 'code', message: '查询码应为 10 位字母和数字，见来信回执' });
  if (problems.length) throw new ValidationError(problems);
  const row = await repo.findByLookup(ctx.db, number, ctx.cipher.blindIndex(code));
  if (!row) throw ValidationError.one('code', '来信编号与查询码不相符：请核对来信回执后重新输入');
  return { proof: messageProof(row.id), id: row.id };
}

export interface FileView {
  id: string;
  name: string;
  size: string;
}

export async function fileViews(ctx: Ctx, messageId: string): Promise<FileView[]> {
  return (await repo.filesOf(ctx.db, messageId)).map((f) => ({
    id: f.id,
    name: f.file_name,
    size:
      f.byte_size >= 1024 * 1024
        ? `${(f.byte_size / 1024 / 1024).toFixed(1)} MB`
        : `${Math.max(1, Math.round(f.byte_size / 1024))} KB`,
  }));
}

/** A file of a 来信, for the writer who proved it (`own`) or staff who may read it. */
export async function file(ctx: Ctx, fileId: string, own: boolean) {
  const f = await repo.findFile(ctx.db, fileId);
  if (!f) throw new NotFoundError('未找到该文件');
  await loadMessage(ctx, f.message_id, own ? 'viewOwn' : 'read');
  return { fileName: f.file_name, mediaType: f.media_type, content: f.content };
}

/**
 * The writer withdraws their consent to publication before the letter is published (个人信息保护法
 * 第十五条; the wording they agreed to promised it). After publication the agency takes it down on
 * request; that is not done here.
 */
export async function withdrawConsent(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const m = await loadMessage(ctx, id, 'actOwn');
    if (!m.row.consent_at) throw ValidationError.one('consent', '您没有同意公开，无需撤回');
    if (m.row.published_at) throw ValidationError.one('consent', '来信已经公开，请联系办理机关撤下');
    const now = ctx.clock.now().toISOString();
    await repo.update(ctx.db, id, { consent_at: null, consent_wording: null, updated_at: now });
    await repo.appendEvent(ctx.db, {
      id: newId(),
      message_id: id,
      type: 'consentWithdrawn',
      occurred_on: today(ctx),
      at: now,
      actor_id: ctx.actor.id,
      agency_id: m.row.agency_id,
      data_json: null,
    });
    await recordAudit(ctx, {
      action: 'message.consentWithdrawn',
      subjectType: 'message',
      subjectId: id,
      agencyId: m.row.agency_id,
    });
  });
}
