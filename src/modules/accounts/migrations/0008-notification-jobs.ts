import type { Kysely } from 'kysely';

// Notices to staff (a case overdue, a case due soon) on their 工作台. (The record of daily jobs,
// once created here too, is the platform's 0008-notification-jobs-run.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('user_id', 'text', (c) => c.references('staff_user.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addUniqueConstraint('staff_notification_once', ['subject_id', 'kind', 'day'])
    .execute();
  await db.schema
    .createIndex('staff_notification_agency')
    .on('staff_notification')
    .columns(['agency_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('staff_notification').ifExists().execute();
}
