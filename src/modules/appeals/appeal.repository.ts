import { sql } from 'kysely';
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

/**
 * Section 四's counts: the appeals filed between `first` and `last` (dates) against one agency or
 * its subtree, by kind and by their result as it stood on `last` (pending when decided later):
 * counted in SQL, a handful of rows whatever the number of appeals.
 */
export async function section4Counts(
  db: Executor,
  agency: { id: string; path: string },
  scope: 'self' | 'tree',
  first: string,
  last: string,
): Promise<Array<{ kind: string; standing: string; n: number }>> {
  // Grouped by the alias: PostgreSQL would not see two parameters of one expression as the same.
  const standing = sql<string>`case when appeal.decided_on is not null and appeal.decided_on <= ${last} then appeal.result else 'pending' end`;
  const q = db
    .selectFrom('appeal')
    .select(['appeal.kind', standing.as('standing'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('appeal.filed_on', '>=', first)
    .where('appeal.filed_on', '<=', last)
    .groupBy(['appeal.kind', 'standing']);
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
