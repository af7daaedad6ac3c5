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

const actionLabels = new Map<string, string>();
const subjectLabels = new Map<string, string>();

/** Modules name their audit actions and subjects in Chinese for the audit-log page. */
export function describeAudit(labels: {
  actions: Record<string, string>;
  subjects: Record<string, string>;
}): void {
  for (const [k, v] of Object.entries(labels.actions)) actionLabels.set(k, v);
  for (const [k, v] of Object.entries(labels.subjects)) subjectLabels.set(k, v);
}

export function auditActionLabel(action: string): string {
  return actionLabels.get(action) ?? action;
}

export function auditSubjectLabel(subjectType: string): string {
  return subjectLabels.get(subjectType) ?? subjectType;
}

/** Every described action, for filters. */
export function auditActions(): Array<{ action: string; label: string }> {
  return [...actionLabels].map(([action, label]) => ({ action, label }));
}
