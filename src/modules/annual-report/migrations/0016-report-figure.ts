import type { Kysely } from 'kysely';

// Figures of section 二 that other systems hold (行政许可/处罚/强制 decisions, fees, 政府集中采购),
// entered per agency and year. Values are decimal strings: money keeps its fen exactly.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_figure')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agency.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_figure_pk', ['agency_id', 'year', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_figure').execute();
}
