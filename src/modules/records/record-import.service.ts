import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { ImportRefused, readJsonLines, type ImportProblem } from '../../platform/import/index.js';
import { agencies } from '../agencies/index.js';
import { bodyFromInput, indexNumber } from './record.js';
import { indexRecords } from './record-search.service.js';
import { assertCan } from './record.policy.js';
import * as repo from './record.repository.js';
import { archiveColumns } from './record.schemas.js';
import type { RecordTable } from './record.tables.js';

/**
 * An agency moving from an old site brings its archive: one JSON object per line. The whole file
 * is checked first (the import kit); one bad line and nothing is imported, with every problem
 * reported by line.
 */

/** Beijing time in the file → the stored instant. */
function publishedInstant(s: string): string {
  const [d, t = '00:00'] = s.split(/[ T]/);
  return new Date(`${d}T${t.length === 5 ? `${t}:00` : t}+08:00`).toISOString();
}

export async function importRecords(
  ctx: Ctx,
  agencyIdOrName: string,
  jsonl: string | Uint8Array,
): Promise<{ imported: number; first: string | null; last: string | null }> {
  const agency = await agencies.resolve(ctx, agencyIdOrName);
  assertCan(ctx.actor, 'draft', agency);
  if (!agency.creditCode)
    throw ValidationError.one('agency', `${agency.name}尚未登记统一社会信用代码，无法生成索引号`);
  // Properties an old site adds (its own ids, URLs) are passed over, as they always were.
  const lines = readJsonLines(jsonl, archiveColumns, { unknownFields: 'ignore' }).finish();
  // Oldest first, so 索引号 serials follow publication order within each year.
  const ordered = lines
    .map(({ value: p }) => ({ ...p, at: publishedInstant(p.publishedAt) }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return inTransaction(ctx, async (ctx) => {
    const now = ctx.clock.now().toISOString();
    const imported: RecordTable[] = [];
    for (const p of ordered) {
      const year = Number(p.publishedAt.slice(0, 4));
      const seq = await repo.nextSeq(ctx.db, agency.id, year);
      const row: RecordTable = {
        id: newId(),
        agency_id: agency.id,
        state: 'published',
        index_number: indexNumber(agency.creditCode!, year, seq),
        title: p.title,
        document_number: p.docNumber,
        written_date: p.writtenAt,
        date_formed_or_changed: p.writtenAt ?? p.publishedAt.slice(0, 10),
        published_at: p.at,
        scheduled_at: null,
        subject_category: p.subject,
        genre: p.genre,
        validity: p.validity ?? 'inForce',
        validity_date: null,
        keywords: p.keywords,
        summary: null,
        body_html: bodyFromInput(p.body),
        created_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
        interprets_record_id: null,
        catalog_item_ids: null,
        repeals_record_id: null,
        amends_record_id: null,
      };
      await repo.insert(ctx.db, row);
      imported.push(row);
      await repo.insertEvent(ctx.db, {
        id: newId(),
        record_id: row.id,
        type: 'imported',
        actor_id: ctx.actor.id,
        actor_label: ctx.actor.label,
        at: now,
        note: '从原网站迁移',
      });
    }
    await indexRecords(ctx, imported);
    await recordAudit(ctx, {
      action: 'record.import',
      subjectType: 'record',
      subjectId: null,
      agencyId: agency.id,
      after: { imported: imported.length },
    });
    return {
      imported: imported.length,
      first: imported[0]?.index_number ?? null,
      last: imported.at(-1)?.index_number ?? null,
    };
  });
}

/** How many problems a refused push lists, each with its item and field. */
const LISTED = 100;

/**
 * Records pushed by another system (POST /api/v1/records): the objects of an archive, the same
 * shape and rules as `gongkai records import`, all or nothing. A problem names the item, 第 N 条
 * (`records[N-1]`), and its field.
 */
export async function importRecordItems(
  ctx: Ctx,
  agencyIdOrName: string,
  items: readonly unknown[],
): Promise<{ imported: number; first: string | null; last: string | null }> {
  if (items.length === 0) throw ValidationError.one('records', 'records（政府信息）至少要有一条');
  // One JSON text per line: the N-th line is the N-th item.
  const lines = items.map((item) => JSON.stringify(item ?? null)).join('\n');
  try {
    return await importRecords(ctx, agencyIdOrName, lines);
  } catch (e) {
    if (e instanceof ImportRefused) throw refusalOfItems(e);
    throw e;
  }
}

function refusalOfItems(e: ImportRefused): ValidationError {
  const keyOf = (label: string | null) => archiveColumns.list.find((c) => c.header === label)?.key;
  const text = (p: ImportProblem) =>
    p.row === null ? p.message : `第 ${p.row} 条${p.columnLabel ? `（${p.columnLabel}）` : ''}：${p.message}`;
  const fields = e.problems.slice(0, LISTED).map((p) => {
    const key = keyOf(p.columnLabel);
    const item = p.row === null ? 'records' : `records[${p.row - 1}]`;
    return { field: key ? `${item}.${key}` : item, message: text(p) };
  });
  if (e.total > fields.length)
    fields.push({ field: 'records', message: `另有 ${e.total - fields.length} 处问题未列出` });
  const refusal = new ValidationError(fields);
  const quoted = e.problems.slice(0, 3).map(text).join('；');
  refusal.message = `${quoted}${e.total > 3 ? '……' : ''}（共 ${e.total} 处问题，未导入任何内容）`;
  return refusal;
}
