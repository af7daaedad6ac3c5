import type { Kysely } from 'kysely';
import { isPostgres } from '../../../platform/db/dialect/postgres.js';

// 查阅点、公开栏 and other places, with their photos (issue 16 §1).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('place')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('electronic', 'integer', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('coord_source', 'text', (c) => c.notNull())
    .addColumn('coord_input', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('accessibility', 'text', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // A name is one place within its agency: importing the sheet again updates it.
  await db.schema
    .createIndex('place_agency_name')
    .on('place')
    .columns(['agency_id', 'name'])
    .unique()
    .execute();
  await db.schema
    .createTable('place_photo')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('place_id', 'text', (c) => c.notNull().references('place.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('place_photo_place')
    .on('place_photo')
    .columns(['place_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('place_photo').ifExists().execute();
  await db.schema.dropTable('place').ifExists().execute();
}
