import type { AppealTable } from './appeal.tables.js';

/** The kinds and results of an appeal (contract keys, glossary §10.5), with their UI labels. */
export const appealKinds = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
export type AppealKind = (typeof appealKinds)[number];
export const appealKindLabels: Record<AppealKind, string> = {
  review: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReview: '行政诉讼（复议后起诉）',
};
export const decidedResults = ['upheld', 'corrected', 'other'] as const;
export const decidedResultLabels: Record<(typeof decidedResults)[number], string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
};
export const appealResultLabels = { ...decidedResultLabels, pending: '尚未审结' } as const;

/** One appeal as the back office lists it. */
export function staffAppealView(a: AppealTable & { agencyName: string }, acceptanceNumber: string | null) {
  return {
    id: a.id,
    agencyName: a.agencyName,
    kindLabel: appealKindLabels[a.kind as AppealKind] ?? a.kind,
    requestId: a.request_id,
    acceptanceNumber,
    caseNumber: a.case_number,
    filedOn: a.filed_on,
    pending: a.result === 'pending',
    resultLabel: appealResultLabels[a.result as keyof typeof appealResultLabels] ?? a.result,
    decidedOn: a.decided_on,
  };
}
export type StaffAppealView = ReturnType<typeof staffAppealView>;
