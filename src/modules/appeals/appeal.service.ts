import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies } from '../agencies/index.js';
import { appealGroups, appealResults, type Appeals } from '../annual-report/index.js';
import { requests } from '../requests/index.js';
import { assertCan, can, scopeFor, type AppealAction } from './appeal.policy.js';
import { staffAppealView, type StaffAppealView } from './appeal.presenter.js';
import * as repo from './appeal.repository.js';
import { decideAppealSchema, recordAppealSchema } from './appeal.schemas.js';
import type { AppealTable } from './appeal.tables.js';

/**
 * 行政复议 and 行政诉讼 arising from disclosure work (条例 第五十一条), linked to the application
 * they concern, with their result; and section 四 of the annual report built from them.
 */

export async function record(ctx: Ctx, raw: unknown): Promise<AppealTable> {
  const input = recordAppealSchema.parse(raw);
  const agency = await agencies.get(ctx, input.agencyId);
  assertCan(ctx.actor, 'record', agency);
  if (input.filedOn > beijingDate(ctx.clock.now())) throw ValidationError.one('filedOn', '日期不能晚于今天');
  // The application it concerns is the requests module's: asked, never read from its table.
  if (input.requestId && (await requests.agencyOf(ctx, input.requestId)) !== agency.id)
    throw ValidationError.one('requestId', '相关申请不存在或不属于该机关');
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
  const input = decideAppealSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const row = await loadAppeal(ctx, id, 'decide');
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
  assertCan(ctx.actor, 'read', agency);
  const last = `${opts.year}-12-31`;
  const groups = await repo.section4Counts(ctx.db, agency, opts.scope, `${opts.year}-01-01`, last);
  const out = Object.fromEntries(
    appealGroups.map((g) => [g, Object.fromEntries(appealResults.map((r) => [r, 0]))]),
  ) as Appeals;
  for (const g of groups) {
    const group = out[g.kind as keyof Appeals];
    group[g.standing as 'upheld'] += g.n;
    group.total += g.n;
  }
  return out;
}

async function loadAppeal(ctx: Ctx, id: string, action: AppealAction): Promise<AppealTable> {
  const row = isId(id) ? await repo.findById(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError('未找到该复议或诉讼');
  assertCan(ctx.actor, action, { path: await agencies.pathOf(ctx, row.agency_id) });
  return row;
}

/** The appeals against agencies the actor oversees, newest first, with their applications. */
export async function list(ctx: Ctx): Promise<StaffAppealView[]> {
  const rows = await repo.listWithin(ctx.db, scopeFor(ctx.actor, 'read'));
  const numbers = await requests.acceptanceNumbers(
    ctx,
    rows.flatMap((a) => (a.request_id ? [a.request_id] : [])),
  );
  return rows.map((a) => staffAppealView(a, a.request_id ? (numbers.get(a.request_id) ?? null) : null));
}

export interface AppealsPage {
  appeals: StaffAppealView[];
  /** The agencies the actor may record an appeal against (not villages: they receive none). */
  agencies: Array<{ id: string; name: string; depth: number }>;
  today: string;
}

/** The back office's page: the list, and the agencies the form offers. */
export async function listPage(ctx: Ctx): Promise<AppealsPage> {
  return {
    appeals: await list(ctx),
    agencies: (await agencies.listForStaff(ctx)).filter(
      (a) => a.kind !== 'villageCommunity' && can(ctx.actor, 'record', a),
    ),
    today: beijingDate(ctx.clock.now()),
  };
}
