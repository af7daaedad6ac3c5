import { createHash } from 'node:crypto';
import { recordAudit } from '../../../platform/audit.js';
import { beijingDate } from '../../../platform/clock.js';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { isUniqueViolation } from '../../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isId, newId } from '../../../platform/ids.js';
import { agencies, type Agency } from '../../agencies/index.js';
import type { AnnualReportTable } from '../annual-report.tables.js';
import { allChecks } from '../contract/checks.js';
import type { Finding, ReportData } from '../contract/report.js';
import { blocksPublication } from '../contract/review-checks.js';
import { parseStoredReport } from '../contract/schema.js';
import * as problems from '../followup/problems.service.js';
import type { ReportProblem } from '../followup/problems.service.js';
import * as training from '../followup/training.service.js';
import { historyOf, levelOf, recordedYears } from '../published/published-report.service.js';
import { assertCan, can, readScopes } from './annual-report.policy.js';
import * as repo from './annual-report.repository.js';
import {
  correctionSchema,
  documentSchema,
  narrativeSchema,
  openSchema,
  publishSchema,
  type Scope,
} from './annual-report.schemas.js';
import { parseNarrative, template, withNarrative, type NarrativeText } from './narrative.js';
import { compile, reportAgencyName, type Compiled } from './report-build.service.js';

/**
 * The agency's own 政府信息公开工作年度报告: the tables come from the data (report-build), the
 * narrative (sections 一, 五, 六) is written in the back office from a template filled with the
 * computed figures, so the text cannot contradict the tables. The office head signs it off only
 * when no error finding remains; once published its tables are kept as signed off, whatever is
 * edited later in its year, and a correction is a new version with its reason.
 */

export { scopeLabels, type Scope } from './annual-report.schemas.js';
export type { NarrativeText } from './narrative.js';

/**
 * One report as every door gives it — the back-office page, `gongkai report build` and
 * `/api/v1/annual-reports/build`: the contract document with its narrative and the findings of
 * every check of the contract (allChecks), computed once.
 */
export interface ReportDocument {
  agencyId: string;
  agencyName: string;
  /** The name the report goes by in its title and file names: 某某（含下级机关） for a tree report. */
  title: string;
  year: number;
  scope: Scope;
  narrative: NarrativeText;
  /** Tables, narrative and findings (`gongkai.annual-report/1`). */
  data: ReportData;
  findings: Finding[];
}

export interface AnnualReportView extends ReportDocument {
  id: string;
  version: number;
  state: 'draft' | 'published' | 'superseded';
  correctionReason: string | null;
  publishedAt: string | null;
  previousProblems: string | null;
  /** Last year's problems as tracked since (整改), for section 五 (一). */
  trackedProblems: ReportProblem[];
}

/** What the viewer may do with a report in its state, for the page to offer. */
export type ReportStep = 'editNarrative' | 'publish' | 'correct';

function keyOf(row: AnnualReportTable): repo.ReportKey {
  return { agencyId: row.agency_id, year: row.year, scope: row.scope as Scope };
}

/** The name a report goes by: as signed off for a published tree report, else the agency's. */
function titleOf(agencyName: string, scope: Scope, data: ReportData): string {
  return scope === 'tree' ? (data.agency ?? reportAgencyName(agencyName, scope)) : agencyName;
}

/** The tables with the narrative, checked by every check of the contract. */
function assemble(compiled: Compiled, narrative: NarrativeText): ReportDocument {
  const written = withNarrative(compiled.data, narrative);
  const findings = allChecks(written, {
    previous: compiled.previous,
    level: levelOf(compiled.agency),
    written: true,
    facts: compiled.facts,
  });
  const data = { ...written, findings };
  return {
    agencyId: compiled.agency.id,
    agencyName: compiled.agency.name,
    title: titleOf(compiled.agency.name, compiled.scope, data),
    year: data.year!,
    scope: compiled.scope,
    narrative,
    data,
    findings,
  };
}

/** Last year's published report's section 五, shown while writing this year's. */
async function previousProblems(ctx: Ctx, key: repo.ReportKey): Promise<string | null> {
  const row = await repo.published(ctx.db, { ...key, year: key.year - 1 });
  if (row) return parseNarrative(row.narrative_json, `年度报告 ${row.id}`).section5;
  // The first year on the platform: last year's report as published before, if recorded.
  if (key.scope === 'self')
    return (await historyOf(ctx, key.agencyId, key.year - 1))?.data?.narrative.sections?.五 ?? null;
  return null;
}

/** The template for a report, filled from its tables and the facts of the contributions. */
async function templateFor(ctx: Ctx, compiled: Compiled): Promise<NarrativeText> {
  const key = { agencyId: compiled.agency.id, year: compiled.data.year!, scope: compiled.scope };
  const tracked = await problems.trackedFor(ctx, { ...key, year: key.year - 1 });
  return template({
    trackedProblems: tracked.length
      ? { text: problems.problemsText(tracked), allFixed: tracked.every((p) => p.status === 'fixed') }
      : null,
    training: await training.factsOf(ctx, key.agencyId, key.year, key.scope),
    agencyName: compiled.agency.name,
    scope: compiled.scope,
    year: compiled.data.year!,
    data: compiled.data,
    fees: compiled.facts.processingFees,
    push: compiled.facts.policyPush,
    newMedia: compiled.facts.newMedia,
    previousProblems: await previousProblems(ctx, {
      agencyId: compiled.agency.id,
      year: compiled.data.year!,
      scope: compiled.scope,
    }),
  });
}

/**
 * The report of an agency for a year and scope as it stands: the tables built from the data
 * now, with the text being written (or last signed off), else the template, and every finding.
 * The back-office page of a draft, `gongkai report build` and the REST API all come through here.
 */
export async function document(
  ctx: Ctx,
  key: { agencyId: string; year: number; scope?: Scope | null },
): Promise<ReportDocument> {
  return compose(ctx, { agencyId: key.agencyId, year: key.year, scope: key.scope ?? 'self' });
}

/** `document`, given the text when the caller holds the report's row, and the tables if built. */
async function compose(
  ctx: Ctx,
  key: repo.ReportKey,
  known: { narrative?: NarrativeText; compiled?: Compiled } = {},
): Promise<ReportDocument> {
  const compiled = known.compiled ?? (await compile(ctx, key));
  let narrative = known.narrative;
  if (!narrative) {
    const text = await repo.currentText(ctx.db, { ...key, agencyId: compiled.agency.id });
    narrative = text ? parseNarrative(text, '年度报告') : await templateFor(ctx, compiled);
  }
  return assemble(compiled, narrative);
}

/** `document` for the CLI and the API: the agency by ID or name (documentSchema). */
export async function documentFor(ctx: Ctx, raw: unknown): Promise<ReportDocument> {
  const input = documentSchema.parse(raw);
  const agency = await agencies.resolve(ctx, input.agency);
  return document(ctx, { agencyId: agency.id, year: input.year, scope: input.scope });
}

async function view(ctx: Ctx, row: AnnualReportTable, compiled?: Compiled): Promise<AnnualReportView> {
  const key = keyOf(row);
  const narrative = parseNarrative(row.narrative_json, `年度报告 ${row.id}`);
  let doc: ReportDocument;
  if (row.data_json) {
    // Signed off: the tables and findings as they were, whatever was edited in the year since.
    const agency = await agencies.get(ctx, row.agency_id);
    const data = parseStoredReport(row.data_json, `年度报告 ${row.id}`);
    doc = {
      agencyId: agency.id,
      agencyName: agency.name,
      title: titleOf(agency.name, key.scope, data),
      year: row.year,
      scope: key.scope,
      narrative,
      data,
      findings: data.findings,
    };
  } else {
    doc = await compose(ctx, key, { narrative, compiled });
  }
  return {
    ...doc,
    id: row.id,
    version: row.version,
    state: row.state as AnnualReportView['state'],
    correctionReason: row.correction_reason,
    publishedAt: row.published_at,
    previousProblems: await previousProblems(ctx, key),
    trackedProblems: await problems.trackedFor(ctx, { ...key, year: key.year - 1 }),
  };
}

async function load(ctx: Ctx, id: string, action: 'read' | ReportStep): Promise<AnnualReportTable> {
  return (await loadWithin(ctx, id, action)).row;
}

async function loadWithin(
  ctx: Ctx,
  id: string,
  action: 'read' | ReportStep,
): Promise<{ row: AnnualReportTable; agency: { path: string } }> {
  const row = isId(id) ? await repo.findById(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError('未找到该年度报告');
  const agency = { path: await agencies.pathOf(ctx, row.agency_id) };
  assertCan(ctx.actor, action, agency);
  return { row, agency };
}

/**
 * Adds a version. Two people creating the same version at once meet the unique key
 * (agency, year, scope, version): the second is told, not shown a server error.
 */
async function insertVersion(ctx: Ctx, row: AnnualReportTable, taken: string): Promise<void> {
  try {
    await repo.insert(ctx.db, row);
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(taken);
    throw e;
  }
}

/**
 * The working copy of an agency's report for a year and scope: the open draft, or a new one
 * (version 1, or the published version's successor only through `correct`), its narrative
 * filled from the template.
 */
export async function open(ctx: Ctx, raw: unknown): Promise<AnnualReportView> {
  const input = openSchema.parse(raw);
  const scope = input.scope ?? 'self';
  const agency = await agencies.get(ctx, input.agencyId);
  assertCan(ctx.actor, 'open', agency);
  return inTransaction(ctx, async (ctx) => {
    const latest = await repo.latest(ctx.db, { agencyId: agency.id, year: input.year, scope });
    if (latest) return view(ctx, latest);
    const compiled = await compile(ctx, { agencyId: agency.id, year: input.year, scope });
    const now = ctx.clock.now().toISOString();
    const row: AnnualReportTable = {
      id: newId(),
      agency_id: agency.id,
      year: input.year,
      scope,
      version: 1,
      state: 'draft',
      narrative_json: JSON.stringify(await templateFor(ctx, compiled)),
      data_json: null,
      correction_reason: null,
      created_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      published_by: null,
      published_at: null,
    };
    await insertVersion(ctx, row, '该报告刚由他人创建，请刷新后继续');
    await recordAudit(ctx, {
      action: 'annualReport.open',
      subjectType: 'annualReport',
      subjectId: row.id,
      agencyId: agency.id,
      after: { year: row.year, scope, version: 1 },
    });
    return view(ctx, row, compiled);
  });
}

export async function get(ctx: Ctx, id: string): Promise<AnnualReportView> {
  return view(ctx, await load(ctx, id, 'read'));
}

/** The back-office page of a report: the report, and the steps the viewer may take on it now. */
export async function reportPage(
  ctx: Ctx,
  id: string,
): Promise<{ report: AnnualReportView; allowed: ReportStep[] }> {
  const { row, agency: subject } = await loadWithin(ctx, id, 'read');
  const possible: ReportStep[] =
    row.state === 'draft' ? ['editNarrative', 'publish'] : row.state === 'published' ? ['correct'] : [];
  return {
    report: await view(ctx, row),
    allowed: possible.filter((step) => can(ctx.actor, step, subject)),
  };
}

export async function saveNarrative(ctx: Ctx, id: string, raw: unknown): Promise<AnnualReportView> {
  const input = narrativeSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, 'editNarrative');
    if (row.state !== 'draft')
      throw new ConflictError('已发布的报告不能修改；如需更正，请创建更正版本并说明理由');
    const patch = { narrative_json: JSON.stringify(input), updated_at: ctx.clock.now().toISOString() };
    await repo.setNarrative(ctx.db, row.id, patch);
    await recordAudit(ctx, {
      action: 'annualReport.narrative',
      subjectType: 'annualReport',
      subjectId: row.id,
      agencyId: row.agency_id,
    });
    return view(ctx, { ...row, ...patch });
  });
}

/**
 * What would stop the report's publication now: every error, and every section or paragraph not
 * yet written (a prompt of the template, a placeholder, a sentence cut off).
 */
function blocking(findings: Finding[]): Finding[] {
  return findings.filter(blocksPublication);
}

/** A fingerprint of the report as shown (tables, text, findings): what the confirmation names. */
function reviewToken(report: AnnualReportView): string {
  return createHash('sha256')
    .update(JSON.stringify([report.data, report.narrative]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * The confirmation page of a publication: the report as the public will read it (its sections,
 * its tables), the findings, what still stops it, and a fingerprint of what the office head
 * reviews (the confirmation names it, so a report changed meanwhile — its text, or its tables by
 * a late case — is shown again rather than published).
 */
export async function publishReview(
  ctx: Ctx,
  id: string,
): Promise<{ report: AnnualReportView; blocking: Finding[]; reviewedAt: string; allowed: ReportStep[] }> {
  const row = await load(ctx, id, 'publish');
  if (row.state !== 'draft') throw new ConflictError('该报告已发布');
  const report = await view(ctx, row);
  const stops = blocking(report.findings);
  return {
    report,
    blocking: stops,
    reviewedAt: reviewToken(report),
    allowed: stops.length ? [] : ['publish'],
  };
}

/**
 * The office head signs the report off, having confirmed what will become public
 * (`publishReview`). Refused while any error or unfinished section remains, naming each; the
 * tables are kept as they are now, so a late edit to the year's data does not change the
 * published report. The version it corrects (if any) is superseded.
 */
export async function publish(ctx: Ctx, id: string, raw: unknown): Promise<AnnualReportView> {
  const input = publishSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, 'publish');
    if (row.state !== 'draft') throw new ConflictError('该报告已发布');
    const current = await view(ctx, row);
    const stops = blocking(current.findings);
    if (stops.length)
      throw ValidationError.one(
        'findings',
        `报告还有 ${stops.length} 处须改正，不能发布：${stops.map((f) => f.message).join('；')}`,
      );
    if (reviewToken(current) !== input.reviewedAt)
      throw new ConflictError('您核对之后报告又有修改，请重新核对将要公开的内容后再发布');
    const now = ctx.clock.now().toISOString();
    await repo.supersede(ctx.db, keyOf(row), now);
    const patch = {
      state: 'published',
      data_json: JSON.stringify(current.data),
      published_by: ctx.actor.id,
      published_at: now,
      updated_at: now,
    };
    if (!(await repo.publishDraft(ctx.db, row.id, patch))) throw new ConflictError('该报告已由他人发布');
    // Each problem section 五 states is tracked until it is fixed, and shown next year.
    await problems.recordFromReport(
      ctx,
      { ...keyOf(row), source: 'built', reportId: row.id },
      current.narrative.section5,
    );
    await recordAudit(ctx, {
      action: 'annualReport.publish',
      subjectType: 'annualReport',
      subjectId: row.id,
      agencyId: row.agency_id,
      after: { year: row.year, scope: row.scope, version: row.version, warnings: current.findings.length },
    });
    return view(ctx, { ...row, ...patch });
  });
}

/** A correction of a published report: a new draft version, built afresh, with its reason kept. */
export async function correct(ctx: Ctx, id: string, raw: unknown): Promise<AnnualReportView> {
  const { reason } = correctionSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, 'correct');
    if (row.state !== 'published') throw new ConflictError('只能更正已发布的报告');
    if (await repo.openDraft(ctx.db, keyOf(row))) throw new ConflictError('已有一份正在编辑的更正版本');
    const now = ctx.clock.now().toISOString();
    const next: AnnualReportTable = {
      ...row,
      id: newId(),
      version: row.version + 1,
      state: 'draft',
      data_json: null,
      correction_reason: reason,
      created_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      published_by: null,
      published_at: null,
    };
    await insertVersion(ctx, next, '已有一份正在编辑的更正版本');
    await recordAudit(ctx, {
      action: 'annualReport.correct',
      subjectType: 'annualReport',
      subjectId: next.id,
      agencyId: row.agency_id,
      after: { version: next.version, reason },
    });
    return view(ctx, next);
  });
}

export interface ReportListEntry {
  id: string;
  year: number;
  scope: Scope;
  version: number;
  state: AnnualReportView['state'];
  updatedAt: string;
  agencyName: string;
}

/**
 * The back office's list of reports: the agencies the viewer may open one for, every version of
 * the reports within their scope, and the year a report is due on now (last year).
 */
export async function indexPage(
  ctx: Ctx,
): Promise<{ agencies: Agency[]; reports: ReportListEntry[]; lastYear: number }> {
  const rows = await repo.listWithin(ctx.db, readScopes(ctx.actor));
  return {
    agencies: await agencies.listForStaff(ctx),
    reports: rows.map((r) => ({
      id: r.id,
      year: r.year,
      scope: r.scope as Scope,
      version: r.version,
      state: r.state as AnnualReportView['state'],
      updatedAt: r.updated_at,
      agencyName: r.agency_name,
    })),
    lastYear: Number(beijingDate(ctx.clock.now()).slice(0, 4)) - 1,
  };
}

export interface PublishedEntry {
  id: string;
  year: number;
  scope: Scope;
  version: number;
  publishedAt: string;
  correctionReason: string | null;
}

/** What the portal lists under 政府信息公开年报: each year's current published version. */
export async function publishedOf(ctx: Ctx, agencyId: string): Promise<PublishedEntry[]> {
  const rows = await repo.publishedOf(ctx.db, agencyId);
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    scope: r.scope as Scope,
    version: r.version,
    publishedAt: r.published_at!,
    correctionReason: r.correction_reason,
  }));
}

/**
 * An agency's 年报 column on the portal: its reports published on the platform, and for the other
 * years the reports published before the platform, as recorded from their text (年报检查).
 */
export async function portalList(
  ctx: Ctx,
  agencyId: string,
): Promise<{ published: PublishedEntry[]; before: Array<{ year: number; name: string }> }> {
  const published = await publishedOf(ctx, agencyId);
  const years = new Set(published.map((r) => r.year));
  const before = (await recordedYears(ctx, agencyId)).filter((r) => !years.has(r.year));
  return { published, before };
}

/** A published (or superseded) report for the portal, as signed off. */
export async function publicView(ctx: Ctx, id: string): Promise<AnnualReportView | null> {
  const row = isId(id) ? await repo.findPublicById(ctx.db, id) : undefined;
  if (!row) return null;
  const agency = await agencies.getPublic(ctx, row.agency_id);
  const data = parseStoredReport(row.data_json!, `年度报告 ${row.id}`);
  const scope = row.scope as Scope;
  return {
    id: row.id,
    agencyId: agency.id,
    agencyName: agency.name,
    title: titleOf(agency.name, scope, data),
    year: row.year,
    scope,
    version: row.version,
    state: row.state as AnnualReportView['state'],
    narrative: parseNarrative(row.narrative_json, `年度报告 ${row.id}`),
    data,
    findings: data.findings,
    correctionReason: row.correction_reason,
    publishedAt: row.published_at,
    previousProblems: null,
    trackedProblems: [],
  };
}
