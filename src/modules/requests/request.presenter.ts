import { maskIdNumber, maskPhone } from './identity.js';
import { dueText, type CaseEvent, type CaseState, type DeadlineResult } from './request-deadline.js';
import { letterTitles, type LetterKind } from './request-letter.js';
import { outcomes, type Outcome } from './request-outcome.js';
import type { RequestCase } from './request.repository.js';
import type { RequestLetterTable } from './request.tables.js';
import { applicantTypeLabels, idTypeLabels, submissionChannelLabels } from './request.js';

/**
 * What each audience sees of an application. Personal data (身份证号, phone, address) is masked
 * for everyone but the handling clerk, who unmasks it on the case page (each time audited); the
 * applicant sees their own, masked too; the API always masked.
 */

type Decrypt = (value: string) => string;

export { provisionalDueNote } from './request-deadline.js';

export const stateLabels: Record<CaseState, string> = {
  open: '办理中',
  awaitingSupplement: '等待补正',
  inConsultation: '征求意见中',
  awaitingFee: '等待缴费',
  replied: '已答复',
  withdrawn: '已撤回',
  supplementOverdue: '逾期未补正',
  feeUnpaid: '逾期未缴费',
};

/** What happened on a case, in the words of the case page's history. */
export const eventLabels: Record<CaseEvent['type'], string> = {
  received: '收到申请',
  supplementRequested: '发出补正告知',
  supplemented: '收到补正',
  consultationStarted: '发出征询意见函',
  consultationEnded: '收到征询答复',
  extensionRequested: '经办人申请延期',
  extensionRefused: '不同意延期',
  extensionApproved: '批准延期',
  processingFeeNoticeReceived: '收费通知已送达',
  processingFeePaid: '申请人已缴费',
  replied: '答复',
  withdrawn: '申请人撤回',
};

export function outcomeLabel(outcome: string | null): string {
  if (!outcome) return '';
  return outcomes[outcome as Outcome]?.label ?? outcome;
}

/** What anyone but the handling clerk sees of an application (and what the API returns). */
export function maskedView(c: RequestCase, decrypt: Decrypt) {
  return {
    id: c.id,
    agencyId: c.agencyId,
    acceptanceNumber: c.acceptanceNumber,
    submissionChannel: c.submissionChannel,
    applicantType: c.applicantType,
    applicantName: c.applicantName,
    idNumber: maskIdNumber(decrypt(c.idNumberEnc)),
    phone: maskPhone(decrypt(c.phoneEnc)),
    description: c.description,
    receivedOn: c.receivedOn,
  };
}
export type MaskedView = ReturnType<typeof maskedView>;

/** The API's view of one case: masked, with how its deadline was computed. */
export function apiCaseView(c: RequestCase, events: CaseEvent[], deadline: DeadlineResult, decrypt: Decrypt) {
  return { request: maskedView(c, decrypt), events, deadline };
}

/**
 * The receipt shown once after submitting (受理回执): everything needed to open the case later,
 * and the reply's due date (第三十三条), 暂定 when its year's 放假安排 is not yet entered.
 */
export function receiptView(s: {
  agencyName: string;
  acceptanceNumber: string;
  lookupCode: string;
  receivedOn: string;
  due: string;
  dueProvisional: boolean;
}) {
  return {
    agencyName: s.agencyName,
    acceptanceNumber: s.acceptanceNumber,
    lookupCode: s.lookupCode,
    receivedOn: s.receivedOn,
    dueText: dueText({ due: s.due, provisional: s.dueProvisional })!,
    dueProvisional: s.dueProvisional,
  };
}
export type Receipt = ReturnType<typeof receiptView>;

/** The applicant's own case on the portal: masked, with its state and outcome in words. */
export function applicantView(c: RequestCase, deadline: DeadlineResult, decrypt: Decrypt) {
  return {
    ...maskedView(c, decrypt),
    state: deadline.state,
    stateLabel: stateLabels[deadline.state],
    due: deadline.due,
    /** The due date as shown: with （暂定） when its year's 放假安排 is not yet entered. */
    dueText: dueText(deadline),
    dueProvisional: deadline.due !== null && deadline.provisional,
    outcomeLabel: outcomeLabel(c.outcome),
  };
}
export type ApplicantView = ReturnType<typeof applicantView>;

export interface PersonalData {
  idNumber: string;
  phone: string;
  address: string | null;
}

/**
 * The back office's view of a case: masked unless `personal` is given (the handling clerk asked
 * for it, and the service audited the viewing).
 */
export function staffCaseView(
  c: RequestCase,
  decrypt: Decrypt,
  personal: PersonalData | null,
  viewerId: string | null,
) {
  const masked = maskedView(c, decrypt);
  return {
    ...masked,
    submissionChannelLabel: submissionChannelLabels[c.submissionChannel],
    applicantTypeLabel: applicantTypeLabels[c.applicantType],
    idTypeLabel: idTypeLabels[c.idType],
    idNumber: personal?.idNumber ?? masked.idNumber,
    phone: personal?.phone ?? masked.phone,
    unmasked: personal !== null,
    handler: c.handlerId === null ? 'none' : c.handlerId === viewerId ? 'me' : 'other',
    closedOn: c.closedOn,
    outcome: c.outcome,
    outcomeLabel: outcomeLabel(c.outcome),
    submittedAt: c.submittedAt,
  } as const;
}
export type StaffCaseView = ReturnType<typeof staffCaseView>;

/** A letter as sent. */
export function letterView(l: RequestLetterTable) {
  return {
    id: l.id,
    kind: l.kind as LetterKind,
    title: l.title || letterTitles[l.kind as LetterKind],
    body: l.body,
    issuedOn: l.issued_on,
  };
}
export type LetterView = ReturnType<typeof letterView>;
