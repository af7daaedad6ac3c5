import { applicantColumns, type ApplicantColumn } from '../annual-report/index.js';

/**
 * 依申请公开 applications (条例 第二十七至四十五条): channels, applicant types and the rules of
 * intake. Pure types and rules; the clock, outcomes and letters build on these.
 */

/** 第二十九、三十一条: how an application arrives, each with its own rule for the day of receipt. */
export const submissionChannels = [
  'online',
  'inPerson',
  'registeredMail',
  'ordinaryMail',
  'fax',
  'oral',
] as const;
export type SubmissionChannel = (typeof submissionChannels)[number];
export const submissionChannelLabels: Record<SubmissionChannel, string> = {
  online: '互联网（在线申请）',
  inPerson: '当面提交',
  registeredMail: '邮寄（需签收）',
  ordinaryMail: '平常信函',
  fax: '传真',
  oral: '口头提出（代为填写）',
};
/** What the clerk must give as the day of receipt, per 第三十一条. */
export const receiptRuleLabels: Record<SubmissionChannel, string> = {
  online: '双方确认之日（在线提交即确认）',
  inPerson: '申请人提交之日',
  registeredMail: '行政机关签收之日',
  ordinaryMail: '与申请人确认之日',
  fax: '双方确认之日',
  oral: '申请人提出之日',
};

/** The columns of the annual report's table 三 (contract keys), captured at intake. */
export const applicantTypes = applicantColumns.filter(
  (c): c is Exclude<ApplicantColumn, 'total'> => c !== 'total',
);
export type ApplicantType = Exclude<ApplicantColumn, 'total'>;
export const applicantTypeLabels: Record<ApplicantType, string> = {
  naturalPerson: '自然人',
  commercialEnterprise: '法人或其他组织：商业企业',
  researchInstitution: '法人或其他组织：科研机构',
  publicInterestOrganization: '法人或其他组织：社会公益组织',
  legalServiceOrganization: '法人或其他组织：法律服务机构',
  otherOrganization: '法人或其他组织：其他',
};

export const idTypes = ['residentIdCard', 'other'] as const;
export type IdType = (typeof idTypes)[number];
export const idTypeLabels: Record<IdType, string> = { residentIdCard: '居民身份证', other: '其他身份证明' };

/** 第四十条: the form the information is given in (提供形式). */
export const deliveryFormats = ['paper', 'electronic', 'inspection'] as const;
export type DeliveryFormat = (typeof deliveryFormats)[number];
export const deliveryFormatLabels: Record<DeliveryFormat, string> = {
  paper: '纸质',
  electronic: '电子文档',
  inspection: '现场查阅或抄录',
};
/** 第二十九条第二款第（三）项: how the applicant gets it (获取信息的方式). */
export const deliveryMethods = ['mail', 'email', 'pickup', 'online'] as const;
export type DeliveryMethod = (typeof deliveryMethods)[number];
export const deliveryMethodLabels: Record<DeliveryMethod, string> = {
  mail: '邮寄',
  email: '电子邮件',
  pickup: '自行领取',
  online: '在线查看',
};

/** 受理编号 as printed: 〔2026〕第 0007 号, unique within the agency. */
export function acceptanceNumber(year: number, seq: number): string {
  return `〔${year}〕第${String(seq).padStart(4, '0')}号`;
}
