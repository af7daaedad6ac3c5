import type { Executor } from '../../../platform/db/database.js';
import { agencyField, withinSubtrees } from '../../agencies/index.js';
import type { PublishedReportTable } from '../annual-report.tables.js';
import type { ReportData } from '../contract/report.js';

export async function insert(db: Executor, row: PublishedReportTable): Promise<void> {
  await db.insertInto('published_report').values(row).execute();
}

export async function findById(db: Executor, id: string): Promise<PublishedReportTable | undefined> {
  return db.selectFrom('published_report').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Checked reports uploaded within the given subtrees, newest first. */
export async function listWithin(db: Executor, paths: string[], limit = 100) {
  if (paths.length === 0) return [];
  return db
    .selectFrom('published_report')
    .select([
      'published_report.id',
      'published_report.source_name',
      'published_report.source_kind',
      'published_report.read_status',
      'published_report.report_year',
      'published_report.report_agency',
      'published_report.error_count',
      'published_report.warning_count',
      'published_report.uploaded_at',
      'published_report.history_year',
      agencyField<string | null>('published_report.history_agency_id', 'name').as('history_agency_name'),
    ])
    .where(withinSubtrees('published_report.agency_id', paths))
    .orderBy('published_report.uploaded_at', 'desc')
    .orderBy('published_report.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findHistory(
  db: Executor,
  agencyId: string,
  year: number,
): Promise<PublishedReportTable | undefined> {
  return db
    .selectFrom('published_report')
    .selectAll()
    .where('history_agency_id', '=', agencyId)
    .where('history_year', '=', year)
    .executeTakeFirst();
}

/** The years for which reports published before the platform were recorded for an agency, newest first. */
export async function recordedYears(
  db: Executor,
  agencyId: string,
): Promise<Array<{ year: number; name: string }>> {
  const rows = await db
    .selectFrom('published_report')
    .select(['history_year', 'source_name'])
    .where('history_agency_id', '=', agencyId)
    .where('history_year', 'is not', null)
    .orderBy('history_year', 'desc')
    .execute();
  return rows.map((r) => ({ year: r.history_year!, name: r.source_name }));
}

/** Agencies with a report on `year` recorded from its published text. */
export async function agenciesRecordedFor(db: Executor, year: number): Promise<string[]> {
  const rows = await db
    .selectFrom('published_report')
    .select('history_agency_id')
    .where('history_year', '=', year)
    .execute();
  return rows.flatMap((r) => (r.history_agency_id ? [r.history_agency_id] : []));
}

export async function attach(
  db: Executor,
  id: string,
  agencyId: string,
  year: number,
  at: string,
  by: string | null,
): Promise<void> {
  await db
    .updateTable('published_report')
    .set({ history_agency_id: agencyId, history_year: year, attached_at: at, attached_by: by })
    .where('id', '=', id)
    .execute();
}

export async function detach(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('published_report')
    .set({ history_agency_id: null, history_year: null, attached_at: null, attached_by: null })
    .where('id', '=', id)
    .execute();
}

/** Stores a report's data after its checks were run again. */
export async function updateFindings(db: Executor, id: string, data: ReportData): Promise<void> {
  await db
    .updateTable('published_report')
    .set({
      data_json: JSON.stringify(data),
      error_count: data.findings.filter((f) => f.severity === 'error').length,
      warning_count: data.findings.filter((f) => f.severity === 'warning').length,
    })
    .where('id', '=', id)
    .execute();
}

/** Reports recorded (年报检查) as published reports of agencies within the subtrees on `years`. */
export async function recordedWithin(db: Executor, paths: readonly string[], years: readonly number[]) {
  if (paths.length === 0 || years.length === 0) return [];
  return db
    .selectFrom('published_report')
    .select(['id', 'history_agency_id', 'history_year', 'error_count', 'source_name'])
    .where(withinSubtrees('published_report.history_agency_id', paths))
    .where('history_year', 'in', [...years])
    .execute();
}
