import type { Executor } from '../../platform/db/database.js';
import { agencyField, withinSubtrees } from '../agencies/index.js';
import type { OfficialDocumentTable } from './record.tables.js';

/** All SQL of the `official_document` table. */

export async function insert(db: Executor, row: OfficialDocumentTable): Promise<void> {
  await db.insertInto('official_document').values(row).execute();
}

export async function findById(db: Executor, id: string): Promise<OfficialDocumentTable | undefined> {
  return db.selectFrom('official_document').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Links a 公文 to the record that publishes it; false when the document is linked already. */
export async function linkRecord(db: Executor, id: string, recordId: string): Promise<boolean> {
  const r = await db
    .updateTable('official_document')
    .set({ record_id: recordId })
    .where('id', '=', id)
    .where('record_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * 公文 written from `from` to `to` (dates) by agencies within these subtrees, counted per agency
 * and disclosure attribute, in tree order.
 */
export async function countsByAttribute(
  db: Executor,
  f: { scopes: readonly string[]; from: string; to: string },
): Promise<Array<{ agencyId: string; agencyName: string; attribute: string; n: number }>> {
  return db
    .selectFrom('official_document as d')
    .select([
      'd.agency_id as agencyId',
      agencyField('d.agency_id', 'name').as('agencyName'),
      'd.disclosure_attribute as attribute',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('d.written_date', '>=', f.from)
    .where('d.written_date', '<=', f.to)
    .where(withinSubtrees('d.agency_id', f.scopes))
    .groupBy(['d.agency_id', 'd.disclosure_attribute'])
    .orderBy(agencyField('d.agency_id', 'path'))
    .orderBy('d.disclosure_attribute')
    .execute();
}
