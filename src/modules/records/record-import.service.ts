import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { readJsonLines } from '../../platform/import/index.js';
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
