import type { Ctx } from '../../platform/context.js';
import { canManageJobs } from '../../platform/jobs/index.js';
import type { WorkbenchPanel } from '../accounts/index.js';
import { queuedMessages, recoveryOffered } from './request-recovery.service.js';
import { approvals, dueWithin, queue } from './request-queue.service.js';
import { scopeFor } from './request.policy.js';

/** Working days ahead the 工作台 counts a case as due soon. */
export const DUE_SOON_WORKDAYS = 5;

/**
 * 依申请公开 on the 工作台: for those who handle applications, the open cases of their agencies by
 * what they need — new and not yet assigned, due within five working days, overdue, waiting for
 * the applicant's 补正, in consultation (第三十二、三十四条) — each a count that opens the queue
 * filtered the same way; for the office head, the extensions waiting for approval too.
 */
export async function requestWorkbench(ctx: Ctx): Promise<WorkbenchPanel[]> {
  return [...(await casePanels(ctx)), ...(await outboxPanel(ctx))];
}

/**
 * For the operator (who runs the installation's jobs): the messages to applicants (找回码) waiting
 * for the SMS/e-mail gateway, which takes them with `gongkai requests outbox --take`.
 */
async function outboxPanel(ctx: Ctx): Promise<WorkbenchPanel[]> {
  if (!canManageJobs(ctx.actor) || !recoveryOffered(ctx)) return [];
  const queued = await queuedMessages(ctx);
  return [
    {
      key: 'requests/outbox',
      title: '给申请人的消息',
      order: 80,
      items: [
        {
          label: '待发送的找回码',
          count: queued,
          detail: '由运维人员取出，经短信、电子邮件网关发送',
          urgent: queued > 0,
        },
      ],
    },
  ];
}

async function casePanels(ctx: Ctx): Promise<WorkbenchPanel[]> {
  if (scopeFor(ctx.actor, 'handle').length === 0) return [];
  const open = await queue(ctx);
  const count = (p: (i: (typeof open)[number]) => boolean) => open.filter(p).length;
  const items: WorkbenchPanel['items'] = [
    {
      label: '新收未指定承办人',
      count: count((i) => !i.handlerId),
      href: '/admin/requests?handler=none',
    },
    {
      label: '我承办的',
      count: count((i) => i.handlerId === ctx.actor.id),
      href: '/admin/requests?handler=me',
    },
    {
      label: `${DUE_SOON_WORKDAYS} 个工作日内到期`,
      count: count((i) => dueWithin(i, DUE_SOON_WORKDAYS)),
      href: `/admin/requests?within=${DUE_SOON_WORKDAYS}`,
    },
    {
      label: '已超期',
      count: count((i) => i.deadline.overdue),
      href: '/admin/requests?state=overdue',
      urgent: open.some((i) => i.deadline.overdue),
    },
    {
      label: '等待申请人补正',
      count: count((i) => i.deadline.state === 'awaitingSupplement'),
      href: '/admin/requests?state=awaitingSupplement',
    },
    {
      label: '征求意见中',
      count: count((i) => i.deadline.state === 'inConsultation'),
      href: '/admin/requests?state=inConsultation',
    },
  ];
  if (scopeFor(ctx.actor, 'decideExtension').length > 0)
    items.push({
      label: '延期申请待审批',
      count: (await approvals(ctx)).length,
      href: '/admin/requests/approvals',
    });
  return [
    {
      key: 'requests',
      title: '依申请公开',
      order: 10,
      note: `办理中 ${open.length} 件`,
      items,
      more: { href: '/admin/requests', label: '全部办理中的申请' },
    },
  ];
}
