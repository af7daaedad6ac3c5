import type { Ctx } from './context.js';
import { newId } from './ids.js';

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
 * event exists exactly when the change does.
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
}

// Chinese labels of actions and subjects come from the module manifests (`audit`), composed by
// platform/module.ts `install`: ctx.modules.auditActionLabel(…).
