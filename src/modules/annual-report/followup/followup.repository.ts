import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type { Database } from '../../../platform/db/schema.js';
import { agencyField, withinSubtree, withinSubtrees } from '../../agencies/index.js';
import type { ReportProblemTable, TrainingSessionTable } from '../annual-report.tables.js';

/** All SQL on `training_session` and `report_problem`. */

export async function insertTraining(db: Executor, row: TrainingSessionTable): Promise<void> {
  await db.insertInto('training_session').values(row).execute();
}

export async function findTraining(db: Executor, id: string): Promise<TrainingSessionTable | undefined> {
  return db.selectFrom('training_session').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteTraining(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('training_session').where('id', '=', id).execute();
}

type TrainingScope = { agencyId: string; path: string; tree: boolean };

/** Sessions of the agency (or its subtree) held in the year. */
function heldWithin(at: TrainingScope, year: number) {
  return (eb: ExpressionBuilder<Database, 'training_session'>) =>
    eb.and([
      at.tree
        ? withinSubtree('training_session.agency_id', at.path)
        : eb('training_session.agency_id', '=', at.agencyId),
      eb('held_on', '>=', `${year}-01-01`),
      eb('held_on', '<=', `${year}-12-31`),
    ]);
}

export type TrainingRow = TrainingSessionTable & { agency_name: string };

/** An agency's sessions of a year (its own, or with those below it), newest first. */
export async function trainingOf(db: Executor, at: TrainingScope, year: number): Promise<TrainingRow[]> {
  return db
    .selectFrom('training_session')
    .selectAll()
    .select(agencyField('training_session.agency_id', 'name').as('agency_name'))
    .where(heldWithin(at, year))
    .orderBy('held_on', 'desc')
    .orderBy('id')
    .execute();
}

/** Sessions, people and assessments of a year, counted in SQL. */
export async function trainingTotals(
  db: Executor,
  at: TrainingScope,
  year: number,
): Promise<{ kind: string; sessions: number; attendees: number }[]> {
  const rows = await db
    .selectFrom('training_session')
    .select((eb) => [
      'kind',
      eb.fn.countAll<number | string>().as('sessions'),
      eb.fn.sum<number | string>('attendees').as('attendees'),
    ])
    .where(heldWithin(at, year))
    .groupBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, sessions: Number(r.sessions), attendees: Number(r.attendees) }));
}

export interface ProblemKey {
  agencyId: string;
  year: number;
  scope: string;
}

export async function problemsOf(db: Executor, key: ProblemKey): Promise<ReportProblemTable[]> {
  return db
    .selectFrom('report_problem')
    .selectAll()
    .where('agency_id', '=', key.agencyId)
    .where('year', '=', key.year)
    .where('scope', '=', key.scope)
    .orderBy('ordinal')
    .orderBy('id')
    .execute();
}

export async function findProblem(db: Executor, id: string): Promise<ReportProblemTable | undefined> {
  return db.selectFrom('report_problem').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProblems(db: Executor, rows: ReportProblemTable[]): Promise<void> {
  if (rows.length) await db.insertInto('report_problem').values(rows).execute();
}

export async function updateProblem(
  db: Executor,
  id: string,
  patch: Partial<Pick<ReportProblemTable, 'text' | 'status' | 'measures' | 'fixed_on' | 'ordinal'>> & {
    updated_by: string | null;
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable('report_problem').set(patch).where('id', '=', id).execute();
}

export async function deleteProblem(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('report_problem').where('id', '=', id).execute();
}

export async function deleteProblems(db: Executor, ids: string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('report_problem').where('id', 'in', ids).execute();
}

/** Problems not yet fixed within some subtrees, per agency, report year and scope (the 工作台's count). */
export async function openProblemCounts(
  db: Executor,
  paths: readonly string[],
): Promise<{ agency_id: string; agency_name: string; year: number; scope: string; open: number }[]> {
  const rows = await db
    .selectFrom('report_problem')
    .select((eb) => [
      'agency_id',
      'year',
      'scope',
      agencyField('report_problem.agency_id', 'name').as('agency_name'),
      eb.fn.countAll<number | string>().as('open'),
    ])
    .where(withinSubtrees('report_problem.agency_id', paths))
    .where('status', '!=', 'fixed')
    .groupBy(['agency_id', 'year', 'scope'])
    .orderBy('year', 'desc')
    .orderBy('agency_id')
    .orderBy('scope')
    .execute();
  return rows.map((r) => ({
    agency_id: r.agency_id,
    agency_name: String(r.agency_name),
    year: Number(r.year),
    scope: r.scope,
    open: Number(r.open),
  }));
}
