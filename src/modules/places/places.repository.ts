import type { Executor } from '../../platform/db/database.js';
import { agencyField, withinSubtree, withinSubtrees } from '../agencies/index.js';
import type { PlacePhotoTable, PlaceTable } from './places.tables.js';

export type PlaceRow = PlaceTable & { agency_name: string; agency_path: string };

const withAgency = (db: Executor) =>
  db
    .selectFrom('place as p')
    .selectAll('p')
    .select([
      agencyField<string>('p.agency_id', 'name').as('agency_name'),
      agencyField<string>('p.agency_id', 'path').as('agency_path'),
    ]);

export async function find(db: Executor, id: string): Promise<PlaceRow | undefined> {
  return withAgency(db).where('p.id', '=', id).executeTakeFirst();
}

/** Open places of an agency's subtree (all of them with `path` '/'), by agency and name. */
export async function listOpen(db: Executor, path: string | null): Promise<PlaceRow[]> {
  let q = withAgency(db).where('p.status', '=', 'open');
  if (path) q = q.where(withinSubtree('p.agency_id', path));
  return q.orderBy('agency_path').orderBy('p.kind').orderBy('p.name').execute();
}

/** Every place (closed ones too) within the staff member's scopes. */
export async function listInScopes(
  db: Executor,
  scopes: readonly string[],
  path: string | null,
): Promise<PlaceRow[]> {
  if (scopes.length === 0) return [];
  let q = withAgency(db).where(withinSubtrees('p.agency_id', scopes));
  if (path) q = q.where(withinSubtree('p.agency_id', path));
  return q.orderBy('agency_path').orderBy('p.status', 'desc').orderBy('p.kind').orderBy('p.name').execute();
}

export async function idsByName(
  db: Executor,
  agencyId: string,
  names: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < names.length; i += 500) {
    const rows = await db
      .selectFrom('place')
      .select(['id', 'name'])
      .where('agency_id', '=', agencyId)
      .where('name', 'in', names.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.name, r.id);
  }
  return out;
}

export async function findByName(db: Executor, agencyId: string, name: string) {
  return db
    .selectFrom('place')
    .select(['id', 'name'])
    .where('agency_id', '=', agencyId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insert(db: Executor, row: PlaceTable): Promise<void> {
  await db.insertInto('place').values(row).execute();
}

export async function update(
  db: Executor,
  id: string,
  row: Partial<Omit<PlaceTable, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('place').set(row).where('id', '=', id).execute();
}

export async function photosOf(db: Executor, placeIds: readonly string[]) {
  if (placeIds.length === 0) return [];
  return db
    .selectFrom('place_photo')
    .select(['id', 'place_id', 'caption', 'position', 'media_type'])
    .where('place_id', 'in', placeIds)
    .orderBy('place_id')
    .orderBy('position')
    .execute();
}

export async function photo(db: Executor, id: string) {
  return db
    .selectFrom('place_photo as f')
    .innerJoin('place as p', 'p.id', 'f.place_id')
    .select(['f.id', 'f.place_id', 'f.media_type', 'f.content', 'f.caption', 'p.status', 'p.agency_id'])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

export async function lastPhotoPosition(db: Executor, placeId: string): Promise<number> {
  const r = await db
    .selectFrom('place_photo')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('place_id', '=', placeId)
    .executeTakeFirst();
  return Number(r?.last ?? 0);
}

export async function insertPhoto(db: Executor, row: PlacePhotoTable): Promise<void> {
  await db.insertInto('place_photo').values(row).execute();
}

export async function deletePhoto(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('place_photo').where('id', '=', id).execute();
}
