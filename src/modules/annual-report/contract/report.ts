/**
 * The annual report (政府信息公开工作年度报告) as data: the interchange contract of
 * ../shared/reference/annual-report-data.md, in both national formats. Pure types and tables.
 */

export const REPORT_SCHEMA_ID = 'gongkai.annual-report/1';

/** "2019": 国办公开办函〔2019〕60号, report years 2019–2020; "2021": 国办公开办函〔2021〕30号, 2021 on. */
export type ReportFormat = '2019' | '2021';

export function formatForYear(year: number): ReportFormat {
  return year <= 2020 ? '2019' : '2021';
}

/** Applicant columns of table 三, in the contract's order. */
export const applicantColumns = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'publicInterestOrganization',
  'legalServiceOrganization',
  'otherOrganization',
  'total',
] as const;
export type ApplicantColumn = (typeof applicantColumns)[number];
export const applicantColumnLabels: Record<ApplicantColumn, string> = {
  naturalPerson: '自然人',
  commercialEnterprise: '商业企业',
  researchInstitution: '科研机构',
  publicInterestOrganization: '社会公益组织',
  legalServiceOrganization: '法律服务机构',
  otherOrganization: '其他',
  total: '总计',
};

export interface RequestRowDef {
  key: RequestRowKey;
  label: string;
  /** A short name for messages: 本年新收, 予以公开, 不予公开·属于国家秘密 (group · item) … */
  short: string;
  /**
   * The article an outcome row rests on (legal.md §3.3): what a reply cites, and what a 公文
   * withheld at source names. Outcome rows only.
   */
  basis?: string;
  formats: readonly ReportFormat[];
}

const both = ['2019', '2021'] as const;

/** Rows of table 三 in the official order. */
export const requestRows = [
  { key: 'received', label: '一、本年新收政府信息公开申请数量', short: '本年新收', formats: both },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', short: '上年结转', formats: both },
  {
    key: 'granted',
    label: '（一）予以公开',
    short: '予以公开',
    basis: '第三十六条第（一）（二）项',
    formats: both,
  },
  {
    key: 'partiallyGranted',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    short: '部分公开',
    basis: '第三十七条',
    formats: both,
  },
  {
    key: 'withheld.stateSecret',
    label: '（三）1.属于国家秘密',
    short: '不予公开·属于国家秘密',
    basis: '第十四条',
    formats: both,
  },
  {
    key: 'withheld.lawProhibited',
    label: '（三）2.其他法律行政法规禁止公开',
    short: '不予公开·其他法律行政法规禁止公开',
    basis: '第十四条',
    formats: both,
  },
  {
    key: 'withheld.securityStability',
    label: '（三）3.危及“三安全一稳定”',
    short: '不予公开·危及“三安全一稳定”',
    basis: '第十四条',
    formats: both,
  },
  {
    key: 'withheld.thirdPartyRights',
    label: '（三）4.保护第三方合法权益',
    short: '不予公开·保护第三方合法权益',
    basis: '第十五条、第三十二条',
    formats: both,
  },
  {
    key: 'withheld.internalAffairs',
    label: '（三）5.属于三类内部事务信息',
    short: '不予公开·属于三类内部事务信息',
    basis: '第十六条第一款',
    formats: both,
  },
  {
    key: 'withheld.processInformation',
    label: '（三）6.属于四类过程性信息',
    short: '不予公开·属于四类过程性信息',
    basis: '第十六条第二款',
    formats: both,
  },
  {
    key: 'withheld.enforcementFile',
    label: '（三）7.属于行政执法案卷',
    short: '不予公开·属于行政执法案卷',
    basis: '第十六条第二款',
    formats: both,
  },
  {
    key: 'withheld.administrativeQuery',
    label: '（三）8.属于行政查询事项',
    short: '不予公开·属于行政查询事项',
    basis: '第三十六条第（七）项',
    formats: both,
  },
  {
    key: 'unavailable.notHeld',
    label: '（四）1.本机关不掌握相关政府信息',
    short: '无法提供·本机关不掌握相关政府信息',
    basis: '第三十六条第（四）（五）项',
    formats: both,
  },
  {
    key: 'unavailable.needsCreation',
    label: '（四）2.没有现成信息需要另行制作',
    short: '无法提供·没有现成信息需要另行制作',
    basis: '第三十八条',
    formats: both,
  },
  {
    key: 'unavailable.stillUnclear',
    label: '（四）3.补正后申请内容仍不明确',
    short: '无法提供·补正后申请内容仍不明确',
    basis: '第三十条',
    formats: both,
  },
  {
    key: 'notProcessed.petition',
    label: '（五）1.信访举报投诉类申请',
    short: '不予处理·信访举报投诉类申请',
    basis: '第三十九条第一款',
    formats: both,
  },
  {
    key: 'notProcessed.repeated',
    label: '（五）2.重复申请',
    short: '不予处理·重复申请',
    basis: '第三十六条第（六）项',
    formats: both,
  },
  {
    key: 'notProcessed.publication',
    label: '（五）3.要求提供公开出版物',
    short: '不予处理·要求提供公开出版物',
    basis: '第三十九条第二款',
    formats: both,
  },
  {
    key: 'notProcessed.excessive',
    label: '（五）4.无正当理由大量反复申请',
    short: '不予处理·无正当理由大量反复申请',
    basis: '第三十五条',
    formats: both,
  },
  {
    key: 'notProcessed.confirmation',
    label: '（五）5.要求行政机关确认或重新出具已获取信息',
    short: '不予处理·要求行政机关确认或重新出具已获取信息',
    basis: '—',
    formats: both,
  },
  { key: 'other', label: '（六）其他处理', short: '其他处理', formats: both },
  {
    key: 'other.supplementOverdue',
    label: '（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    short: '其他处理·逾期不补正',
    basis: '第三十条',
    formats: ['2021'],
  },
  {
    key: 'other.feeUnpaid',
    label: '（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    short: '其他处理·逾期未缴费',
    basis: '国办函〔2020〕109号',
    formats: ['2021'],
  },
  { key: 'other.other', label: '（六）3.其他', short: '其他处理·其他', basis: '—', formats: ['2021'] },
  { key: 'total', label: '（七）总计', short: '总计', formats: both },
  { key: 'carriedForward', label: '四、结转下年度继续办理', short: '结转下年度', formats: both },
] as const satisfies ReadonlyArray<{
  key: string;
  label: string;
  short: string;
  basis?: string;
  formats: readonly ReportFormat[];
}>;

export type RequestRowKey =
  | 'received'
  | 'carriedOver'
  | 'granted'
  | 'partiallyGranted'
  | 'withheld.stateSecret'
  | 'withheld.lawProhibited'
  | 'withheld.securityStability'
  | 'withheld.thirdPartyRights'
  | 'withheld.internalAffairs'
  | 'withheld.processInformation'
  | 'withheld.enforcementFile'
  | 'withheld.administrativeQuery'
  | 'unavailable.notHeld'
  | 'unavailable.needsCreation'
  | 'unavailable.stillUnclear'
  | 'notProcessed.petition'
  | 'notProcessed.repeated'
  | 'notProcessed.publication'
  | 'notProcessed.excessive'
  | 'notProcessed.confirmation'
  | 'other'
  | 'other.supplementOverdue'
  | 'other.feeUnpaid'
  | 'other.other'
  | 'total'
  | 'carriedForward';

/** The outcome groups of table 三, as the format groups them. */
export const withheldRows: readonly RequestRowKey[] = [
  'withheld.stateSecret',
  'withheld.lawProhibited',
  'withheld.securityStability',
  'withheld.thirdPartyRights',
  'withheld.internalAffairs',
  'withheld.processInformation',
  'withheld.enforcementFile',
  'withheld.administrativeQuery',
];
export const unavailableRows: readonly RequestRowKey[] = [
  'unavailable.notHeld',
  'unavailable.needsCreation',
  'unavailable.stillUnclear',
];
export const notProcessedRows: readonly RequestRowKey[] = [
  'notProcessed.petition',
  'notProcessed.repeated',
  'notProcessed.publication',
  'notProcessed.excessive',
  'notProcessed.confirmation',
];
export const otherRows2021: readonly RequestRowKey[] = [
  'other.supplementOverdue',
  'other.feeUnpaid',
  'other.other',
];

export function rowsOf(format: ReportFormat): RequestRowDef[] {
  return requestRows.filter((r) => (r.formats as readonly string[]).includes(format));
}

export function rowDef(key: RequestRowKey): RequestRowDef {
  return requestRows.find((r) => r.key === key)!;
}

/**
 * The rows of table 三 that are not outcomes: 一、本年新收, 二、上年结转, （七）总计 and 四、结转下年度
 * (the balance: 一 + 二 = （七） + 四).
 */
export const balanceRows: readonly RequestRowKey[] = ['received', 'carriedOver', 'total', 'carriedForward'];

/** The row keys table 三 prints figures for, in order, by format. */
export function printedRowsOf(format: ReportFormat): RequestRowKey[] {
  // In the 2021 format （六）其他处理 is a heading over its three sub-rows, not a row of figures.
  return rowsOf(format)
    .map((r) => r.key)
    .filter((k) => !(format === '2021' && k === 'other'));
}

/** The outcome rows with figures (三、本年度办理结果 （一） to （六）, 总计 excluded), by format. */
export function outcomeRowsOf(format: ReportFormat): RequestRowKey[] {
  return printedRowsOf(format).filter((k) => !balanceRows.includes(k));
}

/** An outcome as running text names it: 不予公开：属于国家秘密, 予以公开. */
export function outcomeName(key: RequestRowKey): string {
  return rowDef(key).short.replace('·', '：');
}

/** The heading of a grouped row's group in table 三: （三）不予公开 for withheld.stateSecret. */
export function groupTitle(key: RequestRowKey): string {
  const def = rowDef(key);
  return `${/^（[三四五六]）/.exec(def.label)?.[0] ?? ''}${def.short.split('·')[0]}`;
}

/** A grouped row's item without its group: 属于国家秘密 (for 不予公开·属于国家秘密). */
export function itemName(key: RequestRowKey): string {
  const short = rowDef(key).short;
  return short.slice(short.indexOf('·') + 1);
}

/** Seven numbers in the column order of `applicantColumns`. */
export type RequestRow = [number, number, number, number, number, number, number];
export type Requests = Partial<Record<RequestRowKey, RequestRow>>;

export const appealGroups = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
export type AppealGroup = (typeof appealGroups)[number];
export const appealGroupLabels: Record<AppealGroup, string> = {
  review: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReview: '行政诉讼（复议后起诉）',
};
export const appealResults = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type AppealResult = (typeof appealResults)[number];
export const appealResultLabels: Record<AppealResult, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};
export type AppealCounts = Record<AppealResult, number>;
export type Appeals = Record<AppealGroup, AppealCounts>;

export interface Proactive2021 {
  rules?: { issued: number; repealed: number; inForce: number };
  normativeDocuments?: { issued: number; repealed: number; inForce: number };
  licensing?: { decisions: number };
  penalties?: { decisions: number };
  enforcement?: { decisions: number };
  fees?: { amountTenThousandYuan: number };
}

export interface Proactive2019 {
  rules?: { made: number; published: number; totalPublished: number };
  normativeDocuments?: { made: number; published: number; totalPublished: number };
  licensing?: { previousYearItems: number; change: number; decisions: number };
  otherServices?: { previousYearItems: number; change: number; decisions: number };
  penalties?: { previousYearItems: number; change: number; decisions: number };
  enforcement?: { previousYearItems: number; change: number; decisions: number };
  fees?: { previousYearItems: number; change: number };
  procurement?: { projects: number; amountYuan: number };
}

export type Proactive = Proactive2019 | Proactive2021;

/** Field names of each section-二 item, by format, in the printed column order. */
export const proactiveItems: Record<
  ReportFormat,
  Record<string, { label: string; fields: string[]; money?: string[]; signed?: string[] }>
> = {
  '2019': {
    rules: { label: '规章', fields: ['made', 'published', 'totalPublished'] },
    normativeDocuments: { label: '规范性文件', fields: ['made', 'published', 'totalPublished'] },
    licensing: {
      label: '行政许可',
      fields: ['previousYearItems', 'change', 'decisions'],
      signed: ['change'],
    },
    otherServices: {
      label: '其他对外管理服务事项',
      fields: ['previousYearItems', 'change', 'decisions'],
      signed: ['change'],
    },
    penalties: {
      label: '行政处罚',
      fields: ['previousYearItems', 'change', 'decisions'],
      signed: ['change'],
    },
    enforcement: {
      label: '行政强制',
      fields: ['previousYearItems', 'change', 'decisions'],
      signed: ['change'],
    },
    fees: { label: '行政事业性收费', fields: ['previousYearItems', 'change'], signed: ['change'] },
    procurement: { label: '政府集中采购', fields: ['projects', 'amountYuan'], money: ['amountYuan'] },
  },
  '2021': {
    rules: { label: '规章', fields: ['issued', 'repealed', 'inForce'] },
    normativeDocuments: { label: '行政规范性文件', fields: ['issued', 'repealed', 'inForce'] },
    licensing: { label: '行政许可', fields: ['decisions'] },
    penalties: { label: '行政处罚', fields: ['decisions'] },
    enforcement: { label: '行政强制', fields: ['decisions'] },
    fees: { label: '行政事业性收费', fields: ['amountTenThousandYuan'], money: ['amountTenThousandYuan'] },
  },
};

export type CheckName =
  | 'row-sum'
  | 'balance'
  | 'outcome-sum'
  | 'other-sum'
  | 'appeals-sum'
  | 'integer'
  | 'year-chain'
  | 'stock'
  | 'completeness'
  | 'narrative'
  | 'plausibility'
  | 'blank';

export const checkSeverity: Record<CheckName, 'error' | 'warning'> = {
  'row-sum': 'error',
  balance: 'error',
  'outcome-sum': 'error',
  'other-sum': 'error',
  'appeals-sum': 'error',
  integer: 'error',
  'year-chain': 'error',
  stock: 'warning',
  completeness: 'warning',
  narrative: 'warning',
  plausibility: 'warning',
  blank: 'warning',
};

/** What a person reads for each check (glossary §10.6). */
export const checkLabels: Record<CheckName, string> = {
  'row-sum': '行合计',
  balance: '勾稽关系',
  'outcome-sum': '办理结果合计',
  'other-sum': '其他处理合计',
  'appeals-sum': '复议诉讼合计',
  integer: '非负整数',
  'year-chain': '年度衔接',
  stock: '存量衔接',
  completeness: '完整性',
  narrative: '文字与表格一致',
  plausibility: '合理性',
  blank: '空白按零',
};

export interface Finding {
  check: CheckName;
  severity: 'error' | 'warning';
  /** Dotted path into the document; a column-wise finding names the column: requests[commercialEnterprise]. */
  where: string;
  expected?: number | null;
  actual?: number | null;
  /** Chinese, for a clerk: which row, which column, expected, printed. */
  message: string;
}

/** A statement of a figure in the narrative (sections 一 and 六), as the text has it. */
export interface NarrativeFigure {
  /** The sentence (or clause) quoted. */
  text: string;
  /** What it states: received, closed (办结), carriedForward, … */
  measure: string;
  value: number;
  section: string | null;
}

export interface Narrative {
  /** Section texts by heading number ("一" … "六"), when the report has them. */
  sections?: Partial<Record<'一' | '二' | '三' | '四' | '五' | '六', string>>;
  figures?: NarrativeFigure[];
}

export type SourceKind = 'markdown' | 'html' | 'docx' | 'pdf' | 'text' | 'built';

/** Where a figure was read, for readers and auditors. */
export interface Provenance {
  /** 1-based line in the (converted) text, or a table cell address for HTML. */
  line: number;
  /** read: printed as such; reconstructed: decoded from a digit run or a shifted row; blank: printed empty, read as 0. */
  how: 'read' | 'reconstructed' | 'blank';
}

export interface ReportData {
  schema: typeof REPORT_SCHEMA_ID;
  format: ReportFormat;
  year: number | null;
  agency: string | null;
  source: { file?: string; kind: SourceKind };
  proactive: Proactive;
  requests: Requests;
  appeals: Partial<Appeals>;
  narrative: Narrative;
  findings: Finding[];
}

/** 信息处理费 of the year (条例第四十二条; 国办函〔2020〕109号), added in fen, reported in yuan. */
export interface ProcessingFeeFacts {
  /** Cases with a fee notice issued in the year. */
  notices: number;
  /** Total of the notices issued in the year. */
  noticedYuan: number;
  /** Cases paid in the year (a December notice paid in January counts in January's year). */
  paid: number;
  /** Total collected in the year. */
  collectedYuan: number;
}

export interface ReportFacts {
  processingFees?: ProcessingFeeFacts;
  /** 精准推送 of the year (section 一's 主动公开 channels): policies pushed, deliveries, people reached. */
  policyPush?: { policies: number; delivered: number; people: number };
  /** 政务新媒体 of the year (section 一's 平台建设): accounts open in the year, posts, reposts, followers, reads. */
  newMedia?: { accounts: number; posts: number; reposts: number; followers: number; reads: number };
}
