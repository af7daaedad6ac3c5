// 开放数据 (issue 18 deliverable 5; services.md §7.3): every figure the platform publishes, as
// tables with a Frictionless Table Schema each, listed in a catalog in the style of CKAN's Action
// API. Pure types and rules: the tables are filled by open-data.service.ts.
import { ValidationError } from '../../platform/errors.js';

/** Frictionless Table Schema field types the tables use. */
export type FieldType = 'string' | 'integer' | 'number' | 'date';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** The column's Chinese name. */
  title: string;
  /** How it is counted or what it holds, in Chinese. */
  description: string;
}

export type Cell = string | number | null;

/** A table of the open data: its schema and its rows (cells in the order of the fields). */
export interface OpenTable {
  /** Stable machine name: the CSV's file name and the resource's name. */
  name: string;
  title: string;
  description: string;
  fields: readonly FieldDef[];
  primaryKey: readonly string[];
  rows: Cell[][];
}

const f = (name: string, type: FieldType, title: string, description = title): FieldDef => ({
  name,
  type,
  title,
  description,
});

/** The columns that say which published report a row of an annual-report table comes from. */
const reportKey = [
  f('report_id', 'string', '报告标识', '报告在开放数据中的标识（见 annual_reports 表）'),
  f('agency_id', 'string', '机构标识'),
  f('agency', 'string', '机构名称'),
  f('year', 'integer', '年度', '报告年度'),
];

/** The tables, by name: their schema. Rows come from the service. */
export const tableDefs = {
  annual_reports: {
    title: '政府信息公开工作年度报告目录',
    description:
      '已发布的年度报告：平台生成并发布的报告，以及记录为某机构某年度报告的已发布报告（由年报检查读取）。',
    fields: [
      ...reportKey,
      f('scope', 'string', '范围', 'self：本机关；tree：含下级机关'),
      f('source', 'string', '来源', 'platform：平台生成并发布；recorded：已发布报告经年报检查读取后记录'),
      f('format', 'string', '格式', '国家格式：2019（2019、2020 年度）或 2021（2021 年度起）'),
      f('version', 'integer', '版本', '更正后的版本号；记录的已发布报告为 1'),
      f('published_on', 'date', '发布日期', '平台发布日期；记录的报告为记录日期'),
      f('title', 'string', '报告名称'),
    ],
    primaryKey: ['report_id'],
  },
  annual_report_requests: {
    title: '年度报告 表三：收到和处理政府信息公开申请情况',
    description: '每份报告的表三，一行一个单元格：行键 × 列键（稳定的英文键，与年度报告数据契约一致）。',
    fields: [
      ...reportKey,
      f('row', 'string', '行键', '如 received、granted、withheld.stateSecret、carriedForward'),
      f('row_label', 'string', '行'),
      f('column', 'string', '列键', 'naturalPerson … otherOrganization、total'),
      f('column_label', 'string', '列'),
      f('value', 'integer', '件数'),
    ],
    primaryKey: ['report_id', 'row', 'column'],
  },
  annual_report_appeals: {
    title: '年度报告 表四：政府信息公开行政复议、行政诉讼情况',
    description: '每份报告的表四，一行一组：行政复议、未经复议直接起诉、复议后起诉。',
    fields: [
      ...reportKey,
      f('group', 'string', '组键', 'review、litigationDirect、litigationAfterReview'),
      f('group_label', 'string', '组'),
      f('upheld', 'integer', '结果维持'),
      f('corrected', 'integer', '结果纠正'),
      f('other', 'integer', '其他结果'),
      f('pending', 'integer', '尚未审结'),
      f('total', 'integer', '总计'),
    ],
    primaryKey: ['report_id', 'group'],
  },
  annual_report_proactive: {
    title: '年度报告 表二：主动公开政府信息情况',
    description: '每份报告的表二，一行一个数：事项 × 指标（2019 与 2021 格式的指标不同）。',
    fields: [
      ...reportKey,
      f('item', 'string', '事项键', '如 rules、normativeDocuments、licensing'),
      f('item_label', 'string', '事项'),
      f('measure', 'string', '指标键', '如 issued、repealed、inForce、decisions'),
      f('measure_label', 'string', '指标'),
      f('value', 'number', '数值', '件数；金额以指标名称所示单位计'),
    ],
    primaryKey: ['report_id', 'item', 'measure'],
  },
  request_statistics: {
    title: '依申请公开统计',
    description:
      '政府信息公开申请件数，按受理机构（本机关，不含下级）、收到的年月、申请人类型和办理结果汇总。只有件数，不含申请人和申请内容。',
    fields: [
      f('agency_id', 'string', '机构标识'),
      f('agency', 'string', '机构名称'),
      f('year', 'integer', '年度', '收到申请的年份'),
      f('month', 'integer', '月份', '收到申请的月份'),
      f('applicant_type', 'string', '申请人类型键'),
      f('applicant_type_label', 'string', '申请人类型'),
      f('outcome', 'string', '办理结果键', '年度报告表三的行键；open：尚未办结'),
      f('outcome_label', 'string', '办理结果'),
      f('count', 'integer', '件数'),
    ],
    primaryKey: ['agency_id', 'year', 'month', 'applicant_type', 'outcome'],
  },
  letter_statistics: {
    title: '信箱和信访来信统计',
    description:
      '来信件数，按办理机构（本机关，不含下级）、收到的年份、办理制度、诉求类型和办理阶段汇总，以及其中已答复、按期答复的件数。只有件数，不含来信人和来信内容。',
    fields: [
      f('agency_id', 'string', '机构标识'),
      f('agency', 'string', '机构名称'),
      f('year', 'integer', '年度', '收到来信的年份'),
      f('regime', 'string', '办理制度键', 'mailbox：信箱留言；petition：信访'),
      f('regime_label', 'string', '办理制度'),
      f('ticket_type', 'string', '诉求类型键'),
      f('ticket_type_label', 'string', '诉求类型'),
      f('stage', 'string', '办理阶段键'),
      f('stage_label', 'string', '办理阶段'),
      f('received', 'integer', '收到件数'),
      f('replied', 'integer', '已答复件数'),
      f('replied_on_time', 'integer', '按期答复件数', '答复日期不晚于当时的答复期限的'),
    ],
    primaryKey: ['agency_id', 'year', 'regime', 'ticket_type', 'stage'],
  },
  rating_statistics: {
    title: '好差评统计',
    description:
      '对来信答复和政府信息公开申请答复的评价件数，按被评价机构、评价年份、评价对象和等级汇总（申诉复核成立、不计入统计的除外）。不含评价人和评价内容。',
    fields: [
      f('agency_id', 'string', '机构标识'),
      f('agency', 'string', '机构名称'),
      f('year', 'integer', '年度', '评价的年份'),
      f('subject', 'string', '评价对象键', 'message：来信答复；request：政府信息公开申请答复'),
      f('subject_label', 'string', '评价对象'),
      f('grade', 'string', '等级键'),
      f('grade_label', 'string', '等级'),
      f('count', 'integer', '件数'),
    ],
    primaryKey: ['agency_id', 'year', 'subject', 'grade'],
  },
  hotline_statistics: {
    title: '12345 热线统计',
    description:
      '12345 热线工单件数，按承办机构（本机关，不含下级）和受理年月汇总：有效、办结、按时办结、回访、评价、满意。',
    fields: [
      f('agency_id', 'string', '机构标识'),
      f('agency', 'string', '机构名称'),
      f('year', 'integer', '年度'),
      f('month', 'integer', '月份'),
      f('valid', 'integer', '有效工单'),
      f('closed', 'integer', '办结'),
      f('closed_on_time', 'integer', '按时办结'),
      f('visited', 'integer', '回访'),
      f('rated', 'integer', '评价'),
      f('satisfied', 'integer', '满意'),
    ],
    primaryKey: ['agency_id', 'year', 'month'],
  },
  records_metadata: {
    title: '政府信息公开目录（元数据）',
    description:
      '已发布的主动公开政府信息的元数据：索引号、标题、文号、发布机构、日期、有效性、主题分类、体裁。不含正文和附件。',
    fields: [
      f('id', 'string', '信息标识'),
      f('index_number', 'string', '索引号'),
      f('title', 'string', '标题'),
      f('document_number', 'string', '文号'),
      f('agency_id', 'string', '发布机构标识'),
      f('agency', 'string', '发布机构'),
      f('written_on', 'date', '成文日期'),
      f('published_on', 'date', '发布日期'),
      f('validity', 'string', '有效性键', 'inForce：有效；expired：失效；repealed：废止'),
      f('validity_label', 'string', '有效性'),
      f('subject_category', 'string', '主题分类', '一级\\二级'),
      f('genre', 'string', '体裁'),
      f('url', 'string', '网址', '本站上的信息页面地址'),
    ],
    primaryKey: ['id'],
  },
} as const satisfies Record<string, Omit<OpenTable, 'name' | 'rows'>>;

export type TableName = keyof typeof tableDefs;
export const tableNames = Object.keys(tableDefs) as TableName[];

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(tableDefs, name);
}

/** A table of `name` with `rows`. */
export function table(name: TableName, rows: Cell[][]): OpenTable {
  const def = tableDefs[name];
  return { name, ...def, rows };
}

/** A row as an object keyed by field name (the JSON form). */
export function rowObject(t: Pick<OpenTable, 'fields'>, row: readonly Cell[]): Record<string, Cell> {
  return Object.fromEntries(t.fields.map((fd, i) => [fd.name, row[i] ?? null]));
}

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; null as empty. */
function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The table as CSV (UTF-8, CRLF, a header row of field names). */
export function toCsv(t: Pick<OpenTable, 'fields' | 'rows'>): string {
  const lines = [t.fields.map((fd) => csvCell(fd.name)).join(',')];
  for (const r of t.rows) lines.push(r.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Rows whose named columns equal the given values (a filter of the table endpoints). */
export function filterRows(t: OpenTable, where: Record<string, string>): OpenTable {
  const tests = Object.entries(where).map(([name, value]) => {
    const i = t.fields.findIndex((fd) => fd.name === name);
    if (i < 0) throw ValidationError.one(name, `参数 ${name} 不是这张表的列`);
    return (r: readonly Cell[]) => String(r[i] ?? '') === value;
  });
  return { ...t, rows: t.rows.filter((r) => tests.every((ok) => ok(r))) };
}

// ── The catalog (CKAN Action API) ────────────────────────────────────────────────────────

/** A dataset of the catalog (CKAN's "package"): a set of resources with who publishes it and when. */
export interface Dataset {
  /** CKAN name: lowercase letters, digits, - and _. */
  name: string;
  title: string;
  notes: string;
  /** The agency it is about (CKAN's organization). */
  organization: { id: string; title: string };
  tags: string[];
  year: number | null;
  /** YYYY-MM-DD. */
  modified: string;
  resources: Array<{
    name: string;
    title: string;
    format: 'CSV' | 'JSON';
    path: string;
    description: string;
  }>;
}

export interface SearchQuery {
  q: string;
  fq: Array<{ field: FilterField; value: string }>;
  rows: number;
  start: number;
}

export const filterFields = ['organization', 'year', 'tags', 'name', 'res_format'] as const;
export type FilterField = (typeof filterFields)[number];

const MAX_ROWS = 1000;

function whole(param: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,7}$/.test(raw.trim()) || Number(raw) > max)
    throw ValidationError.one(param, `参数 ${param} 应为 0–${max} 之间的整数`);
  return Number(raw);
}

/**
 * package_search's parameters as CKAN takes them: `q` (words, all of which must occur in a
 * dataset's title, description, organization or tags), `fq` (`field:value` pairs separated by
 * spaces, each of which must hold; a value with spaces in double quotes), `rows` (default 10, at
 * most 1000) and `start` (default 0). A bad one is named in Chinese (ValidationError).
 */
export function parseSearch(raw: Record<string, string | undefined>): SearchQuery {
  const fq: SearchQuery['fq'] = [];
  const text = (raw.fq ?? '').trim();
  const pair = /([A-Za-z_]+):(?:"([^"]*)"|(\S+))/y;
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at]!)) {
      at++;
      continue;
    }
    pair.lastIndex = at;
    const m = pair.exec(text);
    const field = m?.[1] as FilterField | undefined;
    if (!m || !field || !(filterFields as readonly string[]).includes(field))
      throw ValidationError.one(
        'fq',
        `参数 fq 应为“字段:值”，以空格分隔，字段可为 ${filterFields.join('、')}（如 organization:机构标识 year:2020）`,
      );
    fq.push({ field, value: m[2] ?? m[3] ?? '' });
    at = pair.lastIndex;
  }
  return {
    q: (raw.q ?? '').trim(),
    fq,
    rows: whole('rows', raw.rows, 10, MAX_ROWS),
    start: whole('start', raw.start, 0, 10_000_000),
  };
}

function matchesFilter(d: Dataset, field: FilterField, value: string): boolean {
  switch (field) {
    case 'organization':
      return d.organization.id === value || d.organization.title === value;
    case 'year':
      return d.year !== null && String(d.year) === value;
    case 'tags':
      return d.tags.includes(value);
    case 'name':
      return d.name === value;
    case 'res_format':
      return d.resources.some((r) => r.format === value.toUpperCase());
  }
}

/** The datasets a search finds, in catalog order, and the page of them asked for. */
export function search(all: readonly Dataset[], q: SearchQuery): { count: number; results: Dataset[] } {
  const words = q.q === '*:*' ? [] : q.q.split(/\s+/).filter(Boolean);
  const found = all.filter((d) => {
    const hay = [d.title, d.notes, d.organization.title, d.name, ...d.tags].join(' ').toLowerCase();
    return (
      words.every((w) => hay.includes(w.toLowerCase())) &&
      q.fq.every(({ field, value }) => matchesFilter(d, field, value))
    );
  });
  return { count: found.length, results: found.slice(q.start, q.start + q.rows) };
}
