import { holdsRoleOver } from '../../../platform/access.js';
import type { Ctx } from '../../../platform/context.js';
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import { agencies } from '../../agencies/index.js';
import { historyOf } from '../published/published-report.service.js';
import { figureDefs, figuresOf, treeFiguresOf } from './report-figures.service.js';
import { runArithmeticChecks } from '../contract/arithmetic-checks.js';
import {
  formatForYear,
  REPORT_SCHEMA_ID,
  type Proactive,
  type ReportData,
  type Requests,
  type Appeals,
} from '../contract/report.js';

export interface BuildOptions {
  agencyId: string;
  year: number;
  scope?: 'self' | 'tree';
  /** Last year's report for year-chain and stock; looked up (built, else recorded) when absent. */
  previous?: ReportData | null;
}

const readers = ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'] as const;

/**
 * The annual report of an agency (本级) or of it and everything under it (全市各级各部门), for a
 * year, computed from the platform's own data: section 三 from the request cases, 四 from the
 * appeals, 二 from the records plus the figures entered from other systems. The format follows
 * the year, and every check of the contract runs on the result.
 */
export async function build(ctx: Ctx, opts: BuildOptions): Promise<ReportData> {
  if (!Number.isInteger(opts.year) || opts.year < 2019 || opts.year > 2100)
    throw ValidationError.one(
      'year',
      `年度应为 2019 年或以后（现行条例自 2019 年起施行），而不是 ${opts.year}`,
    );
  const agency = await agencies.get(ctx, opts.agencyId);
  if (!holdsRoleOver(ctx.actor, readers, agency.path)) throw new ForbiddenError();
  const scope = opts.scope ?? 'self';
  const format = formatForYear(opts.year);
  const part = { agencyId: agency.id, scope, year: opts.year, format };

  let proactive: Proactive = {};
  let requests: Requests = {};
  let appeals: Partial<Appeals> = {};
  for (const c of ctx.modules.extensions('reportContribution')) {
    const got = await c.contribute(ctx, part);
    if (got.proactive) proactive = { ...proactive, ...got.proactive } as Proactive;
    if (got.requests) requests = { ...requests, ...got.requests };
    if (got.appeals) appeals = { ...appeals, ...got.appeals };
  }
  const figures =
    scope === 'tree'
      ? await treeFiguresOf(ctx, agency.id, opts.year)
      : await figuresOf(ctx, agency.id, opts.year);
  const items: Record<string, Record<string, number>> = {};
  for (const def of figureDefs(format)) (items[def.item] ??= {})[def.field] = figures[def.key] ?? 0;
  proactive = { ...proactive, ...items } as Proactive;

  const data: ReportData = {
    schema: REPORT_SCHEMA_ID,
    format,
    year: opts.year,
    agency: scope === 'tree' ? `${agency.name}（含下级机关）` : agency.name,
    source: { kind: 'built' },
    proactive,
    requests,
    appeals,
    narrative: {},
    findings: [],
  };
  const previous =
    opts.previous !== undefined ? opts.previous : await previousYear(ctx, agency.id, scope, opts.year);
  data.findings = runArithmeticChecks(data, { previous });
  return data;
}

/**
 * Last year's report, as the public saw it: the one signed off on the platform, else the one
 * recorded as published before the platform, else last year built from the data (2019 has no
 * 2018).
 */
async function previousYear(
  ctx: Ctx,
  agencyId: string,
  scope: 'self' | 'tree',
  year: number,
): Promise<ReportData | null> {
  if (year <= 2019) return null;
  // What the public saw: last year's report as signed off on the platform, same scope.
  const signed = await ctx.db
    .selectFrom('annual_report')
    .select('data_json')
    .where('agency_id', '=', agencyId)
    .where('year', '=', year - 1)
    .where('scope', '=', scope)
    .where('state', '=', 'published')
    .executeTakeFirst();
  if (signed?.data_json) return JSON.parse(signed.data_json) as ReportData;
  if (scope === 'self') {
    const recorded = await historyOf(ctx, agencyId, year - 1);
    if (recorded?.data) return recorded.data;
  }
  return build(ctx, { agencyId, year: year - 1, scope, previous: null });
}
