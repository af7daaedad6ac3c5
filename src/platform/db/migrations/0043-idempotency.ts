import type { Kysely } from 'kysely';

// The answers to POSTs sent with an Idempotency-Key (platform/http/api-idempotency.ts): a system
// that retries after a timeout gets the first answer again, not a second record or case. `id` is
// a hash of who called and the key; `request_hash` of the method, address and body, so the same
// key on another request is refused. `status` is null while the first request is still running.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('content_type', 'text')
    .addColumn('body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('idempotency_key_expires_at')
    .on('idempotency_key')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_key').ifExists().execute();
}
