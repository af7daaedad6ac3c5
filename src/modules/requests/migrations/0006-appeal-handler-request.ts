import type { Kysely } from 'kysely';
import { addColumnIfMissing } from '../../../platform/db/database.js';

// The clerk who handles an application (承办人: the only one who sees its applicant's personal data
// unmasked). Split out of 0006-appeal-handler when modules came to own their migrations: a
// database migrated before the split has the column already.
export async function up(db: Kysely<unknown>): Promise<void> {
  await addColumnIfMissing(db, 'request', 'handler_id', 'text');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('request').dropColumn('handler_id').execute();
}
