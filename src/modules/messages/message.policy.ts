import { holdsProof, holdsRoleOver, isWithinPath, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

/**
 * Who may do what with a 来信. Staff act by their roles: the receiving agency's staff dispatch,
 * review returns and merge; the handling agency's staff accept, reply and fix; the level above
 * answers a 复查 or 复核; 监督员 read. The writer acts on the 来信 they proved (its 来信编号 and
 * 查询码, or having just written it), carried as the proof `message:<id>`.
 *
 * 检举控告 (信访工作条例第三十条): staff who work in the accused agency or below it never see the
 * item, whatever their roles, and it is never dispatched there (the service refuses).
 */

export type StaffMessageAction =
  | 'read'
  | 'register'
  | 'dispatch'
  | 'handle'
  | 'approveExtension'
  | 'decideUpper'
  | 'decideDispute'
  | 'viewPersonalData';
export type WriterMessageAction = 'viewOwn' | 'actOwn';
export type MessageAction = StaffMessageAction | WriterMessageAction;

const readers: readonly Role[] = ['clerk', 'officeHead', 'admin', 'reviewer', 'supervisor'];
const handlers: readonly Role[] = ['clerk', 'officeHead', 'admin'];
const heads: readonly Role[] = ['officeHead', 'admin'];

const rules: Record<StaffMessageAction, readonly Role[]> = {
  read: readers,
  register: handlers,
  dispatch: handlers,
  handle: handlers,
  // 第三十四条: an extension needs the head's approval.
  approveExtension: heads,
  // 复查 and 复核 are answered by the level above the organ that replied.
  decideUpper: handlers,
  // 申诉复核 of a 差评: the office above the rated agency.
  decideDispute: heads,
  viewPersonalData: handlers,
};

export interface MessageSubject {
  id?: string;
  /** The agency that received the 来信 (it dispatches). */
  receivedByPath: string;
  /** The agency handling it (主办). */
  agencyPath: string;
  /** 检举控告类: the accused agency. */
  accusedPath?: string | null;
  handlerId?: string | null;
}

export function messageProof(messageId: string): string {
  return `message:${messageId}`;
}

export function provenMessages(actor: Actor): string[] {
  return (actor.proofs ?? []).filter((p) => p.startsWith('message:')).map((p) => p.slice('message:'.length));
}

/** The path of the level above `path` ('/a/b/' → '/a/'); the root answers for itself. */
export function upperPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 1 ? path : `/${parts.slice(0, -1).join('/')}/`;
}

/** Does the actor work in the accused agency or below it (any grant held there)? */
export function worksInAccused(actor: Actor, accusedPath: string | null | undefined): boolean {
  if (!accusedPath || actor.kind === 'system') return false;
  return actor.grants.some((g) => isWithinPath(g.agencyPath, accusedPath));
}

export function can(actor: Actor, action: MessageAction, s: MessageSubject): boolean {
  if (action === 'viewOwn' || action === 'actOwn')
    return s.id !== undefined && holdsProof(actor, messageProof(s.id));
  if (worksInAccused(actor, s.accusedPath)) return false;
  const wanted = rules[action];
  switch (action) {
    case 'read':
      return holdsRoleOver(actor, wanted, s.agencyPath) || holdsRoleOver(actor, wanted, s.receivedByPath);
    case 'register':
    case 'dispatch':
      return holdsRoleOver(actor, wanted, s.receivedByPath);
    case 'decideUpper':
    case 'decideDispute':
      return holdsRoleOver(actor, wanted, upperPath(s.agencyPath));
    case 'viewPersonalData':
      return (
        actor.kind === 'system' ||
        (holdsRoleOver(actor, wanted, s.agencyPath) && !!s.handlerId && s.handlerId === actor.id)
      );
    default:
      return holdsRoleOver(actor, wanted, s.agencyPath);
  }
}

const refusals: Partial<Record<MessageAction, string>> = {
  viewPersonalData: '只有承办人可以查看来信人的完整个人信息',
  approveExtension: '延长办理期限须经负责人批准',
  decideUpper: '复查、复核意见由原办理机关的上一级机关提出',
  decideDispute: '差评申诉由上一级机关复核',
};

export function assertCan(actor: Actor, action: MessageAction, s: MessageSubject): void {
  if (!can(actor, action, s)) throw new ForbiddenError(refusals[action]);
}
