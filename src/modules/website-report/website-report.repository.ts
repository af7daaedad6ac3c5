import type { Executor } from '../../platform/db/database.js';
import type { WebsiteReportTable } from './website-report.tables.js';

/** All SQL of the `website_report` table. */

export type Key = { agencyId: string; year: number };

/** The newest version of a year's report (a draft, or the published one). */
export async function latest(db: Executor, k: Key): Promise<WebsiteReportTable | undefined> {
  return db
    .selectFrom('website_report')
    .selectAll()
    .where('agency_id', '=', k.agencyId)
    .where('year', '=', k.year)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function published(db: Executor, k: Key): Promise<WebsiteReportTable | undefined> {
  return db
    .selectFrom('website_report')
    .selectAll()
    .where('agency_id', '=', k.agencyId)
    .where('year', '=', k.year)
    .where('state', '=', 'published')
    .executeTakeFirst();
}

/** Every year's current published version, newest year first. */
export async function publishedOf(db: Executor, agencyId: string): Promise<WebsiteReportTable[]> {
  return db
    .selectFrom('website_report')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'published')
    .orderBy('year', 'desc')
    .execute();
}

export async function insert(db: Executor, row: WebsiteReportTable): Promise<void> {
  await db.insertInto('website_report').values(row).execute();
}

export async function setEntries(
  db: Executor,
  id: string,
  patch: { entered_json: string; updated_at: string },
): Promise<void> {
  await db.updateTable('website_report').set(patch).where('id', '=', id).execute();
}

/** The earlier published version of the year, when a correction is published. */
export async function supersede(db: Executor, k: Key, at: string): Promise<void> {
  await db
    .updateTable('website_report')
    .set({ state: 'superseded', updated_at: at })
    .where('agency_id', '=', k.agencyId)
    .where('year', '=', k.year)
    .where('state', '=', 'published')
    .execute();
}

/** Publishes a draft; false when it was no longer a draft (published meanwhile by someone else). */
export async function publishDraft(
  db: Executor,
  id: string,
  patch: { data_json: string; published_by: string | null; published_at: string; updated_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('website_report')
    .set({ ...patch, state: 'published' })
    .where('id', '=', id)
    .where('state', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
