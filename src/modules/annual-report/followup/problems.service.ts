import { recordAudit } from '../../../platform/audit.js';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { agencies } from '../../agencies/index.js';
import type { ReportProblemTable } from '../annual-report.tables.js';
import { assertCan } from '../compile/annual-report.policy.js';
import * as reportRepo from '../compile/annual-report.repository.js';
import type { Scope } from '../compile/annual-report.schemas.js';
import * as repo from './followup.repository.js';
import {
  newProblemSchema,
  problemSchema,
  problemStatusLabels,
  type ProblemStatus,
} from './followup.schemas.js';
import { historyOf } from '../published/published-report.service.js';
import { splitProblems } from './problems.js';

/**
 * The problems each published section 五 states, tracked until they are fixed (整改): cut from
 * the text when the report is published (or a published report is recorded as the agency's),
 * corrected by the office where the cut was wrong, given a status and the measures taken, and
 * offered to next year's section 五 (上年度报告所述问题的改进情况).
 */

export interface ReportProblem {
  id: string;
  agencyId: string;
  year: number;
  scope: Scope;
  source: 'built' | 'published';
  reportId: string;
  ordinal: number;
  text: string;
  status: ProblemStatus;
  measures: string | null;
  fixedOn: string | null;
  updatedAt: string;
}

function toView(r: ReportProblemTable): ReportProblem {
  return {
    id: r.id,
    agencyId: r.agency_id,
    year: r.year,
    scope: r.scope as Scope,
    source: r.source as ReportProblem['source'],
    reportId: r.report_id,
    ordinal: r.ordinal,
    text: r.text,
    status: r.status as ProblemStatus,
    measures: r.measures,
    fixedOn: r.fixed_on,
    updatedAt: r.updated_at,
  };
}

/** An item the office has worked on: its status, measures or text were set by a person. */
const touched = (r: ReportProblemTable) =>
  r.status !== 'open' || r.measures !== null || r.updated_by !== null;

/**
 * Records the problems of a section 五 just published, for its agency, year and scope. A
 * correction publishes the section again: items whose text is unchanged keep their status, new
 * ones are added, and those no longer stated go — unless the office has worked on them, which
 * stay. Called inside the publishing transaction; audited by the publication itself.
 */
export async function recordFromReport(
  ctx: Ctx,
  report: { agencyId: string; year: number; scope: Scope; source: 'built' | 'published'; reportId: string },
  section5: string,
): Promise<ReportProblem[]> {
  const key = { agencyId: report.agencyId, year: report.year, scope: report.scope };
  const existing = await repo.problemsOf(ctx.db, key);
  const now = ctx.clock.now().toISOString();
  const texts = splitProblems(section5);
  const kept = new Set<string>();
  const inserts: ReportProblemTable[] = [];
  for (const [i, text] of texts.entries()) {
    const same = existing.find((r) => r.text === text && !kept.has(r.id));
    if (same) {
      kept.add(same.id);
      await repo.updateProblem(ctx.db, same.id, {
        ordinal: i + 1,
        updated_by: same.updated_by,
        updated_at: same.updated_at,
      });
      continue;
    }
    inserts.push({
      id: newId(),
      agency_id: report.agencyId,
      year: report.year,
      scope: report.scope,
      source: report.source,
      report_id: report.reportId,
      ordinal: i + 1,
      text,
      status: 'open',
      measures: null,
      fixed_on: null,
      created_at: now,
      updated_by: null,
      updated_at: now,
    });
  }
  const gone = existing.filter((r) => !kept.has(r.id));
  await repo.deleteProblems(
    ctx.db,
    gone.filter((r) => !touched(r)).map((r) => r.id),
  );
  // Worked-on items no longer stated stay, after the stated ones.
  for (const [i, r] of gone.filter(touched).entries())
    await repo.updateProblem(ctx.db, r.id, {
      ordinal: texts.length + i + 1,
      updated_by: r.updated_by,
      updated_at: r.updated_at,
    });
  await repo.insertProblems(ctx.db, inserts);
  return (await repo.problemsOf(ctx.db, key)).map(toView);
}

/** The problems a report of an agency stated for a year. */
export async function problemsOf(
  ctx: Ctx,
  key: { agencyId: string; year: number; scope: Scope },
): Promise<ReportProblem[]> {
  const agency = await agencies.get(ctx, key.agencyId);
  assertCan(ctx.actor, 'read', agency);
  return (await repo.problemsOf(ctx.db, { ...key, agencyId: agency.id })).map(toView);
}

/** The same, for a caller that has checked the actor may read the agency's report. */
export async function trackedFor(
  ctx: Ctx,
  key: { agencyId: string; year: number; scope: Scope },
): Promise<ReportProblem[]> {
  return (await repo.problemsOf(ctx.db, key)).map(toView);
}

async function loadForEdit(ctx: Ctx, id: string): Promise<ReportProblemTable> {
  const row = await repo.findProblem(ctx.db, id);
  if (!row) throw new NotFoundError('未找到该问题');
  assertCan(ctx.actor, 'editNarrative', await agencies.get(ctx, row.agency_id));
  return row;
}

/** The office corrects an item's text or says how far its 整改 has come. */
export async function update(ctx: Ctx, id: string, raw: unknown): Promise<ReportProblem> {
  const input = problemSchema.parse(raw);
  if (input.status === 'fixed' && !input.measures)
    throw ValidationError.one('measures', '已整改的问题请填写整改措施');
  if (input.status !== 'fixed' && input.fixedOn)
    throw ValidationError.one('fixedOn', '只有已整改的问题才填写整改完成日期');
  return inTransaction(ctx, async (ctx) => {
    const row = await loadForEdit(ctx, id);
    const now = ctx.clock.now().toISOString();
    const patch = {
      text: input.text,
      status: input.status,
      measures: input.measures,
      fixed_on: input.fixedOn,
      updated_by: ctx.actor.id,
      updated_at: now,
    };
    await repo.updateProblem(ctx.db, id, patch);
    await recordAudit(ctx, {
      action: 'reportProblem.update',
      subjectType: 'reportProblem',
      subjectId: id,
      agencyId: row.agency_id,
      before: { text: row.text, fix: row.status, measures: row.measures },
      after: { text: patch.text, fix: patch.status, measures: patch.measures },
    });
    return toView({ ...row, ...patch });
  });
}

/** A problem the text stated that the cut missed (or a run-on item split in two). */
export async function add(
  ctx: Ctx,
  key: { agencyId: string; year: number; scope: Scope },
  raw: unknown,
): Promise<ReportProblem> {
  const input = newProblemSchema.parse(raw);
  const agency = await agencies.get(ctx, key.agencyId);
  assertCan(ctx.actor, 'editNarrative', agency);
  return inTransaction(ctx, async (ctx) => {
    const existing = await repo.problemsOf(ctx.db, { ...key, agencyId: agency.id });
    const source = existing[0]
      ? { source: existing[0].source, reportId: existing[0].report_id }
      : await publishedReportOf(ctx, { ...key, agencyId: agency.id });
    if (!source)
      throw ValidationError.one(
        'text',
        `${agency.name} ${key.year} 年度报告尚未发布或记录，不能为其登记问题`,
      );
    const now = ctx.clock.now().toISOString();
    const row: ReportProblemTable = {
      id: newId(),
      agency_id: agency.id,
      year: key.year,
      scope: key.scope,
      source: source.source,
      report_id: source.reportId,
      ordinal: Math.max(0, ...existing.map((r) => r.ordinal)) + 1,
      text: input.text,
      status: 'open',
      measures: null,
      fixed_on: null,
      created_at: now,
      updated_by: ctx.actor.id,
      updated_at: now,
    };
    await repo.insertProblems(ctx.db, [row]);
    await recordAudit(ctx, {
      action: 'reportProblem.add',
      subjectType: 'reportProblem',
      subjectId: row.id,
      agencyId: agency.id,
      after: { text: row.text },
    });
    return toView(row);
  });
}

/** The report a year's problems belong to: the platform's own, else the one recorded from its text. */
async function publishedReportOf(
  ctx: Ctx,
  key: { agencyId: string; year: number; scope: Scope },
): Promise<{ source: string; reportId: string } | null> {
  const built = await reportRepo.published(ctx.db, key);
  if (built) return { source: 'built', reportId: built.id };
  if (key.scope !== 'self') return null;
  const recorded = await historyOf(ctx, key.agencyId, key.year);
  return recorded ? { source: 'published', reportId: recorded.id } : null;
}

/** An item that is no problem (a sentence the cut took for one). */
export async function remove(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (ctx) => {
    const row = await loadForEdit(ctx, id);
    await repo.deleteProblem(ctx.db, id);
    await recordAudit(ctx, {
      action: 'reportProblem.remove',
      subjectType: 'reportProblem',
      subjectId: id,
      agencyId: row.agency_id,
      before: { text: row.text, fix: row.status },
    });
  });
}

/**
 * Last year's problems and their 整改 as next year's section 五 states them:
 * "1. 问题……。整改情况：已整改，措施……".
 */
export function problemsText(items: Pick<ReportProblem, 'text' | 'status' | 'measures'>[]): string {
  return items
    .map((p, i) => {
      const state = problemStatusLabels[p.status];
      const measures = p.measures ? `，${p.measures.replace(/\s+/g, ' ').replace(/[。；;，,\s]+$/, '')}` : '';
      return `${i + 1}. ${p.text}。整改情况：${state}${measures}。`;
    })
    .join('');
}

/** A problem and what the page needs to show it: its agency's name. */
export async function getForEdit(ctx: Ctx, id: string): Promise<ReportProblem & { agencyName: string }> {
  const row = await loadForEdit(ctx, id);
  return { ...toView(row), agencyName: (await agencies.get(ctx, row.agency_id)).name };
}
