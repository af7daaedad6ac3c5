import type { Executor } from '../../platform/db/database.js';
import type { RecordAttachmentTable } from './record.tables.js';

/** All SQL of the `record_attachment` table. */

export type AttachmentInfo = Omit<RecordAttachmentTable, 'content'>;

const infoColumns = [
  'id',
  'record_id',
  'position',
  'file_name',
  'media_type',
  'byte_size',
  'sha256',
  'text',
  'created_by',
  'created_at',
] as const;

/** A row without its bytes. */
export function infoOf(row: RecordAttachmentTable): AttachmentInfo {
  return Object.fromEntries(infoColumns.map((k) => [k, row[k]])) as AttachmentInfo;
}

/** How many files a record has, and the position of the last. */
export async function countAndLast(db: Executor, recordId: string): Promise<{ count: number; last: number }> {
  const r = await db
    .selectFrom('record_attachment')
    .select(({ fn }) => [fn.countAll<number>().as('count'), fn.max('position').as('last')])
    .where('record_id', '=', recordId)
    .executeTakeFirstOrThrow();
  return { count: r.count, last: r.last ?? 0 };
}

export async function insert(db: Executor, row: RecordAttachmentTable): Promise<void> {
  await db.insertInto('record_attachment').values(row).execute();
}

/** Deletes one file of a record; its name, or null when the record has no such file. */
export async function remove(db: Executor, recordId: string, id: string): Promise<string | null> {
  const gone = await db
    .deleteFrom('record_attachment')
    .where('id', '=', id)
    .where('record_id', '=', recordId)
    .returning('file_name')
    .executeTakeFirst();
  return gone?.file_name ?? null;
}

/** The files of a record, in order, without their bytes. */
export async function listOf(db: Executor, recordId: string): Promise<AttachmentInfo[]> {
  return db
    .selectFrom('record_attachment')
    .select([...infoColumns])
    .where('record_id', '=', recordId)
    .orderBy('position')
    .execute();
}

/** One file's bytes with the state and agency of its record, which decide who may read it. */
export async function withRecord(
  db: Executor,
  id: string,
): Promise<
  | (Pick<RecordAttachmentTable, 'file_name' | 'media_type' | 'content'> & {
      state: string;
      agency_id: string;
    })
  | undefined
> {
  return db
    .selectFrom('record_attachment as f')
    .innerJoin('record as r', 'r.id', 'f.record_id')
    .select(['f.file_name', 'f.media_type', 'f.content', 'r.state', 'r.agency_id'])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

/** The text read from each record's files (DOCX, XLSX, PDF), joined in file order: search reads it. */
export async function textsOf(db: Executor, recordIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < recordIds.length; i += 500) {
    const rows = await db
      .selectFrom('record_attachment')
      .select(['record_id', 'text'])
      .where('record_id', 'in', recordIds.slice(i, i + 500))
      .where('text', 'is not', null)
      .orderBy('record_id')
      .orderBy('position')
      .execute();
    for (const r of rows) out.set(r.record_id, [out.get(r.record_id), r.text].filter(Boolean).join('\n'));
  }
  return out;
}
