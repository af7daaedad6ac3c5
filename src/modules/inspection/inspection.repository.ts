import type { Executor } from '../../platform/db/database.js';
import { agencyField, withinSubtrees } from '../agencies/index.js';
import type {
  InspectedSiteTable,
  InspectionResultTable,
  InspectionRunTable,
  InspectionUrlTable,
  SiteProbeTable,
} from './inspection.tables.js';

export type SiteRow = InspectedSiteTable & { agency_name: string; agency_path: string };

function sites(db: Executor) {
  return db
    .selectFrom('inspected_site as s')
    .selectAll('s')
    .select([
      agencyField('s.agency_id', 'name').as('agency_name'),
      agencyField('s.agency_id', 'path').as('agency_path'),
    ]);
}

export async function findSite(db: Executor, id: string): Promise<SiteRow | undefined> {
  return sites(db).where('s.id', '=', id).executeTakeFirst();
}

export async function findSiteByUrl(db: Executor, url: string): Promise<InspectedSiteTable | undefined> {
  return db.selectFrom('inspected_site').selectAll().where('url', '=', url).executeTakeFirst();
}

/** Sites within these subtrees ('/' for all), in tree order then name. */
export async function listSites(
  db: Executor,
  paths: readonly string[],
  opts: { activeOnly?: boolean } = {},
): Promise<SiteRow[]> {
  let q = sites(db).where(withinSubtrees('s.agency_id', paths));
  if (opts.activeOnly) q = q.where('s.active', '=', 1);
  return q.orderBy(agencyField('s.agency_id', 'path')).orderBy('s.name').execute();
}

export async function insertSite(db: Executor, row: InspectedSiteTable): Promise<void> {
  await db.insertInto('inspected_site').values(row).execute();
}

export async function updateSite(
  db: Executor,
  id: string,
  patch: Partial<Omit<InspectedSiteTable, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('inspected_site').set(patch).where('id', '=', id).execute();
}

// --- probes ---

export async function insertProbes(db: Executor, rows: SiteProbeTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('site_probe')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Probes of a site at or after `since`, oldest first. */
export async function probesSince(db: Executor, siteId: string, since: string): Promise<SiteProbeTable[]> {
  return db
    .selectFrom('site_probe')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('at', '>=', since)
    .orderBy('at')
    .execute();
}

/** Probes older than `before` are of no use to any window: the probe job prunes them. */
export async function pruneProbes(db: Executor, before: string): Promise<number> {
  const r = await db.deleteFrom('site_probe').where('at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// --- runs ---

export async function insertRun(db: Executor, row: InspectionRunTable): Promise<void> {
  await db.insertInto('inspection_run').values(row).execute();
}

export async function findRun(db: Executor, id: string): Promise<InspectionRunTable | undefined> {
  return db.selectFrom('inspection_run').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRun(
  db: Executor,
  id: string,
  patch: Partial<Omit<InspectionRunTable, 'id' | 'site_id' | 'agency_id'>>,
): Promise<void> {
  await db.updateTable('inspection_run').set(patch).where('id', '=', id).execute();
}

/** A site's runs, newest first. */
export async function runsOfSite(db: Executor, siteId: string, limit = 50): Promise<InspectionRunTable[]> {
  return db
    .selectFrom('inspection_run')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('queued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The newest run of each of these sites that is not finished, or finished (`done`). */
export async function latestRuns(
  db: Executor,
  siteIds: readonly string[],
  state: 'done' | 'open',
): Promise<InspectionRunTable[]> {
  if (siteIds.length === 0) return [];
  const rows = await db
    .selectFrom('inspection_run')
    .selectAll()
    .where('site_id', 'in', siteIds)
    .where('state', state === 'done' ? 'in' : 'not in', state === 'done' ? ['done'] : ['done', 'failed'])
    .orderBy('queued_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.site_id) ? false : (seen.add(r.site_id), true)));
}

/** The finished run of the site just before `queuedAt` (the trend's base). */
export async function previousDoneRun(
  db: Executor,
  siteId: string,
  queuedAt: string,
  exceptId: string,
): Promise<InspectionRunTable | undefined> {
  return db
    .selectFrom('inspection_run')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('state', '=', 'done')
    .where('queued_at', '<=', queuedAt)
    .where('id', '<>', exceptId)
    .orderBy('queued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

// --- the frontier (crawl/frontier.ts Frontier, backed by inspection_url) ---

export async function frontierInsert(db: Executor, rows: InspectionUrlTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('inspection_url')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['run_id', 'url']).doNothing())
      .execute();
}

/** Pending entries, breadth first. */
export async function frontierPending(
  db: Executor,
  runId: string,
  limit: number,
): Promise<InspectionUrlTable[]> {
  return db
    .selectFrom('inspection_url')
    .selectAll()
    .where('run_id', '=', runId)
    .where('state', '=', 'pending')
    .orderBy('depth')
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Finished entries, in the order they were finished. */
export async function frontierDoneRows(db: Executor, runId: string): Promise<InspectionUrlTable[]> {
  return db
    .selectFrom('inspection_url')
    .selectAll()
    .where('run_id', '=', runId)
    .where('state', '=', 'done')
    .orderBy('done_seq')
    .execute();
}

export async function frontierMax(db: Executor, runId: string): Promise<{ seq: number; doneSeq: number }> {
  const r = await db
    .selectFrom('inspection_url')
    .select((eb) => [eb.fn.max('seq').as('seq'), eb.fn.max('done_seq').as('done')])
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return { seq: Number(r?.seq ?? 0), doneSeq: Number(r?.done ?? 0) };
}

export async function frontierCounts(
  db: Executor,
  runId: string,
): Promise<Array<{ state: string; kind: string; n: number }>> {
  const rows = await db
    .selectFrom('inspection_url')
    .select(['state', 'kind', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('run_id', '=', runId)
    .groupBy(['state', 'kind'])
    .execute();
  return rows.map((r) => ({ state: r.state, kind: r.kind, n: Number(r.n) }));
}

export async function frontierFinish(
  db: Executor,
  row: Omit<InspectionUrlTable, 'seq'> & { seq: number },
): Promise<void> {
  const r = await db
    .updateTable('inspection_url')
    .set({ state: 'done', data: row.data, done_seq: row.done_seq })
    .where('run_id', '=', row.run_id)
    .where('url', '=', row.url)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('inspection_url').values(row).execute();
}

// --- results ---

export async function replaceResults(
  db: Executor,
  runId: string,
  rows: InspectionResultTable[],
): Promise<void> {
  await db.deleteFrom('inspection_result').where('run_id', '=', runId).execute();
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('inspection_result')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function resultsOfRun(db: Executor, runId: string): Promise<InspectionResultTable[]> {
  return db.selectFrom('inspection_result').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
}

export async function findResult(db: Executor, id: string): Promise<InspectionResultTable | undefined> {
  return db.selectFrom('inspection_result').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function reviewResult(
  db: Executor,
  id: string,
  patch: Pick<InspectionResultTable, 'review' | 'reviewed_by' | 'reviewed_at'>,
): Promise<void> {
  await db.updateTable('inspection_result').set(patch).where('id', '=', id).execute();
}
