import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { serializeWithin } from '../../platform/db/database.js';
import { newId } from '../../platform/ids.js';
import { holdsProof, isWithinPath } from '../../platform/access.js';
import { agencies, type Agency } from '../agencies/index.js';
import { requests } from '../requests/index.js';
import { ClockError, stageLabels, type MessageClock, type MessageStage } from './message-clock.js';
import { deidentify, petitionClassLabels, templatePrompts, type PetitionOutcome } from './message.js';
import { assertCan, can, messageProof, upperPath, type MessageAction } from './message.policy.js';
import * as repo from './message.repository.js';
import { clockOf, loadMessage, today, type LoadedMessage } from './message.service.js';
import { publishSchema, stepSchemas, type StepAction } from './message.schemas.js';

/**
 * The steps of a 来信 after intake: dispatch (转送/交办, 主办 and 协办), 退单 and its review, 并单,
 * 受理 or 不予受理, extension with the head's approval, interim and final replies, 复查 and 复核 by
 * the levels above, withdrawal, publication and conversion to a 依申请公开 application. Each is
 * checked against the stage the clock derives, recorded as an event with who took it, and audited.
 */

/** Who may take a step: the policy action, and the stages it is allowed in. */
const stepRules: Record<
  StepAction,
  {
    who: MessageAction | 'writerOrUpper' | 'writerOrDispatcher';
    stages: readonly MessageStage[];
    regime?: 'petition' | 'mailbox';
  }
> = {
  classify: { who: 'dispatch', stages: ['received', 'dispatched', 'handling', 'returned'] },
  dispatch: { who: 'dispatch', stages: ['received'] },
  returned: { who: 'handle', stages: ['dispatched', 'handling'] },
  returnReviewed: { who: 'dispatch', stages: ['returned'] },
  accepted: { who: 'handle', stages: ['received', 'dispatched'], regime: 'petition' },
  notAccepted: { who: 'handle', stages: ['received', 'dispatched'], regime: 'petition' },
  extended: { who: 'approveExtension', stages: ['handling'], regime: 'petition' },
  interimReplied: { who: 'handle', stages: ['received', 'handling'], regime: 'mailbox' },
  replied: { who: 'handle', stages: ['received', 'handling'] },
  recheckRequested: { who: 'writerOrUpper', stages: ['replied'], regime: 'petition' },
  recheckDecided: { who: 'decideUpper', stages: ['inRecheck'], regime: 'petition' },
  reexamineRequested: { who: 'writerOrUpper', stages: ['rechecked'], regime: 'petition' },
  reexamineDecided: { who: 'decideUpper', stages: ['inReexamination'], regime: 'petition' },
  merged: { who: 'dispatch', stages: ['received', 'dispatched', 'handling', 'returned'] },
  withdrawn: { who: 'writerOrDispatcher', stages: ['received', 'dispatched', 'handling', 'returned'] },
};

export const stepLabels: Record<StepAction, string> = {
  classify: '确定类别',
  dispatch: '转办',
  returned: '退单',
  returnReviewed: '审核退单',
  accepted: '受理',
  notAccepted: '不予受理',
  extended: '延长办理期限',
  interimReplied: '阶段性答复',
  replied: '答复',
  recheckRequested: '请求复查',
  recheckDecided: '复查意见',
  reexamineRequested: '请求复核',
  reexamineDecided: '复核意见',
  merged: '并单',
  withdrawn: '撤回',
};

/** A 复核 is for the level above the 复查 organ: the subject moves up one level for its steps. */
function forUpper(m: LoadedMessage, action: StepAction): LoadedMessage {
  if (action !== 'reexamineRequested' && action !== 'reexamineDecided') return m;
  return { ...m, subject: { ...m.subject, agencyPath: upperPath(m.subject.agencyPath) } };
}

async function loadFor(ctx: Ctx, id: string, action: StepAction): Promise<LoadedMessage> {
  const who = stepRules[action].who;
  if ((who === 'writerOrUpper' || who === 'writerOrDispatcher') && holdsProof(ctx.actor, messageProof(id)))
    return loadMessage(ctx, id, 'actOwn');
  const up = forUpper(await loadMessage(ctx, id, 'read'), action);
  assertCan(
    ctx.actor,
    who === 'writerOrUpper' ? 'decideUpper' : who === 'writerOrDispatcher' ? 'dispatch' : who,
    up.subject,
  );
  return up;
}

function stepDate(
  ctx: Ctx,
  given: string | null | undefined,
  clockEvents: readonly { occurred_on: string }[],
): string {
  const day = today(ctx);
  const date = given ?? day;
  if (date > day) throw ValidationError.one('date', `日期（${date}）不能晚于今天`);
  const lastDay = clockEvents.reduce((m, e) => (e.occurred_on > m ? e.occurred_on : m), '');
  if (date < lastDay)
    throw ValidationError.one('date', `日期（${date}）不能早于上一步骤的日期（${lastDay}）`);
  return date;
}

async function agencyByIdOrName(ctx: Ctx, field: string, value: string): Promise<Agency> {
  return agencies.resolvePublic(ctx, value).catch(() => {
    throw ValidationError.one(field, `未找到机构“${value}”`);
  });
}

/** 信访工作条例第三十条: never to the accused agency or below it. */
function assertNotAccused(field: string, target: Agency, accusedPath: string | null | undefined): void {
  if (accusedPath && isWithinPath(target.path, accusedPath))
    throw ValidationError.one(
      field,
      `检举控告类事项不得转给被检举控告的机关（${target.name}）办理（信访工作条例第三十条）`,
    );
}

export interface StepResult {
  id: string;
  stage: MessageStage;
  clock: MessageClock;
}

/** The steps the (staff) actor may take now, in the order a clerk would: for the page's forms. */
export function availableSteps(ctx: Ctx, m: LoadedMessage, clock: MessageClock): StepAction[] {
  return (Object.keys(stepRules) as StepAction[]).filter((action) => {
    const rule = stepRules[action];
    if (rule.regime && rule.regime !== m.row.regime) return false;
    if (!rule.stages.includes(clock.stage)) return false;
    if (action === 'classify' && m.row.regime !== 'petition') return false;
    if (
      action === 'returned' &&
      (m.row.agency_id === m.row.received_by || !(clock.objectionUntil ?? clock.returnUntil))
    )
      return false;
    if (
      (action === 'recheckRequested' || action === 'reexamineRequested') &&
      (!clock.requestUntil || !m.row.outcome)
    )
      return false;
    if (action === 'replied' && m.row.regime === 'petition' && clock.stage !== 'handling') return false;
    const who =
      rule.who === 'writerOrUpper'
        ? 'decideUpper'
        : rule.who === 'writerOrDispatcher'
          ? 'dispatch'
          : rule.who;
    return can(ctx.actor, who, forUpper(m, action).subject);
  });
}

/** Takes one step of a 来信 (see `stepRules` for who and when). */
export async function step(ctx: Ctx, id: string, action: StepAction, raw: unknown): Promise<StepResult> {
  const schema = stepSchemas[action];
  if (!schema) throw ValidationError.one('action', '未知的办理步骤');
  const input = schema.parse(raw) as Record<string, unknown>;
  return inTransaction(ctx, async (ctx) => {
    // One step of a 来信 at a time: two clerks answering at once never both pass the stage check.
    await serializeWithin(ctx.db, `message:${id}`);
    const m = await loadFor(ctx, id, action);
    const { row } = m;
    const rule = stepRules[action];
    const { clock, events } = await clockOf(ctx, row);
    if (rule.regime && rule.regime !== row.regime)
      throw new ConflictError(
        `${stepLabels[action]}不适用于${row.regime === 'petition' ? '信访事项' : '信箱来信'}`,
      );
    if (!rule.stages.includes(clock.stage))
      throw new ConflictError(`该来信目前${stageLabels[clock.stage]}，不能${stepLabels[action]}`);
    const date = action === 'classify' ? today(ctx) : stepDate(ctx, input.date as string | null, events);
    const now = ctx.clock.now().toISOString();
    const set: Parameters<typeof repo.update>[2] = { updated_at: now };
    const data: Record<string, unknown> = {};
    const enc = (v: unknown) => ctx.cipher.encrypt(String(v));

    switch (action) {
      case 'classify': {
        if (input.petitionClass && row.regime !== 'petition')
          throw ValidationError.one('petitionClass', '信访事项类别只适用于信访事项');
        if (input.accusedAgencyId) {
          if (row.accused_agency_id)
            throw ValidationError.one('accusedAgencyId', '已记录被检举控告的机关，不能更改');
          const accused = await agencyByIdOrName(ctx, 'accusedAgencyId', String(input.accusedAgencyId));
          if (isWithinPath(m.receivedBy.path, accused.path))
            throw ValidationError.one(
              'accusedAgencyId',
              `检举控告收信机关本身或其上级的，应转送有权处理的机关（如纪检监察机关），不能在本平台由${accused.name}办理`,
            );
          if (isWithinPath(m.agency.path, accused.path) && row.agency_id !== row.received_by)
            throw ValidationError.one(
              'accusedAgencyId',
              `该来信现由${m.agency.name}办理，须先退回转办机关，才能记为检举该机关`,
            );
          set.accused_agency_id = accused.id;
          data.accusedAgencyId = accused.id;
        }
        if (input.petitionClass) set.petition_class = data.petitionClass = input.petitionClass as string;
        break;
      }
      case 'dispatch': {
        const target = await agencyByIdOrName(ctx, 'agencyId', String(input.agencyId));
        if (target.id === row.received_by)
          throw ValidationError.one('agencyId', '主办机关不能是收信机关本身；本机关办理的，直接受理或答复');
        assertNotAccused('agencyId', target, m.subject.accusedPath);
        const assist: string[] = [];
        for (const name of String(input.assistAgencyIds ?? '')
          .split(/[,，、;；\n]/)
          .map((s) => s.trim())
          .filter(Boolean)) {
          const a = await agencyByIdOrName(ctx, 'assistAgencyIds', name);
          assertNotAccused('assistAgencyIds', a, m.subject.accusedPath);
          if (a.id !== target.id && !assist.includes(a.id)) assist.push(a.id);
        }
        set.agency_id = target.id;
        set.assist_json = JSON.stringify(assist);
        set.handler_id = null;
        Object.assign(data, { agencyId: target.id, kind: input.kind, assist, note: input.note ?? null });
        break;
      }
      case 'returned': {
        if (row.agency_id === row.received_by)
          throw new ConflictError('该来信未经转办，由本机关办理，不能退单');
        const until = row.regime === 'petition' ? clock.objectionUntil : clock.returnUntil;
        if (!until)
          throw new ConflictError(
            row.regime === 'petition'
              ? '异议期限（收到转送、交办之日起 5 个工作日）已过，不能退单'
              : '退单期限已过，不能退单',
          );
        data.reasonEnc = enc(input.reason);
        break;
      }
      case 'returnReviewed': {
        const upheld = input.upheld === 'yes';
        data.upheld = upheld;
        data.note = input.note ?? null;
        if (upheld) {
          set.agency_id = row.received_by;
          set.assist_json = '[]';
          set.handler_id = null;
        }
        break;
      }
      case 'accepted':
        set.petition_class = data.petitionClass = input.petitionClass as string;
        break;
      case 'notAccepted':
        data.reasonEnc = enc(input.reason);
        break;
      case 'extended': {
        if (clock.overdue)
          throw new ConflictError(
            `办理期限已于 ${clock.due?.due} 届满，不能再延长（信访工作条例第三十四条）`,
          );
        data.days = input.days;
        data.reasonEnc = enc(input.reason);
        break;
      }
      case 'interimReplied':
        if (clock.overdue)
          throw new ConflictError(`答复期限已于 ${clock.due?.due} 届满，阶段性答复不能延长期限，请直接答复`);
        data.textEnc = enc(input.text);
        break;
      case 'replied': {
        const prompt = templatePrompts.find((p) => String(input.text).includes(p));
        if (prompt) throw ValidationError.one('text', `答复中还有待填写的内容“${prompt}”，请改写后再答复`);
        const outcome = (input.outcome as PetitionOutcome | null) ?? null;
        if (row.regime === 'petition' && clock.stage !== 'handling')
          throw new ConflictError('信访事项须先受理，才能答复');
        if (row.petition_class === 'claim' && !outcome)
          throw ValidationError.one(
            'outcome',
            `${petitionClassLabels.claim}事项须出具信访处理意见书，写明处理意见（支持、解释说明或不予支持）`,
          );
        if (outcome && row.regime !== 'petition')
          throw ValidationError.one('outcome', '处理意见只适用于信访事项');
        set.reply_enc = enc(input.text);
        set.replied_on = date;
        set.outcome = outcome;
        data.outcome = outcome;
        break;
      }
      case 'recheckRequested':
      case 'reexamineRequested': {
        if (!clock.requestUntil)
          throw new ConflictError(
            `请求${action === 'recheckRequested' ? '复查' : '复核'}的期限（收到书面意见之日起 30 日）已过`,
          );
        if (!row.outcome)
          throw new ConflictError(
            '只有出具了信访处理意见书的事项可以请求复查、复核（信访工作条例第三十五条）',
          );
        const below = forUpper(m, action).subject.agencyPath;
        if (upperPath(below) === below)
          throw new ConflictError(
            `上一级机关不在本平台：请告知信访人向${m.agency.name}的上一级机关书面请求${action === 'recheckRequested' ? '复查' : '复核'}`,
          );
        data.reasonEnc = enc(input.reason);
        break;
      }
      case 'recheckDecided':
      case 'reexamineDecided':
        // The 信访处理意见书's outcome stays as it was: the 复查/复核 意见 has its own record.
        data.outcome = input.outcome as string;
        data.textEnc = enc(input.text);
        data.agencyPath = m.subject.agencyPath;
        break;
      case 'merged': {
        const intoNumber = String(input.intoNumber).trim().toUpperCase();
        const into = await repo.findByNumber(ctx.db, row.received_by, intoNumber);
        if (!into)
          throw ValidationError.one('intoNumber', `本机关收到的来信中没有编号为 ${intoNumber} 的来信`);
        if (into.id === row.id) throw ValidationError.one('intoNumber', '不能并入本件');
        const target = (await clockOf(ctx, into)).clock;
        if (!['received', 'dispatched', 'handling', 'returned'].includes(target.stage))
          throw ValidationError.one(
            'intoNumber',
            `${into.number} 目前${stageLabels[target.stage]}，只能并入尚在办理的来信`,
          );
        if (into.merged_into)
          throw ValidationError.one(
            'intoNumber',
            `${intoNumber} 已并入其他来信，请并入 ${into.merged_into === row.id ? '其他来信' : '它所并入的来信'}`,
          );
        set.merged_into = into.id;
        data.into = into.id;
        data.intoNumber = into.number;
        break;
      }
      case 'withdrawn':
        if (ctx.actor.kind === 'staff' && !input.reason)
          throw ValidationError.one('reason', '请写明来信人撤回的方式和时间（如书面撤回申请、电话）');
        if (input.reason) data.reasonEnc = enc(input.reason);
        break;
    }

    if (action !== 'classify' || Object.keys(data).length) {
      await repo.appendEvent(ctx.db, {
        id: newId(),
        message_id: row.id,
        type: action === 'classify' ? 'classified' : action === 'dispatch' ? 'dispatched' : action,
        occurred_on: date,
        at: now,
        actor_id: ctx.actor.id,
        agency_id: ctx.actor.agencyId ?? row.agency_id,
        data_json: Object.keys(data).length ? JSON.stringify(data) : null,
      });
    }
    await repo.update(ctx.db, row.id, set);
    const after = await clockOf(ctx, (await repo.find(ctx.db, row.id))!).catch((e: unknown) => {
      if (e instanceof ClockError)
        throw ValidationError.one('days', '延长期限合计不得超过 30 日（信访工作条例第三十四条）');
      throw e;
    });
    // No letter text and no personal data in the audit log: the step, its date and its outcome.
    await recordAudit(ctx, {
      action: `message.${action}`,
      subjectType: 'message',
      subjectId: row.id,
      agencyId: row.agency_id,
      before: { stage: clock.stage },
      after: {
        stage: after.clock.stage,
        date,
        ...(data.outcome ? { outcome: data.outcome } : {}),
        ...(data.agencyId ? { agencyId: data.agencyId } : {}),
        ...(data.accusedAgencyId ? { accusedAgencyId: data.accusedAgencyId } : {}),
        ...(data.petitionClass ? { petitionClass: data.petitionClass } : {}),
      },
    });
    return { id: row.id, stage: after.clock.stage, clock: after.clock };
  });
}

/** The clerk takes the 来信: they become its 承办人, the one who sees the writer's data unmasked. */
export async function take(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    await serializeWithin(ctx.db, `message:${id}`);
    const m = await loadMessage(ctx, id, 'handle');
    // The handling agency's own staff take it; a head above may take it too (and so reassign).
    if (ctx.actor.agencyId !== m.row.agency_id && !can(ctx.actor, 'approveExtension', m.subject))
      throw new ForbiddenError('由办理机关的工作人员承办');
    const { clock } = await clockOf(ctx, m.row);
    if (
      !['received', 'dispatched', 'handling', 'returned', 'inRecheck', 'inReexamination'].includes(
        clock.stage,
      )
    )
      throw new ConflictError(`该来信${stageLabels[clock.stage]}，不需要承办`);
    await repo.update(ctx.db, id, { handler_id: ctx.actor.id, updated_at: ctx.clock.now().toISOString() });
    await recordAudit(ctx, {
      action: 'message.take',
      subjectType: 'message',
      subjectId: id,
      agencyId: m.row.agency_id,
    });
  });
}

/** First drafts of what the public list would show: the letter and reply de-identified. */
export async function publicationDraft(ctx: Ctx, id: string) {
  const m = await loadMessage(ctx, id, 'handle');
  const known = [
    m.row.writer_name_enc,
    m.row.address_enc,
    m.row.phone_enc,
    m.row.id_number_enc,
    m.row.email_enc,
  ].map((v) => (v ? ctx.cipher.decrypt(v) : null));
  return {
    consented: m.row.consent_at !== null,
    publicSubject: m.row.public_subject ?? deidentify(m.row.subject, known),
    publicContent: m.row.public_content ?? deidentify(ctx.cipher.decrypt(m.row.content_enc), known),
    publicReply:
      m.row.public_reply ?? (m.row.reply_enc ? deidentify(ctx.cipher.decrypt(m.row.reply_enc), known) : ''),
  };
}

/**
 * Publishes the answered 来信 in the agency's public list, as the clerk approved the de-identified
 * text. Only with the writer's 单独同意 (个人信息保护法第二十五条); the text is checked once more for
 * ID numbers, telephone numbers and the writer's name.
 */
export async function publish(ctx: Ctx, id: string, raw: unknown): Promise<void> {
  const input = publishSchema.parse(raw);
  await inTransaction(ctx, async (ctx) => {
    await serializeWithin(ctx.db, `message:${id}`);
    const m = await loadMessage(ctx, id, 'handle');
    if (m.row.petition_class === 'accusation' || m.row.accused_agency_id)
      throw new ConflictError('检举控告类事项不公开（信访工作条例第三十条）');
    if (!m.row.consent_at)
      throw new ConflictError('来信人没有单独同意公开，不能公开（个人信息保护法第二十五条）');
    if (!m.row.replied_on) throw new ConflictError('答复后才能公开');
    const known = [m.row.writer_name_enc, m.row.address_enc].map((v) => (v ? ctx.cipher.decrypt(v) : null));
    for (const field of ['publicSubject', 'publicContent', 'publicReply'] as const)
      if (deidentify(input[field], known) !== input[field])
        throw ValidationError.one(
          field,
          '公开的文字中仍有姓名、证件号码、电话、电子邮箱或住址，请删去后再公开',
        );
    const now = ctx.clock.now().toISOString();
    await repo.update(ctx.db, id, {
      public_subject: input.publicSubject,
      public_content: input.publicContent,
      public_reply: input.publicReply,
      published_at: now,
      updated_at: now,
    });
    await recordAudit(ctx, {
      action: 'message.publish',
      subjectType: 'message',
      subjectId: id,
      agencyId: m.row.agency_id,
    });
  });
}

/**
 * A 来信 that is really a request for government information becomes a 依申请公开 application of
 * the handling agency, received on the 来信's day of receipt; the clerk completes what 第二十九条
 * needs. Both keep the link: the 来信 ends as 已转为依申请公开 and names the application.
 */
export async function convertToRequest(ctx: Ctx, id: string, raw: Record<string, unknown>) {
  return inTransaction(ctx, async (ctx) => {
    await serializeWithin(ctx.db, `message:${id}`);
    const m = await loadMessage(ctx, id, 'handle');
    const { clock } = await clockOf(ctx, m.row);
    if (!['received', 'dispatched', 'handling'].includes(clock.stage))
      throw new ConflictError(`该来信目前${stageLabels[clock.stage]}，不能转为政府信息公开申请`);
    const submitted = await requests.registerByClerk(ctx, {
      ...raw,
      agencyId: m.row.agency_id,
      receivedOn: m.row.received_on,
      submissionChannel: raw.submissionChannel ?? 'online',
    });
    const now = ctx.clock.now().toISOString();
    await repo.appendEvent(ctx.db, {
      id: newId(),
      message_id: id,
      type: 'referred',
      occurred_on: today(ctx),
      at: now,
      actor_id: ctx.actor.id,
      agency_id: m.row.agency_id,
      data_json: JSON.stringify({ requestId: submitted.id, acceptanceNumber: submitted.acceptanceNumber }),
    });
    await repo.update(ctx.db, id, { request_id: submitted.id, updated_at: now });
    await recordAudit(ctx, {
      action: 'message.referToRequest',
      subjectType: 'message',
      subjectId: id,
      agencyId: m.row.agency_id,
      after: { requestId: submitted.id, acceptanceNumber: submitted.acceptanceNumber },
    });
    return submitted;
  });
}
