import {
  date,
  integer,
  object,
  oneOf,
  optional,
  patterns,
  text,
  type Field,
  type Infer,
} from '../../platform/schema.js';
import { FieldProblem } from '../../platform/schema.js';
import {
  badRatingActionLabels,
  badRatingActions,
  dispatchKindLabels,
  dispatchKinds,
  gradeLabels,
  grades,
  petitionClassLabels,
  petitionClasses,
  petitionOutcomeLabels,
  petitionOutcomes,
  portalChannels,
  regimeLabels,
  regimes,
  staffChannels,
  channelLabels,
  ticketTypeLabels,
  ticketTypes,
} from './message.js';

/**
 * Input schemas shared by every door (portal form, back-office form, CLI). Labels come from here,
 * so an error names the field as the page shows it.
 */

/** A checkbox: on, 1, true, yes, 是 → true; absent or off → false. */
export function flag(label: string): Field<boolean> {
  return {
    label,
    optional: true,
    json: { type: 'boolean', description: label },
    parse(raw, l) {
      if (raw === undefined || raw === null || raw === '' || raw === false) return false;
      if (raw === true) return true;
      const v = String(raw).trim().toLowerCase();
      if (['on', '1', 'true', 'yes', '是'].includes(v)) return true;
      if (['off', '0', 'false', 'no', '否'].includes(v)) return false;
      throw new FieldProblem(`${l}应为“是”或“否”`);
    },
  };
}

const phone = optional(
  text('联系电话', {
    pattern: patterns.phone,
    patternMessage: '联系电话应为至少 5 位的号码，只含数字、括号、连字符',
  }),
);

const writerShape = {
  ticketType: oneOf('诉求类型', ticketTypes, ticketTypeLabels),
  anonymous: flag('匿名'),
  writerName: optional(text('姓名或名称', { max: 100 })),
  idNumber: optional(text('身份证件号码', { max: 40 })),
  phone,
  address: optional(text('住址', { max: 200 })),
  email: optional(text('电子邮箱', { pattern: patterns.email, patternMessage: '电子邮箱格式不正确' })),
  subject: text('标题', { min: 2, max: 100 }),
  content: text('来信内容', { min: 10, max: 5000 }),
  consentPublish: flag('同意公开'),
};

/** A member of the public writes on the portal: to an agency's 领导信箱, or 网上信访. */
export const writeSchema = object({
  channel: oneOf('来信渠道', portalChannels, channelLabels),
  agencyId: text('收信机关'),
  ...writerShape,
});
export type WriteInput = Infer<typeof writeSchema.shape>;

/** Staff enter a 来信 that came by post, phone, a visit or from the 12345 hotline. */
export const registerSchema = object({
  channel: oneOf('来信渠道', staffChannels, channelLabels),
  regime: oneOf('办理制度', regimes, regimeLabels),
  agencyId: text('收信机关'),
  receivedOn: date('收到之日'),
  ...writerShape,
});
export type RegisterInput = Infer<typeof registerSchema.shape>;

/** Every step may be dated (a letter posted back, a call made yesterday): today when left empty. */
const on = { date: optional(date('日期')) };
const reason = (label: string) => text(label, { min: 4, max: 2000 });
const body = (label: string) => text(label, { min: 10, max: 20000 });

export const stepSchemas = {
  classify: object({
    petitionClass: optional(oneOf('信访事项类别', petitionClasses, petitionClassLabels)),
    accusedAgencyId: optional(text('被检举控告的机关')),
  }),
  dispatch: object({
    ...on,
    agencyId: text('主办机关'),
    kind: oneOf('转办方式', dispatchKinds, dispatchKindLabels),
    assistAgencyIds: optional(text('协办机关', { max: 2000 })),
    note: optional(text('转办说明', { max: 2000 })),
  }),
  returned: object({ ...on, reason: reason('退单理由') }),
  returnReviewed: object({
    ...on,
    upheld: oneOf('审核结果', ['yes', 'no'] as const, { yes: '同意退单', no: '不同意退单' }),
    note: optional(text('审核意见', { max: 2000 })),
  }),
  accepted: object({ ...on, petitionClass: oneOf('信访事项类别', petitionClasses, petitionClassLabels) }),
  notAccepted: object({ ...on, reason: reason('不予受理的理由') }),
  extended: object({ ...on, days: integer('延长日数', 1, 30), reason: reason('延期理由') }),
  interimReplied: object({ ...on, text: body('阶段性答复') }),
  replied: object({
    ...on,
    text: body('答复内容'),
    outcome: optional(oneOf('处理意见', petitionOutcomes, petitionOutcomeLabels)),
  }),
  recheckRequested: object({ ...on, reason: reason('请求复查的理由') }),
  recheckDecided: object({
    ...on,
    text: body('复查意见'),
    outcome: oneOf('处理意见', petitionOutcomes, petitionOutcomeLabels),
  }),
  reexamineRequested: object({ ...on, reason: reason('请求复核的理由') }),
  reexamineDecided: object({
    ...on,
    text: body('复核意见'),
    outcome: oneOf('处理意见', petitionOutcomes, petitionOutcomeLabels),
  }),
  merged: object({ ...on, intoNumber: text('并入的来信编号', { max: 40 }) }),
  withdrawn: object({ ...on, reason: optional(text('撤回的方式和时间', { max: 2000 })) }),
};
export type StepAction = keyof typeof stepSchemas;
export const stepActions = Object.keys(stepSchemas) as StepAction[];

export const publishSchema = object({
  publicSubject: text('公开标题', { min: 2, max: 100 }),
  publicContent: text('公开的来信内容', { min: 10, max: 5000 }),
  publicReply: text('公开的答复', { min: 10, max: 20000 }),
});

export const rateSchema = object({
  grade: oneOf('评价', grades, gradeLabels),
  speed: optional(integer('办理效率', 1, 5)),
  quality: optional(integer('答复质量', 1, 5)),
  attitude: optional(integer('服务态度', 1, 5)),
  comment: optional(text('评价意见', { max: 1000 })),
});

export const visitSchema = object({ ...on, note: reason('回访核实情况') });
export const resolveSchema = object({
  ...on,
  action: oneOf('处置方式', badRatingActions, badRatingActionLabels),
  note: reason('整改或解释说明的情况'),
});
export const disputeSchema = object({ ...on, reason: reason('申诉理由') });
export const disputeDecisionSchema = object({
  ...on,
  upheld: oneOf('复核结果', ['yes', 'no'] as const, {
    yes: '申诉成立，该评价不计入统计',
    no: '申诉不成立，维持评价',
  }),
});

export const lookupSchema = object({
  number: text('来信编号', { max: 40 }),
  code: text('查询码', { max: 40 }),
});

/** 条例第三十九条: an application passed here; the rest comes from the application. */
export const fromRequestSchema = object({
  regime: oneOf('办理制度', regimes, regimeLabels),
  ticketType: oneOf('诉求类型', ticketTypes, ticketTypeLabels),
  subject: text('标题', { min: 2, max: 100 }),
});

/** The text fields of a multipart form, to show again with its errors (files are not kept). */
export function textFields(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
