import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { canManageJobs, defineJob, enqueue, type JobRunInfo } from '../../platform/jobs/index.js';
import { agencies } from '../agencies/index.js';
import {
  contactIndexes,
  contactKey,
  isEncryptedEmail,
  mobileIn,
  nameKey,
  readContact,
  recoveryMessage,
  type ContactChannel,
} from './request-contact.js';
import * as repo from './request-recovery.repository.js';
import { LOOKUP_SHAPE, newLookupCode, normalizeLookup } from './request.service.js';
import { recoveryCodeSchema, recoverySchema } from './request.schemas.js';
import { requestSettings } from './request.settings.js';

/**
 * 找回受理编号: an applicant who did not see or lost the 受理回执 gets the 受理编号 and a new 查询码
 * by the contact given in the application. Two steps, so that the contact's holder decides:
 *
 * 1. They type their mobile number or e-mail address. The answer is the same whether or not any
 *    application gave it, and so is the work done before answering (a counter and a queued job):
 *    the job, after the answer, looks the contact up and sends a one-time 找回码 there.
 * 2. They enter the 找回码. Only then is a new 查询码 issued for each application it names (the old
 *    one stops working) and shown once, as on the receipt.
 *
 * A stranger who knows someone's phone number can thus make a message go to it (a few a day), but
 * learns nothing, and cannot make the applicant's 查询码 stop working.
 */

/** The answer to every well-formed request, whatever happens behind it. */
export const RECOVERY_ANSWER =
  '如该联系方式提交过申请，受理编号和找回码已发送到该联系方式。请在下方输入收到的找回码，获取新的查询码。';

/** A 找回码 that opens nothing: the same words for wrong, used and expired. */
export const RECOVERY_CODE_MISMATCH =
  '找回码不正确、已使用或已过期：请核对短信或邮件中的找回码；已过期的，请重新找回受理编号';

export const SEND_RECOVERY_JOB = 'requests.sendRecoveryCode';

/** At most this many applications are opened by one 找回码 (the most recent). */
const MAX_RECOVERED = 20;

export interface RecoveryPayload {
  channel: ContactChannel;
  /** Blind indexes only: the job payload carries no personal data. */
  contactIndex: string;
  nameIndex: string | null;
  /** Where the code is entered, from PUBLIC_URL (null when not configured). */
  pageUrl: string | null;
}

/** Is 找回受理编号 offered (a channel to send the 找回码 is configured)? */
export function recoveryOffered(ctx: Pick<Ctx, 'modules'>): boolean {
  return requestSettings.of(ctx).noticeChannel !== 'off';
}

/**
 * Step 1. Names a blank or unusable contact (which says nothing about any application); otherwise
 * counts the request against the contact's daily limit and, within it, queues the job that sends
 * the 找回码. Returns nothing: the door answers RECOVERY_ANSWER.
 */
export async function requestRecovery(
  ctx: Ctx,
  raw: unknown,
  opts: { pageUrl: string | null },
): Promise<void> {
  const settings = requestSettings.of(ctx);
  if (settings.noticeChannel === 'off')
    throw ValidationError.one('contact', '本网站未开通找回受理编号，请联系受理机关');
  const input = recoverySchema.parse(raw);
  const contact = readContact(input.contact);
  if (!contact)
    throw ValidationError.one(
      'contact',
      '手机号码或电子邮箱格式不正确：请填写申请时留的一个 11 位手机号码或电子邮箱；留的是固定电话的，请联系受理机关',
    );
  const payload: RecoveryPayload = {
    channel: contact.channel,
    contactIndex: ctx.cipher.blindIndex(contactKey(contact)),
    nameIndex: input.applicantName ? ctx.cipher.blindIndex(nameKey(input.applicantName)) : null,
    pageUrl: opts.pageUrl,
  };
  await inTransaction(ctx, async (ctx) => {
    const attempts = await repo.countRecoveryAttempt(
      ctx.db,
      payload.contactIndex,
      beijingDate(ctx.clock.now()),
    );
    // Over the day's limit: the same answer, nothing sent, whether or not the contact has cases.
    if (attempts > settings.recoveryPerContactPerDay) return;
    await enqueue(ctx, { name: SEND_RECOVERY_JOB, payload, maxAttempts: 3 });
  });
}

/**
 * The job of step 1: the cases that gave the contact (and the name, if one was given) get one
 * message with their 受理编号 and a 找回码, queued in the outbox and recorded on each case. A run
 * repeated after a crash sends nothing more (the code is keyed by the job).
 */
export async function sendRecoveryCode(ctx: Ctx, payload: RecoveryPayload, info: JobRunInfo): Promise<void> {
  const settings = requestSettings.of(ctx);
  if (settings.noticeChannel === 'off') return;
  await indexContacts(ctx);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (ctx) => {
    if (await repo.recoveryOfJob(ctx.db, info.id)) return;
    let cases = await repo.casesByContact(ctx.db, payload.channel, payload.contactIndex, 200);
    if (payload.nameIndex)
      cases = cases.filter((c) => ctx.cipher.blindIndex(nameKey(c.applicant_name)) === payload.nameIndex);
    cases = cases.slice(0, MAX_RECOVERED);
    const first = cases[0];
    if (!first) return;
    // The address as the application gave it (the index matched it, however it was typed).
    const recipient =
      payload.channel === 'sms'
        ? mobileIn(ctx.cipher.decrypt(first.phone_enc))
        : first.email && plainEmail(ctx, first.email);
    if (!recipient) return;
    const code = newLookupCode();
    const expiresAt = new Date(now.getTime() + settings.recoveryCodeHours * 3_600_000).toISOString();
    await repo.insertRecovery(ctx.db, {
      id: newId(),
      job_id: info.id,
      contact_index: payload.contactIndex,
      request_ids_json: JSON.stringify(cases.map((c) => c.id)),
      code_hash: ctx.cipher.blindIndex(normalizeLookup(code)),
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    });
    const named = [];
    for (const c of cases)
      named.push({
        acceptanceNumber: c.acceptance_number,
        agencyName: (await agencies.getPublic(ctx, c.agency_id)).name,
      });
    const message = recoveryMessage({
      cases: named,
      code,
      hours: settings.recoveryCodeHours,
      pageUrl: payload.pageUrl,
    });
    await repo.insertOutbox(ctx.db, {
      id: newId(),
      channel: payload.channel,
      recipient_enc: ctx.cipher.encrypt(recipient),
      subject: message.subject,
      body_enc: ctx.cipher.encrypt(message.text),
      created_at: now.toISOString(),
      expires_at: expiresAt,
      taken_at: null,
    });
    for (const c of cases)
      await recordAudit(ctx, {
        action: 'request.recoveryCodeSent',
        subjectType: 'request',
        subjectId: c.id,
        agencyId: c.agency_id,
        after: { channel: payload.channel },
      });
  });
}

export const sendRecoveryCodeJob = defineJob<RecoveryPayload>({
  name: SEND_RECOVERY_JOB,
  label: '找回受理编号：发送找回码',
  run: sendRecoveryCode,
  maxAttempts: 3,
});

/** Forgets expired 找回码 and their messages (they open nothing) and past days' counts. */
export async function pruneRecovery(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now();
  await repo.pruneRecovery(ctx.db, now.toISOString(), beijingDate(now));
}

export const pruneRecoveryJob = defineJob({
  name: 'requests.pruneRecovery',
  label: '找回受理编号：清理过期的找回码和计数',
  run: pruneRecovery,
});

/** An application whose 查询码 was issued anew: shown once, like the receipt. */
export interface RecoveredReceipt {
  agencyName: string;
  acceptanceNumber: string;
  receivedOn: string;
  lookupCode: string;
}

/**
 * Step 2. The 找回码 opens the applications it names once: each gets a new 查询码 (the old one no
 * longer opens it), recorded on the case. Names a blank or malformed code; one that opens nothing
 * (wrong, used, expired) gives RECOVERY_CODE_MISMATCH.
 */
export async function redeemRecovery(ctx: Ctx, raw: unknown): Promise<RecoveredReceipt[]> {
  const input = recoveryCodeSchema.parse(raw);
  const code = normalizeLookup(input.code);
  if (!LOOKUP_SHAPE.test(code))
    throw ValidationError.one(
      'code',
      '找回码格式不正确：应为 10 位大写字母和数字（如 ABCD-EFGH-JK），不含 0、1、I、L、O',
    );
  return inTransaction(ctx, async (ctx) => {
    const now = ctx.clock.now().toISOString();
    const recovery = await repo.openRecovery(ctx.db, ctx.cipher.blindIndex(code), now);
    if (!recovery || !(await repo.useRecovery(ctx.db, recovery.id, now)))
      throw new NotFoundError(RECOVERY_CODE_MISMATCH);
    const out: RecoveredReceipt[] = [];
    for (const id of JSON.parse(recovery.request_ids_json) as string[]) {
      const c = await repo.contactCase(ctx.db, id);
      if (!c) continue;
      const lookupCode = newLookupCode();
      await repo.setLookupHash(ctx.db, id, ctx.cipher.blindIndex(normalizeLookup(lookupCode)));
      await recordAudit(ctx, {
        action: 'request.lookupCodeReissued',
        subjectType: 'request',
        subjectId: id,
        agencyId: c.agency_id,
        after: { acceptanceNumber: c.acceptance_number },
      });
      out.push({
        agencyName: (await agencies.getPublic(ctx, c.agency_id)).name,
        acceptanceNumber: c.acceptance_number,
        receivedOn: c.received_on,
        lookupCode,
      });
    }
    return out;
  });
}

/** An e-mail column's address: decrypted, or as stored by a row from before 0023. */
function plainEmail(ctx: Ctx, stored: string): string {
  return isEncryptedEmail(stored) ? ctx.cipher.decrypt(stored) : stored;
}

/**
 * Gives the cases stored before 0023 (or restored from an older backup) the blind indexes of their
 * contact, and encrypts their e-mail address; run at start and before each search by contact.
 * A row whose contact cannot be decrypted (another installation's data key) is left as it is.
 * Returns how many were indexed and how many could not be.
 */
export async function indexContacts(ctx: Ctx): Promise<{ indexed: number; failed: number }> {
  let indexed = 0;
  let failed = 0;
  let after = '';
  for (;;) {
    const rows = await repo.unindexedContacts(ctx.db, after, 200);
    for (const r of rows) {
      after = r.id;
      let values;
      try {
        const email = r.email === null ? null : plainEmail(ctx, r.email);
        values = {
          ...contactIndexes((v) => ctx.cipher.blindIndex(v), ctx.cipher.decrypt(r.phone_enc), email),
          email: email === null ? null : ctx.cipher.encrypt(email),
        };
      } catch {
        failed++;
        continue;
      }
      await repo.setContactIndexes(ctx.db, r.id, values);
      indexed++;
    }
    if (rows.length < 200) return { indexed, failed };
  }
}

/** Messages waiting for the SMS or e-mail gateway (the 工作台 shows the count to the operator). */
export async function queuedMessages(ctx: Ctx): Promise<number> {
  // Installation-wide, like the jobs they come from: the system and top-agency administrators.
  if (!canManageJobs(ctx.actor)) throw new ForbiddenError();
  return repo.queuedOutboxCount(ctx.db, ctx.clock.now().toISOString());
}

/** A message handed to the gateway: where to, and what (decrypted for sending, never logged). */
export interface OutboxMessage {
  id: string;
  channel: ContactChannel;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * Takes every queued message still worth sending, for the operator's gateway (`gongkai requests
 * outbox --take`): each is handed out once.
 */
export async function takeMessages(ctx: Ctx): Promise<OutboxMessage[]> {
  // The operator at the shell (a system actor) only: the messages hold 找回码 and contacts.
  if (ctx.actor.kind !== 'system') throw new ForbiddenError();
  const rows = await inTransaction(ctx, async (ctx) => {
    const taken = await repo.takeOutbox(ctx.db, ctx.clock.now().toISOString());
    if (taken.length)
      await recordAudit(ctx, {
        action: 'request.outboxTaken',
        subjectType: 'requestOutbox',
        subjectId: null,
        agencyId: null,
        after: { messages: taken.length },
      });
    return taken;
  });
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel as ContactChannel,
    to: ctx.cipher.decrypt(r.recipient_enc),
    subject: r.subject,
    text: ctx.cipher.decrypt(r.body_enc),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}
