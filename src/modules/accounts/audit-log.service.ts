import { countAuditEvents, findAuditEvents } from '../../platform/audit.js';
import { beijingDayEnd, beijingDayStart } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { ValidationError, type FieldError } from '../../platform/errors.js';
import { agencies, withinSubtrees } from '../agencies/index.js';
import { scopes, seesSystemWideAudit } from './account.policy.js';
import { auditEventView, auditRow, type AuditEventView } from './account.presenter.js';
import { auditFilterSchema } from './account.schemas.js';

export interface AuditLogPage {
  events: AuditEventView[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZE = 50;

/**
 * The audit log as an administrator, office head or supervisor may see it: events of the
 * agencies in their scope; events of no agency (system-wide) only for those scoped at a root.
 */
export async function browse(ctx: Ctx, rawFilter: unknown, page = 1): Promise<AuditLogPage> {
  const f = auditFilterSchema.parse(rawFilter);
  if (f.from && f.to && f.from > f.to) throw ValidationError.one('to', '截止日期不能早于起始日期');
  const paths = scopes(ctx.actor, 'readAudit');
  if (paths.length === 0) return { events: [], total: 0, page: 1, pageSize: PAGE_SIZE };
  const query = {
    agencyScope: withinSubtrees('audit_event.agency_id', paths),
    withoutAgency: seesSystemWideAudit(paths),
    action: f.action,
    actorContains: f.actor,
    subjectId: f.subjectId,
    // The filter's dates are Beijing dates; instants are stored in UTC.
    from: f.from && beijingDayStart(f.from),
    until: f.to && beijingDayEnd(f.to),
  };
  const total = await countAuditEvents(ctx, query);
  const safePage = Math.max(1, Math.min(page, Math.max(1, Math.ceil(total / PAGE_SIZE))));
  const events = await findAuditEvents(ctx, query, { limit: PAGE_SIZE, offset: (safePage - 1) * PAGE_SIZE });
  const names = await agencies.namesOf(
    ctx,
    events.flatMap((e) => (e.agencyId ? [e.agencyId] : [])),
  );
  return {
    events: events.map((e) => auditEventView(e, e.agencyId ? (names.get(e.agencyId) ?? null) : null)),
    total,
    page: safePage,
    pageSize: PAGE_SIZE,
  };
}

/**
 * The audit-log page: the filter's choices, one page of events as rows, and the filter's errors
 * (a bad date is shown on the form, not as an error page).
 */
export async function auditLogPage(ctx: Ctx, query: Record<string, string | undefined>) {
  const actions = ctx.modules.auditActions().map((a) => ({ value: a.action, label: a.label }));
  const page = Math.max(1, Number(query.page) || 1);
  let result: AuditLogPage = { events: [], total: 0, page: 1, pageSize: PAGE_SIZE };
  let errors: FieldError[] = [];
  try {
    result = await browse(ctx, query, page);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    errors = e.fields;
  }
  return {
    actions,
    rows: result.events.map((e) => auditRow(e, ctx.modules)),
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    errors,
  };
}
export type AuditLogPageModel = Awaited<ReturnType<typeof auditLogPage>>;
