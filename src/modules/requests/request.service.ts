import { randomInt } from 'node:crypto';
import { holdsRoleOver } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { RequestTable } from './request.tables.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies, checkCreditCode, type Agency } from '../agencies/index.js';
import { maskIdNumber, maskPhone } from './identity.js';
import { acceptanceNumber, type ApplicantType, type Channel } from './request.js';
import * as repo from './request.repository.js';
import { insertLetter } from './request-case.repository.js';
import { draftLetter } from './request-letter.js';
import { addWorkdays, calendar } from '../calendar/index.js';
import {
  clerkApplicationSchema,
  idNumberProblem,
  onlineApplicationSchema,
  type OnlineApplication,
} from './request.schemas.js';

/** Unambiguous characters only (no 0/O, 1/I/L): read out over the phone by elderly applicants. */
const LOOKUP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function newLookupCode(): string {
  const chars = Array.from({ length: 10 }, () => LOOKUP_ALPHABET[randomInt(LOOKUP_ALPHABET.length)]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

const normalizeLookup = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export interface Submitted {
  id: string;
  agencyName: string;
  acceptanceNumber: string;
  receivedOn: string;
  /** Shown once, to the applicant: with the 受理编号 it opens the case on the portal. */
  lookupCode: string;
}

/** What anyone but the handling clerk sees of an application. */
export function maskedView(r: RequestTable, decrypt: (v: string) => string) {
  return {
    id: r.id,
    agencyId: r.agency_id,
    acceptanceNumber: r.acceptance_number,
    channel: r.channel as Channel,
    applicantType: r.applicant_type as ApplicantType,
    applicantName: r.applicant_name,
    idNumber: maskIdNumber(decrypt(r.id_number_enc)),
    phone: maskPhone(decrypt(r.phone_enc)),
    description: r.description,
    receivedOn: r.received_on,
  };
}

/**
 * 第二十七条: applications go to local people's governments (down to townships) and to county-level
 * and higher departments; a village committee is not an organ that receives them.
 */
function assertReceives(agency: Agency): void {
  if (agency.kind === 'villageCommunity')
    throw ValidationError.one(
      'agencyId',
      `“${agency.name}”不是政府信息公开申请的受理机关，请向所属乡镇（街道）提出`,
    );
}

async function store(
  ctx: Ctx,
  agency: Agency,
  input: OnlineApplication,
  channel: Channel,
  receivedOn: string,
): Promise<Submitted> {
  const problems = [];
  const idProblem = idNumberProblem(input.idType, input.idNumber);
  if (idProblem) problems.push({ field: 'idNumber', message: idProblem });
  if (input.applicantType === 'naturalPerson' && input.organizationCode)
    problems.push({ field: 'organizationCode', message: '自然人申请无需填写统一社会信用代码' });
  if (input.organizationCode) {
    const c = checkCreditCode(input.organizationCode);
    if (!c.ok) problems.push({ field: 'organizationCode', message: c.message });
  }
  if (input.deliveryMethod === 'email' && !input.email)
    problems.push({ field: 'email', message: '选择以电子邮件获取时，请填写电子邮箱' });
  if (input.deliveryMethod === 'mail' && !input.address)
    problems.push({ field: 'address', message: '选择邮寄时，请填写通讯地址' });
  if (problems.length) throw new ValidationError(problems);
  const idNumber = input.idType === 'residentIdCard' ? input.idNumber.toUpperCase() : input.idNumber;
  const lookupCode = newLookupCode();
  return inTransaction(ctx, async (ctx) => {
    const year = Number(receivedOn.slice(0, 4));
    const seq = await repo.nextSeq(ctx.db, agency.id, year);
    const id = newId();
    const now = ctx.clock.now().toISOString();
    const number = acceptanceNumber(year, seq);
    await repo.insert(ctx.db, {
      id,
      agency_id: agency.id,
      year,
      seq,
      acceptance_number: number,
      channel,
      applicant_type: input.applicantType,
      applicant_name: input.applicantName,
      organization_code: input.organizationCode,
      id_type: input.idType,
      id_number_enc: ctx.cipher.encrypt(idNumber),
      id_number_index: ctx.cipher.blindIndex(idNumber),
      phone_enc: ctx.cipher.encrypt(input.phone),
      address_enc: input.address ? ctx.cipher.encrypt(input.address) : null,
      email: input.email,
      description: input.description,
      provision_form: input.provisionForm,
      delivery_method: input.deliveryMethod,
      received_on: receivedOn,
      submitted_at: now,
      registered_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
      lookup_hash: ctx.cipher.blindIndex(normalizeLookup(lookupCode)),
      created_at: now,
      updated_at: now,
      replied_on: null,
      withdrawn_on: null,
      closed_on: null,
      outcome: null,
      handler_id: null,
    });
    // The 受理回执 is issued at once: the applicant can download it with the case.
    const due = addWorkdays(await calendar.load(ctx), receivedOn, 20).due;
    const receipt = draftLetter('receipt', {
      agencyName: agency.name,
      applicantName: input.applicantName,
      acceptanceNumber: number,
      receivedOn,
      description: input.description,
      due,
    });
    await insertLetter(ctx.db, {
      id: newId(),
      request_id: id,
      agency_id: agency.id,
      kind: 'receipt',
      title: receipt.title,
      body: receipt.body,
      issued_on: receivedOn,
      created_at: now,
      created_by: ctx.actor.id,
    });
    // The audit event carries no personal data: the number, the channel, the applicant type.
    await recordAudit(ctx, {
      action: 'request.receive',
      subjectType: 'request',
      subjectId: id,
      agencyId: agency.id,
      after: { acceptanceNumber: number, channel, applicantType: input.applicantType, receivedOn },
    });
    return { id, agencyName: agency.name, acceptanceNumber: number, receivedOn, lookupCode };
  });
}

/** A citizen or organisation applies on the portal; the day of receipt is today (第三十一条). */
export async function submitOnline(ctx: Ctx, raw: unknown): Promise<Submitted> {
  const input = onlineApplicationSchema.parse(raw);
  const agency = await agencies.getPublic(ctx, input.agencyId).catch(() => {
    throw ValidationError.one('agencyId', '所选受理机关不存在');
  });
  assertReceives(agency);
  return store(ctx, agency, input, 'online', beijingDate(ctx.clock.now()));
}

/** A clerk registers an application received in person, by post, fax or orally. */
export async function registerByClerk(ctx: Ctx, raw: unknown): Promise<Submitted> {
  const input = clerkApplicationSchema.parse(raw);
  const agency = await agencies.getPublic(ctx, input.agencyId).catch(() => {
    throw ValidationError.one('agencyId', '所选受理机关不存在');
  });
  if (!holdsRoleOver(ctx.actor, ['clerk', 'officeHead', 'admin'], agency.path)) throw new ForbiddenError();
  assertReceives(agency);
  const today = beijingDate(ctx.clock.now());
  if (input.receivedOn > today)
    throw ValidationError.one('receivedOn', `收到申请之日（${input.receivedOn}）不能晚于今天`);
  return store(ctx, agency, input, input.channel, input.receivedOn);
}

/** The applicant opens their case with the 受理编号 and the lookup code; nothing else opens it. */
export async function findForApplicant(ctx: Ctx, agencyId: string, number: string, lookupCode: string) {
  const m = /〔?(\d{4})〕?第?\s*0*(\d+)\s*号?/.exec(number.trim());
  const notFound = new NotFoundError('未找到该申请，请核对受理编号和查询码');
  if (!m || !isId(agencyId)) throw notFound;
  const row = await repo.findByLookup(
    ctx.db,
    agencyId,
    Number(m[1]),
    Number(m[2]),
    ctx.cipher.blindIndex(normalizeLookup(lookupCode)),
  );
  if (!row) throw notFound;
  return maskedView(row, (v) => ctx.cipher.decrypt(v));
}

/** The applicant's view of a case they already opened (the signed case cookie proves it). */
export async function viewForApplicant(ctx: Ctx, requestId: string) {
  const row = isId(requestId) ? await repo.findById(ctx.db, requestId) : undefined;
  if (!row) throw new NotFoundError('未找到该申请');
  return maskedView(row, (v) => ctx.cipher.decrypt(v));
}
