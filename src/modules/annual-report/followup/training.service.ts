import { recordAudit } from '../../../platform/audit.js';
import { beijingDate } from '../../../platform/clock.js';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { agencies } from '../../agencies/index.js';
import { assertCan } from '../compile/annual-report.policy.js';
import type { Scope } from '../compile/annual-report.schemas.js';
import * as repo from './followup.repository.js';
import { trainingSchema, type TrainingKind } from './followup.schemas.js';

/**
 * Training sessions and assessments (培训、考核) of an agency's disclosure staff, recorded as they
 * happen with their attendance, and offered to the year's report: the template of section 五
 * states how many were held and how many took part.
 */

export interface TrainingSession {
  id: string;
  agencyId: string;
  agencyName: string;
  kind: TrainingKind;
  title: string;
  heldOn: string;
  attendees: number;
  hours: number | null;
  note: string | null;
}

/** What a year's sessions add up to, for the report's text. */
export interface TrainingFacts {
  trainings: number;
  trainees: number;
  assessments: number;
  assessed: number;
}

export async function record(ctx: Ctx, agencyId: string, raw: unknown): Promise<TrainingSession> {
  const input = trainingSchema.parse(raw);
  const agency = await agencies.get(ctx, agencyId);
  assertCan(ctx.actor, 'editNarrative', agency);
  if (input.heldOn > beijingDate(ctx.clock.now()))
    throw ValidationError.one('heldOn', '日期不能晚于今天：培训和考核在举办之后登记');
  const row = {
    id: newId(),
    agency_id: agency.id,
    kind: input.kind,
    title: input.title,
    held_on: input.heldOn,
    attendees: input.attendees,
    hours: input.hours,
    note: input.note,
    created_by: ctx.actor.id,
    created_at: ctx.clock.now().toISOString(),
  };
  return inTransaction(ctx, async (ctx) => {
    await repo.insertTraining(ctx.db, row);
    await recordAudit(ctx, {
      action: 'trainingSession.record',
      subjectType: 'trainingSession',
      subjectId: row.id,
      agencyId: agency.id,
      after: { trainingKind: row.kind, title: row.title, heldOn: row.held_on, attendees: row.attendees },
    });
    return { ...toView(row), agencyName: agency.name };
  });
}

export async function remove(ctx: Ctx, id: string): Promise<void> {
  const row = await repo.findTraining(ctx.db, id);
  if (!row) throw new NotFoundError('未找到该培训或考核记录');
  const agency = await agencies.get(ctx, row.agency_id);
  assertCan(ctx.actor, 'editNarrative', agency);
  await inTransaction(ctx, async (ctx) => {
    await repo.deleteTraining(ctx.db, id);
    await recordAudit(ctx, {
      action: 'trainingSession.remove',
      subjectType: 'trainingSession',
      subjectId: id,
      agencyId: agency.id,
      before: { trainingKind: row.kind, title: row.title, heldOn: row.held_on, attendees: row.attendees },
    });
  });
}

function toView(r: Omit<repo.TrainingRow, 'agency_name'>): Omit<TrainingSession, 'agencyName'> {
  return {
    id: r.id,
    agencyId: r.agency_id,
    kind: r.kind as TrainingKind,
    title: r.title,
    heldOn: r.held_on,
    attendees: r.attendees,
    hours: r.hours === null ? null : Number(r.hours),
    note: r.note,
  };
}

async function where(ctx: Ctx, agencyId: string, scope: Scope) {
  const agency = await agencies.get(ctx, agencyId);
  assertCan(ctx.actor, 'read', agency);
  return { agencyId: agency.id, path: agency.path, tree: scope === 'tree' };
}

/** The sessions of a year, the agency's own or with those below it. */
export async function listOf(
  ctx: Ctx,
  agencyId: string,
  year: number,
  scope: Scope = 'self',
): Promise<TrainingSession[]> {
  const rows = await repo.trainingOf(ctx.db, await where(ctx, agencyId, scope), year);
  return rows.map((r) => ({ ...toView(r), agencyName: r.agency_name }));
}

/** The year's totals for the report's text. */
export async function factsOf(
  ctx: Ctx,
  agencyId: string,
  year: number,
  scope: Scope,
): Promise<TrainingFacts> {
  const totals = await repo.trainingTotals(ctx.db, await where(ctx, agencyId, scope), year);
  const of = (kind: TrainingKind) => totals.find((t) => t.kind === kind) ?? { sessions: 0, attendees: 0 };
  return {
    trainings: of('training').sessions,
    trainees: of('training').attendees,
    assessments: of('assessment').sessions,
    assessed: of('assessment').attendees,
  };
}
