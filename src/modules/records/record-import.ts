import { holdsRoleOver } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { RecordTable } from './record.tables.js';
import { ForbiddenError, ValidationError, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { date, object, oneOf, optional, text } from '../../platform/schema.js';
import { agencies } from '../agencies/index.js';
import { bodyFromInput, documentNumberProblem, indexNumber, validities, validityLabels } from './record.js';
import * as repo from './record.repository.js';
import { indexRecords } from './record.search.js';
import { subjectCategoryProblem } from './subject-category.js';

/**
 * An agency moving from an old site brings its archive: one JSON object per line. The whole file
 * is checked first; one bad line and nothing is imported, with every problem reported by line.
 */

const validityWords: Record<string, string> = { 有效: 'inForce', 失效: 'expired', 废止: 'repealed' };

const lineSchema = object({
  title: text('title（标题）', { max: 300 }),
  body: text('body（正文）', { max: 2_000_000 }),
  docNumber: optional(text('docNumber（文号）', { max: 60, check: documentNumberProblem })),
  writtenAt: optional(date('writtenAt（成文日期）')),
  publishedAt: text('publishedAt（发布日期）', {
    pattern: /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/,
    patternMessage: 'publishedAt（发布日期）应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM',
  }),
  subject: optional(text('subject（主题分类）', { max: 60, check: subjectCategoryProblem })),
  genre: optional(text('genre（体裁分类）', { max: 30 })),
  validity: optional(oneOf('validity（有效性）', validities, validityLabels)),
  keywords: optional(text('keywords（主题词）', { max: 200 })),
});

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export class ImportRefused extends ValidationError {
  constructor(readonly problems: ImportProblem[]) {
    super(
      problems.map((p) => ({
        field: `第 ${p.line} 行 ${p.field}`,
        message: p.message,
      })),
    );
  }
}

/** Beijing time in the file → the stored instant. */
function publishedInstant(s: string): string {
  const [d, t = '00:00'] = s.split(/[ T]/);
  return new Date(`${d}T${t.length === 5 ? `${t}:00` : t}+08:00`).toISOString();
}

export async function importRecords(
  ctx: Ctx,
  agencyIdOrName: string,
  jsonl: string,
): Promise<{ imported: number; first: string | null; last: string | null }> {
  const agency = await agencies.resolve(ctx, agencyIdOrName);
  if (!holdsRoleOver(ctx.actor, ['clerk', 'officeHead', 'admin'], agency.path)) throw new ForbiddenError();
  if (!agency.creditCode)
    throw ValidationError.one('agency', `${agency.name}尚未登记统一社会信用代码，无法生成索引号`);
  const problems: ImportProblem[] = [];
  const parsed: Array<ReturnType<typeof lineSchema.parse>> = [];
  jsonl.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line, field: 'json', message: '不是有效的 JSON' });
      return;
    }
    if (
      value &&
      typeof value === 'object' &&
      typeof (value as { validity?: unknown }).validity === 'string'
    ) {
      const v = (value as { validity: string }).validity;
      (value as { validity: string }).validity = validityWords[v] ?? v;
    }
    try {
      parsed.push(lineSchema.parse(value));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const f of e.fields as FieldError[]) problems.push({ line, field: f.field, message: f.message });
    }
  });
  if (problems.length) throw new ImportRefused(problems);
  if (parsed.length === 0) throw ValidationError.one('file', '文件中没有任何记录');
  // Oldest first, so 索引号 serials follow publication order within each year.
  const ordered = parsed
    .map((p) => ({ ...p, at: publishedInstant(p.publishedAt) }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return inTransaction(ctx, async (ctx) => {
    const now = ctx.clock.now().toISOString();
    const numbers: string[] = [];
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
      numbers.push(row.index_number!);
    }
    await indexRecords(ctx.db, imported);
    await recordAudit(ctx, {
      action: 'record.import',
      subjectType: 'record',
      subjectId: null,
      agencyId: agency.id,
      after: { imported: ordered.length },
    });
    return { imported: ordered.length, first: numbers[0] ?? null, last: numbers.at(-1) ?? null };
  });
}
