import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/dialect/postgres.js';

// A search_doc row on PostgreSQL is about 3 KB, most of it the words' tsvector. Above 2 KB the
// server compressed the largest columns and moved them to the TOAST table, row by row (50,000
// rows inserted in 2.7 s instead of 2.0 s), and every row tested while walking the date index
// was read back from TOAST and decompressed. Rows are now kept whole in the table's own
// pages (up to the 8 KB page; a larger row is still compressed). The table grows about a tenth.
// Rows already stored stay as they are until the next rebuild. SQLite has no such threshold.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`alter table search_doc set (toast_tuple_target = 8160)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`alter table search_doc reset (toast_tuple_target)`.execute(db);
}
