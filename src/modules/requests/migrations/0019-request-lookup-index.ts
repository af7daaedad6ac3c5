import type { Kysely } from 'kysely';

// The applicant opens a case with its 受理编号 and 查询码 alone (no agency): the lookup reads the
// case by the blind index of the 查询码, which is random and so all but unique.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('request_lookup').on('request').column('lookup_hash').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('request_lookup').execute();
}
