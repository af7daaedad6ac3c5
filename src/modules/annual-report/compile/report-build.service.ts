import type { Ctx } from '../../../platform/context.js';
import { ValidationError } from '../../../platform/errors.js';
import { agencies, type Agency } from '../../agencies/index.js';
import { checked } from '../contract/checks.js';
import {
  formatForYear,
  REPORT_SCHEMA_ID,
  type Appeals,
  type Proactive,
  type ReportData,
  type ReportFacts,
  type Requests,
} from '../contract/report.js';
import { parseStoredReport } from '../contract/schema.js';
import { historyOf, levelOf } from '../published/published-report.service.js';
import { assertCan } from './annual-report.policy.js';
import * as repo from './annual-report.repository.js';
import type { Scope } from './annual-report.schemas.js';
import { figureDefs, figuresOf, treeFiguresOf } from './report-figures.service.js';

export interface BuildOptions {
  agencyId: string;
  year: number;
  scope?: Scope;
  /** Last year's report for year-chain and stock; looked up (built, else recorded) when absent. */
  previous?: ReportData | null;
}

/** A report's tables as the data gives them, and what its checks and narrative need besides. */
export interface Compiled {
  agency: Agency;
  scope: Scope;
  /** The tables, no narrative, no findings yet. */
  data: ReportData;
  /** Last year's report as the public saw it (year-chain, stock), if there is one. */
  previous: ReportData | null;
  /** Facts the narrative states that are not cells (section 六's 信息处理费). */
  facts: ReportFacts;
}

/** The name a report goes by: a report of an agency and everything under it says so. */
export function reportAgencyName(agencyName: string, scope: Scope): string {
  return scope === 'tree' ? `${agencyName}（含下级机关）` : agencyName;
}

/**
 * The annual report of an agency (本级) or of it and everything under it (全市各级各部门), for a
 * year, computed from the platform's own data: section 三 from the request cases, 四 from the
 * appeals, 二 from the records plus the figures entered from other systems, and the facts the
 * narrative states, each from the installed modules' contributions. The format follows the year.
 */
export async function compile(ctx: Ctx, opts: BuildOptions): Promise<Compiled> {
  if (!Number.isInteger(opts.year) || opts.year < 2019 || opts.year > 2100)
    throw ValidationError.one(
      'year',
      `年度应为 2019 年或以后（现行条例自 2019 年起施行），而不是 ${opts.year}`,
    );
  const agency = await agencies.get(ctx, opts.agencyId);
  assertCan(ctx.actor, 'read', agency);
  const scope = opts.scope ?? 'self';
  const format = formatForYear(opts.year);
  const part = { agencyId: agency.id, scope, year: opts.year, format };

  // Each module counts its part with one grouped query; asked together, a server engine runs them
  // side by side (a transaction's one connection, and SQLite, take them in turn). Merged in the
  // installation's order, as before.
  const [contributions, figures] = await Promise.all([
    Promise.all(ctx.modules.extensions('reportContribution').map((c) => c.contribute(ctx, part))),
    scope === 'tree' ? treeFiguresOf(ctx, agency.id, opts.year) : figuresOf(ctx, agency.id, opts.year),
  ]);
  let proactive: Proactive = {};
  let requests: Requests = {};
  let appeals: Partial<Appeals> = {};
  let facts: ReportFacts = {};
  for (const got of contributions) {
    if (got.proactive) proactive = { ...proactive, ...got.proactive } as Proactive;
    if (got.requests) requests = { ...requests, ...got.requests };
    if (got.appeals) appeals = { ...appeals, ...got.appeals };
    if (got.facts) facts = { ...facts, ...got.facts };
  }
  const items: Record<string, Record<string, number>> = {};
  for (const def of figureDefs(format)) (items[def.item] ??= {})[def.field] = figures[def.key] ?? 0;
  proactive = { ...proactive, ...items } as Proactive;

  const data: ReportData = {
    schema: REPORT_SCHEMA_ID,
    format,
    year: opts.year,
    agency: reportAgencyName(agency.name, scope),
    source: { kind: 'built' },
    proactive,
    requests,
    appeals,
    narrative: {},
    findings: [],
  };
  const previous =
    opts.previous !== undefined ? opts.previous : await previousYear(ctx, agency.id, scope, opts.year);
  return { agency, scope, data, previous, facts };
}

/** The report's tables with the findings of every check that needs no narrative. */
export async function build(ctx: Ctx, opts: BuildOptions): Promise<ReportData> {
  const c = await compile(ctx, opts);
  return checked(c.data, { previous: c.previous, level: levelOf(c.agency) });
}

/**
 * Last year's report, as the public saw it: the one signed off on the platform, else the one
 * recorded as published before the platform, else last year built from the data (2019 has no
 * 2018).
 */
async function previousYear(
  ctx: Ctx,
  agencyId: string,
  scope: Scope,
  year: number,
): Promise<ReportData | null> {
  if (year <= 2019) return null;
  // What the public saw: last year's report as signed off on the platform, same scope.
  const signed = await repo.published(ctx.db, { agencyId, year: year - 1, scope });
  if (signed?.data_json) return parseStoredReport(signed.data_json, `年度报告 ${signed.id}`);
  if (scope === 'self') {
    const recorded = await historyOf(ctx, agencyId, year - 1);
    if (recorded?.data) return recorded.data;
  }
  return (await compile(ctx, { agencyId, year: year - 1, scope, previous: null })).data;
}
