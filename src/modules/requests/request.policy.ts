import { holdsProof, holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

/**
 * Who may do what with an application. Staff act by their roles over the agency's subtree; a
 * member of the public acts on the one application they proved (its 受理编号 and 查询码, or
 * having just submitted it), carried as the proof `request:<id>`.
 */

export type StaffRequestAction =
  | 'read'
  | 'register'
  | 'handle'
  | 'decideExtension'
  | 'assign'
  | 'takeCase'
  | 'viewPersonalData'
  | 'readStatistics';
export type ApplicantRequestAction = 'viewOwnCase' | 'supplementOwnCase';
export type RequestAction = StaffRequestAction | ApplicantRequestAction;

/** Everyone who works in or oversees the agency reads its cases. */
const readers: readonly Role[] = ['clerk', 'officeHead', 'admin', 'reviewer', 'supervisor'];
/** Those who handle applications: register, send notices, reply. */
const handlers: readonly Role[] = ['clerk', 'officeHead', 'admin'];
/** 第三十三条第二款: an extension needs the head of the 政府信息公开工作机构. */
const heads: readonly Role[] = ['officeHead', 'admin'];

const rules: Record<StaffRequestAction, readonly Role[]> = {
  read: readers,
  register: handlers,
  handle: handlers,
  decideExtension: heads,
  // The office head (or an administrator) assigns the handling clerk; a clerk may take a case.
  assign: heads,
  takeCase: handlers,
  // …and of those, only the 承办人 assigned to the case (see `can`).
  viewPersonalData: handlers,
  readStatistics: readers,
};

const refusals: Partial<Record<RequestAction, string>> = {
  viewPersonalData: '只有承办人可以查看申请人的完整个人信息',
};

/** The subject of a rule: the case (or, to register one, the receiving agency's path). */
export interface RequestSubject {
  id?: string;
  /** Materialised path of the agency the application is made to. */
  path: string;
  handlerId?: string | null;
}

/** The proof a person holds for an application they opened or submitted. */
export function caseProof(requestId: string): string {
  return `request:${requestId}`;
}

/** The applications the actor has proven, most recent last. */
export function provenCases(actor: Actor): string[] {
  return (actor.proofs ?? []).filter((p) => p.startsWith('request:')).map((p) => p.slice('request:'.length));
}

export function can(actor: Actor, action: RequestAction, subject: RequestSubject): boolean {
  if (action === 'viewOwnCase' || action === 'supplementOwnCase')
    return subject.id !== undefined && holdsProof(actor, caseProof(subject.id));
  if (!holdsRoleOver(actor, rules[action], subject.path)) return false;
  if (action === 'viewPersonalData')
    return actor.kind === 'system' || (!!subject.handlerId && subject.handlerId === actor.id);
  return true;
}

export function assertCan(actor: Actor, action: RequestAction, subject: RequestSubject): void {
  if (!can(actor, action, subject)) throw new ForbiddenError(refusals[action]);
}

/** The staff actions the actor may take on this case: what the case page offers. */
export function allowedOn(actor: Actor, subject: RequestSubject): StaffRequestAction[] {
  return (Object.keys(rules) as StaffRequestAction[]).filter((a) => can(actor, a, subject));
}

/** The subtrees whose cases the actor may list for `action` (['/'] for the system). */
export function scopeFor(actor: Actor, action: StaffRequestAction): string[] {
  return scopesFor(actor, rules[action]);
}
