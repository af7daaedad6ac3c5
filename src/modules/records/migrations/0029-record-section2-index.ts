import type { Kysely } from 'kysely';

// Section 二 of the annual report counts an agency's 规章 and 规范性文件 (or a subtree's, through
// the agencies' subtree predicate) by genre, state, and the dates of publication, making and
// repeal. Such documents are a small share of a site's records, and records carry their bodies:
// with the genre first and every counted column in the index, the count reads the index entries
// of those genres alone, instead of every record of the province.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('record_section2')
    .on('record')
    .columns(['genre', 'agency_id', 'state', 'published_at', 'written_date', 'validity', 'validity_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('record_section2').execute();
}
