import type { Expression, SelectQueryBuilder, SqlBool } from 'kysely';
import type { Ctx } from './context.js';
import { containsText } from './db/database.js';
import type { Database } from './db/schema.js';
import { newId } from './ids.js';
import { touchPublicPages } from './page-version.js';

export interface AuditInput {
  /** `module.verb`, e.g. `agency.move`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  agencyId: string | null;
  /** Snapshots without secrets or personal data: presenters decide what goes in. */
  before?: unknown;
  after?: unknown;
}

/**
 * Appends an audit event. Call it inside the transaction of the write it records, so the
 * event exists exactly when the change does. An action that changes a public page
 * (GongkaiModule.publicPageActions) also marks the cached public pages stale, in the same
 * transaction: every write is audited, so no change reaches the portal past the cache.
 */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  if (!ctx.db.isTransaction)
    throw new Error('recordAudit must run inside the transaction of the write it records');
  await ctx.db
    .insertInto('audit_event')
    .values({
      id: newId(),
      at: ctx.clock.now().toISOString(),
      actor_id: ctx.actor.id,
      actor_label: ctx.actor.label,
      agency_id: input.agencyId,
      action: input.action,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      before_json: input.before === undefined ? null : JSON.stringify(input.before),
      after_json: input.after === undefined ? null : JSON.stringify(input.after),
      ip: ctx.ip,
    })
    .execute();
  if (ctx.modules.changesPublicPages(input.action)) await touchPublicPages(ctx);
}

/** An audit event as it was recorded, snapshots parsed. */
export interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorLabel: string;
  agencyId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/**
 * Which audit events to read. Who may read which agencies' events is a module's decision (the
 * agency tree and the roles are not the platform's), so the reader's scope arrives as a
 * condition on `audit_event.agency_id` that the caller builds, e.g. with the agencies module's
 * `withinSubtrees('audit_event.agency_id', paths)`.
 */
export interface AuditQuery {
  /** The agencies whose events the reader sees, as a condition on `audit_event.agency_id`. */
  agencyScope: Expression<SqlBool>;
  /** Also events that belong to no agency (system-wide: the calendar, unknown-user logins). */
  withoutAgency: boolean;
  action?: string | null;
  /** Part of the actor's label, matched literally and without regard to case. */
  actorContains?: string | null;
  subjectId?: string | null;
  /** Instants (ISO-8601 UTC): events at or after `from` and before `until`. */
  from?: string | null;
  until?: string | null;
}

function auditQuery(ctx: Ctx, q: AuditQuery): SelectQueryBuilder<Database, 'audit_event', object> {
  let query = ctx.db
    .selectFrom('audit_event')
    .where((eb) =>
      q.withoutAgency ? eb.or([q.agencyScope, eb('audit_event.agency_id', 'is', null)]) : q.agencyScope,
    );
  if (q.action) query = query.where('audit_event.action', '=', q.action);
  if (q.actorContains) query = query.where(containsText('audit_event.actor_label', q.actorContains));
  if (q.subjectId) query = query.where('audit_event.subject_id', '=', q.subjectId);
  if (q.from) query = query.where('audit_event.at', '>=', q.from);
  if (q.until) query = query.where('audit_event.at', '<', q.until);
  return query;
}

/** How many events the query finds. */
export async function countAuditEvents(ctx: Ctx, q: AuditQuery): Promise<number> {
  const row = await auditQuery(ctx, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One page of the events the query finds, newest first. */
export async function findAuditEvents(
  ctx: Ctx,
  q: AuditQuery,
  page: { limit: number; offset: number },
): Promise<AuditEvent[]> {
  const rows = await auditQuery(ctx, q)
    .selectAll('audit_event')
    .orderBy('audit_event.at', 'desc')
    .orderBy('audit_event.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    agencyId: r.agency_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    before: r.before_json ? (JSON.parse(r.before_json) as unknown) : null,
    after: r.after_json ? (JSON.parse(r.after_json) as unknown) : null,
    ip: r.ip,
  }));
}

// Chinese labels of actions and subjects come from the module manifests (`audit`), composed by
// platform/module.ts `install`: ctx.modules.auditActionLabel(…).
