import { beijingDate } from '../../../platform/clock.js';
import type { Ctx } from '../../../platform/context.js';
import { agencies, type Agency } from '../../agencies/index.js';
import { can } from '../compile/annual-report.policy.js';
import type { Scope } from '../compile/annual-report.schemas.js';
import * as problems from './problems.service.js';
import * as training from './training.service.js';

/**
 * The 培训考核与问题整改 page: the agencies the viewer works for, the agency and year chosen (the
 * first agency and last year by default), the year's sessions and totals, and the problems that
 * year's report stated.
 */
export async function followupPage(
  ctx: Ctx,
  query: { agencyId?: string; year?: string; scope?: string },
): Promise<{
  agencies: Agency[];
  agency: Agency | null;
  year: number;
  scope: Scope;
  sessions: training.TrainingSession[];
  facts: training.TrainingFacts | null;
  problems: problems.ReportProblem[];
  canEdit: boolean;
}> {
  const scope = await agencies.listForStaff(ctx);
  const agency = scope.find((a) => a.id === query.agencyId) ?? scope[0] ?? null;
  const lastYear = Number(beijingDate(ctx.clock.now()).slice(0, 4)) - 1;
  const asked = Number(query.year);
  const year = Number.isInteger(asked) && asked >= 2008 && asked <= 2100 ? asked : lastYear;
  const reportScope: Scope = query.scope === 'tree' ? 'tree' : 'self';
  if (!agency)
    return {
      agencies: scope,
      agency,
      year,
      scope: reportScope,
      sessions: [],
      facts: null,
      problems: [],
      canEdit: false,
    };
  return {
    agencies: scope,
    agency,
    year,
    scope: reportScope,
    sessions: await training.listOf(ctx, agency.id, year, reportScope),
    facts: await training.factsOf(ctx, agency.id, year, reportScope),
    problems: await problems.problemsOf(ctx, { agencyId: agency.id, year, scope: reportScope }),
    canEdit: can(ctx.actor, 'editNarrative', agency),
  };
}
