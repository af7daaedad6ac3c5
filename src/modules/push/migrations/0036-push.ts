import type { Kysely } from 'kysely';
import { newId } from '../../../platform/ids.js';
import { defaultCategories } from '../push.js';

// 精准推送 (issue 15): subscribers, consents, follows, categories, audience rules, deliveries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('push_state')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('epoch', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('deletions', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('push_subscriber')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('email_enc', 'text', (c) => c.notNull())
    .addColumn('email_hash', 'text', (c) => c.notNull().unique())
    .addColumn('mobile_enc', 'text')
    .addColumn('name_enc', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('industry', 'text')
    .addColumn('staff', 'integer')
    .addColumn('revenue', 'double precision')
    .addColumn('assets', 'double precision')
    .addColumn('scale', 'text')
    .addColumn('scale_declared', 'text')
    .addColumn('region_id', 'text', (c) => c.references('agency.id'))
    .addColumn('enterprise_tags_json', 'text', (c) => c.notNull())
    .addColumn('identity_tags_enc', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('profiling', 'integer', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('channels_json', 'text', (c) => c.notNull())
    .addColumn('webhook_url', 'text')
    .addColumn('webhook_secret_enc', 'text')
    .addColumn('verify_code_hash', 'text')
    .addColumn('verify_expires_at', 'text')
    .addColumn('verify_attempts', 'integer', (c) => c.notNull())
    .addColumn('code_sent_at', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('consent_wording', 'text', (c) => c.notNull())
    .addColumn('last_digest_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('push_subscriber_version')
    .on('push_subscriber')
    .columns(['version', 'seq'])
    .execute();
  await db.schema
    .createTable('push_consent')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('push_subscriber.id'))
    .addColumn('subject_enc', 'text', (c) => c.notNull())
    .addColumn('given_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('push_consent_subscriber').on('push_consent').column('subscriber_id').execute();
  await db.schema
    .createTable('push_follow')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('push_subscriber.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('push_follow_unique', ['subscriber_id', 'kind', 'value'])
    .execute();
  await db.schema.createIndex('push_follow_value').on('push_follow').columns(['kind', 'value']).execute();
  await db.schema
    .createTable('push_category')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('domains_json', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('push_rule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('push_category.id'))
    .addColumn('rule_json', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('push_rule_target', ['target_kind', 'target_id'])
    .execute();
  await db.schema
    .createTable('push_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subscriber_id', 'text', (c) => c.references('push_subscriber.id'))
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('category_id', 'text')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('reason_enc', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('digest', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('matched_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('stopped_at', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addUniqueConstraint('push_delivery_once', ['subscriber_id', 'target_kind', 'target_id', 'channel'])
    .execute();
  await db.schema
    .createIndex('push_delivery_target')
    .on('push_delivery')
    .columns(['target_kind', 'target_id'])
    .execute();
  await db.schema
    .createIndex('push_delivery_month')
    .on('push_delivery')
    .columns(['agency_id', 'month'])
    .execute();
  await db.schema
    .createIndex('push_delivery_subscriber')
    .on('push_delivery')
    .columns(['subscriber_id', 'matched_at'])
    .execute();
  await db.schema
    .createTable('push_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_enc', 'text', (c) => c.notNull())
    .addColumn('to_hash', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The default 3 classes and 22 categories: a starting point the office edits.
  // A migration has no ctx: the categories are stamped with the moment the tables were made.
  // eslint-disable-next-line no-restricted-syntax
  const now = new Date().toISOString();
  const state = db as unknown as Kysely<{
    push_state: { id: string; epoch: string; version: number; last_seq: number; deletions: number };
    push_category: {
      id: string;
      class: string;
      name: string;
      domains_json: string;
      position: number;
      retired_at: string | null;
      created_at: string;
      updated_at: string;
    };
  }>;
  await state
    .insertInto('push_state')
    .values({ id: 'push', epoch: newId(), version: 0, last_seq: 0, deletions: 0 })
    .execute();
  await state
    .insertInto('push_category')
    .values(
      defaultCategories.map((c, i) => ({
        id: newId(),
        class: c.class,
        name: c.name,
        domains_json: JSON.stringify(c.domains),
        position: i + 1,
        retired_at: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'push_outbox',
    'push_delivery',
    'push_rule',
    'push_category',
    'push_follow',
    'push_consent',
    'push_subscriber',
    'push_state',
  ])
    await db.schema.dropTable(t).execute();
}
