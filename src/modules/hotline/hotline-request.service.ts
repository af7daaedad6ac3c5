import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { serializeWithin } from '../../platform/db/database.js';
import { agencies } from '../agencies/index.js';
import { requests } from '../requests/index.js';
import { assertCan } from './hotline.policy.js';
import * as repo from './hotline.repository.js';

/**
 * A 工单 whose 诉求 is a request for government information becomes a 依申请公开 application of
 * its 承办单位 (services.md §0.5), received on the 工单's 受理时间 as a request made orally (the
 * call), with the applicant's details the clerk completes. The 工单 keeps the application's id;
 * the application's page shows the 工单.
 */

export interface TicketForRequest {
  ticketNumber: string;
  agencyName: string;
  receivedOn: string;
  content: string;
  requestId: string | null;
}

async function load(ctx: Ctx, ticketNumber: string) {
  const number = ticketNumber.trim();
  if (!number) throw ValidationError.one('ticket', '请填写工单编号');
  const t = await repo.findByNumber(ctx.db, number);
  if (!t) throw new NotFoundError(`未找到工单编号为“${number}”的工单`);
  const agency = await agencies.getPublic(ctx, t.agency_id);
  assertCan(ctx.actor, 'convert', agency);
  return { t, agency };
}

/** The 工单 as the conversion page shows it: its content in the clear, for its 承办单位's staff. */
export async function ticketForRequest(ctx: Ctx, ticketNumber: string): Promise<TicketForRequest> {
  const { t, agency } = await load(ctx, ticketNumber);
  return {
    ticketNumber: t.ticket_number,
    agencyName: agency.name,
    receivedOn: t.received_at.slice(0, 10),
    content: ctx.cipher.decrypt(t.content_enc),
    requestId: t.request_id,
  };
}

export async function convertToRequest(ctx: Ctx, ticketNumber: string, raw: Record<string, unknown>) {
  return inTransaction(ctx, async (ctx) => {
    // Two clerks converting the same 工单 at once make one application.
    await serializeWithin(ctx.db, `hotline-ticket:${ticketNumber.trim()}`);
    const { t } = await load(ctx, ticketNumber);
    if (t.request_id) throw new ConflictError(`工单 ${t.ticket_number} 已经转为政府信息公开申请`);
    const submitted = await requests.registerByClerk(ctx, {
      ...raw,
      agencyId: t.agency_id,
      receivedOn: t.received_at.slice(0, 10),
      submissionChannel: 'oral',
    });
    await repo.setRequest(ctx.db, t.id, submitted.id, ctx.clock.now().toISOString());
    await recordAudit(ctx, {
      action: 'hotline.referToRequest',
      subjectType: 'hotlineTicket',
      subjectId: t.id,
      agencyId: t.agency_id,
      after: {
        ticketNumber: t.ticket_number,
        requestId: submitted.id,
        acceptanceNumber: submitted.acceptanceNumber,
      },
    });
    return submitted;
  });
}

/** On an application's page: the 工单 it was made from. */
export async function requestLinks(
  ctx: Ctx,
  requestId: string,
): Promise<Array<{ label: string; href: string }>> {
  return (await repo.byRequest(ctx.db, requestId)).map((t) => ({
    label: `由 12345 工单 ${t.ticket_number} 转来`,
    href: `/admin/hotline/to-request?ticket=${encodeURIComponent(t.ticket_number)}`,
  }));
}
