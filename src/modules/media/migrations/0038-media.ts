import { sql, type Kysely } from 'kysely';

// 政务新媒体 matrix: accounts, their lifecycle, activity and the daily check's findings (issue 16).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('media_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_group', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_ref', 'text')
    .addColumn('url', 'text')
    .addColumn('operator_org', 'text')
    .addColumn('verified_entity', 'text')
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('filing_status', 'text', (c) => c.notNull())
    .addColumn('filing_no', 'text')
    .addColumn('manager_name_enc', 'text')
    .addColumn('manager_phone_enc', 'text')
    .addColumn('last_post_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // 一个单位原则上在同一平台只开设一个政务新媒体账号 (国办发〔2018〕123号), among accounts not 注销;
  // 订阅号 and 服务号 are one platform (微信公众号), so the index is on the platform group.
  await db.schema
    .createIndex('media_account_one_per_platform')
    .on('media_account')
    .columns(['agency_id', 'platform_group'])
    .unique()
    .where(sql.ref('status'), '<>', 'closed')
    .execute();
  await db.schema
    .createTable('media_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('media_account.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('approval_no', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_event_account').on('media_event').column('account_id').execute();
  await db.schema
    .createTable('media_activity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('media_account.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('posts', 'integer', (c) => c.notNull())
    .addColumn('reposts', 'integer', (c) => c.notNull())
    .addColumn('messages_received', 'integer', (c) => c.notNull())
    .addColumn('messages_answered', 'integer', (c) => c.notNull())
    .addColumn('followers', 'integer')
    .addColumn('reads', 'integer', (c) => c.notNull())
    .addColumn('last_post_on', 'text')
    .addColumn('observed_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('media_activity_account_period')
    .on('media_activity')
    .columns(['account_id', 'period', 'period_start'])
    .unique()
    .execute();
  await db.schema
    .createTable('media_finding')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('media_account.id'))
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('measured', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('media_finding_checked')
    .on('media_finding')
    .columns(['checked_on', 'account_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['media_finding', 'media_activity', 'media_event', 'media_account'])
    await db.schema.dropTable(t).ifExists().execute();
}
