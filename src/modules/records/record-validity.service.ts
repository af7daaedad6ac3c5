import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ValidationError } from '../../platform/errors.js';
import { validityLabels } from './record.js';
import { indexRecords } from './record-search.service.js';
import { assertStep, load, stamp } from './record-workflow.service.js';
import * as repo from './record.repository.js';
import { validitySchema } from './record.schemas.js';
import type { RecordTable } from './record.tables.js';

/**
 * A published document expires or is repealed (or, corrected, is in force again): the record
 * stays on the portal with its new 有效性 and date, so readers are not misled by it.
 */
export async function changeValidity(ctx: Ctx, id: string, raw: unknown): Promise<RecordTable> {
  const input = validitySchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, 'changeValidity');
    assertStep(row, 'changeValidity', '修改有效性（仅已发布的信息）');
    if (input.validity === row.validity)
      throw ValidationError.one('validity', `该信息已是“${validityLabels[input.validity]}”`);
    if (input.date > beijingDate(ctx.clock.now()))
      throw ValidationError.one('date', `日期（${input.date}）不能晚于今天`);
    if (row.written_date && input.date < row.written_date)
      throw ValidationError.one('date', `日期（${input.date}）不能早于成文日期 ${row.written_date}`);
    const now = ctx.clock.now().toISOString();
    const patch = {
      validity: input.validity,
      validity_date: input.validity === 'inForce' ? null : input.date,
      updated_at: now,
    };
    await repo.updateIfIn(ctx.db, row.id, ['published'], patch);
    await indexRecords(ctx, [{ ...row, ...patch }]);
    await repo.insertEvent(
      ctx.db,
      stamp(
        ctx,
        row.id,
        'validityChanged',
        `${validityLabels[input.validity]}（${input.date}）${input.note ? `：${input.note}` : ''}`,
      ),
    );
    await recordAudit(ctx, {
      action: 'record.validityChanged',
      subjectType: 'record',
      subjectId: row.id,
      agencyId: row.agency_id,
      before: { validity: row.validity, validityDate: row.validity_date },
      after: { validity: patch.validity, validityDate: patch.validity_date },
    });
    return { ...row, ...patch };
  });
}

/**
 * When a document that repeals or amends an earlier one is published, the earlier one is marked
 * at once — 废止 from this day, or amended — so nobody relies on it unawares. Runs inside the
 * publishing transaction.
 */
export async function markOriginals(ctx: Ctx, row: RecordTable, day: string): Promise<void> {
  const by = `《${row.title}》${row.document_number ? `（${row.document_number}）` : ''}`;
  if (row.repeals_record_id) {
    const original = await repo.findById(ctx.db, row.repeals_record_id);
    if (original && original.state === 'published' && original.validity !== 'repealed') {
      const patch = { validity: 'repealed', validity_date: day, updated_at: ctx.clock.now().toISOString() };
      await repo.updateIfIn(ctx.db, original.id, ['published'], patch);
      await repo.insertEvent(
        ctx.db,
        stamp(ctx, original.id, 'validityChanged', `废止（${day}）：被${by}废止`),
      );
      await indexRecords(ctx, [{ ...original, ...patch }]);
      await recordAudit(ctx, {
        action: 'record.validityChanged',
        subjectType: 'record',
        subjectId: original.id,
        agencyId: original.agency_id,
        before: { validity: original.validity, validityDate: original.validity_date },
        after: { validity: 'repealed', validityDate: day, by: row.id },
      });
    }
  }
  if (row.amends_record_id) {
    const original = await repo.findById(ctx.db, row.amends_record_id);
    if (original && original.state === 'published')
      await repo.insertEvent(ctx.db, stamp(ctx, original.id, 'amended', `被${by}修改`));
  }
}
