import type { Kysely } from 'kysely';

// Section 三 of the annual report counts an agency's cases (or a subtree's, through the agencies'
// subtree predicate) by the day of receipt, the day of closing, the applicant type and the
// outcome. With every one of those columns in the index, the count reads the index alone: a
// township's report looks up its few agencies, a province's roll-up scans the index instead of
// visiting a million rows. It replaces (agency_id, received_on), which is its prefix.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('request_section3')
    .on('request')
    .columns(['agency_id', 'received_on', 'closed_on', 'applicant_type', 'outcome'])
    .execute();
  await db.schema.dropIndex('request_agency_received').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('request_agency_received')
    .on('request')
    .columns(['agency_id', 'received_on'])
    .execute();
  await db.schema.dropIndex('request_section3').execute();
}
