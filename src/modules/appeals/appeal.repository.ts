import type { Executor } from '../../platform/db/database.js';
import { agencyField, withinSubtree, withinSubtrees } from '../agencies/index.js';
import type { AppealTable } from './appeal.tables.js';

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
  const q = db
    .selectFrom('appeal')
    .select(['appeal.kind', 'appeal.result', 'appeal.decided_on'])
    .where('appeal.filed_on', '>=', first)
    .where('appeal.filed_on', '<=', last);
  return (
    scope === 'self'
      ? q.where('appeal.agency_id', '=', agency.id)
      : q.where(withinSubtree('appeal.agency_id', agency.path))
  ).execute();
}

/** Appeals against agencies within the given subtrees, newest first, with the agency's name. */
export async function listWithin(
  db: Executor,
  paths: readonly string[],
): Promise<Array<AppealTable & { agencyName: string }>> {
  if (paths.length === 0) return [];
  const rows = await db
    .selectFrom('appeal')
    .selectAll()
    .select(agencyField<string>('appeal.agency_id', 'name').as('agency_name'))
    .where(withinSubtrees('appeal.agency_id', paths))
    .orderBy('appeal.filed_on', 'desc')
    .limit(200)
    .execute();
  return rows.map(({ agency_name, ...a }) => ({ ...a, agencyName: agency_name }));
}
