import { recordAudit } from '../../platform/audit.js';
import { scopesFor } from '../../platform/access.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ConflictError } from '../../platform/errors.js';
import { agencies } from '../agencies/index.js';
import { calendar } from '../calendar/index.js';
import { maskAddress, maskIdNumber, maskPhone } from '../requests/index.js';
import { computeClock, stageLabels, type MessageClock, type MessageStage } from './message-clock.js';
import { ratingView, type RatingView } from './message-rating.service.js';
import {
  channelLabels,
  deidentify,
  dispatchKindLabels,
  fillTemplate,
  replyTemplates,
  maskName,
  petitionClassLabels,
  petitionOutcomeLabels,
  regimeLabels,
  ticketTypeLabels,
  type Channel,
  type PetitionClass,
  type PetitionOutcome,
  type Regime,
  type TicketType,
} from './message.js';
import { can, provenMessages, worksInAccused } from './message.policy.js';
import * as repo from './message.repository.js';
import type { MessageRow } from './message.repository.js';
import { availableSteps } from './message-steps.service.js';
import { clockEvents, clockOf, fileViews, loadMessage, mailboxRules, today } from './message.service.js';
import { chineseDate, letterDocx } from '../requests/index.js';
import type { MessageEventTable } from './message.tables.js';

/** What the writer, the staff and the queue see of a 来信. */

const eventLabels: Record<string, string> = {
  received: '收到来信',
  consentWithdrawn: '撤回同意公开',
  classified: '确定类别',
  dispatched: '转办',
  returned: '退单',
  returnReviewed: '审核退单',
  accepted: '受理（书面告知）',
  notAccepted: '不予受理（书面告知）',
  extended: '延长办理期限',
  interimReplied: '阶段性答复',
  replied: '答复',
  recheckRequested: '请求复查',
  recheckDecided: '复查意见',
  reexamineRequested: '请求复核',
  reexamineDecided: '复核意见',
  merged: '并单',
  referred: '转为政府信息公开申请',
  withdrawn: '撤回',
};

export interface HistoryEntry {
  type: string;
  label: string;
  on: string;
  /** A reply, interim reply or 复查/复核 意见, decrypted for those who may read it. */
  text: string | null;
  /** What else a person reads of it: the agency it went to, the reason, the outcome. */
  detail: string | null;
}

async function history(
  ctx: Ctx,
  events: readonly MessageEventTable[],
  staff: boolean,
  mask: (text: string) => string = (t) => t,
): Promise<HistoryEntry[]> {
  const ids = events.flatMap((e) => {
    const d = e.data_json ? (JSON.parse(e.data_json) as Record<string, unknown>) : {};
    return [d.agencyId, ...((d.assist as string[] | undefined) ?? [])].filter(
      (x): x is string => typeof x === 'string',
    );
  });
  const names = await agencies.namesOf(ctx, ids);
  return events.map((e) => {
    const d = e.data_json ? (JSON.parse(e.data_json) as Record<string, unknown>) : {};
    const parts: string[] = [];
    if (e.type === 'dispatched') {
      parts.push(
        `${dispatchKindLabels[d.kind as 'transfer'] ?? '转办'}至${names.get(String(d.agencyId)) ?? ''}（主办）`,
      );
      const assist = ((d.assist as string[] | undefined) ?? [])
        .map((a) => names.get(a) ?? '')
        .filter(Boolean);
      if (assist.length) parts.push(`协办：${assist.join('、')}`);
    }
    const reason = typeof d.reasonEnc === 'string' ? ctx.cipher.decrypt(d.reasonEnc) : null;
    // The writer is told why an extension was needed and why an item was not accepted (第三十四条,
    // 第二十二、二十三条); the other reasons (a 退单's, the writer's own) are for staff.
    if (reason && (staff || e.type === 'extended' || e.type === 'notAccepted'))
      parts.push(`理由：${mask(reason)}`);
    if (e.type === 'returnReviewed') parts.push(d.upheld ? '同意退单' : '不同意退单');
    if (typeof d.days === 'number') parts.push(`延长 ${d.days} 日`);
    if (typeof d.outcome === 'string')
      parts.push(`处理意见：${petitionOutcomeLabels[d.outcome as PetitionOutcome]}`);
    if (typeof d.petitionClass === 'string')
      parts.push(petitionClassLabels[d.petitionClass as PetitionClass]);
    if (typeof d.intoNumber === 'string') parts.push(`并入 ${d.intoNumber}`);
    if (typeof d.acceptanceNumber === 'string') parts.push(`受理编号 ${d.acceptanceNumber}`);
    return {
      type: e.type,
      label: eventLabels[e.type] ?? e.type,
      on: e.occurred_on,
      text: typeof d.textEnc === 'string' ? mask(ctx.cipher.decrypt(d.textEnc)) : null,
      detail: parts.length ? parts.join('；') : null,
    };
  });
}

function summary(row: MessageRow, clock: MessageClock) {
  return {
    id: row.id,
    agencyId: row.agency_id,
    number: row.number,
    regime: row.regime as Regime,
    regimeLabel: regimeLabels[row.regime as Regime],
    channelLabel: channelLabels[row.channel as Channel],
    ticketTypeLabel: ticketTypeLabels[row.ticket_type as TicketType],
    petitionClassLabel: row.petition_class ? petitionClassLabels[row.petition_class as PetitionClass] : null,
    outcomeLabel: row.outcome ? petitionOutcomeLabels[row.outcome as PetitionOutcome] : null,
    subject: row.subject,
    receivedOn: row.received_on,
    repliedOn: row.replied_on,
    stage: clock.stage,
    stageLabel: stageLabels[clock.stage],
    clock,
  };
}

/** The writer's page of a 来信 they proved: its progress, replies and what they may do next. */
export async function writerPage(ctx: Ctx, id?: string) {
  const messageId = id ?? provenMessages(ctx.actor).at(-1);
  if (!messageId) return null;
  const m = await loadMessage(ctx, messageId, 'viewOwn');
  const { clock, events } = await clockOf(ctx, m.row);
  const rating = await repo.ratingOf(ctx.db, 'message', m.row.id);
  const answered = m.row.replied_on !== null && ['replied', 'rechecked', 'reexamined'].includes(clock.stage);
  return {
    message: {
      ...summary(m.row, clock),
      agencyName: m.agency.name,
      receivedByName: m.receivedBy.name,
      content: ctx.cipher.decrypt(m.row.content_enc),
      reply: m.row.reply_enc ? ctx.cipher.decrypt(m.row.reply_enc) : null,
      consented: m.row.consent_at !== null,
      published: m.row.published_at !== null,
    },
    history: await history(ctx, events, false),
    files: await fileViews(ctx, m.row.id),
    rating: rating ? ratingView(rating, today(ctx)) : null,
    canRate: answered && !rating,
    canWithdrawConsent: m.row.consent_at !== null && m.row.published_at === null,
    canRequestRecheck: clock.stage === 'replied' && clock.requestUntil !== null && m.row.outcome !== null,
    canRequestReexamine: clock.stage === 'rechecked' && clock.requestUntil !== null,
  };
}
export type WriterPage = NonNullable<Awaited<ReturnType<typeof writerPage>>>;

/**
 * The back office's page of a 来信: everything, the writer's data masked unless the actor is its
 * 承办人 (every unmasked reading is audited), and the steps the actor may take now.
 */
export async function staffPage(ctx: Ctx, id: string) {
  const m = await loadMessage(ctx, id, 'read');
  const { clock, events } = await clockOf(ctx, m.row);
  const personal = can(ctx.actor, 'viewPersonalData', m.subject);
  const dec = (v: string | null) => (v ? ctx.cipher.decrypt(v) : null);
  if (personal && ctx.actor.kind === 'staff')
    await inTransaction(ctx, (ctx) =>
      recordAudit(ctx, {
        action: 'message.viewPersonalData',
        subjectType: 'message',
        subjectId: id,
        agencyId: m.row.agency_id,
      }),
    );
  const name = dec(m.row.writer_name_enc);
  const phone = dec(m.row.phone_enc);
  const address = dec(m.row.address_enc);
  const idNumber = dec(m.row.id_number_enc);
  const known = [name, phone, address, idNumber];
  const rating = await repo.ratingOf(ctx.db, 'message', m.row.id);
  const assist = JSON.parse(m.row.assist_json) as string[];
  const names = await agencies.namesOf(ctx, [
    ...assist,
    ...(m.row.accused_agency_id ? [m.row.accused_agency_id] : []),
  ]);
  return {
    message: {
      ...summary(m.row, clock),
      agencyId: m.row.agency_id,
      agencyName: m.agency.name,
      receivedBy: m.row.received_by,
      receivedByName: m.receivedBy.name,
      assistNames: assist.map((a) => names.get(a) ?? ''),
      accusedName: m.row.accused_agency_id ? (names.get(m.row.accused_agency_id) ?? null) : null,
      anonymous: m.row.anonymous === 1,
      writerName: name === null ? '匿名' : personal ? name : maskName(name),
      phone: phone === null ? null : personal ? phone : maskPhone(phone),
      address: address === null ? null : personal ? address : maskAddress(address),
      idNumber: idNumber === null ? null : personal ? idNumber : maskIdNumber(idNumber),
      email: personal ? dec(m.row.email_enc) : m.row.email_enc ? '（已隐藏）' : null,
      // The letter itself may name the writer, their phone or address: masked likewise.
      content: personal
        ? ctx.cipher.decrypt(m.row.content_enc)
        : deidentify(ctx.cipher.decrypt(m.row.content_enc), known),
      reply:
        personal || !m.row.reply_enc
          ? dec(m.row.reply_enc)
          : deidentify(ctx.cipher.decrypt(m.row.reply_enc), known),
      consented: m.row.consent_at !== null,
      consentAt: m.row.consent_at,
      publishedAt: m.row.published_at,
      requestId: m.row.request_id,
      fromRequestId: m.row.from_request_id,
      handlerId: m.row.handler_id,
      isHandler: m.row.handler_id !== null && m.row.handler_id === ctx.actor.id,
      personal,
    },
    history: await history(ctx, events, true, personal ? undefined : (t) => deidentify(t, known)),
    files: await fileViews(ctx, m.row.id),
    rating: rating ? ratingView(rating, today(ctx)) : null,
    steps: availableSteps(ctx, m, clock),
    /** Reply templates, filled with the day of receipt and the subject (套用模板). */
    templates: (Object.keys(replyTemplates) as TicketType[]).map((t) => ({
      key: t,
      label: replyTemplates[t].label,
      text: fillTemplate(t, { receivedOn: m.row.received_on, subject: m.row.subject }),
    })),
    may: {
      publish: can(ctx.actor, 'handle', m.subject) && m.row.consent_at !== null && m.row.replied_on !== null,
      convert:
        can(ctx.actor, 'handle', m.subject) && ['received', 'dispatched', 'handling'].includes(clock.stage),
      take:
        can(ctx.actor, 'handle', m.subject) &&
        m.row.handler_id !== ctx.actor.id &&
        ctx.actor.kind === 'staff',
      opinion: m.row.outcome !== null && m.row.replied_on !== null && can(ctx.actor, 'handle', m.subject),
      rateLoop: rating !== undefined && can(ctx.actor, 'handle', m.subject),
      decideDispute: rating !== undefined && can(ctx.actor, 'decideDispute', m.subject),
      dispatch: can(ctx.actor, 'dispatch', m.subject),
      handle: can(ctx.actor, 'handle', m.subject),
      approveExtension: can(ctx.actor, 'approveExtension', m.subject),
      decideUpper: can(ctx.actor, 'decideUpper', m.subject),
    },
  };
}
export type StaffPage = Awaited<ReturnType<typeof staffPage>>;

/**
 * The 信访处理意见书 (信访工作条例第三十二条) as a Word document: the request, the facts and reasons
 * as the reply states them, the 处理意见, and where to ask for a 复查 and by when. The writer's name
 * is written in full: the letter goes to them.
 */
export async function opinionLetter(ctx: Ctx, id: string): Promise<{ title: string; docx: Buffer }> {
  const m = await loadMessage(ctx, id, 'handle');
  await inTransaction(ctx, (ctx) =>
    recordAudit(ctx, {
      action: 'message.opinionLetter',
      subjectType: 'message',
      subjectId: id,
      agencyId: m.row.agency_id,
    }),
  );
  if (!m.row.outcome || !m.row.replied_on || !m.row.reply_enc)
    throw new ConflictError('该来信尚未出具处理意见，没有信访处理意见书');
  const name = m.row.writer_name_enc ? ctx.cipher.decrypt(m.row.writer_name_enc) : '信访人';
  const upper = m.agency.parentId ? await agencies.getPublic(ctx, m.agency.parentId) : m.agency;
  const title = '信访处理意见书';
  const body = [
    `${name}：`,
    `${m.receivedBy.name}于${chineseDate(m.row.received_on)}收到您的信访事项（来信编号：${m.row.number}），反映“${m.row.subject}”。`,
    ctx.cipher.decrypt(m.row.reply_enc),
    `处理意见：${petitionOutcomeLabels[m.row.outcome as PetitionOutcome]}。`,
    `如对本处理意见不服，可以自收到本意见书之日起 30 日内，向${upper.name}请求复查（《信访工作条例》第三十五条）。`,
  ].join('\n');
  return { title, docx: await letterDocx({ title, body, issued_on: m.row.replied_on }, m.agency.name) };
}

export interface QueueRow extends ReturnType<typeof summary> {
  agencyName: string;
  receivedByName: string;
}

/** Open 来信 the actor handles or dispatches, by due date (overdue first), and their 差评 to act on. */
export async function queue(ctx: Ctx, opts: { includeClosed?: boolean } = {}) {
  const paths = scopesFor(ctx.actor, ['clerk', 'officeHead', 'admin', 'reviewer', 'supervisor']);
  const rows = await repo.within(ctx.db, paths);
  const cal = await calendar.load(ctx);
  const day = today(ctx);
  const stored = await repo.eventsOfMany(
    ctx.db,
    rows.map((r) => r.id),
  );
  const names = await agencies.namesOf(ctx, [...new Set(rows.flatMap((r) => [r.agency_id, r.received_by]))]);
  const accused = await accusedPaths(ctx, rows);
  const items: QueueRow[] = [];
  for (const r of rows) {
    // 检举控告: never listed for the accused agency's staff (信访工作条例第三十条).
    if (worksInAccused(ctx.actor, accused.get(r.id))) continue;
    const clock = computeClock(
      {
        regime: r.regime as Regime,
        ticketType: r.ticket_type as TicketType,
        events: clockEvents(stored.get(r.id) ?? []),
      },
      cal,
      day,
      mailboxRules(ctx),
    );
    if (!opts.includeClosed && clock.due === null && clock.stage !== 'returned') continue;
    items.push({
      ...summary(r, clock),
      agencyName: names.get(r.agency_id) ?? '',
      receivedByName: names.get(r.received_by) ?? '',
    });
  }
  items.sort(
    (a, b) =>
      (a.clock.due?.due ?? '9999').localeCompare(b.clock.due?.due ?? '9999') ||
      a.number.localeCompare(b.number),
  );
  const ratings = (await repo.ratingsWithin(ctx.db, paths, '0000-00-00', '9999-12-31')).map((r) =>
    ratingView(r, day),
  );
  const badOpen = ratings.filter((r) => r.bad && r.action === null && r.disputeUpheld !== true);
  return {
    items,
    overdue: items.filter((i) => i.clock.overdue).length,
    unansweredOver3Months: items.filter((i) => i.clock.unansweredOver3Months),
    badRatingsOpen: badOpen,
  };
}

async function accusedPaths(ctx: Ctx, rows: readonly MessageRow[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const r of rows)
    if (r.accused_agency_id) out.set(r.id, await agencies.pathOf(ctx, r.accused_agency_id));
  return out;
}

/** The agency's published 来信 with their replies, de-identified as the clerk approved. */
export async function publicList(ctx: Ctx, agencyIdOrName: string, page = 1, size = 20) {
  const agency = await agencies.resolvePublic(ctx, agencyIdOrName);
  const [rows, total] = await Promise.all([
    repo.published(ctx.db, agency.path, size, (page - 1) * size),
    repo.countPublished(ctx.db, agency.path),
  ]);
  const names = await agencies.namesOf(ctx, [...new Set(rows.map((r) => r.agency_id))]);
  return {
    agency: { id: agency.id, name: agency.name },
    total,
    page,
    size,
    items: rows.map((r) => ({
      number: r.number,
      agencyName: names.get(r.agency_id) ?? '',
      regimeLabel: regimeLabels[r.regime as Regime],
      ticketTypeLabel: ticketTypeLabels[r.ticket_type as TicketType],
      receivedOn: r.received_on,
      repliedOn: r.replied_on,
      subject: r.public_subject ?? '',
      content: r.public_content ?? '',
      reply: r.public_reply ?? '',
    })),
  };
}

export function stageLabel(stage: MessageStage): string {
  return stageLabels[stage];
}

export type { MessageStage, RatingView };
