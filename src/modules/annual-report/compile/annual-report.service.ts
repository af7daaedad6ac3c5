import { sql } from 'kysely';
import { holdsRoleOver, type Role } from '../../../platform/access.js';
import { recordAudit } from '../../../platform/audit.js';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { isUniqueViolation } from '../../../platform/db/database.js';
import type { AnnualReportTable } from '../annual-report.tables.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isId, newId } from '../../../platform/ids.js';
import { integer, object, oneOf, optional, text } from '../../../platform/schema.js';
import { agencies, type Agency } from '../../agencies/index.js';
import { extractFigures } from '../published/reader/narrative.js';
import { historyOf, levelOf } from '../published/published-report.service.js';
import { build } from './report-build.service.js';
import { checkNarrative, checkPlausibility } from '../contract/review-checks.js';
import type { Finding, ReportData } from '../contract/report.js';

/**
 * The agency's own 政府信息公开工作年度报告: the tables come from the data (report-build), the
 * narrative (sections 一, 五, 六) is written in the back office from a template filled with the
 * computed figures, so the text cannot contradict the tables. The office head signs it off only
 * when no error finding remains; once published its tables are kept as signed off, whatever is
 * edited later in its year, and a correction is a new version with its reason.
 */

export interface NarrativeText {
  section1: string;
  section5: string;
  section6: string;
}

export type Scope = 'self' | 'tree';
export const scopeLabels: Record<Scope, string> = { self: '本级', tree: '含下级机关' };

export interface AnnualReportView {
  id: string;
  agencyId: string;
  agencyName: string;
  year: number;
  scope: Scope;
  version: number;
  state: 'draft' | 'published' | 'superseded';
  narrative: NarrativeText;
  data: ReportData;
  findings: Finding[];
  correctionReason: string | null;
  publishedAt: string | null;
  previousProblems: string | null;
}

const writers: readonly Role[] = ['admin', 'officeHead', 'clerk'];
const approvers: readonly Role[] = ['admin', 'officeHead'];
const readers: readonly Role[] = ['admin', 'officeHead', 'clerk', 'reviewer', 'supervisor'];

const openSchema = object({
  agencyId: text('机构'),
  year: integer('年度', 2019, 2100),
  scope: optional(oneOf('范围', ['self', 'tree'] as const, scopeLabels)),
});

const narrativeSchema = object({
  section1: text('一、总体情况', { max: 50_000 }),
  section5: text('五、存在的主要问题及改进情况', { max: 20_000 }),
  section6: text('六、其他需要报告的事项', { max: 20_000 }),
});

/**
 * 信息处理费 of the year from the request cases' fee events (条例第四十二条; 国办函〔2020〕109号):
 * the notices issued in the year (cases and total amount), and what was collected in the year —
 * a notice of December paid in January counts as issued in one year and collected in the next.
 * Amounts are added in fen.
 */
async function feeFacts(
  ctx: Ctx,
  agency: Agency,
  scope: Scope,
  year: number,
): Promise<{ notices: number; noticedYuan: number; collectedYuan: number; paid: number }> {
  const within =
    scope === 'self'
      ? sql<boolean>`r.agency_id = ${agency.id}`
      : sql<boolean>`a.path like ${`${agency.path}%`}`;
  const events = await ctx.db
    .selectFrom('request_event as e')
    .innerJoin('request as r', 'r.id', 'e.request_id')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .select(['e.type', 'e.data_json', 'e.request_id', 'e.occurred_on'])
    .where('e.type', 'in', ['feeNoticeReceived', 'feePaid'])
    .where(within)
    .where('e.request_id', 'in', (eb) =>
      eb
        .selectFrom('request_event')
        .select('request_id')
        .where('type', 'in', ['feeNoticeReceived', 'feePaid'])
        .where('occurred_on', '>=', `${year}-01-01`)
        .where('occurred_on', '<=', `${year}-12-31`),
    )
    .orderBy('e.occurred_on')
    .execute();
  const fenOf = (json: string | null) =>
    Math.round(((JSON.parse(json ?? '{}') as { fee?: { total?: number } }).fee?.total ?? 0) * 100);
  const noticeFen = new Map<string, number>();
  let noticed = 0;
  const noticedCases = new Set<string>();
  const paidCases = new Set<string>();
  for (const e of events) {
    const inYear = e.occurred_on.startsWith(String(year));
    if (e.type === 'feeNoticeReceived') {
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
    collectedYuan: collected / 100,
    paid: paidCases.size,
  };
}

/** The template of sections 一, 五, 六, filled with the figures the tables will show. */
async function template(
  ctx: Ctx,
  agency: Agency,
  scope: Scope,
  year: number,
  data: ReportData,
  previousProblems: string | null,
): Promise<NarrativeText> {
  const col = (key: keyof ReportData['requests']) => data.requests[key]?.[6] ?? 0;
  const who = scope === 'tree' ? `${agency.name}及所属各级各部门` : agency.name;
  const fee = await feeFacts(ctx, agency, scope, year);
  return {
    section1: [
      `${year}年，${who}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，推进政府信息公开工作。`,
      '（一）主动公开。（请填写主动公开的主要内容和渠道。）',
      `（二）依申请公开。全年共收到政府信息公开申请 ${col('received')} 件，上年结转 ${col('carriedOver')} 件，办结 ${col('total')} 件，结转下年度继续办理 ${col('carriedForward')} 件。`,
      '（三）政府信息管理。（请填写公开属性认定、保密审查、动态更新等情况。）',
      '（四）平台建设。（请填写政府网站、政务新媒体等平台建设情况。）',
      '（五）监督保障。（请填写培训、考核、社会评议等情况。）',
    ].join('\n'),
    section5: [
      previousProblems
        ? `（一）上年度报告所述问题的改进情况。上年度报告所述问题：${previousProblems.replace(/\s+/g, ' ').slice(0, 500)}（请说明改进情况。）`
        : '（一）上年度报告所述问题的改进情况。（请说明。）',
      '（二）本年度存在的主要问题。（请填写。）',
      '（三）改进措施。（请填写。）',
    ].join('\n'),
    section6:
      fee.notices === 0 && fee.paid === 0
        ? `依据《政府信息公开信息处理费管理办法》，本年度${who}未发出收费通知，未收取信息处理费。`
        : `依据《政府信息公开信息处理费管理办法》，本年度${who}发出收费通知 ${fee.notices} 件，总金额 ${fee.noticedYuan} 元；实际收取信息处理费 ${fee.collectedYuan} 元（${fee.paid} 件）。`,
  };
}

function toNarrative(row: AnnualReportTable): NarrativeText {
  return JSON.parse(row.narrative_json) as NarrativeText;
}

/** Last year's published report's section 五, shown while writing this year's. */
async function previousProblems(
  ctx: Ctx,
  agencyId: string,
  scope: Scope,
  year: number,
): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('annual_report')
    .select('narrative_json')
    .where('agency_id', '=', agencyId)
    .where('year', '=', year - 1)
    .where('scope', '=', scope)
    .where('state', '=', 'published')
    .executeTakeFirst();
  if (row) return (JSON.parse(row.narrative_json) as NarrativeText).section5;
  // The first year on the platform: last year's report as published before, if recorded.
  if (scope === 'self')
    return (await historyOf(ctx, agencyId, year - 1))?.data?.narrative.sections?.五 ?? null;
  return null;
}

/** The findings of a report with its narrative: the data's own, plus narrative and plausibility. */
function withNarrative(agency: Agency, data: ReportData, narrative: NarrativeText): ReportData {
  const figures = [...extractFigures(narrative.section1, '一'), ...extractFigures(narrative.section6, '六')];
  const full: ReportData = {
    ...data,
    narrative: {
      sections: { 一: narrative.section1, 五: narrative.section5, 六: narrative.section6 },
      figures,
    },
  };
  const level = levelOf(agency);
  const completeness: Finding[] = [];
  for (const [key, name] of [
    ['section1', '一、总体情况'],
    ['section5', '五、存在的主要问题及改进情况'],
    ['section6', '六、其他需要报告的事项'],
  ] as const)
    if (!narrative[key].trim() || /（请(填写|说明)[^）]*）/.test(narrative[key]))
      completeness.push({
        check: 'completeness',
        severity: 'warning',
        where: `narrative.${key}`,
        message: `“${name}”尚未写完（仍有空白或“请填写”的提示）`,
      });
  if (data.format === '2021' && !/信息处理费/.test(narrative.section6))
    completeness.push({
      check: 'completeness',
      severity: 'warning',
      where: 'narrative.section6',
      message: '“六、其他需要报告的事项”应说明信息处理费的收取情况（2021 年格式）',
    });
  return {
    ...full,
    findings: [...data.findings, ...completeness, ...checkNarrative(full), ...checkPlausibility(full, level)],
  };
}

async function view(ctx: Ctx, row: AnnualReportTable, built?: ReportData): Promise<AnnualReportView> {
  const agency = await agencies.get(ctx, row.agency_id);
  const narrative = toNarrative(row);
  const base: ReportData = row.data_json
    ? (JSON.parse(row.data_json) as ReportData)
    : (built ?? (await build(ctx, { agencyId: agency.id, year: row.year, scope: row.scope as Scope })));
  const data = row.data_json ? base : withNarrative(agency, base, narrative);
  return {
    id: row.id,
    agencyId: agency.id,
    agencyName: agency.name,
    year: row.year,
    scope: row.scope as Scope,
    version: row.version,
    state: row.state as AnnualReportView['state'],
    narrative,
    data,
    findings: data.findings,
    correctionReason: row.correction_reason,
    publishedAt: row.published_at,
    previousProblems: await previousProblems(ctx, agency.id, row.scope as Scope, row.year),
  };
}

async function load(ctx: Ctx, id: string, roles: readonly Role[]): Promise<AnnualReportTable> {
  const row = isId(id)
    ? await ctx.db.selectFrom('annual_report').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new NotFoundError('未找到该年度报告');
  if (!holdsRoleOver(ctx.actor, roles, await agencies.pathOf(ctx, row.agency_id))) throw new ForbiddenError();
  return row;
}

/**
 * Adds a version. Two people creating the same version at once meet the unique key
 * (agency, year, scope, version): the second is told, not shown a server error.
 */
async function insertVersion(ctx: Ctx, row: AnnualReportTable, taken: string): Promise<void> {
  try {
    await ctx.db.insertInto('annual_report').values(row).execute();
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
  if (!holdsRoleOver(ctx.actor, writers, agency.path)) throw new ForbiddenError();
  return inTransaction(ctx, async (ctx) => {
    const latest = await ctx.db
      .selectFrom('annual_report')
      .selectAll()
      .where('agency_id', '=', agency.id)
      .where('year', '=', input.year)
      .where('scope', '=', scope)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (latest) return view(ctx, latest);
    const data = await build(ctx, { agencyId: agency.id, year: input.year, scope });
    const now = ctx.clock.now().toISOString();
    const row: AnnualReportTable = {
      id: newId(),
      agency_id: agency.id,
      year: input.year,
      scope,
      version: 1,
      state: 'draft',
      narrative_json: JSON.stringify(
        await template(
          ctx,
          agency,
          scope,
          input.year,
          data,
          await previousProblems(ctx, agency.id, scope, input.year),
        ),
      ),
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
    return view(ctx, row, data);
  });
}

/**
 * The narrative to print with a report built for a year: the text of the agency's report for
 * that year and scope when one is being written or is published, else the template.
 */
export async function narrativeFor(
  ctx: Ctx,
  agencyId: string,
  year: number,
  scope: Scope,
  data: ReportData,
): Promise<NarrativeText> {
  const agency = await agencies.get(ctx, agencyId);
  if (!holdsRoleOver(ctx.actor, readers, agency.path)) throw new ForbiddenError();
  const row = await ctx.db
    .selectFrom('annual_report')
    .select('narrative_json')
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .where('scope', '=', scope)
    .where('state', 'in', ['draft', 'published'])
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (row) return JSON.parse(row.narrative_json) as NarrativeText;
  return template(ctx, agency, scope, year, data, await previousProblems(ctx, agencyId, scope, year));
}

export async function get(ctx: Ctx, id: string): Promise<AnnualReportView> {
  return view(ctx, await load(ctx, id, readers));
}

export async function saveNarrative(ctx: Ctx, id: string, raw: unknown): Promise<AnnualReportView> {
  const input = narrativeSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, writers);
    if (row.state !== 'draft')
      throw new ConflictError('已发布的报告不能修改；如需更正，请创建更正版本并说明理由');
    const patch = { narrative_json: JSON.stringify(input), updated_at: ctx.clock.now().toISOString() };
    await ctx.db.updateTable('annual_report').set(patch).where('id', '=', row.id).execute();
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
 * The office head signs the report off. Refused while any error finding remains; the tables
 * are kept as they are now, so a late edit to the year's data does not change the published
 * report. The version it corrects (if any) is superseded.
 */
export async function publish(ctx: Ctx, id: string): Promise<AnnualReportView> {
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, approvers);
    if (row.state !== 'draft') throw new ConflictError('该报告已发布');
    const current = await view(ctx, row);
    const errors = current.findings.filter((f) => f.severity === 'error');
    if (errors.length)
      throw ValidationError.one(
        'findings',
        `报告还有 ${errors.length} 处错误，不能发布：${errors.map((f) => f.message).join('；')}`,
      );
    const now = ctx.clock.now().toISOString();
    await ctx.db
      .updateTable('annual_report')
      .set({ state: 'superseded', updated_at: now })
      .where('agency_id', '=', row.agency_id)
      .where('year', '=', row.year)
      .where('scope', '=', row.scope)
      .where('state', '=', 'published')
      .execute();
    const patch = {
      state: 'published',
      data_json: JSON.stringify(current.data),
      published_by: ctx.actor.id,
      published_at: now,
      updated_at: now,
    };
    const done = await ctx.db
      .updateTable('annual_report')
      .set(patch)
      .where('id', '=', row.id)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new ConflictError('该报告已由他人发布');
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

const correctionSchema = object({ reason: text('更正理由', { min: 4, max: 2000 }) });

/** A correction of a published report: a new draft version, built afresh, with its reason kept. */
export async function correct(ctx: Ctx, id: string, raw: unknown): Promise<AnnualReportView> {
  const { reason } = correctionSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const row = await load(ctx, id, approvers);
    if (row.state !== 'published') throw new ConflictError('只能更正已发布的报告');
    const open = await ctx.db
      .selectFrom('annual_report')
      .select('id')
      .where('agency_id', '=', row.agency_id)
      .where('year', '=', row.year)
      .where('scope', '=', row.scope)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (open) throw new ConflictError('已有一份正在编辑的更正版本');
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
  const rows = await ctx.db
    .selectFrom('annual_report')
    .select(['id', 'year', 'scope', 'version', 'published_at', 'correction_reason'])
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'published')
    .orderBy('year', 'desc')
    .orderBy('scope')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    scope: r.scope as Scope,
    version: r.version,
    publishedAt: r.published_at!,
    correctionReason: r.correction_reason,
  }));
}

/** A published (or superseded) report for the portal, as signed off. */
export async function publicView(ctx: Ctx, id: string): Promise<AnnualReportView | null> {
  const row = isId(id)
    ? await ctx.db
        .selectFrom('annual_report')
        .selectAll()
        .where('id', '=', id)
        .where('state', 'in', ['published', 'superseded'])
        .executeTakeFirst()
    : undefined;
  if (!row) return null;
  const agency = await agencies.getPublic(ctx, row.agency_id);
  const data = JSON.parse(row.data_json!) as ReportData;
  return {
    id: row.id,
    agencyId: agency.id,
    agencyName: agency.name,
    year: row.year,
    scope: row.scope as Scope,
    version: row.version,
    state: row.state as AnnualReportView['state'],
    narrative: toNarrative(row),
    data,
    findings: data.findings,
    correctionReason: row.correction_reason,
    publishedAt: row.published_at,
    previousProblems: null,
  };
}
