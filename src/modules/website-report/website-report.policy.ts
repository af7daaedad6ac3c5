import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type WebsiteReportAction = 'read' | 'edit' | 'publish' | 'correct';

/**
 * Who does what with the site's 政府网站工作年度报表. The subject is the site's 主办单位 (the top
 * agency): its 公开办's clerks fill the form; the office head signs it off and answers for a
 * correction of what was published, as for the annual report.
 */
const rules: Record<WebsiteReportAction, readonly Role[]> = {
  read: ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'],
  edit: ['admin', 'officeHead', 'clerk'],
  publish: ['admin', 'officeHead'],
  correct: ['admin', 'officeHead'],
};

export function can(actor: Actor, action: WebsiteReportAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: WebsiteReportAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

/**
 * The back-office menu entry: for those who may read the report of the site's 主办单位, the top
 * agency — a role held there (a path of one segment) or everywhere ('/'). A township's clerk
 * reads the published 报表 on the portal like anyone else.
 */
export const mayView = (actor: Actor) =>
  scopesFor(actor, rules.read).some((p) => p === '/' || p.split('/').filter(Boolean).length === 1);
