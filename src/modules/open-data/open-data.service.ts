import { beijingDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { siteSettings } from '../../platform/ui/site.settings.js';
import { agencies, type Agency } from '../agencies/index.js';
import { publishedOfAgency, type ReportData } from '../annual-report/index.js';
import { hotline } from '../hotline/index.js';
import { gradeLabels, messages, regimeLabels, stageLabels, ticketTypeLabels } from '../messages/index.js';
import { records, validityLabels } from '../records/index.js';
import { applicantTypeLabels, openRequestCounts, outcomes } from '../requests/index.js';
import {
  filterRows,
  isTableName,
  parseSearch,
  search,
  table,
  type Cell,
  type Dataset,
  type OpenTable,
  type TableName,
} from './open-data.js';
import { annualReportTables, sorted, type OpenReport } from './open-data-tables.js';
import { openDataSettings, type License } from './open-data.settings.js';

/**
 * 开放数据: every figure the platform publishes, read through the other modules' public surfaces,
 * as tables (JSON, CSV), a catalog in CKAN's shapes and a Frictionless data package. Anyone may
 * read it: it holds counts and published metadata only — no applicant, no letter writer, nothing
 * a citizen wrote (each module's read function promises the same).
 */

export interface OpenData {
  /** 发布者: the site's 主办单位, else the top agency. */
  publisher: string;
  license: License;
  /** YYYY-MM-DD (Beijing): the day the figures are as of. */
  today: string;
  agencies: Agency[];
  reports: OpenReport[];
  tables: Record<TableName, OpenTable>;
  datasets: Dataset[];
}

const API = '/api/v1/open';
export const tablePath = (name: string, format: 'csv' | 'json', query = '') =>
  `${API}/tables/${name}.${format}${query ? `?${query}` : ''}`;
export const reportPath = (id: string) => `${API}/annual-reports/${id}.json`;

/** The published reports of every agency: the platform's own, and those recorded from their text. */
async function publishedReportsOf(ctx: Ctx, list: readonly Agency[]): Promise<OpenReport[]> {
  const out: OpenReport[] = [];
  for (const a of list)
    for (const r of await publishedOfAgency(ctx, a)) {
      const on = r.publishedAt ?? r.recordedAt;
      out.push({
        id: r.id,
        agencyId: r.agencyId,
        agencyName: r.agencyName,
        year: r.year,
        scope: r.scope,
        source: r.source,
        version: r.version,
        publishedOn: on ? beijingDate(new Date(on)) : null,
        title: r.title,
        data: r.data,
      });
    }
  return out.sort(
    (x, y) => x.year - y.year || x.agencyName.localeCompare(y.agencyName) || (x.id < y.id ? -1 : 1),
  );
}

/** The statistics tables (requests, letters, ratings, hotline) and the records' metadata. */
async function statisticsTables(ctx: Ctx, nameOf: (id: string) => string): Promise<OpenTable[]> {
  const requests = (await openRequestCounts(ctx)).map((c): Cell[] => [
    c.agencyId,
    nameOf(c.agencyId),
    Number(c.month.slice(0, 4)),
    Number(c.month.slice(5, 7)),
    c.applicantType,
    applicantTypeLabels[c.applicantType],
    c.outcome ?? 'open',
    c.outcome ? outcomes[c.outcome].label : '尚未办结',
    c.count,
  ]);
  const counted = await messages.openCounts(ctx);
  const letters = counted.messages.map((c): Cell[] => [
    c.agencyId,
    nameOf(c.agencyId),
    c.year,
    c.regime,
    regimeLabels[c.regime],
    c.ticketType,
    ticketTypeLabels[c.ticketType],
    c.stage,
    stageLabels[c.stage],
    c.received,
    c.replied,
    c.repliedOnTime,
  ]);
  const subjects: Record<string, string> = { message: '来信答复', request: '政府信息公开申请答复' };
  const ratings = counted.ratings.map((c): Cell[] => [
    c.agencyId,
    nameOf(c.agencyId),
    c.year,
    c.subject,
    subjects[c.subject] ?? c.subject,
    c.grade,
    gradeLabels[c.grade as keyof typeof gradeLabels] ?? c.grade,
    c.count,
  ]);
  const tickets = (await hotline.openCounts(ctx)).map((c): Cell[] => [
    c.agencyId,
    nameOf(c.agencyId),
    c.year,
    c.month,
    c.valid,
    c.closed,
    c.closedOnTime,
    c.visited,
    c.rated,
    c.satisfied,
  ]);
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);
  const metadata = (await records.publishedMetadata(ctx)).map((r): Cell[] => [
    r.id,
    r.indexNumber,
    r.title,
    r.documentNumber,
    r.agencyId,
    r.agencyName,
    day(r.writtenDate),
    beijingDate(new Date(r.publishedAt)),
    r.validity,
    validityLabels[r.validity as keyof typeof validityLabels] ?? r.validity,
    r.subjectCategory,
    r.genre,
    `/records/${r.id}`,
  ]);
  return [
    table('request_statistics', sorted(requests)),
    table('letter_statistics', sorted(letters)),
    table('rating_statistics', sorted(ratings)),
    table('hotline_statistics', sorted(tickets)),
    table('records_metadata', metadata),
  ];
}

function datasetsOf(d: Omit<OpenData, 'datasets'>, root: { id: string; title: string }): Dataset[] {
  const out: Dataset[] = [];
  const byAgencyYear = new Map<string, OpenReport[]>();
  for (const r of d.reports) {
    const key = `${r.year} ${r.agencyId}`;
    byAgencyYear.set(key, [...(byAgencyYear.get(key) ?? []), r]);
  }
  for (const list of byAgencyYear.values()) {
    const { agencyId, agencyName, year } = list[0]!;
    out.push({
      name: `annual-report-${year}-${agencyId}`,
      title: `${agencyName}${year}年政府信息公开工作年度报告数据`,
      notes: `${agencyName}${year}年度报告的数据：整份报告（年度报告数据契约 gongkai.annual-report/1 的 JSON），以及表二、表三、表四各一份 CSV。`,
      organization: { id: agencyId, title: agencyName },
      tags: ['年度报告', String(year)],
      year,
      modified: list
        .map((r) => r.publishedOn ?? d.today)
        .sort()
        .at(-1)!,
      resources: list.flatMap((r) => {
        const which = `${r.source === 'platform' ? '平台发布' : '已发布报告'}${r.scope === 'tree' ? '，含下级机关' : ''}`;
        const q = `report_id=${r.id}`;
        return [
          {
            name: `report-${r.id}`,
            title: `整份报告（${which}）`,
            format: 'JSON' as const,
            path: reportPath(r.id),
            description: r.title,
          },
          {
            name: `requests-${r.id}`,
            title: `表三（${which}）`,
            format: 'CSV' as const,
            path: tablePath('annual_report_requests', 'csv', q),
            description: d.tables.annual_report_requests.title,
          },
          {
            name: `appeals-${r.id}`,
            title: `表四（${which}）`,
            format: 'CSV' as const,
            path: tablePath('annual_report_appeals', 'csv', q),
            description: d.tables.annual_report_appeals.title,
          },
          {
            name: `proactive-${r.id}`,
            title: `表二（${which}）`,
            format: 'CSV' as const,
            path: tablePath('annual_report_proactive', 'csv', q),
            description: d.tables.annual_report_proactive.title,
          },
        ];
      }),
    });
  }
  const whole = (
    name: string,
    title: string,
    tags: string[],
    tables: TableName[],
    modified: string,
  ): Dataset | null => {
    const present = tables.filter((t) => d.tables[t].rows.length > 0);
    if (present.length === 0) return null;
    return {
      name,
      title,
      notes: present.map((t) => `${d.tables[t].title}：${d.tables[t].description}`).join('\n'),
      organization: root,
      tags,
      year: null,
      modified,
      resources: present.flatMap((t) =>
        (['csv', 'json'] as const).map((format) => ({
          name: `${t}-${format}`,
          title: d.tables[t].title,
          format: format.toUpperCase() as 'CSV' | 'JSON',
          path: tablePath(t, format),
          description: d.tables[t].description,
        })),
      ),
    };
  };
  const newest =
    d.tables.records_metadata.rows
      .map((r) => String(r[7]))
      .sort()
      .at(-1) ?? d.today;
  const lastReport =
    d.reports
      .map((r) => r.publishedOn ?? d.today)
      .sort()
      .at(-1) ?? d.today;
  out.push(
    ...[
      whole(
        'annual-reports',
        '年度报告数据（全部机构和年度）',
        ['年度报告'],
        ['annual_reports', 'annual_report_requests', 'annual_report_appeals', 'annual_report_proactive'],
        lastReport,
      ),
      whole('request-statistics', '依申请公开统计', ['依申请公开', '统计'], ['request_statistics'], d.today),
      whole(
        'letter-statistics',
        '信箱和信访来信统计',
        ['信箱', '信访', '统计'],
        ['letter_statistics'],
        d.today,
      ),
      whole('rating-statistics', '好差评统计', ['好差评', '统计'], ['rating_statistics'], d.today),
      whole('hotline-statistics', '12345 热线统计', ['12345', '统计'], ['hotline_statistics'], d.today),
      whole(
        'records-metadata',
        '政府信息公开目录（元数据）',
        ['主动公开', '目录'],
        ['records_metadata'],
        newest,
      ),
    ].filter((x): x is Dataset => x !== null),
  );
  return out;
}

// Gathered once per database and kept OPEN_DATA_CACHE_SECONDS: every catalog call reads every
// module, and a burst of them (a harvester walking package_show) would otherwise repeat it all.
const kept = new WeakMap<object, { at: number; value: Promise<OpenData> }>();

/** Everything the open data holds now (or a few seconds ago): the reports, the tables and the catalog. */
export async function openData(ctx: Ctx): Promise<OpenData> {
  const ttl = openDataSettings.of(ctx).cacheSeconds * 1000;
  const hit = kept.get(ctx.db);
  if (ttl > 0 && hit && performance.now() - hit.at < ttl) return hit.value;
  const value = gather(ctx);
  if (ttl > 0) {
    kept.set(ctx.db, { at: performance.now(), value });
    value.catch(() => kept.delete(ctx.db));
  }
  return value;
}

async function gather(ctx: Ctx): Promise<OpenData> {
  const list = await agencies.listPublic(ctx);
  const names = new Map(list.map((a) => [a.id, a.name]));
  const root = (await agencies.root(ctx)) ?? list[0];
  const publisher = siteSettings.of(ctx).sponsor || root?.name || '政务公开平台';
  const reports = await publishedReportsOf(ctx, list);
  const tables = Object.fromEntries(
    [...annualReportTables(reports), ...(await statisticsTables(ctx, (id) => names.get(id) ?? ''))].map(
      (t) => [t.name, t],
    ),
  ) as Record<TableName, OpenTable>;
  const base = {
    publisher,
    license: openDataSettings.of(ctx).license,
    today: beijingDate(ctx.clock.now()),
    agencies: list,
    reports,
    tables,
  };
  return { ...base, datasets: datasetsOf(base, { id: root?.id ?? '', title: publisher }) };
}

/** One table, whole or filtered by any of its columns (`?agency_id=…&year=2020`). */
export async function openTable(
  ctx: Ctx,
  name: string,
  query: Record<string, string | undefined>,
): Promise<{ data: OpenData; table: OpenTable }> {
  if (!isTableName(name)) throw new NotFoundError(`没有名为 ${name} 的数据表`);
  const data = await openData(ctx);
  const where = Object.fromEntries(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
  return { data, table: filterRows(data.tables[name], where) };
}

/** One published report in the contract's shape, by its open-data id. */
export async function openReport(ctx: Ctx, id: string): Promise<ReportData> {
  const r = (await openData(ctx)).reports.find((x) => x.id === id);
  if (!r) throw new NotFoundError(`未找到该年度报告：${id}`);
  return r.data;
}

// ── The catalog (CKAN Action API) ────────────────────────────────────────────────────────

export async function packageList(ctx: Ctx): Promise<{ data: OpenData; names: string[] }> {
  const data = await openData(ctx);
  return { data, names: data.datasets.map((d) => d.name) };
}

export async function packageSearch(ctx: Ctx, raw: Record<string, string | undefined>) {
  const q = parseSearch(raw);
  const data = await openData(ctx);
  return { data, ...search(data.datasets, q) };
}

export async function packageShow(ctx: Ctx, raw: Record<string, string | undefined>) {
  const id = (raw.id ?? '').trim();
  if (!id) throw ValidationError.one('id', '缺少参数 id：请给出数据集的名称');
  const data = await openData(ctx);
  const found = data.datasets.find((d) => d.name === id);
  if (!found) throw new NotFoundError(`未找到数据集：${id}`);
  return { data, dataset: found };
}

export async function organizationList(ctx: Ctx, raw: Record<string, string | undefined>) {
  const all = raw.all_fields ?? 'false';
  if (!['true', 'false', '1', '0', ''].includes(all))
    throw ValidationError.one('all_fields', '参数 all_fields 应为 true 或 false');
  const data = await openData(ctx);
  const ids = new Set(data.datasets.map((d) => d.organization.id));
  const orgs = data.agencies
    .filter((a) => ids.has(a.id))
    .map((a) => ({
      id: a.id,
      title: a.name,
      packages: data.datasets.filter((d) => d.organization.id === a.id).length,
    }));
  return { data, organizations: orgs, allFields: all === 'true' || all === '1' };
}

/**
 * The tables for a bulk download: all of them, or those of one agency with its subtree (a county
 * and everything under it) and of one year, rows filtered by their agency and year columns.
 */
export async function bulk(
  ctx: Ctx,
  raw: Record<string, string | undefined>,
): Promise<{ data: OpenData; tables: OpenTable[]; scope: { agency: Agency | null; year: number | null } }> {
  const data = await openData(ctx);
  let agency: Agency | null = null;
  if (raw.agency) {
    agency = data.agencies.find((a) => a.id === raw.agency || a.name === raw.agency) ?? null;
    if (!agency) throw ValidationError.one('agency', `参数 agency 不是本平台的机构：${raw.agency}`);
  }
  let year: number | null = null;
  if (raw.year) {
    if (!/^\d{4}$/.test(raw.year)) throw ValidationError.one('year', '参数 year 应为四位数字的年份，如 2020');
    year = Number(raw.year);
  }
  const within = agency
    ? new Set(data.agencies.filter((a) => a.path.startsWith(agency.path)).map((a) => a.id))
    : null;
  const tables = Object.values(data.tables)
    .map((t) => {
      const ai = t.fields.findIndex((fd) => fd.name === 'agency_id');
      const yi = t.fields.findIndex((fd) => fd.name === 'year');
      const pi = t.fields.findIndex((fd) => fd.name === 'published_on');
      const rows = t.rows.filter(
        (r) =>
          (!within || (ai >= 0 && within.has(String(r[ai])))) &&
          (year === null ||
            (yi >= 0 ? r[yi] === year : pi >= 0 ? String(r[pi]).startsWith(String(year)) : true)),
      );
      return { ...t, rows };
    })
    .filter((t) => t.rows.length > 0);
  return { data, tables, scope: { agency, year } };
}

export interface OpenDataPage {
  data: OpenData;
  /** Years some table has rows of, newest first (a bulk download per year). */
  years: number[];
}

/** The portal's 开放数据 page. */
export async function portalPage(ctx: Ctx): Promise<OpenDataPage> {
  const data = await openData(ctx);
  const years = new Set<number>();
  for (const t of Object.values(data.tables)) {
    const yi = t.fields.findIndex((fd) => fd.name === 'year');
    if (yi >= 0) for (const r of t.rows) if (typeof r[yi] === 'number') years.add(r[yi]);
  }
  return { data, years: [...years].sort((a, b) => b - a) };
}
