import { sql } from 'kysely';
import { startsWith, type Executor } from '../../platform/db/database.js';
import type { AgencyHistoryTable, AgencyTable } from './agency.tables.js';
import type { Agency, AgencyChange, AgencyHistoryEntry, AgencyKind, AgencyLevel } from './agency.js';

export function toAgency(r: AgencyTable): Agency {
  return {
    id: r.id,
    parentId: r.parent_id,
    path: r.path,
    depth: r.depth,
    name: r.name,
    shortName: r.short_name,
    level: r.level as AgencyLevel,
    kind: r.kind as AgencyKind,
    creditCode: r.credit_code,
    regionCode: r.region_code,
    address: r.address,
    postcode: r.postcode,
    officeHours: r.office_hours,
    phone: r.phone,
    fax: r.fax,
    email: r.email,
    website: r.website,
    sortOrder: r.sort_order,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    dissolvedAt: r.dissolved_at,
  };
}

export function toRow(a: Agency): AgencyTable {
  return {
    id: a.id,
    parent_id: a.parentId,
    path: a.path,
    depth: a.depth,
    name: a.name,
    short_name: a.shortName,
    level: a.level,
    kind: a.kind,
    credit_code: a.creditCode,
    region_code: a.regionCode,
    address: a.address,
    postcode: a.postcode,
    office_hours: a.officeHours,
    phone: a.phone,
    fax: a.fax,
    email: a.email,
    website: a.website,
    sort_order: a.sortOrder,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    dissolved_at: a.dissolvedAt,
  };
}

export async function findById(db: Executor, id: string): Promise<Agency | undefined> {
  const row = await db.selectFrom('agency').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAgency(row);
}

export async function findByName(db: Executor, name: string): Promise<Agency[]> {
  const rows = await db
    .selectFrom('agency')
    .selectAll()
    .where((eb) => eb.or([eb('name', '=', name), eb('short_name', '=', name)]))
    .execute();
  return rows.map(toAgency);
}

export async function findByCreditCode(db: Executor, code: string): Promise<Agency | undefined> {
  const row = await db.selectFrom('agency').selectAll().where('credit_code', '=', code).executeTakeFirst();
  return row && toAgency(row);
}

/** Every agency inside any of the given subtrees, in tree order. */
export async function listWithin(
  db: Executor,
  paths: string[],
  opts: { includeDissolved?: boolean } = {},
): Promise<Agency[]> {
  if (paths.length === 0) return [];
  let q = db.selectFrom('agency').selectAll();
  if (!paths.includes('/')) q = q.where((eb) => eb.or(paths.map((p) => startsWith('path', p))));
  if (!opts.includeDissolved) q = q.where('dissolved_at', 'is', null);
  const rows = await q.orderBy('depth').orderBy('sort_order').orderBy('name').execute();
  return rows.map(toAgency);
}

export async function listRoots(db: Executor): Promise<Agency[]> {
  const rows = await db
    .selectFrom('agency')
    .selectAll()
    .where('parent_id', 'is', null)
    .orderBy('sort_order')
    .execute();
  return rows.map(toAgency);
}

export async function namesOf(
  db: Executor,
  ids: readonly string[],
): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return [];
  return db.selectFrom('agency').select(['id', 'name']).where('id', 'in', ids).execute();
}

export async function countAll(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('agency')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insert(db: Executor, a: Agency): Promise<void> {
  await db.insertInto('agency').values(toRow(a)).execute();
}

/**
 * Writes only the given columns. Never the whole row: a concurrent move may have changed the
 * tree columns (path, depth, parent) since the caller read it.
 */
export async function patch(db: Executor, id: string, fields: AgencyPatch): Promise<void> {
  const set: Partial<AgencyTable> = {};
  for (const [key, value] of Object.entries(fields) as Array<[keyof AgencyPatch, string | number | null]>) {
    (set as Record<string, unknown>)[patchColumns[key]] = value;
  }
  await db.updateTable('agency').set(set).where('id', '=', id).execute();
}

const patchColumns = {
  name: 'name',
  shortName: 'short_name',
  level: 'level',
  kind: 'kind',
  creditCode: 'credit_code',
  regionCode: 'region_code',
  address: 'address',
  postcode: 'postcode',
  officeHours: 'office_hours',
  phone: 'phone',
  fax: 'fax',
  email: 'email',
  website: 'website',
  sortOrder: 'sort_order',
  updatedAt: 'updated_at',
  dissolvedAt: 'dissolved_at',
} as const satisfies Partial<Record<keyof Agency, keyof AgencyTable>>;

/** The columns an ordinary change may write; the tree columns change only through a move. */
export type AgencyPatch = Partial<Pick<Agency, keyof typeof patchColumns>>;

/** Re-homes one agency; the caller moves its subtree's paths with repathSubtree. */
export async function setParent(db: Executor, id: string, parentId: string, at: string): Promise<void> {
  await db.updateTable('agency').set({ parent_id: parentId, updated_at: at }).where('id', '=', id).execute();
}

/** Rewrites the path prefix and depth of a whole subtree after a move. */
export async function repathSubtree(
  db: Executor,
  oldPath: string,
  newPath: string,
  depthDelta: number,
): Promise<void> {
  await db
    .updateTable('agency')
    .set({
      path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
    })
    .where(startsWith('path', oldPath))
    .execute();
}

function toHistory(r: AgencyHistoryTable): AgencyHistoryEntry {
  return {
    id: r.id,
    agencyId: r.agency_id,
    change: r.change as AgencyChange,
    name: r.name,
    shortName: r.short_name,
    parentId: r.parent_id,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    reason: r.reason,
  };
}

export async function history(db: Executor, agencyId: string): Promise<AgencyHistoryEntry[]> {
  const rows = await db
    .selectFrom('agency_history')
    .selectAll()
    .where('agency_id', '=', agencyId)
    // Entries are appended in order (UUIDv7 ids sort by time) and dates may not go backwards.
    .orderBy('id')
    .execute();
  return rows.map(toHistory);
}

/** Closes the open history entry and opens a new one from `validFrom`. */
export async function appendHistory(
  db: Executor,
  entry: AgencyHistoryEntry,
  recordedBy: string | null,
): Promise<void> {
  await db
    .updateTable('agency_history')
    .set({ valid_to: entry.validFrom })
    .where('agency_id', '=', entry.agencyId)
    .where('valid_to', 'is', null)
    .execute();
  await db
    .insertInto('agency_history')
    .values({
      id: entry.id,
      agency_id: entry.agencyId,
      change: entry.change,
      name: entry.name,
      short_name: entry.shortName,
      parent_id: entry.parentId,
      valid_from: entry.validFrom,
      valid_to: entry.validTo,
      reason: entry.reason,
      recorded_by: recordedBy,
    })
    .execute();
}
