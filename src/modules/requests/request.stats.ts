import type { Ctx } from '../../platform/context.js';
import { agencies, withinSubtree } from '../agencies/index.js';
import { sql } from 'kysely';
import {
  outcomeRowsOf,
  otherRows2021,
  type ProcessingFeeFacts,
  type ReportFormat,
  type RequestRow,
  type RequestRowKey,
  type Requests,
} from '../annual-report/index.js';
import { applicantTypes, type ApplicantType } from './request.js';
import { reportRow, type Outcome } from './request-outcome.js';
import { assertCan } from './request.policy.js';

/**
 * The module's contribution to the annual report: section 三 for an agency alone (本级) or with
 * its subtree, for a year. A case counts as received in the year of its day of receipt, as
 * carried over when received before the year and still open at its start, in the outcome row of
 * its closing in the year, and as carried forward when open on 31 December.
 */
export async function section3(
  ctx: Ctx,
  opts: { agencyId: string; scope: 'self' | 'tree'; year: number; format: ReportFormat },
): Promise<Requests> {
  const agency = await agencies.get(ctx, opts.agencyId);
  assertCan(ctx.actor, 'readStatistics', agency);
  const first = `${opts.year}-01-01`;
  const last = `${opts.year}-12-31`;
  // Counted in SQL, grouped by applicant type and outcome — the grouping of a hand-written count,
  // so both engines estimate a few hundred groups and aggregate in one pass (grouping by the CASE
  // expressions made PostgreSQL guess 100,000 groups, sort a million rows on disk and compile the
  // query). Per group, how many were received in the year and how many closed in it: the table's
  // rows are these margins (received or carried over; closed with an outcome or carried forward).
  let q = ctx.db
    .selectFrom('request')
    .select([
      'request.applicant_type as type',
      'request.outcome as outcome',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when request.received_on >= ${first} then 1 else 0 end)`.as('fresh'),
      sql<number>`sum(case when request.closed_on <= ${last} then 1 else 0 end)`.as('closed'),
    ])
    .where('request.received_on', '<=', last)
    .where((eb) => eb.or([eb('request.closed_on', 'is', null), eb('request.closed_on', '>=', first)]))
    .groupBy(['request.applicant_type', 'request.outcome']);
  q =
    opts.scope === 'self'
      ? q.where('request.agency_id', '=', agency.id)
      : q.where(withinSubtree('request.agency_id', agency.path));
  const groups = await q.execute();

  const table = new Map<RequestRowKey, number[]>();
  const add = (key: RequestRowKey, type: string, n: number) => {
    if (n === 0) return;
    const col = applicantTypes.indexOf(type as ApplicantType);
    const row = table.get(key) ?? [0, 0, 0, 0, 0, 0, 0];
    row[col]! += n;
    row[6]! += n;
    table.set(key, row);
  };
  for (const g of groups) {
    add('received', g.type, g.fresh);
    add('carriedOver', g.type, g.n - g.fresh);
    // A case closed in the year counts in its outcome's row; one closed without an outcome, or
    // still open on 31 December, is carried forward.
    const closed = g.outcome ? g.closed : 0;
    if (g.outcome) add(reportRow(g.outcome as Outcome, opts.format), g.type, closed);
    add('carriedForward', g.type, g.n - closed);
  }
  const outcomeRows = outcomeRowsOf(opts.format);
  const zero = (): RequestRow => [0, 0, 0, 0, 0, 0, 0];
  const result: Requests = {
    received: (table.get('received') ?? zero()) as RequestRow,
    carriedOver: (table.get('carriedOver') ?? zero()) as RequestRow,
  };
  const total = zero();
  for (const key of outcomeRows) {
    const row = (table.get(key) ?? zero()) as RequestRow;
    result[key] = row;
    row.forEach((v, i) => (total[i] = total[i]! + v));
  }
  // The contract's （六）其他处理 of the 2021 format: the sum of its three sub-rows (it prints as
  // their heading, but the data carries it, as every reader of a 2021 report fills it in).
  if (opts.format === '2021') {
    const other = zero();
    for (const key of otherRows2021) result[key]!.forEach((v, i) => (other[i] = other[i]! + v));
    result.other = other;
  }
  result.total = total;
  result.carriedForward = (table.get('carriedForward') ?? zero()) as RequestRow;
  return result;
}

/**
 * 信息处理费 of the year for section 六 of the annual report (条例第四十二条; 国办函〔2020〕109号):
 * the notices issued in the year (cases and total amount), and what was collected in the year —
 * a notice of December paid in January counts as issued in one year and collected in the next.
 * Amounts are added in fen.
 */
export async function processingFeeFacts(
  ctx: Ctx,
  opts: { agencyId: string; scope: 'self' | 'tree'; year: number },
): Promise<ProcessingFeeFacts> {
  const agency = await agencies.get(ctx, opts.agencyId);
  assertCan(ctx.actor, 'readStatistics', agency);
  const feeEvents = ['processingFeeNoticeReceived', 'processingFeePaid'];
  let q = ctx.db
    .selectFrom('request_event as e')
    .innerJoin('request as r', 'r.id', 'e.request_id')
    .select(['e.type', 'e.data_json', 'e.request_id', 'e.occurred_on'])
    .where('e.type', 'in', feeEvents)
    // Every fee event of a case with one in the year: a payment in the year needs its notice's amount.
    .where('e.request_id', 'in', (eb) =>
      eb
        .selectFrom('request_event')
        .select('request_id')
        .where('type', 'in', feeEvents)
        .where('occurred_on', '>=', `${opts.year}-01-01`)
        .where('occurred_on', '<=', `${opts.year}-12-31`),
    )
    .orderBy('e.occurred_on');
  q =
    opts.scope === 'self'
      ? q.where('r.agency_id', '=', agency.id)
      : q.where(withinSubtree('r.agency_id', agency.path));
  const events = await q.execute();
  const fenOf = (json: string | null) =>
    Math.round(
      ((JSON.parse(json ?? '{}') as { processingFee?: { total?: number } }).processingFee?.total ?? 0) * 100,
    );
  const noticeFen = new Map<string, number>();
  let noticed = 0;
  const noticedCases = new Set<string>();
  const paidCases = new Set<string>();
  for (const e of events) {
    const inYear = e.occurred_on.startsWith(String(opts.year));
    if (e.type === 'processingFeeNoticeReceived') {
      noticeFen.set(e.request_id, fenOf(e.data_json));
      if (inYear) {
        noticedCases.add(e.request_id);
        noticed += fenOf(e.data_json);
      }
    } else if (inYear) paidCases.add(e.request_id);
  }
  let collected = 0;
  for (const id of paidCases) collected += noticeFen.get(id) ?? 0;
  return {
    notices: noticedCases.size,
    noticedYuan: noticed / 100,
    paid: paidCases.size,
    collectedYuan: collected / 100,
  };
}

/** Applications of one agency, month of receipt, applicant type and outcome (null: not closed). */
export interface RequestCount {
  agencyId: string;
  /** `YYYY-MM` of the day of receipt. */
  month: string;
  applicantType: ApplicantType;
  outcome: Outcome | null;
  count: number;
}

/**
 * Every application counted by agency (its own, not its subtree's), month of receipt, applicant
 * type and outcome, for open data. Anyone may read it: counts only, the same figures the annual
 * reports publish, never a row per application or anything an applicant wrote.
 */
export async function openCounts(ctx: Ctx): Promise<RequestCount[]> {
  const month = sql<string>`substr(request.received_on, 1, 7)`;
  const rows = await ctx.db
    .selectFrom('request')
    .select([
      'request.agency_id as agencyId',
      month.as('month'),
      'request.applicant_type as applicantType',
      'request.outcome as outcome',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['request.agency_id', month, 'request.applicant_type', 'request.outcome'])
    .execute();
  return rows.map((r) => ({
    agencyId: r.agencyId,
    month: r.month,
    applicantType: r.applicantType as ApplicantType,
    outcome: (r.outcome as Outcome | null) ?? null,
    count: Number(r.n),
  }));
}
