import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { agencyField } from '../agencies/index.js';

/** The SQL of the API's list of published records (GET /api/v1/records). */

export interface PublishedListRow {
  id: string;
  indexNumber: string | null;
  title: string;
  documentNumber: string | null;
  agencyId: string;
  agencyName: string;
  publishedAt: string;
  writtenDate: string | null;
  validity: string;
  subjectCategory: string | null;
  genre: string | null;
}

export interface PublishedListFilter {
  agencyId?: string;
  /** Published at or after this instant and before `before` (UTC ISO text). */
  since?: string;
  before?: string;
  /** Changed (published, 有效性 …) at or after this instant (UTC ISO text). */
  updatedSince?: string;
  /** The last row of the previous page: the page starts after it. */
  after?: { publishedAt: string; id: string };
  limit: number;
}

/**
 * Published records, newest publication first (ties by id), one page by keyset: `limit` rows
 * after the position `after`, with no OFFSET, so a page is as quick at the end as at the start.
 */
export async function publishedPage(db: Executor, f: PublishedListFilter): Promise<PublishedListRow[]> {
  let q = db
    .selectFrom('record as r')
    .select([
      'r.id as id',
      'r.index_number as indexNumber',
      'r.title as title',
      'r.document_number as documentNumber',
      'r.agency_id as agencyId',
      agencyField('r.agency_id', 'name').as('agencyName'),
      sql<string>`r.published_at`.as('publishedAt'),
      'r.written_date as writtenDate',
      'r.validity as validity',
      'r.subject_category as subjectCategory',
      'r.genre as genre',
    ])
    .where('r.state', '=', 'published');
  if (f.agencyId) q = q.where('r.agency_id', '=', f.agencyId);
  if (f.since) q = q.where('r.published_at', '>=', f.since);
  if (f.before) q = q.where('r.published_at', '<', f.before);
  if (f.updatedSince) q = q.where('r.updated_at', '>=', f.updatedSince);
  const after = f.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('r.published_at', '<', after.publishedAt),
        eb.and([eb('r.published_at', '=', after.publishedAt), eb('r.id', '<', after.id)]),
      ]),
    );
  return q.orderBy('r.published_at', 'desc').orderBy('r.id', 'desc').limit(f.limit).execute();
}

export interface WithdrawnRow {
  id: string;
  indexNumber: string | null;
  title: string;
  agencyId: string;
  withdrawnAt: string;
}

/**
 * Records taken down from the portal, oldest withdrawal first (a feed a mirror follows), one
 * page by keyset after `after`; only those withdrawn at or after `since`. A withdrawn record's
 * `updated_at` is its withdrawal: nothing changes it afterwards.
 */
export async function withdrawnPage(
  db: Executor,
  f: { since?: string; after?: { withdrawnAt: string; id: string }; limit: number },
): Promise<WithdrawnRow[]> {
  let q = db
    .selectFrom('record as r')
    .select([
      'r.id as id',
      'r.index_number as indexNumber',
      'r.title as title',
      'r.agency_id as agencyId',
      'r.updated_at as withdrawnAt',
    ])
    .where('r.state', '=', 'withdrawn')
    .where('r.index_number', 'is not', null);
  if (f.since) q = q.where('r.updated_at', '>=', f.since);
  const after = f.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('r.updated_at', '>', after.withdrawnAt),
        eb.and([eb('r.updated_at', '=', after.withdrawnAt), eb('r.id', '>', after.id)]),
      ]),
    );
  return q.orderBy('r.updated_at').orderBy('r.id').limit(f.limit).execute();
}
