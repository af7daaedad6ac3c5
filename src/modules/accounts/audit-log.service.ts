import { beijingDayEnd, beijingDayStart } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { containsText } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { scopes } from './account.policy.js';
import { auditFilterSchema } from './account.schemas.js';

export interface AuditEventView {
  id: string;
  at: string;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  agencyId: string | null;
  agencyName: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

const PAGE_SIZE = 50;

/**
 * The audit log as an administrator, office head or supervisor may see it: events of the
 * agencies in their scope; events of no agency (system-wide) only for those scoped at a root.
 */
export async function browse(
  ctx: Ctx,
  rawFilter: unknown,
  page = 1,
): Promise<{ events: AuditEventView[]; total: number; page: number; pageSize: number }> {
  const f = auditFilterSchema.parse(rawFilter);
  if (f.from && f.to && f.from > f.to) throw ValidationError.one('to', '截止日期不能早于起始日期');
  const paths = scopes(ctx.actor, 'readAudit');
  if (paths.length === 0) return { events: [], total: 0, page: 1, pageSize: PAGE_SIZE };
  const rootScoped = paths.includes('/') || paths.some((p) => p.split('/').filter(Boolean).length === 1);
  let q = ctx.db.selectFrom('audit_event').leftJoin('agency', 'agency.id', 'audit_event.agency_id');
  if (!paths.includes('/')) {
    q = q.where((eb) =>
      eb.or([
        ...paths.map((p) => eb('agency.path', 'like', `${p}%`)),
        ...(rootScoped ? [eb('audit_event.agency_id', 'is', null)] : []),
      ]),
    );
  }
  if (f.action) q = q.where('audit_event.action', '=', f.action);
  if (f.actor) q = q.where(containsText('audit_event.actor_label', f.actor));
  if (f.subjectId) q = q.where('audit_event.subject_id', '=', f.subjectId);
  // The filter's dates are Beijing dates; instants are stored in UTC.
  if (f.from) q = q.where('audit_event.at', '>=', beijingDayStart(f.from));
  if (f.to) q = q.where('audit_event.at', '<', beijingDayEnd(f.to));
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const safePage = Math.max(1, Math.min(page, Math.max(1, Math.ceil(total / PAGE_SIZE))));
  const rows = await q
    .selectAll('audit_event')
    .select('agency.name as agency_name')
    .orderBy('audit_event.at', 'desc')
    .orderBy('audit_event.id', 'desc')
    .limit(PAGE_SIZE)
    .offset((safePage - 1) * PAGE_SIZE)
    .execute();
  return {
    events: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorLabel: r.actor_label,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
      ip: r.ip,
    })),
    total,
    page: safePage,
    pageSize: PAGE_SIZE,
  };
}
