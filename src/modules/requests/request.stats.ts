import type { Ctx } from '../../platform/context.js';
import { agencies, withinSubtree } from '../agencies/index.js';
import { sql } from 'kysely';
import {
  rowsOf,
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
  // Counted in SQL, grouped by applicant type, whether received in the year, and the outcome of
  // a case closed in the year: a province's million cases come back as a few hundred groups.
  let q = ctx.db
    .selectFrom('request')
    .select([
      'request.applicant_type as type',
      sql<number>`case when request.received_on >= ${first} then 1 else 0 end`.as('fresh'),
      sql<
        string | null
      >`case when request.closed_on is not null and request.closed_on <= ${last} then request.outcome else null end`.as(
        'done',
      ),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('request.received_on', '<=', last)
    .where((eb) => eb.or([eb('request.closed_on', 'is', null), eb('request.closed_on', '>=', first)]))
    .groupBy(['request.applicant_type', 'fresh', 'done']);
  q =
    opts.scope === 'self'
      ? q.where('request.agency_id', '=', agency.id)
      : q.where(withinSubtree('request.agency_id', agency.path));
  const groups = await q.execute();

  const table = new Map<RequestRowKey, number[]>();
  const add = (key: RequestRowKey, type: string, n: number) => {
    const col = applicantTypes.indexOf(type as ApplicantType);
    const row = table.get(key) ?? [0, 0, 0, 0, 0, 0, 0];
    row[col]! += n;
    row[6]! += n;
    table.set(key, row);
  };
  for (const g of groups) {
    const n = g.n;
    add(g.fresh === 1 ? 'received' : 'carriedOver', g.type, n);
    if (g.done) add(reportRow(g.done as Outcome, opts.format), g.type, n);
    else add('carriedForward', g.type, n);
  }
  const outcomeRows = rowsOf(opts.format)
    .map((r) => r.key)
    .filter(
      (k) =>
        !['received', 'carriedOver', 'total', 'carriedForward'].includes(k) &&
        !(opts.format === '2021' && k === 'other'),
    );
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
  result.total = total;
  result.carriedForward = (table.get('carriedForward') ?? zero()) as RequestRow;
  return result;
}
