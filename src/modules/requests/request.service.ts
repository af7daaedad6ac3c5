import { randomInt } from 'node:crypto';
import { withProofs } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError, type FieldError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies, checkCreditCode, type Agency } from '../agencies/index.js';
import { addWorkdays, calendar } from '../calendar/index.js';
import { applicantCasePage, type ApplicantCasePage } from './request-applicant.service.js';
import { contactIndexes } from './request-contact.js';
import { defaultRules } from './request-deadline.js';
import { draftLetter } from './request-letter.js';
import { assertCan, can, caseProof, scopeFor } from './request.policy.js';
import * as repo from './request.repository.js';
import { acceptanceNumber, type SubmissionChannel } from './request.js';
import {
  clerkApplicationSchema,
  idNumberProblem,
  lookupSchema,
  onlineApplicationSchema,
  type OnlineApplication,
} from './request.schemas.js';

/** Intake (第二十九至三十一条): applications received, numbered, and opened by their applicants. */

/** Unambiguous characters only (no 0/O, 1/I/L): read out over the phone by elderly applicants. */
const LOOKUP_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newLookupCode(): string {
  const chars = Array.from({ length: 10 }, () => LOOKUP_ALPHABET[randomInt(LOOKUP_ALPHABET.length)]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export const normalizeLookup = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export interface Submitted {
  id: string;
  agencyName: string;
  acceptanceNumber: string;
  receivedOn: string;
  /** Shown once, to the applicant: with the 受理编号 it opens the case on the portal. */
  lookupCode: string;
  /** 第三十三条: the reply is due by this day (20 working days after receipt). */
  due: string;
  /** The count ran into a year whose 放假安排 is not yet entered: the date is 暂定. */
  dueProvisional: boolean;
}

/** The proof the person who just submitted holds for their application (reply.prove). */
export function proofOf(submitted: Pick<Submitted, 'id'>): string {
  return caseProof(submitted.id);
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
  submissionChannel: SubmissionChannel,
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
      submission_channel: submissionChannel,
      applicant_type: input.applicantType,
      applicant_name: input.applicantName,
      organization_code: input.organizationCode,
      id_type: input.idType,
      id_number_enc: ctx.cipher.encrypt(idNumber),
      id_number_index: ctx.cipher.blindIndex(idNumber),
      phone_enc: ctx.cipher.encrypt(input.phone),
      address_enc: input.address ? ctx.cipher.encrypt(input.address) : null,
      email: input.email ? ctx.cipher.encrypt(input.email) : null,
      // Found by these when the applicant lost the 受理回执 (找回受理编号), without decrypting.
      ...contactIndexes((v) => ctx.cipher.blindIndex(v), input.phone, input.email),
      description: input.description,
      delivery_format: input.deliveryFormat,
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
    // The 受理回执 is issued at once: the applicant can download it with the case. It promises
    // the reply period of 第三十三条 from the day of receipt.
    const due = addWorkdays(await calendar.load(ctx), receivedOn, defaultRules.replyWorkdays);
    const receipt = draftLetter('receipt', {
      agencyName: agency.name,
      applicantName: input.applicantName,
      applicantType: input.applicantType,
      acceptanceNumber: number,
      receivedOn,
      description: input.description,
      due: due.due,
      dueProvisional: due.provisional,
    });
    await repo.insertLetter(ctx.db, {
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
      after: { acceptanceNumber: number, submissionChannel, applicantType: input.applicantType, receivedOn },
    });
    return {
      id,
      agencyName: agency.name,
      acceptanceNumber: number,
      receivedOn,
      lookupCode,
      due: due.due,
      dueProvisional: due.provisional,
    };
  });
}

/**
 * 第二十七条: the organs an application can be made to (a village committee is not one), as the
 * portal's forms list them.
 */
export async function receivingAgencies(ctx: Ctx): Promise<Agency[]> {
  return (await agencies.listPublic(ctx)).filter((a) => a.kind !== 'villageCommunity');
}

/** The receiving organs for which the clerk may register an application. */
export async function registrationAgencies(ctx: Ctx): Promise<Agency[]> {
  return (await agencies.listForStaff(ctx)).filter(
    (a) => a.kind !== 'villageCommunity' && can(ctx.actor, 'register', a),
  );
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
  assertCan(ctx.actor, 'register', agency);
  assertReceives(agency);
  const today = beijingDate(ctx.clock.now());
  if (input.receivedOn > today)
    throw ValidationError.one('receivedOn', `收到申请之日（${input.receivedOn}）不能晚于今天`);
  return store(ctx, agency, input, input.submissionChannel, input.receivedOn);
}

/** How the receipt writes the 查询码 (and a message the 找回码): ten of LOOKUP_ALPHABET, in groups of 4, 4 and 2. */
export const LOOKUP_SHAPE = new RegExp(`^[${LOOKUP_ALPHABET}]{10}$`);

/** 〔2026〕第0007号, 2026-7, 2026 7 …: the year and the number within it. */
function readAcceptanceNumber(number: string): { year: number; seq: number } | null {
  const m = /^[〔［[（(]?\s*(\d{4})\s*[〕］\]）)]?\s*[第\s\-－—_/年]*\s*0*(\d{1,6})\s*号?$/.exec(
    number.trim(),
  );
  return m ? { year: Number(m[1]), seq: Number(m[2]) } : null;
}

/** The lookup matched nothing: the same words whichever of the two is wrong. */
export const LOOKUP_MISMATCH = '受理编号与查询码不相符：请核对受理回执上的受理编号和查询码后重新输入';

/**
 * The applicant opens their case with the 受理编号 and the 查询码; nothing else opens it, and the
 * agency is not needed (the random 查询码 picks the case among the agencies' equal numbers). A
 * missing or malformed field is named; a well-formed pair that opens nothing says only that the
 * two do not match, so the form never tells whether a 受理编号 exists. Gives the proof to remember
 * in the browser (reply.prove) and the case page it opens.
 */
export async function findForApplicant(
  ctx: Ctx,
  raw: unknown,
): Promise<{ proof: string; page: ApplicantCasePage }> {
  const input = lookupSchema.parse(raw);
  const problems: FieldError[] = [];
  const number = (input.number ?? '').trim();
  const parsed = number ? readAcceptanceNumber(number) : null;
  if (!number)
    problems.push({ field: 'number', message: '请填写受理编号（受理回执上的“〔年份〕第××××号”）' });
  else if (!parsed)
    problems.push({
      field: 'number',
      message: '受理编号格式不正确，应如“〔2026〕第0007号”，也可只填“2026 7”',
    });
  const code = normalizeLookup(input.lookupCode ?? '');
  if (!input.lookupCode?.trim())
    problems.push({ field: 'lookupCode', message: '请填写查询码（受理回执上的 10 位字母和数字）' });
  else if (!LOOKUP_SHAPE.test(code))
    problems.push({
      field: 'lookupCode',
      message: '查询码格式不正确：应为 10 位大写字母和数字（如 ABCD-EFGH-JK），不含 0、1、I、L、O',
    });
  const agencyId = input.agencyId?.trim() || undefined;
  if (agencyId && !isId(agencyId)) problems.push({ field: 'agencyId', message: '所选受理机关不存在' });
  if (problems.length || !parsed) throw new ValidationError(problems);
  const found = await repo.findByLookup(
    ctx.db,
    parsed.year,
    parsed.seq,
    ctx.cipher.blindIndex(code),
    agencyId,
  );
  // Two agencies' cases with the same number and the same random code: the agency decides.
  if (found.length > 1)
    throw ValidationError.one('agencyId', '该受理编号和查询码对应多个受理机关的申请，请选择受理机关');
  if (!found[0]) throw new NotFoundError(LOOKUP_MISMATCH);
  const proof = caseProof(found[0].id);
  const page = await applicantCasePage({ ...ctx, actor: withProofs(ctx.actor, [proof]) }, found[0].id);
  return { proof, page: page! };
}

/**
 * The agency an application was made to, for another module that links to it (an appeal); null
 * when there is no such application or the actor may not see it.
 */
export async function agencyOf(ctx: Ctx, requestId: string): Promise<string | null> {
  const c = isId(requestId) ? await repo.findRequest(ctx.db, requestId) : undefined;
  if (!c || !can(ctx.actor, 'read', { id: c.id, path: c.agencyPath })) return null;
  return c.agencyId;
}

/** The 受理编号 of applications the actor may see, for another module's listing. */
export async function acceptanceNumbers(ctx: Ctx, ids: readonly string[]): Promise<Map<string, string>> {
  const paths = scopeFor(ctx.actor, 'read');
  const rows = await repo.acceptanceNumbers(ctx.db, ids.filter(isId), paths);
  return new Map(rows.map((r) => [r.id, r.acceptanceNumber]));
}

/** Has the agency received any application before `day`? (The demo loads its year only once.) */
export async function receivedAnyBefore(ctx: Ctx, agencyId: string, day: string): Promise<boolean> {
  assertCan(ctx.actor, 'read', { path: await agencies.pathOf(ctx, agencyId) });
  return repo.anyReceivedBefore(ctx.db, agencyId, day);
}
