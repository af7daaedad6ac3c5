import type { Executor } from '../../../platform/db/database.js';
import { agencyField, withinSubtrees } from '../../agencies/index.js';
import type { AnnualReportTable } from '../annual-report.tables.js';
import type { Scope } from './annual-report.schemas.js';

/** All SQL on `annual_report`: an agency's own report, one row per version. */

/** One report of an agency: a year and a scope. */
export interface ReportKey {
  agencyId: string;
  year: number;
  scope: Scope;
}

export async function findById(db: Executor, id: string): Promise<AnnualReportTable | undefined> {
  return db.selectFrom('annual_report').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A version the public may read: the current published one, or one a correction superseded. */
export async function findPublicById(db: Executor, id: string): Promise<AnnualReportTable | undefined> {
  return db
    .selectFrom('annual_report')
    .selectAll()
    .where('id', '=', id)
    .where('state', 'in', ['published', 'superseded'])
    .executeTakeFirst();
}

/** The newest version of a report, whatever its state. */
export async function latest(db: Executor, key: ReportKey): Promise<AnnualReportTable | undefined> {
  return db
    .selectFrom('annual_report')
    .selectAll()
    .where('agency_id', '=', key.agencyId)
    .where('year', '=', key.year)
    .where('scope', '=', key.scope)
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

/** The text being written or last signed off for a report (a superseded version's is not). */
export async function currentText(db: Executor, key: ReportKey): Promise<string | undefined> {
  const row = await db
    .selectFrom('annual_report')
    .select('narrative_json')
    .where('agency_id', '=', key.agencyId)
    .where('year', '=', key.year)
    .where('scope', '=', key.scope)
    .where('state', 'in', ['draft', 'published'])
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return row?.narrative_json;
}

/** The published version of a report (the year before, for year-chain and section 五), if any. */
export async function published(
  db: Executor,
  key: ReportKey,
): Promise<Pick<AnnualReportTable, 'id' | 'data_json' | 'narrative_json'> | undefined> {
  return db
    .selectFrom('annual_report')
    .select(['id', 'data_json', 'narrative_json'])
    .where('agency_id', '=', key.agencyId)
    .where('year', '=', key.year)
    .where('scope', '=', key.scope)
    .where('state', '=', 'published')
    .executeTakeFirst();
}

/** The draft of a report (a correction being written), if there is one. */
export async function openDraft(db: Executor, key: ReportKey): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('annual_report')
    .select('id')
    .where('agency_id', '=', key.agencyId)
    .where('year', '=', key.year)
    .where('scope', '=', key.scope)
    .where('state', '=', 'draft')
    .executeTakeFirst();
}

export async function insert(db: Executor, row: AnnualReportTable): Promise<void> {
  await db.insertInto('annual_report').values(row).execute();
}

export async function setNarrative(
  db: Executor,
  id: string,
  patch: Pick<AnnualReportTable, 'narrative_json' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('annual_report').set(patch).where('id', '=', id).execute();
}

/** Marks the published version of a report superseded (a correction is being published). */
export async function supersede(db: Executor, key: ReportKey, at: string): Promise<void> {
  await db
    .updateTable('annual_report')
    .set({ state: 'superseded', updated_at: at })
    .where('agency_id', '=', key.agencyId)
    .where('year', '=', key.year)
    .where('scope', '=', key.scope)
    .where('state', '=', 'published')
    .execute();
}

/** Publishes a draft with its tables frozen; false when it was no longer a draft. */
export async function publishDraft(
  db: Executor,
  id: string,
  patch: Pick<AnnualReportTable, 'state' | 'data_json' | 'published_by' | 'published_at' | 'updated_at'>,
): Promise<boolean> {
  const done = await db
    .updateTable('annual_report')
    .set(patch)
    .where('id', '=', id)
    .where('state', '=', 'draft')
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** Each year's current published version of an agency's reports, newest year first. */
export async function publishedOf(db: Executor, agencyId: string) {
  return db
    .selectFrom('annual_report')
    .select(['id', 'year', 'scope', 'version', 'published_at', 'correction_reason'])
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'published')
    .orderBy('year', 'desc')
    .orderBy('scope')
    .execute();
}

/** Every version of the reports of the agencies within the subtrees, for the back office's list. */
export async function listWithin(db: Executor, paths: readonly string[]) {
  return db
    .selectFrom('annual_report')
    .select([
      'id',
      'year',
      'scope',
      'version',
      'state',
      'updated_at',
      'agency_id',
      agencyField('annual_report.agency_id', 'name').as('agency_name'),
    ])
    .where(withinSubtrees('annual_report.agency_id', paths))
    .orderBy('year', 'desc')
    .orderBy(agencyField('annual_report.agency_id', 'path'))
    .orderBy('version', 'desc')
    .execute();
}

/** Agencies with a report on `year` published on the platform. */
export async function agenciesPublishedFor(db: Executor, year: number): Promise<string[]> {
  const rows = await db
    .selectFrom('annual_report')
    .select('agency_id')
    .where('year', '=', year)
    .where('state', '=', 'published')
    .execute();
  return rows.map((r) => r.agency_id);
}

/** The first publication on the platform of each agency's own report (本级) on `years`, within the subtrees. */
export async function firstPublishedWithin(
  db: Executor,
  paths: readonly string[],
  years: readonly number[],
): Promise<Array<{ agencyId: string; year: number; publishedAt: string }>> {
  if (paths.length === 0 || years.length === 0) return [];
  const rows = await db
    .selectFrom('annual_report')
    .select(['agency_id', 'year', (eb) => eb.fn.min<string>('published_at').as('first')])
    .where(withinSubtrees('annual_report.agency_id', paths))
    .where('year', 'in', [...years])
    .where('scope', '=', 'self')
    .where('state', 'in', ['published', 'superseded'])
    .where('published_at', 'is not', null)
    .groupBy(['agency_id', 'year'])
    .execute();
  return rows.map((r) => ({ agencyId: r.agency_id, year: r.year, publishedAt: r.first }));
}
