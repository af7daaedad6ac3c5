import type { Executor } from '../../platform/db/database.js';
import type { AppealTable } from './appeal.tables.js';

export async function requestAgency(db: Executor, requestId: string): Promise<string | undefined> {
  return (await db.selectFrom('request').select(['agency_id']).where('id', '=', requestId).executeTakeFirst())
    ?.agency_id;
}

export async function insert(db: Executor, row: AppealTable): Promise<void> {
  await db.insertInto('appeal').values(row).execute();
}

export async function findById(db: Executor, id: string): Promise<AppealTable | undefined> {
  return db.selectFrom('appeal').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setResult(
  db: Executor,
  id: string,
  set: Pick<AppealTable, 'result' | 'decided_on' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('appeal').set(set).where('id', '=', id).execute();
}

/** Appeals filed in [first, last] against the agency (self) or anything in its subtree. */
export async function filedWithin(
  db: Executor,
  agency: { id: string; path: string },
  scope: 'self' | 'tree',
  first: string,
  last: string,
) {
  let q = db
    .selectFrom('appeal')
    .innerJoin('agency', 'agency.id', 'appeal.agency_id')
    .select(['appeal.kind', 'appeal.result', 'appeal.decided_on'])
    .where('appeal.filed_on', '>=', first)
    .where('appeal.filed_on', '<=', last);
  q =
    scope === 'self'
      ? q.where('appeal.agency_id', '=', agency.id)
      : q.where('agency.path', 'like', `${agency.path}%`);
  return q.execute();
}

/** Appeals against agencies within the given subtrees, newest first, with the application number. */
export async function listWithin(db: Executor, paths: string[]) {
  if (paths.length === 0) return [];
  let q = db
    .selectFrom('appeal')
    .innerJoin('agency', 'agency.id', 'appeal.agency_id')
    .leftJoin('request', 'request.id', 'appeal.request_id')
    .selectAll('appeal')
    .select(['agency.name as agency_name', 'request.acceptance_number']);
  if (!paths.includes('/')) q = q.where((eb) => eb.or(paths.map((p) => eb('agency.path', 'like', `${p}%`))));
  return q.orderBy('appeal.filed_on', 'desc').limit(200).execute();
}
