import { beijingDate } from '../../../platform/clock.js';
import type { Ctx } from '../../../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../../platform/errors.js';
import { agencies, type Agency } from '../../agencies/index.js';
import { reportSettings } from '../annual-report.settings.js';
import { can } from '../compile/annual-report.policy.js';
import type { ReportData } from '../contract/report.js';
import { parseStoredReport } from '../contract/schema.js';
import { chainFindings, type ChainedReport } from './chain.js';
import * as repo from './comparison.repository.js';
import { compareSchema, downloadSchema, MAX_YEARS, type CompareInput } from './comparison.schemas.js';
import type { ComparedReport, Comparison, ReportRef } from './comparison.js';
import { exportFile, type ExportFile } from './comparison.export.js';
import { indicatorsOf, receivedChange } from './indicators.js';

/**
 * Annual reports side by side (issue 18 deliverable 2): for agencies of the viewer's subtree and a
 * range of years, each agency's report of each year — its own report built and signed off on the
 * platform, or else the report it published before and the checker recorded for it (年报检查) —
 * with the indicators of services.md §7.2, 本年新收 and its change on the year before, and the
 * contract's cross-year checks (year-chain, stock) between consecutive years, naming both reports.
 */

interface Candidate {
  agencyId: string;
  year: number;
  ref: ReportRef;
  data: ReportData;
}

function builtRef(id: string, agency: string, year: number): ReportRef {
  return {
    id,
    source: 'built',
    label: `${agency}${year}年年报（平台生成）`,
    href: `/admin/annual-reports/${id}`,
  };
}

function recordedRef(id: string, agency: string, year: number, file: string): ReportRef {
  return {
    id,
    source: 'published',
    label: `${agency}${year}年年报（已发布文本“${file}”）`,
    href: `/admin/reports/${id}`,
  };
}

/** The agencies whose reports the viewer may compare: their annual-report readers' subtree. */
async function comparable(ctx: Ctx): Promise<Agency[]> {
  return (await agencies.listForStaff(ctx, { includeDissolved: true })).filter((a) =>
    can(ctx.actor, 'read', a),
  );
}

/** The chosen agencies, each checked against what the viewer may read; in the tree's order. */
async function chosen(ctx: Ctx, ids: string[]): Promise<Agency[]> {
  const allowed = await comparable(ctx);
  for (const id of ids) {
    if (allowed.some((a) => a.id === id)) continue;
    await agencies.pathOf(ctx, id).catch((e: unknown) => {
      if (e instanceof NotFoundError) throw ValidationError.one('agencyIds', '所选机构不存在，请重新选择');
      throw e;
    });
    throw new ForbiddenError('您只能比较本机关及下级机关的年度报告');
  }
  return allowed.filter((a) => ids.includes(a.id));
}

function checkYears(input: CompareInput): number[] {
  if (input.to < input.from) throw ValidationError.one('to', '截止年度不能早于起始年度');
  if (input.to - input.from + 1 > MAX_YEARS)
    throw ValidationError.one('to', `一次最多比较 ${MAX_YEARS} 个年度`);
  return Array.from({ length: input.to - input.from + 1 }, (_, i) => input.from + i);
}

/**
 * Each agency's report per year, from the year before the range (for the change of 本年新收):
 * the platform's own where it has one, with a recorded text of the same year set aside.
 */
async function reportsOf(
  ctx: Ctx,
  chosenAgencies: Agency[],
  years: repo.YearRange,
): Promise<Map<string, Candidate & { setAside: ReportRef | null }>> {
  const ids = chosenAgencies.map((a) => a.id);
  const name = new Map(chosenAgencies.map((a) => [a.id, a.name]));
  const out = new Map<string, Candidate & { setAside: ReportRef | null }>();
  const key = (agencyId: string, year: number) => `${agencyId}/${year}`;
  for (const row of await repo.recordedHistory(ctx.db, ids, years)) {
    const agencyId = row.history_agency_id!;
    const year = row.history_year!;
    const data = parseStoredReport(row.data_json!, `年报检查 ${row.id}`);
    const ref = recordedRef(row.id, name.get(agencyId)!, year, row.source_name);
    out.set(key(agencyId, year), { agencyId, year, ref, data, setAside: null });
  }
  for (const row of await repo.publishedOwn(ctx.db, ids, years)) {
    const data = parseStoredReport(row.data_json!, `年度报告 ${row.id}`);
    const recorded = out.get(key(row.agency_id, row.year));
    out.set(key(row.agency_id, row.year), {
      agencyId: row.agency_id,
      year: row.year,
      ref: builtRef(row.id, name.get(row.agency_id)!, row.year),
      data,
      setAside: recorded?.ref ?? null,
    });
  }
  return out;
}

/**
 * The comparison of the chosen agencies' reports over the chosen years. A clerk compares only the
 * agencies of their own subtree; an agency outside the viewer's is refused, not left out.
 */
export async function compare(ctx: Ctx, raw: unknown): Promise<Comparison> {
  const input = compareSchema.parse(raw);
  const years = checkYears(input);
  const list = await chosen(ctx, input.agencyIds);
  const found = await reportsOf(ctx, list, { from: input.from - 1, to: input.to });
  const reports: ComparedReport[] = [];
  const missing: Comparison['missing'] = [];
  const chained: ChainedReport[] = [];
  for (const agency of list) {
    for (const year of years) {
      const r = found.get(`${agency.id}/${year}`);
      if (!r) {
        missing.push({ agencyId: agency.id, agencyName: agency.name, year });
        continue;
      }
      // The agency and year as recorded on the platform, whatever the text printed (a published
      // report may name its agency otherwise, or not at all): that is what is compared and chained.
      const data: ReportData = { ...r.data, agency: agency.name, year };
      const indicators = indicatorsOf(data);
      const previous = found.get(`${agency.id}/${year - 1}`);
      const previousReceived = previous ? indicatorsOf(previous.data).received : null;
      reports.push({
        agencyId: agency.id,
        agencyName: agency.name,
        year,
        format: data.format,
        report: r.ref,
        setAside: r.setAside,
        indicators,
        previousReceived,
        receivedChange: receivedChange(indicators.received, previousReceived),
      });
      chained.push({ id: r.ref.id, label: r.ref.label, data });
    }
  }
  return {
    agencies: list.map((a) => ({ id: a.id, name: a.name })),
    years,
    minCases: reportSettings.of(ctx).compareMinCases,
    indicator: input.indicator ?? 'grantedRate',
    reports,
    missing,
    findings: chainFindings(chained),
  };
}

export interface ComparePage {
  /** The agencies the form offers: those whose reports the viewer may read. */
  choices: Agency[];
  values: { agencyIds: string[]; from: string; to: string; indicator: string };
  comparison: Comparison | null;
  errors: FieldError[];
}

/**
 * The comparison page: the form (agencies of the viewer's subtree, the last three years by
 * default), and, once agencies are chosen, the comparison — or the form's errors.
 */
export async function comparePage(ctx: Ctx, query: Record<string, unknown>): Promise<ComparePage> {
  const lastYear = Number(beijingDate(ctx.clock.now()).slice(0, 4)) - 1;
  const raw = query.agencyIds;
  const agencyIds = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter(
    (v): v is string => typeof v === 'string',
  );
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const values = {
    agencyIds,
    from: text(query.from, String(lastYear - 2)),
    to: text(query.to, String(lastYear)),
    indicator: text(query.indicator, 'grantedRate'),
  };
  const choices = await comparable(ctx);
  if (query.agencyIds === undefined) return { choices, values, comparison: null, errors: [] };
  try {
    return { choices, values, comparison: await compare(ctx, query), errors: [] };
  } catch (e) {
    if (e instanceof ValidationError) return { choices, values, comparison: null, errors: e.fields };
    throw e;
  }
}

/** A table of the comparison as CSV or XLSX: the page's downloads. */
export async function download(ctx: Ctx, raw: Record<string, unknown>): Promise<ExportFile> {
  const { table, format } = downloadSchema.parse(raw);
  return exportFile(await compare(ctx, raw), table, format);
}
