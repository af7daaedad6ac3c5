import type { Executor } from '../../platform/db/database.js';
import { isPostgres } from '../../platform/db/dialect/postgres.js';
import { postgres, sqlite } from './search.dialect.js';
import type { IndexHit, IndexQuery } from './search.index.js';
import { rankAll, searchTiered, type Limits } from './search.query.js';

export { forgetCachedCounts } from './search.query.js';

/**
 * The reference ranking for tests and the bench: every match scored and sorted (ADR 0006), which
 * the tiered query (ADR 0014) must agree with page for page.
 */
export function referenceSearch(db: Executor, q: IndexQuery): Promise<{ total: number; hits: IndexHit[] }> {
  return rankAll(db, isPostgres(db) ? postgres : sqlite, q);
}

/** The portal's search with lowered thresholds, so a small test corpus reaches every path. */
export function tieredSearch(db: Executor, q: IndexQuery, limits: Limits) {
  return searchTiered(db, isPostgres(db) ? postgres : sqlite, q, limits);
}
