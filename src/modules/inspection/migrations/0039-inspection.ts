import type { Kysely } from 'kysely';

// The site inspector (issue 17): the sites the office inspects, the availability probes of their
// home pages, the runs of the crawler with their frontier (one row per address met, so a crawl
// interrupted by a restart resumes), and each run's results with their evidence.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inspected_site')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('site_code', 'text')
    .addColumn('own_portal', 'integer', (c) => c.notNull())
    .addColumn('column_rules', 'text', (c) => c.notNull())
    .addColumn('page_limit', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspected_site_url').on('inspected_site').column('url').unique().execute();
  await db.schema
    .createTable('site_probe')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('inspected_site.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('ms', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('site_probe_site_at').on('site_probe').columns(['site_id', 'at']).execute();
  await db.schema
    .createTable('inspection_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('inspected_site.id'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('queued_by', 'text')
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('robots', 'text')
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('links', 'integer', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('score', 'double precision')
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('inspection_run_site')
    .on('inspection_run')
    .columns(['site_id', 'queued_at'])
    .execute();
  await db.schema
    .createTable('inspection_url')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('inspection_run.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('done_seq', 'integer')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inspection_url_run_url')
    .on('inspection_url')
    .columns(['run_id', 'url'])
    .unique()
    .execute();
  await db.schema
    .createIndex('inspection_url_run_state')
    .on('inspection_url')
    .columns(['run_id', 'state', 'depth', 'seq'])
    .execute();
  await db.schema
    .createTable('inspection_result')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('inspection_run.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('impact', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('review', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema
    .createIndex('inspection_result_run')
    .on('inspection_result')
    .columns(['run_id', 'seq'])
    .execute();
}
