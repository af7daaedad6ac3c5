import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { likeEscape } from '../../platform/db/database.js';

/**
 * The agency tree as other modules' queries see it. Every tenant table carries `agency_id`;
 * these are the only ways a query outside this module refers to the `agency` table, so the
 * subtree predicate is written once (a role held for an agency covers its whole subtree, and a
 * report "含下级机关" counts the subtree) and the table stays this module's.
 */

/**
 * `<column> is an agency within one of these subtrees` (materialised paths '/…/id/'). No path:
 * nothing; the root path '/': everything.
 */
export function withinSubtrees(agencyIdColumn: string, paths: readonly string[]): RawBuilder<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`1 = 0`;
  if (paths.includes('/')) return sql<SqlBool>`1 = 1`;
  const likes = paths.map((p) => sql`scope_agency.path like ${`${likeEscape(p)}%`} escape '\\'`);
  return sql<SqlBool>`${sql.ref(agencyIdColumn)} in (select scope_agency.id from agency scope_agency where ${sql.join(likes, sql` or `)})`;
}

/** `<column> is this agency or one below it`. */
export function withinSubtree(agencyIdColumn: string, path: string): RawBuilder<SqlBool> {
  return withinSubtrees(agencyIdColumn, [path]);
}

type AgencyField = 'name' | 'short_name' | 'path' | 'depth' | 'sort_order' | 'kind' | 'level';

/** A field of the agency `<column>` points to, for listings (select) and tree order (order by). */
export function agencyField<T = string>(agencyIdColumn: string, field: AgencyField): RawBuilder<T> {
  // Aliased, so neither the outer query's columns nor its own alias `agency` can capture the names.
  return sql<T>`(select ${sql.ref(`scope_agency.${field}`)} from agency scope_agency where scope_agency.id = ${sql.ref(agencyIdColumn)})`;
}
