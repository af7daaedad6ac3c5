import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { agencies, type Agency } from '../agencies/index.js';
import type { WebsiteReportTable } from './website-report.tables.js';
import { assertCan, can } from './website-report.policy.js';
import * as repo from './website-report.repository.js';
import { allFields, labelOf, sectionOf } from './website-report.fields.js';
import { computeFigures } from './website-report.sources.js';
import {
  compose,
  emptyEntries,
  parseEntries,
  parseStoredEntries,
  problemsOf,
  tableRows,
  titleOf,
  type Entries,
  type ReportData,
  type TableRow,
} from './website-report.js';

/**
 * The portal's 政府网站工作年度报表 (国办函〔2018〕12号): published on the site's home page by
 * 31 January for the year before. The platform computes what it holds (website-report.sources),
 * the 公开办 fills the rest and may override a computed figure with its reason; the office head
 * signs it off, which freezes the whole table; a correction is a new version with its reason.
 */

export type ReportState = 'none' | 'draft' | 'published' | 'superseded';
export const stateLabels: Record<ReportState, string> = {
  none: '未开始',
  draft: '填报中',
  published: '已发布',
  superseded: '已更正',
};

export type Step = 'edit' | 'publish' | 'correct';

export interface ReportView {
  id: string | null;
  year: number;
  version: number;
  state: ReportState;
  data: ReportData;
  entries: Entries;
  /** What still stops its publication (a draft only). */
  problems: FieldError[];
  correctionReason: string | null;
  publishedAt: string | null;
}

/** The site's 主办单位: the top agency of the tree. */
async function siteAgency(ctx: Ctx): Promise<Agency> {
  const root = await agencies.root(ctx);
  if (!root) throw new NotFoundError('尚未设立机构');
  return root;
}

const thisYear = (ctx: Ctx) => Number(beijingDate(ctx.clock.now()).slice(0, 4));

/** The year asked for (last year, the one due now, when none), or a Chinese error naming the field. */
export function yearOf(ctx: Ctx, raw: string | undefined): number {
  if (raw === undefined || raw === '') return thisYear(ctx) - 1;
  if (!/^\d{4}$/.test(raw)) throw ValidationError.one('year', '年度应为四位数字，例如 2025');
  const y = Number(raw);
  if (y < 2000 || y > thisYear(ctx))
    throw ValidationError.one('year', `年度应在 2000 年至 ${thisYear(ctx)} 年之间`);
  return y;
}

/** The legal date: 31 January of the year after (国办函〔2018〕12号). */
export const deadlineOf = (year: number) => `${year + 1}-01-31`;

async function viewOf(
  ctx: Ctx,
  site: Agency,
  year: number,
  row: WebsiteReportTable | undefined,
  siteUrl: string | null,
): Promise<ReportView> {
  const entries = row ? parseStoredEntries(row.entered_json) : emptyEntries();
  const data = row?.data_json
    ? (JSON.parse(row.data_json) as ReportData)
    : compose(year, await computeFigures(ctx, site, year, siteUrl), entries);
  return {
    id: row?.id ?? null,
    year,
    version: row?.version ?? 1,
    state: (row?.state ?? 'none') as ReportState,
    data,
    entries,
    problems: row?.data_json ? [] : problemsOf(data),
    correctionReason: row?.correction_reason ?? null,
    publishedAt: row?.published_at ?? null,
  };
}

function stepsOf(ctx: Ctx, site: Agency, state: ReportState): Step[] {
  const possible: Step[] =
    state === 'none' || state === 'draft' ? ['edit', 'publish'] : state === 'published' ? ['correct'] : [];
  return possible.filter((s) => can(ctx.actor, s, site));
}

/** The back-office page of a year's report: the report as it stands and what the viewer may do. */
export async function formPage(
  ctx: Ctx,
  rawYear: string | undefined,
  siteUrl: string | null,
): Promise<{
  site: Agency;
  year: number;
  years: number[];
  deadline: string;
  report: ReportView;
  allowed: Step[];
}> {
  const site = await siteAgency(ctx);
  assertCan(ctx.actor, 'read', site);
  const year = yearOf(ctx, rawYear);
  const report = await viewOf(
    ctx,
    site,
    year,
    await repo.latest(ctx.db, { agencyId: site.id, year }),
    siteUrl,
  );
  const now = thisYear(ctx);
  return {
    site,
    year,
    years: [now, now - 1, now - 2, now - 3],
    deadline: deadlineOf(year),
    report,
    allowed: stepsOf(ctx, site, report.state),
  };
}

/**
 * Saves the office's entries of a year's draft (made on the first save): every field checked at
 * once, nothing stored while any is wrong. A published report is changed only by a correction.
 */
export async function save(
  ctx: Ctx,
  rawYear: string | undefined,
  body: Record<string, unknown>,
  siteUrl: string | null,
): Promise<ReportView> {
  const site = await siteAgency(ctx);
  assertCan(ctx.actor, 'edit', site);
  const year = yearOf(ctx, rawYear);
  const { entries, errors } = parseEntries(body);
  if (errors.length) throw new ValidationError(errors);
  return inTransaction(ctx, async (ctx) => {
    const key = { agencyId: site.id, year };
    let row = await repo.latest(ctx.db, key);
    if (row && row.state !== 'draft')
      throw new ConflictError('该年度报表已发布，不能修改；如需更正，请创建更正版本并说明理由');
    const now = ctx.clock.now().toISOString();
    const json = JSON.stringify(entries);
    if (row) {
      await repo.setEntries(ctx.db, row.id, { entered_json: json, updated_at: now });
      row = { ...row, entered_json: json, updated_at: now };
    } else {
      row = {
        id: newId(),
        agency_id: site.id,
        year,
        version: 1,
        state: 'draft',
        entered_json: json,
        data_json: null,
        correction_reason: null,
        created_by: ctx.actor.id,
        created_at: now,
        updated_at: now,
        published_by: null,
        published_at: null,
      };
      await insertVersion(ctx, row);
    }
    await recordAudit(ctx, {
      action: 'websiteReport.save',
      subjectType: 'websiteReport',
      subjectId: row.id,
      agencyId: site.id,
      after: { year, version: row.version, overrides: Object.keys(entries.overrides).length },
    });
    return viewOf(ctx, site, year, row, siteUrl);
  });
}

async function insertVersion(ctx: Ctx, row: WebsiteReportTable): Promise<void> {
  try {
    await repo.insert(ctx.db, row);
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError('该报表刚由他人创建或更正，请刷新后继续');
    throw e;
  }
}

/**
 * The office head signs the year's report off once the year is over and every field is filled
 * (each missing one named): the whole table — the platform's figures as computed now, the
 * entries, the overrides with their reasons — is kept as it is, so a record published later does
 * not change it. The version it corrects is superseded.
 */
export async function publish(
  ctx: Ctx,
  rawYear: string | undefined,
  siteUrl: string | null,
): Promise<ReportView> {
  const site = await siteAgency(ctx);
  assertCan(ctx.actor, 'publish', site);
  const year = yearOf(ctx, rawYear);
  if (year >= thisYear(ctx)) throw ValidationError.one('year', `${year}年尚未结束，不能发布该年度报表`);
  return inTransaction(ctx, async (ctx) => {
    const key = { agencyId: site.id, year };
    const row = await repo.latest(ctx.db, key);
    if (!row) throw ValidationError.one('year', '请先填写并保存报表，再发布');
    if (row.state !== 'draft') throw new ConflictError('该年度报表已发布');
    const current = await viewOf(ctx, site, year, row, siteUrl);
    if (current.problems.length) throw new ValidationError(current.problems);
    const now = ctx.clock.now().toISOString();
    await repo.supersede(ctx.db, key, now);
    const patch = {
      data_json: JSON.stringify(current.data),
      published_by: ctx.actor.id,
      published_at: now,
      updated_at: now,
    };
    if (!(await repo.publishDraft(ctx.db, row.id, patch))) throw new ConflictError('该年度报表已由他人发布');
    await recordAudit(ctx, {
      action: 'websiteReport.publish',
      subjectType: 'websiteReport',
      subjectId: row.id,
      agencyId: site.id,
      after: { year, version: row.version },
    });
    return viewOf(ctx, site, year, { ...row, ...patch, state: 'published' }, siteUrl);
  });
}

/** A correction of a published report: a new draft version with the entries and the reason kept. */
export async function correct(
  ctx: Ctx,
  rawYear: string | undefined,
  body: Record<string, unknown>,
  siteUrl: string | null,
): Promise<ReportView> {
  const site = await siteAgency(ctx);
  assertCan(ctx.actor, 'correct', site);
  const year = yearOf(ctx, rawYear);
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  if (reason === '') throw ValidationError.one('reason', '请写明更正理由');
  if (reason.length > 500) throw ValidationError.one('reason', '更正理由不超过 500 个字');
  return inTransaction(ctx, async (ctx) => {
    const row = await repo.latest(ctx.db, { agencyId: site.id, year });
    if (!row || row.state !== 'published') throw new ConflictError('只能更正已发布的报表');
    const now = ctx.clock.now().toISOString();
    const next: WebsiteReportTable = {
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
    await insertVersion(ctx, next);
    await recordAudit(ctx, {
      action: 'websiteReport.correct',
      subjectType: 'websiteReport',
      subjectId: next.id,
      agencyId: site.id,
      after: { year, version: next.version, reason },
    });
    return viewOf(ctx, site, year, next, siteUrl);
  });
}

export interface PublishedEntry {
  year: number;
  version: number;
  publishedAt: string;
  correctionReason: string | null;
}

/** The portal's list: each year's current published version, newest first. */
export async function publishedList(ctx: Ctx): Promise<{ siteName: string; reports: PublishedEntry[] }> {
  const root = await agencies.root(ctx);
  if (!root) return { siteName: '', reports: [] };
  const rows = await repo.publishedOf(ctx.db, root.id);
  return {
    siteName: root.name,
    reports: rows.map((r) => ({
      year: r.year,
      version: r.version,
      publishedAt: r.published_at!,
      correctionReason: r.correction_reason,
    })),
  };
}

export interface PublicReport {
  title: string;
  year: number;
  version: number;
  publishedAt: string;
  correctionReason: string | null;
  sponsor: string;
  rows: TableRow[];
  /** The 计算口径 of each figure the platform computed (overridden ones too). */
  bases: Array<{ label: string; basis: string }>;
  data: ReportData;
}

/** A year's published report for the portal, as signed off; null when none is published. */
export async function publicView(ctx: Ctx, rawYear: string): Promise<PublicReport | null> {
  if (!/^\d{4}$/.test(rawYear)) return null;
  const root = await agencies.root(ctx);
  if (!root) return null;
  const row = await repo.published(ctx.db, { agencyId: root.id, year: Number(rawYear) });
  if (!row?.data_json) return null;
  const data = JSON.parse(row.data_json) as ReportData;
  return {
    title: titleOf(data),
    year: row.year,
    version: row.version,
    publishedAt: row.published_at!,
    correctionReason: row.correction_reason,
    sponsor: data.fields.sponsor?.value ?? root.name,
    rows: tableRows(data),
    bases: allFields
      .filter((f) => f.computed && data.fields[f.key]?.basis)
      .map((f) => {
        const s = sectionOf(f.key);
        return {
          label: `${s.label ? `${s.label}·` : ''}${labelOf(f, s)}`,
          basis: data.fields[f.key]!.basis!,
        };
      }),
    data,
  };
}

/** The published report as an XLSX file of the same table; null when none is published. */
export async function publicWorkbook(
  ctx: Ctx,
  rawYear: string,
): Promise<{ fileName: string; bytes: Buffer } | null> {
  const r = await publicView(ctx, rawYear);
  if (!r) return null;
  const { workbookOf } = await import('./website-report.xlsx.js');
  return { fileName: `${r.title}.xlsx`, bytes: await workbookOf(r.title, r.rows) };
}

/**
 * Last year's report as the office's 工作台 shows it, from 1 January until published: its state,
 * the legal date and how far it is. Null for someone who does not fill or sign it, or once it is
 * published.
 */
export async function dueStatus(
  ctx: Ctx,
): Promise<{ year: number; state: ReportState; deadline: string; daysLeft: number } | null> {
  const site = await agencies.root(ctx);
  if (!site || !can(ctx.actor, 'edit', site)) return null;
  const year = thisYear(ctx) - 1;
  const row = await repo.published(ctx.db, { agencyId: site.id, year });
  if (row) return null;
  const latest = await repo.latest(ctx.db, { agencyId: site.id, year });
  const deadline = deadlineOf(year);
  const today = beijingDate(ctx.clock.now());
  const daysLeft = Math.round(
    (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  return { year, state: (latest?.state ?? 'none') as ReportState, deadline, daysLeft };
}
