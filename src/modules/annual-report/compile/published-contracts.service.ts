import type { Ctx } from '../../../platform/context.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { isId } from '../../../platform/ids.js';
import { agencies, type Agency } from '../../agencies/index.js';
import type { ReportData } from '../contract/report.js';
import { parseStoredReport } from '../contract/schema.js';
import * as publishedRepo from '../published/published-report.repository.js';
import { historyOf, recordedYears } from '../published/published-report.service.js';
import { documentJson } from './annual-report.presenter.js';
import type { Scope } from './annual-report.schemas.js';
import { publicView, publishedOf } from './annual-report.service.js';

/**
 * Published annual reports as data (`gongkai.annual-report/1`), for other systems: each agency's
 * reports published on the platform (the current version of each, as its JSON download gives it)
 * and the reports published before the platform, as recorded from their text (年报检查). Public,
 * as the portal's 年报 column is: anyone may read them.
 */

export interface PublishedContract {
  /** The platform's report id, or the id of the checked report recorded for the agency and year. */
  id: string;
  agencyId: string;
  agencyName: string;
  year: number;
  scope: Scope;
  /** Published on the platform, or recorded from a report published before it. */
  source: 'platform' | 'recorded';
  /** The national layout the report follows (2019 or 2021). */
  format: ReportData['format'];
  version: number;
  /** When the platform published it; null for a recorded report (the platform does not know). */
  publishedAt: string | null;
  /** When a recorded report was recorded (its file checked); null for the platform's own. */
  recordedAt: string | null;
  /** The report's title, as its page names it. */
  title: string;
  data: ReportData;
}

export interface PublishedContractQuery {
  year?: string;
  agency?: string;
  /** The order key of the last report of the previous page. */
  after?: string | null;
  limit: number;
}

const sourceOrder = { platform: 0, recorded: 1 } as const;

/** Newest year first, then the agencies in tree order, the platform's report before a recorded one. */
function orderKey(r: PublishedContract, agencyPath: string): string {
  return [String(9999 - r.year).padStart(4, '0'), agencyPath, sourceOrder[r.source], r.scope, r.id].join(
    '\u0001',
  );
}

function yearOf(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  if (!/^\d{4}$/.test(raw)) throw ValidationError.one('year', '年份应为四位数字，例如 2020');
  return Number(raw);
}

async function agencyOf(ctx: Ctx, raw: string | undefined): Promise<Agency | null> {
  if (raw === undefined || raw === '') return null;
  try {
    return await agencies.resolvePublic(ctx, raw);
  } catch (e) {
    if (e instanceof NotFoundError) throw ValidationError.one('agency', `未找到机构“${raw}”`);
    throw e;
  }
}

/**
 * One agency's published reports (of one year, if given): the API's list and the open-data tables
 * read the same reports through this.
 */
export async function publishedOfAgency(
  ctx: Ctx,
  a: Agency,
  year: number | null = null,
): Promise<PublishedContract[]> {
  const out: PublishedContract[] = [];
  for (const p of await publishedOf(ctx, a.id)) {
    if (year !== null && p.year !== year) continue;
    const v = await publicView(ctx, p.id);
    if (!v) continue;
    out.push({
      id: v.id,
      agencyId: a.id,
      agencyName: a.name,
      year: v.year,
      scope: v.scope,
      source: 'platform',
      format: v.data.format,
      version: v.version,
      publishedAt: v.publishedAt,
      recordedAt: null,
      title: `${v.title}${v.year}年政府信息公开工作年度报告`,
      // The same document as the report's own JSON download.
      data: documentJson(v),
    });
  }
  for (const r of await recordedYears(ctx, a.id)) {
    if (year !== null && r.year !== year) continue;
    const s = await historyOf(ctx, a.id, r.year);
    if (!s?.data) continue;
    out.push({
      id: s.id,
      agencyId: a.id,
      agencyName: a.name,
      year: r.year,
      scope: 'self',
      source: 'recorded',
      format: s.data.format,
      version: 1,
      publishedAt: null,
      recordedAt: s.uploadedAt,
      title: `${a.name}${r.year}年政府信息公开工作年度报告（已发布报告）`,
      data: s.data,
    });
  }
  return out;
}

/**
 * One page of the published reports, of a year and an agency if given: the reports after `after`
 * in their order (newest year first), and the key to give as `after` for the next page.
 */
export async function listPublished(
  ctx: Ctx,
  q: PublishedContractQuery,
): Promise<{ reports: PublishedContract[]; nextAfter: string | null }> {
  const year = yearOf(q.year);
  const agency = await agencyOf(ctx, q.agency);
  const list = agency ? [agency] : (await agencies.listPublic(ctx)).filter((a) => !a.dissolvedAt);
  const keyed: Array<{ key: string; report: PublishedContract }> = [];
  for (const a of list)
    for (const report of await publishedOfAgency(ctx, a, year))
      keyed.push({ key: orderKey(report, a.path), report });
  keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const rest = q.after ? keyed.filter((k) => k.key > q.after!) : keyed;
  const page = rest.slice(0, q.limit);
  return {
    reports: page.map((k) => k.report),
    nextAfter: rest.length > q.limit ? page.at(-1)!.key : null,
  };
}

/** One published report's document (`gongkai.annual-report/1`), by the id the list gives. */
export async function publishedContract(ctx: Ctx, id: string): Promise<ReportData> {
  const missing = new NotFoundError(`未找到该已发布的年度报告：${id}`);
  if (!isId(id)) throw missing;
  const view = await publicView(ctx, id);
  if (view) {
    if (view.state !== 'published') throw missing;
    return documentJson(view);
  }
  // A report published before the platform, recorded for an agency and year that is still public.
  const row = await publishedRepo.findById(ctx.db, id);
  if (!row?.history_agency_id || row.history_year === null || !row.data_json) throw missing;
  await agencies.getPublic(ctx, row.history_agency_id);
  return parseStoredReport(row.data_json, `年报检查 ${row.id}`);
}
