import { holdsRoleOver, type Role } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { AppealTable } from './appeal.tables.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { date, object, oneOf, optional, text } from '../../platform/schema.js';
import { agencies } from '../agencies/index.js';
import * as repo from './appeal.repository.js';
import { appealGroups, appealResults, type Appeals } from '../annual-report/index.js';

/**
 * 行政复议 and 行政诉讼 arising from disclosure work (条例 第五十一条), linked to the application
 * they concern, with their result; and section 四 of the annual report built from them.
 */

export const appealKindLabels = {
  review: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReview: '行政诉讼（复议后起诉）',
} as const;
export const appealResultLabels = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
} as const;

const recordSchema = object({
  agencyId: text('被申请（被诉）机关'),
  requestId: optional(text('相关申请')),
  kind: oneOf('类型', ['review', 'litigationDirect', 'litigationAfterReview'] as const, appealKindLabels),
  filedOn: date('申请复议或起诉之日'),
  caseNumber: optional(text('案号', { max: 60 })),
  note: optional(text('备注', { max: 2000 })),
});

const decideSchema = object({
  result: oneOf('结果', ['upheld', 'corrected', 'other'] as const, {
    upheld: '结果维持',
    corrected: '结果纠正',
    other: '其他结果',
  }),
  decidedOn: date('决定或判决之日'),
});

const writers: readonly Role[] = ['clerk', 'officeHead', 'admin'];
const readers: readonly Role[] = ['clerk', 'officeHead', 'admin', 'reviewer', 'supervisor'];

export async function record(ctx: Ctx, raw: unknown): Promise<AppealTable> {
  const input = recordSchema.parse(raw);
  const agency = await agencies.get(ctx, input.agencyId);
  if (!holdsRoleOver(ctx.actor, writers, agency.path)) throw new ForbiddenError();
  if (input.filedOn > beijingDate(ctx.clock.now())) throw ValidationError.one('filedOn', '日期不能晚于今天');
  if (input.requestId) {
    const req = isId(input.requestId)
      ? await ctx.db
          .selectFrom('request')
          .select(['agency_id'])
          .where('id', '=', input.requestId)
          .executeTakeFirst()
      : undefined;
    if (!req || req.agency_id !== agency.id)
      throw ValidationError.one('requestId', '相关申请不存在或不属于该机关');
  }
  return inTransaction(ctx, async (ctx) => {
    const now = ctx.clock.now().toISOString();
    const row: AppealTable = {
      id: newId(),
      agency_id: agency.id,
      request_id: input.requestId,
      kind: input.kind,
      filed_on: input.filedOn,
      result: 'pending',
      decided_on: null,
      case_number: input.caseNumber,
      note: input.note,
      created_at: now,
      updated_at: now,
    };
    await repo.insert(ctx.db, row);
    await recordAudit(ctx, {
      action: 'appeal.record',
      subjectType: 'appeal',
      subjectId: row.id,
      agencyId: agency.id,
      after: { kind: row.kind, filedOn: row.filed_on, requestId: row.request_id },
    });
    return row;
  });
}

export async function decide(ctx: Ctx, id: string, raw: unknown): Promise<AppealTable> {
  const input = decideSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const row = isId(id) ? await repo.findById(ctx.db, id) : undefined;
    if (!row) throw new NotFoundError('未找到该复议或诉讼');
    if (!holdsRoleOver(ctx.actor, writers, await agencies.pathOf(ctx, row.agency_id)))
      throw new ForbiddenError();
    if (input.decidedOn < row.filed_on)
      throw ValidationError.one('decidedOn', `决定日期不能早于 ${row.filed_on}`);
    const after = {
      ...row,
      result: input.result,
      decided_on: input.decidedOn,
      updated_at: ctx.clock.now().toISOString(),
    };
    await repo.setResult(ctx.db, id, {
      result: after.result,
      decided_on: after.decided_on,
      updated_at: after.updated_at,
    });
    await recordAudit(ctx, {
      action: 'appeal.decide',
      subjectType: 'appeal',
      subjectId: id,
      agencyId: row.agency_id,
      before: { result: row.result },
      after: { result: after.result, decidedOn: after.decided_on },
    });
    return after;
  });
}

/**
 * Section 四 for a year: appeals filed in the year, by their result at the year's end (a case
 * decided later counts as 尚未审结).
 */
export async function section4(
  ctx: Ctx,
  opts: { agencyId: string; scope: 'self' | 'tree'; year: number },
): Promise<Appeals> {
  const agency = await agencies.get(ctx, opts.agencyId);
  if (!holdsRoleOver(ctx.actor, readers, agency.path)) throw new ForbiddenError();
  const last = `${opts.year}-12-31`;
  const rows = await repo.filedWithin(ctx.db, agency, opts.scope, `${opts.year}-01-01`, last);
  const out = Object.fromEntries(
    appealGroups.map((g) => [g, Object.fromEntries(appealResults.map((r) => [r, 0]))]),
  ) as Appeals;
  for (const a of rows) {
    const group = out[a.kind as keyof Appeals];
    const result = a.decided_on && a.decided_on <= last ? (a.result as 'upheld') : 'pending';
    group[result] += 1;
    group.total += 1;
  }
  return out;
}

export async function list(ctx: Ctx) {
  const paths =
    ctx.actor.kind === 'system'
      ? ['/']
      : ctx.actor.grants.filter((g) => readers.includes(g.role)).map((g) => g.agencyPath);
  return repo.listWithin(ctx.db, paths);
}
