import type { Kysely } from 'kysely';

// Service accounts (服务账号) and their API tokens (接口令牌). A service account is a staff_user of
// kind 'service': records it creates name it as their creator like any clerk, and the audit log
// names it; it has no password anyone can use and never logs in on a page. A token is stored as
// the SHA-256 of its text (shown once, at issue); its scopes are a JSON array of names.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('staff_user')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('person'))
    .execute();
  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_account_id', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('rate_per_minute', 'integer')
    .addColumn('note', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('last_used_at', 'text')
    .addColumn('last_used_ip', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('staff_user.id'))
    .execute();
  await db.schema
    .createIndex('api_token_account')
    .on('api_token')
    .columns(['service_account_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_token').ifExists().execute();
  await db.schema.alterTable('staff_user').dropColumn('kind').execute();
}
