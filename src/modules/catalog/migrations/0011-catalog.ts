import type { Kysely } from 'kysely';

// 基层政务公开标准目录 (国办发〔2019〕54号; legal.md §5): one catalog per agency per domain, its
// item tree (一级/二级/三级事项 with the columns of §5.3), every version as a snapshot so two can be
// compared, and the links from published 主动公开 records to the items they fulfil.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('domain_code', 'text', (c) => c.notNull())
    .addColumn('domain_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // The county catalog a township's was derived from; not a foreign key, so the county may
    // later remove its catalog without touching the township's.
    .addColumn('derived_from_catalog_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalog_agency_domain', ['agency_id', 'domain_code'])
    .addUniqueConstraint('catalog_agency_name', ['agency_id', 'domain_name'])
    .execute();
  await db.schema
    .createTable('catalog_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalog.id'))
    .addColumn('parent_id', 'text', (c) => c.references('catalog_item.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_elements', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('time_limit', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('audience', 'text')
    .addColumn('method', 'text')
    .addColumn('tiers', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text')
    .addColumn('process', 'text')
    // The county item a township item was derived from; kept as a plain id (the county may
    // remove its item later).
    .addColumn('derived_from_item_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('catalog_item_tree')
    .on('catalog_item')
    .columns(['catalog_id', 'parent_id', 'position'])
    .execute();
  await db.schema
    .createTable('catalog_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalog.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('staff_user.id'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalog_version_unique', ['catalog_id', 'version'])
    .execute();
  await db.schema
    .createTable('record_catalog_link')
    .addColumn('record_id', 'text', (c) => c.notNull().references('record.id'))
    .addColumn('catalog_item_id', 'text', (c) => c.notNull().references('catalog_item.id'))
    .addColumn('linked_by', 'text', (c) => c.references('staff_user.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_catalog_link_pk', ['record_id', 'catalog_item_id'])
    .execute();
  await db.schema
    .createIndex('record_catalog_link_item')
    .on('record_catalog_link')
    .column('catalog_item_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('record_catalog_link').ifExists().execute();
  await db.schema.dropTable('catalog_version').ifExists().execute();
  await db.schema.dropTable('catalog_item').ifExists().execute();
  await db.schema.dropTable('catalog').ifExists().execute();
}
