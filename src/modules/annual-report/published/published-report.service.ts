import { recordAudit } from '../../../platform/audit.js';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { isUniqueViolation } from '../../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isId, newId } from '../../../platform/ids.js';
import { integer, object, optional, text } from '../../../platform/schema.js';
import { agencies, type Agency } from '../../agencies/index.js';
import { reportSettings } from '../annual-report.settings.js';
import type { GovernmentLevel } from '../contract/agency-level.js';
import type { ReadInfo } from '../contract/read-info.js';
import { parseStoredReport } from '../contract/schema.js';
import { assertCan, can, scopes } from './published-report.policy.js';
import { checkedListRow } from './published-report.presenter.js';
import * as repo from './published-report.repository.js';
import { checkPublishedReport, checkRead, type CheckedReport, type ReadStatus } from './read-and-check.js';
import * as reportRepo from '../compile/annual-report.repository.js';
import * as problems from '../followup/problems.service.js';

export interface StoredReport extends CheckedReport {
  id: string;
  uploadedAt: string;
  history: { agencyId: string; year: number } | null;
}

const MAX_BYTES = 20 * 1024 * 1024;

const attachSchema = object({
  agencyId: text('机构'),
  year: integer('年度', 2008, 2100),
  replace: optional(text('替换')),
});

/** The platform's own record of the agency's level, for the plausibility check. */
export function levelOf(a: Agency): GovernmentLevel | null {
  if (a.kind !== 'peoplesGovernment') return null;
  return a.level === 'village' ? 'township' : a.level;
}

function toStored(row: NonNullable<Awaited<ReturnType<typeof repo.findById>>>): StoredReport {
  return {
    id: row.id,
    file: row.source_name,
    status: row.read_status as ReadStatus,
    data: row.data_json ? parseStoredReport(row.data_json, `年报检查 ${row.id}`) : null,
    // What the reader found is kept as the reader wrote it; it is not report data.
    info: row.info_json ? (JSON.parse(row.info_json) as ReadInfo) : null,
    error: row.error,
    uploadedAt: row.uploaded_at,
    history:
      row.history_agency_id && row.history_year
        ? { agencyId: row.history_agency_id, year: row.history_year }
        : null,
  };
}

/**
 * Reads and checks an uploaded report (a file, or text pasted into the form) and keeps the
 * result, so the supervisor can come back to it and record it as an agency's history.
 */
export async function check(ctx: Ctx, input: { name: string; bytes: Uint8Array }): Promise<StoredReport> {
  const home = ctx.actor.agencyId ? await agencies.get(ctx, ctx.actor.agencyId) : await agencies.root(ctx);
  if (!home) throw new NotFoundError('请先建立机构');
  assertCan(ctx.actor, 'check', home);
  const name = input.name.trim().slice(0, 200) || '粘贴的文本';
  if (input.bytes.length === 0) throw ValidationError.one('file', '请选择要检查的文件，或粘贴报告全文');
  if (input.bytes.length > MAX_BYTES)
    throw ValidationError.one('file', `文件不能超过 ${MAX_BYTES / 1024 / 1024} MB`);
  const checked = await checkPublishedReport(name, input.bytes, {
    pdfTextEngine: reportSettings.of(ctx).pdfTextEngine,
  });
  return inTransaction(ctx, async (ctx) => {
    const id = newId();
    const now = ctx.clock.now().toISOString();
    await repo.insert(ctx.db, {
      id,
      agency_id: home.id,
      uploaded_by: ctx.actor.id,
      uploaded_at: now,
      source_name: name,
      source_kind: checked.data?.source.kind ?? 'text',
      read_status: checked.status,
      report_year: checked.data?.year ?? null,
      report_agency: checked.data?.agency ?? null,
      error_count: checked.data?.findings.filter((f) => f.severity === 'error').length ?? 0,
      warning_count: checked.data?.findings.filter((f) => f.severity === 'warning').length ?? 0,
      data_json: checked.data ? JSON.stringify(checked.data) : null,
      info_json: checked.info ? JSON.stringify(checked.info) : null,
      error: checked.error,
      history_agency_id: null,
      history_year: null,
      attached_at: null,
      attached_by: null,
    });
    await recordAudit(ctx, {
      action: 'publishedReport.check',
      subjectType: 'publishedReport',
      subjectId: id,
      agencyId: home.id,
      after: {
        file: name,
        status: checked.status,
        year: checked.data?.year ?? null,
        agency: checked.data?.agency ?? null,
      },
    });
    return { ...checked, id, uploadedAt: now, history: null };
  });
}

export async function get(ctx: Ctx, id: string): Promise<StoredReport> {
  const row = isId(id) ? await repo.findById(ctx.db, id) : undefined;
  if (!row) throw new NotFoundError('未找到该报告');
  assertCan(ctx.actor, 'read', { path: await agencies.pathOf(ctx, row.agency_id) });
  return toStored(row);
}

export async function list(ctx: Ctx) {
  return (await repo.listWithin(ctx.db, scopes(ctx.actor))).map(checkedListRow);
}

/**
 * The checker's page of one report: the report as read and checked, the agency it is recorded
 * for (if any), and the agencies the viewer may record it for (empty: no form).
 */
export async function checkedPage(
  ctx: Ctx,
  id: string,
): Promise<{
  report: StoredReport;
  history: { name: string; year: number } | null;
  attachTargets: Agency[];
}> {
  const report = await get(ctx, id);
  const historyAgency = report.history
    ? await agencies.get(ctx, report.history.agencyId).catch(() => null)
    : null;
  const attachTargets = report.data
    ? (await agencies.listForStaff(ctx)).filter((a) => can(ctx.actor, 'attach', a))
    : [];
  return {
    report,
    history: historyAgency && report.history ? { name: historyAgency.name, year: report.history.year } : null,
    attachTargets,
  };
}

/** Reports published before the platform and recorded from their text, for an agency's 专栏. */
export async function recordedYears(
  ctx: Ctx,
  agencyId: string,
): Promise<Array<{ year: number; name: string }>> {
  return repo.recordedYears(ctx.db, agencyId);
}

/** Agencies whose report on `year` is recorded from its published text (the deadline reminder). */
export async function agenciesRecordedFor(ctx: Ctx, year: number): Promise<Set<string>> {
  return new Set(await repo.agenciesRecordedFor(ctx.db, year));
}

/** The report recorded as an agency's published report for a year, if any. */
export async function historyOf(ctx: Ctx, agencyId: string, year: number): Promise<StoredReport | null> {
  const row = await repo.findHistory(ctx.db, agencyId, year);
  return row ? toStored(row) : null;
}

/**
 * Records a checked report as an agency's published report for a year, and checks it again
 * with what the platform knows: last year's report (year-chain, stock) and the agency's level.
 */
export async function attach(ctx: Ctx, id: string, raw: unknown): Promise<StoredReport> {
  const input = attachSchema.parse(raw);
  return inTransaction(ctx, async (ctx) => {
    const report = await get(ctx, id);
    if (!report.data) throw ValidationError.one('agencyId', '这份报告没有读到数据，不能作为历史报告');
    const agency = await agencies.get(ctx, input.agencyId).catch(() => {
      throw ValidationError.one('agencyId', '所选机构不存在');
    });
    assertCan(ctx.actor, 'attach', agency);
    if (report.data.year !== null && report.data.year !== input.year) {
      throw ValidationError.one(
        'year',
        `报告写明的年度是 ${report.data.year} 年，与所选年度 ${input.year} 不一致`,
      );
    }
    const existing = await repo.findHistory(ctx.db, agency.id, input.year);
    if (existing && existing.id !== id) {
      if (!input.replace)
        throw ValidationError.one(
          'year',
          `${agency.name} ${input.year} 年度已有历史报告“${existing.source_name}”，如需替换请勾选“替换”`,
        );
      await repo.detach(ctx.db, existing.id);
    }
    const previous = await repo.findHistory(ctx.db, agency.id, input.year - 1);
    const data = checkRead(report.data, report.info, {
      previous: previous?.data_json ? parseStoredReport(previous.data_json, `年报检查 ${previous.id}`) : null,
      level: levelOf(agency),
    });
    const now = ctx.clock.now().toISOString();
    try {
      await repo.attach(ctx.db, id, agency.id, input.year, now, ctx.actor.id);
    } catch (e) {
      if (isUniqueViolation(e))
        throw ValidationError.one('year', '该年度刚被记录了另一份历史报告，请刷新后重试');
      throw e;
    }
    await repo.updateFindings(ctx.db, id, data);
    await recordAudit(ctx, {
      action: 'publishedReport.attach',
      subjectType: 'publishedReport',
      subjectId: id,
      agencyId: agency.id,
      after: {
        agency: agency.name,
        year: input.year,
        replaced: existing && existing.id !== id ? existing.id : null,
      },
    });
    // Its section 五's problems are tracked, unless the platform published the year's report.
    const section5 = data.narrative.sections?.五;
    const key = { agencyId: agency.id, year: input.year, scope: 'self' as const };
    if (section5 && !(await reportRepo.published(ctx.db, key)))
      await problems.recordFromReport(ctx, { ...key, source: 'published', reportId: id }, section5);
    return { ...report, data, history: { agencyId: agency.id, year: input.year } };
  });
}
