import type { Executor } from '../../../platform/db/database.js';
import { withinSubtree } from '../../agencies/index.js';

/** All SQL on `report_figure`: section-二 figures kept in other systems, per agency and year. */

export async function figuresOf(
  db: Executor,
  agencyId: string,
  year: number,
): Promise<Array<{ key: string; value: string }>> {
  return db
    .selectFrom('report_figure')
    .select(['key', 'value'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .execute();
}

/** The figures of every agency within a subtree (the agency's path), for a year. */
export async function figuresWithin(
  db: Executor,
  path: string,
  year: number,
): Promise<Array<{ key: string; value: string }>> {
  return db
    .selectFrom('report_figure')
    .select(['key', 'value'])
    .where(withinSubtree('report_figure.agency_id', path))
    .where('year', '=', year)
    .execute();
}

export async function remove(db: Executor, agencyId: string, year: number, key: string): Promise<void> {
  await db
    .deleteFrom('report_figure')
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .where('key', '=', key)
    .execute();
}

/** An upsert, so two clerks saving at once both succeed and the later value stands. */
export async function put(
  db: Executor,
  row: {
    agency_id: string;
    year: number;
    key: string;
    value: string;
    entered_by: string | null;
    entered_at: string;
  },
): Promise<void> {
  await db
    .insertInto('report_figure')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['agency_id', 'year', 'key'])
        .doUpdateSet({ value: row.value, entered_by: row.entered_by, entered_at: row.entered_at }),
    )
    .execute();
}
