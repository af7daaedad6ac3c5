import { date, integer, object, oneOf, optional, patterns, text, type Infer } from '../../platform/schema.js';
import { checkIdNumber } from './identity.js';
import { consultationKinds, openStates, type OpenState } from './request-deadline.js';
import { deliveryModeLabels, deliveryModes } from './request-letter.js';
import { outcomes, replyOutcomes, type Outcome } from './request-outcome.js';
import { stateLabels } from './request.presenter.js';
import {
  applicantTypeLabels,
  applicantTypes,
  deliveryFormatLabels,
  deliveryFormats,
  deliveryMethodLabels,
  deliveryMethods,
  idTypeLabels,
  idTypes,
  submissionChannelLabels,
  submissionChannels,
} from './request.js';

/**
 * Input schemas shared by every door (portal form, back-office form, API). The form fields take
 * their labels from here, so an error message names the field as the page shows it.
 */

/** 第二十九条第二款: what an application must contain, for every door (portal, clerk, API). */
export const applicationShape = {
  agencyId: text('受理机关'),
  applicantType: oneOf('申请人类型', applicantTypes, applicantTypeLabels),
  applicantName: text('申请人姓名或名称', { max: 100 }),
  organizationCode: optional(text('统一社会信用代码', { max: 18 })),
  idType: oneOf('身份证明类型', idTypes, idTypeLabels),
  idNumber: text('身份证明号码', { max: 40 }),
  phone: text('联系电话', {
    pattern: patterns.phone,
    patternMessage: '联系电话应为至少 5 位的号码，只含数字、括号、连字符',
  }),
  address: optional(text('通讯地址', { max: 200 })),
  email: optional(text('电子邮箱', { pattern: patterns.email, patternMessage: '电子邮箱格式不正确' })),
  description: text('所需信息的名称、文号或者便于查询的其他特征性描述', { min: 4, max: 4000 }),
  deliveryFormat: oneOf('获取信息的形式', deliveryFormats, deliveryFormatLabels),
  deliveryMethod: oneOf('获取信息的方式', deliveryMethods, deliveryMethodLabels),
};

export const onlineApplicationSchema = object(applicationShape);
export type OnlineApplication = Infer<typeof onlineApplicationSchema.shape>;

/** A clerk registering an application that came by another channel, with its day of receipt. */
export const clerkApplicationSchema = object({
  ...applicationShape,
  submissionChannel: oneOf('申请方式', submissionChannels, submissionChannelLabels),
  receivedOn: date('收到申请之日'),
});
export type ClerkApplication = Infer<typeof clerkApplicationSchema.shape>;

/** The 身份证号 check, applied after parsing so its message names the position. */
export function idNumberProblem(idType: string, idNumber: string): string | null {
  if (idType !== 'residentIdCard') return null;
  const r = checkIdNumber(idNumber);
  return r.ok ? null : r.message;
}

/**
 * The applicant opens a case with its 受理编号 and 查询码 (the service names a blank or malformed
 * one); the agency is needed only if two agencies' cases share both.
 */
export const lookupSchema = object({
  agencyId: optional(text('受理机关')),
  number: optional(text('受理编号', { max: 40 })),
  lookupCode: optional(text('查询码', { max: 40 })),
});

/**
 * 找回受理编号: the contact given in the application (a mobile number or an e-mail address; the
 * service names one it cannot use) and, to narrow it down, the applicant's name.
 */
export const recoverySchema = object({
  contact: text('手机号码或电子邮箱', { max: 100 }),
  applicantName: optional(text('申请人姓名或名称', { max: 100 })),
});

/** The 找回码 from the message (the service names a malformed one). */
export const recoveryCodeSchema = object({ code: text('找回码', { max: 40 }) });

/** 第三十条: the applicant's 补正, sent on the portal. */
export const applicantSupplementSchema = object({ text: text('补正内容', { min: 4, max: 4000 }) });

const letterField = (label: string) => optional(text(label, { max: 20000 }));

/** One schema per step of a case; each names the step's event type (request-deadline.ts). */
export const stepSchemas = {
  supplementRequested: object({
    date: date('发出日期'),
    supplementDueDate: date('补正期限'),
    letter: letterField('补正告知书'),
  }),
  supplemented: object({ date: date('收到补正之日') }),
  consultationStarted: object({
    date: date('发出征询函之日'),
    kind: oneOf('征询对象', consultationKinds, {
      thirdPartyConsultation: '第三方',
      agencyConsultation: '共同制作机关',
    }),
    consultee: optional(text('征询对象名称', { max: 200 })),
    letter: letterField('征询意见函'),
  }),
  consultationEnded: object({ date: date('收到答复之日') }),
  extensionRequested: object({
    date: date('申请日期'),
    workdays: integer('拟延长工作日数', 1, 20),
    reason: text('延期理由', { max: 2000 }),
  }),
  extensionRefused: object({ date: date('日期'), reason: optional(text('不同意的理由', { max: 2000 })) }),
  extensionApproved: object({
    date: date('批准日期'),
    workdays: integer('延长工作日数', 1, 20),
    letter: letterField('延期答复告知书'),
  }),
  processingFeeNoticeReceived: object({
    date: date('申请人收到收费通知之日'),
    method: oneOf('计费方式', ['perRequest', 'perPage'] as const, {
      perRequest: '按件计收',
      perPage: '按量计收',
    }),
    quantity: integer('本月第几件或页数', 1, 100000),
    letter: letterField('收费通知书'),
  }),
  processingFeePaid: object({ date: date('缴费日期') }),
  replied: object({
    date: date('答复日期'),
    outcome: oneOf(
      '答复结果',
      replyOutcomes,
      Object.fromEntries(replyOutcomes.map((o) => [o, outcomes[o].label])) as Record<Outcome, string>,
    ),
    reasons: optional(text('理由（非予以公开时必填）', { max: 4000 })),
    withheldPart: optional(text('不予公开的部分（部分公开时必填）', { max: 2000 })),
    deliveryMode: optional(oneOf('提供方式', deliveryModes, deliveryModeLabels)),
    deliveredOn: optional(date('邮寄、领取或查阅日期')),
    trackingNumber: optional(text('邮件号', { max: 40 })),
    recordRef: optional(text('已公开信息的索引号或编号', { max: 100 })),
    letter: letterField('答复告知书'),
  }),
  withdrawn: object({ date: date('撤回日期') }),
};
export type CaseAction = keyof typeof stepSchemas;
export const caseActions = Object.keys(stepSchemas) as CaseAction[];

/** The back-office queue: by agency, by state (or overdue), by due date; 50 a page. */
export const queueFilterSchema = object({
  agencyId: optional(text('受理机关')),
  state: optional(
    oneOf('状态', ['overdue', ...openStates] as const, {
      overdue: '已超期',
      ...(Object.fromEntries(openStates.map((k) => [k, stateLabels[k]])) as Record<OpenState, string>),
    }),
  ),
  dueBy: optional(date('期限不晚于')),
  /** Still running and due within this many working days, not yet overdue (the 工作台's link). */
  within: optional(integer('几个工作日内到期', 1, 60)),
  handler: optional(oneOf('承办人', ['none', 'me'] as const, { none: '尚未指定', me: '我承办的' })),
  page: optional(integer('页码', 1, 100000)),
});
export type QueueFilter = Infer<typeof queueFilterSchema.shape>;
