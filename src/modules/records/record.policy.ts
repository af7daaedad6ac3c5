import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';
import { recordSteps, stepStates, type RecordState, type RecordStep } from './record.js';

export type RecordAction =
  /** A record in any state with its history and attachments; the staff list; section 二's counts. */
  | 'read'
  /** Draft, attach files, send to 保密审查, import an old site's archive. */
  | 'draft'
  | RecordStep
  /** 公开属性源头认定 of a 公文, and the year's counts. */
  | 'registerDocument'
  | 'readDocuments'
  | 'rebuildSearchIndex';

/** Everyone who works in or oversees an agency may read its records, whatever their state. */
const readers: readonly Role[] = ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'];
/** The 公开办 writes and publishes. */
const writers: readonly Role[] = ['clerk', 'officeHead', 'admin'];

const rules: Record<RecordAction, readonly Role[]> = {
  read: readers,
  draft: writers,
  submit: writers,
  attach: writers,
  // 保密审查 (条例第十七条) is the reviewer's.
  review: ['reviewer', 'admin'],
  // Release is the office head's decision.
  approve: ['officeHead', 'admin'],
  publish: writers,
  schedule: writers,
  unschedule: writers,
  changeValidity: writers,
  // Taking a record down from the portal is the office head's, as releasing it was.
  withdraw: ['officeHead', 'admin'],
  registerDocument: writers,
  readDocuments: readers,
  rebuildSearchIndex: ['admin'],
};

/** `subject` is the agency the record (or 公文) belongs to, or the one a new one is for. */
export function can(actor: Actor, action: RecordAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: RecordAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

/** Subtrees the actor may act in, for listings. */
export function scopes(actor: Actor, action: RecordAction): string[] {
  return scopesFor(actor, rules[action]);
}

/**
 * 保密审查 is a second pair of eyes: whoever drafted a record does not review it, whatever
 * roles they hold.
 */
export function reviewsOwnDraft(actor: Actor, record: { createdBy: string | null }): boolean {
  return actor.kind === 'staff' && actor.id !== null && record.createdBy === actor.id;
}

export interface RecordSubject {
  path: string;
  state: RecordState;
  createdBy: string | null;
  scheduledAt: string | null;
}

/**
 * The steps the actor may take on the record now: held role, the record's state, and the
 * rules above together, so the page offers exactly what the services accept.
 */
export function allowedSteps(actor: Actor, record: RecordSubject): RecordStep[] {
  return recordSteps.filter(
    (step) =>
      stepStates[step].includes(record.state) &&
      can(actor, step, record) &&
      !(step === 'review' && reviewsOwnDraft(actor, record)) &&
      !(step === 'unschedule' && !record.scheduledAt),
  );
}
