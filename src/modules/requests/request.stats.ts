import { holdsRoleOver } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import { ForbiddenError } from '../../platform/errors.js';
import { agencies } from '../agencies/index.js';
import type { ReportFormat, RequestRow, RequestRowKey, Requests } from '../annual-report/index.js';
import { applicantTypes, type ApplicantType } from './request.js';
import { reportRow, type Outcome } from './request-outcome.js';

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
  if (!holdsRoleOver(ctx.actor, ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'], agency.path))
    throw new ForbiddenError();
  const first = `${opts.year}-01-01`;
  const last = `${opts.year}-12-31`;
  let q = ctx.db
    .selectFrom('request')
    .innerJoin('agency', 'agency.id', 'request.agency_id')
    .select(['request.applicant_type', 'request.received_on', 'request.closed_on', 'request.outcome'])
    .where('request.received_on', '<=', last)
    .where((eb) => eb.or([eb('request.closed_on', 'is', null), eb('request.closed_on', '>=', first)]));
  q =
    opts.scope === 'self'
      ? q.where('request.agency_id', '=', agency.id)
      : q.where('agency.path', 'like', `${agency.path}%`);
  const rows = await q.execute();

  const table = new Map<RequestRowKey, number[]>();
  const add = (key: RequestRowKey, type: string) => {
    const col = applicantTypes.indexOf(type as ApplicantType);
    const row = table.get(key) ?? [0, 0, 0, 0, 0, 0, 0];
    row[col]! += 1;
    row[6]! += 1;
    table.set(key, row);
  };
  for (const r of rows) {
    if (r.received_on >= first) add('received', r.applicant_type);
    else add('carriedOver', r.applicant_type);
    if (r.closed_on && r.closed_on <= last && r.outcome)
      add(reportRow(r.outcome as Outcome, opts.format), r.applicant_type);
    else add('carriedForward', r.applicant_type);
  }
  const outcomeRows: RequestRowKey[] = [
    'granted',
    'partiallyGranted',
    'withheld.stateSecret',
    'withheld.lawProhibited',
    'withheld.securityStability',
    'withheld.thirdPartyRights',
    'withheld.internalAffairs',
    'withheld.processInformation',
    'withheld.enforcementFile',
    'withheld.administrativeQuery',
    'unavailable.notHeld',
    'unavailable.needsCreation',
    'unavailable.stillUnclear',
    'notProcessed.petition',
    'notProcessed.repeated',
    'notProcessed.publication',
    'notProcessed.excessive',
    'notProcessed.confirmation',
    ...(opts.format === '2019'
      ? (['other'] as RequestRowKey[])
      : (['other.supplementOverdue', 'other.feeUnpaid', 'other.other'] as RequestRowKey[])),
  ];
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
