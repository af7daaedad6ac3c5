import type { Executor } from '../../../platform/db/database.js';

/**
 * The reads of the comparison: the agencies' own reports signed off on the platform, and the
 * reports published before and recorded from their text (年报检查), for agencies and years.
 */

export interface YearRange {
  from: number;
  to: number;
}

/** The current published version of each agency's own (本级) report in the years. */
export async function publishedOwn(db: Executor, agencyIds: readonly string[], years: YearRange) {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom('annual_report')
    .select(['id', 'agency_id', 'year', 'version', 'data_json', 'published_at'])
    .where('agency_id', 'in', [...agencyIds])
    .where('year', '>=', years.from)
    .where('year', '<=', years.to)
    .where('scope', '=', 'self')
    .where('state', '=', 'published')
    .where('data_json', 'is not', null)
    .orderBy('year')
    .orderBy('id')
    .execute();
}

/** Reports recorded as an agency's published report for a year, with what was read from them. */
export async function recordedHistory(db: Executor, agencyIds: readonly string[], years: YearRange) {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom('published_report')
    .select(['id', 'history_agency_id', 'history_year', 'source_name', 'data_json'])
    .where('history_agency_id', 'in', [...agencyIds])
    .where('history_year', '>=', years.from)
    .where('history_year', '<=', years.to)
    .where('data_json', 'is not', null)
    .orderBy('history_year')
    .orderBy('id')
    .execute();
}
