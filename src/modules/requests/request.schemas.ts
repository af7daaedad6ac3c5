import { date, object, oneOf, optional, patterns, text, type Infer } from '../../platform/schema.js';
import { checkIdNumber } from './identity.js';
import {
  applicantTypeLabels,
  applicantTypes,
  channelLabels,
  channels,
  deliveryMethodLabels,
  deliveryMethods,
  idTypeLabels,
  idTypes,
  provisionFormLabels,
  provisionForms,
} from './request.js';

/** 第二十九条第二款: what an application must contain, for every door (portal, clerk, API). */
export const applicationShape = {
  agencyId: text('受理机关'),
  applicantType: oneOf('申请人类型', applicantTypes, applicantTypeLabels),
  applicantName: text('申请人姓名或名称', { max: 100 }),
  organizationCode: optional(text('统一社会信用代码', { max: 18 })),
  idType: oneOf('身份证明类型', idTypes, idTypeLabels),
  idNumber: text('身份证明号码', { max: 40 }),
  phone: text('联系电话', { pattern: patterns.phone, patternMessage: '联系电话只能包含数字、括号、连字符' }),
  address: optional(text('通讯地址', { max: 200 })),
  email: optional(text('电子邮箱', { pattern: patterns.email, patternMessage: '电子邮箱格式不正确' })),
  description: text('所需信息的名称、文号或特征描述', { min: 4, max: 4000 }),
  provisionForm: oneOf('获取信息的形式', provisionForms, provisionFormLabels),
  deliveryMethod: oneOf('获取信息的方式', deliveryMethods, deliveryMethodLabels),
};

export const onlineApplicationSchema = object(applicationShape);
export type OnlineApplication = Infer<typeof onlineApplicationSchema.shape>;

/** A clerk registering an application that came by another channel, with its day of receipt. */
export const clerkApplicationSchema = object({
  ...applicationShape,
  channel: oneOf('申请方式', channels, channelLabels),
  receivedOn: date('收到申请之日'),
});
export type ClerkApplication = Infer<typeof clerkApplicationSchema.shape>;

/** The 身份证号 check, applied after parsing so its message names the position. */
export function idNumberProblem(idType: string, idNumber: string): string | null {
  if (idType !== 'residentIdCard') return null;
  const r = checkIdNumber(idNumber);
  return r.ok ? null : r.message;
}
