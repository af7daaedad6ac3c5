import { allClasses, industryByCode, isWithin } from './industry.js';

/**
 * 企业划型: 工业和信息化部、国家统计局、国家发展和改革委员会、财政部《关于印发中小企业划型标准规定的
 * 通知》（工信部联企业〔2011〕300号）, 第四条 (一)–(十六), as data plus a pure classifier.
 *
 * Each 行业 row names the measures it uses (从业人员 in persons, 营业收入 and 资产总额 in 万元) and
 * four sets of thresholds, read exactly as the 规定 words them:
 *   - 中小微型企业: below the ceiling in ANY measure ("X以下" is strictly below, "或");
 *   - 中型: at or above every medium threshold ("及以上", "且");
 *   - 小型: at or above every small threshold;
 *   - 微型: below a small threshold in any measure ("或").
 * An enterprise that is not 中小微型 is 大型. The four conditions are upward-closed, so raising a
 * measure never lowers the scale.
 *
 * The rows are keyed by GB/T 4754-2017 codes (./industry.ts); the most specific prefix wins
 * (7010 房地产开发经营 before 70). 金融业 (J) has its own standard (《金融业企业划型标准规定》，
 * 银发〔2015〕309号); 公共管理、社会保障和社会组织 (S) and 国际组织 (T) are not enterprises: those
 * codes give a "not covered" result with the reason.
 *
 * Amounts are given in 元 and compared in 元 against thresholds × 10000, so no 万元 division and
 * no float rounding enters a comparison.
 */

/** The three measures of the 规定. */
export type ScaleMeasure = 'staff' | 'revenue' | 'assets';

/** 大型 / 中型 / 小型 / 微型. */
export type EnterpriseScale = 'large' | 'medium' | 'small' | 'micro';

/** Chinese labels of the scales. */
export const SCALE_LABELS: Readonly<Record<EnterpriseScale, string>> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};

/** Chinese names of the measures, as the 规定 and 统计 forms name them. */
export const MEASURE_LABELS: Readonly<Record<ScaleMeasure, string>> = {
  staff: '从业人员',
  revenue: '营业收入',
  assets: '资产总额',
};

/** Units of the thresholds: persons for 从业人员, 万元 for the amounts. */
export const MEASURE_UNITS: Readonly<Record<ScaleMeasure, string>> = {
  staff: '人',
  revenue: '万元',
  assets: '万元',
};

/** Thresholds per measure (persons, or 万元). */
export type Thresholds = Readonly<Partial<Record<ScaleMeasure, number>>>;

/** One row of 第四条. */
export interface ScaleRow {
  readonly kind: 'scale';
  /** Stable id, e.g. 'industry'. */
  readonly id: string;
  /** The 规定's own heading of the row, e.g. "工业". */
  readonly name: string;
  /** The item number in 第四条, e.g. "（二）". */
  readonly clause: string;
  /** GB/T 4754-2017 codes the row applies to: 门类 letters or code prefixes. */
  readonly scope: readonly string[];
  /** The scope in words, for display. */
  readonly scopeNote: string;
  /** Measures used, in the order the 规定 names them. */
  readonly measures: readonly ScaleMeasure[];
  /** 中小微型企业: below this in any measure. */
  readonly smeBelow: Thresholds;
  /** 中型: at or above all of these. */
  readonly medium: Thresholds;
  /** 小型: at or above all of these; 微型 below any. */
  readonly small: Thresholds;
  /** The row's wording in Chinese, for display. */
  readonly wording: string;
}

/** A part of GB/T 4754 to which the 规定 does not apply. */
export interface NotCoveredRow {
  readonly kind: 'not-covered';
  readonly id: string;
  readonly name: string;
  readonly scope: readonly string[];
  /** Why, in Chinese. */
  readonly reason: string;
}

type RowSpec = Omit<ScaleRow, 'kind' | 'wording'>;

/** The 规定's wording of a row, rebuilt from its numbers so text and data cannot drift apart. */
export function scaleWording(row: RowSpec): string {
  const part = (t: Thresholds, m: ScaleMeasure, tail: string) =>
    `${MEASURE_LABELS[m]}${t[m] ?? ''}${MEASURE_UNITS[m]}${tail}`;
  const any = (t: Thresholds) => row.measures.map((m) => part(t, m, '以下')).join('或');
  const all = (t: Thresholds) => row.measures.map((m) => part(t, m, '及以上')).join('，且');
  const sep = row.measures.length > 1 ? '；' : '，';
  return (
    `${row.name}。${any(row.smeBelow)}的为中小微型企业。` +
    `其中，${all(row.medium)}的为中型企业${sep}${all(row.small)}的为小型企业${sep}` +
    `${any(row.small)}的为微型企业。`
  );
}

const staffRevenue = ['staff', 'revenue'] as const;

const SPECS: readonly RowSpec[] = [
  {
    id: 'agriculture',
    name: '农、林、牧、渔业',
    clause: '（一）',
    scope: ['A'],
    scopeNote: '农、林、牧、渔业（A）',
    measures: ['revenue'],
    smeBelow: { revenue: 20000 },
    medium: { revenue: 500 },
    small: { revenue: 50 },
  },
  {
    id: 'industry',
    name: '工业',
    clause: '（二）',
    scope: ['B', 'C', 'D'],
    scopeNote: '采矿业（B），制造业（C），电力、热力、燃气及水生产和供应业（D）',
    measures: staffRevenue,
    smeBelow: { staff: 1000, revenue: 40000 },
    medium: { staff: 300, revenue: 2000 },
    small: { staff: 20, revenue: 300 },
  },
  {
    id: 'construction',
    name: '建筑业',
    clause: '（三）',
    scope: ['E'],
    scopeNote: '建筑业（E）',
    measures: ['revenue', 'assets'],
    smeBelow: { revenue: 80000, assets: 80000 },
    medium: { revenue: 6000, assets: 5000 },
    small: { revenue: 300, assets: 300 },
  },
  {
    id: 'wholesale',
    name: '批发业',
    clause: '（四）',
    scope: ['51'],
    scopeNote: '批发业（F51）',
    measures: staffRevenue,
    smeBelow: { staff: 200, revenue: 40000 },
    medium: { staff: 20, revenue: 5000 },
    small: { staff: 5, revenue: 1000 },
  },
  {
    id: 'retail',
    name: '零售业',
    clause: '（五）',
    scope: ['52'],
    scopeNote: '零售业（F52）',
    measures: staffRevenue,
    smeBelow: { staff: 300, revenue: 20000 },
    medium: { staff: 50, revenue: 500 },
    small: { staff: 10, revenue: 100 },
  },
  {
    id: 'transport',
    name: '交通运输业',
    clause: '（六）',
    scope: ['54', '55', '56', '57', '58'],
    scopeNote: '道路、水上、航空、管道运输业，多式联运和运输代理业（G54–G58，不含铁路运输业 G53）',
    measures: staffRevenue,
    smeBelow: { staff: 1000, revenue: 30000 },
    medium: { staff: 300, revenue: 3000 },
    small: { staff: 20, revenue: 200 },
  },
  {
    id: 'warehousing',
    name: '仓储业',
    clause: '（七）',
    scope: ['59'],
    scopeNote: '装卸搬运和仓储业（G59）',
    measures: staffRevenue,
    smeBelow: { staff: 200, revenue: 30000 },
    medium: { staff: 100, revenue: 1000 },
    small: { staff: 20, revenue: 100 },
  },
  {
    id: 'postal',
    name: '邮政业',
    clause: '（八）',
    scope: ['60'],
    scopeNote: '邮政业（G60）',
    measures: staffRevenue,
    smeBelow: { staff: 1000, revenue: 30000 },
    medium: { staff: 300, revenue: 2000 },
    small: { staff: 20, revenue: 100 },
  },
  {
    id: 'accommodation',
    name: '住宿业',
    clause: '（九）',
    scope: ['61'],
    scopeNote: '住宿业（H61）',
    measures: staffRevenue,
    smeBelow: { staff: 300, revenue: 10000 },
    medium: { staff: 100, revenue: 2000 },
    small: { staff: 10, revenue: 100 },
  },
  {
    id: 'catering',
    name: '餐饮业',
    clause: '（十）',
    scope: ['62'],
    scopeNote: '餐饮业（H62）',
    measures: staffRevenue,
    smeBelow: { staff: 300, revenue: 10000 },
    medium: { staff: 100, revenue: 2000 },
    small: { staff: 10, revenue: 100 },
  },
  {
    id: 'information-transmission',
    name: '信息传输业',
    clause: '（十一）',
    scope: ['63', '64'],
    scopeNote: '电信、广播电视和卫星传输服务（I63），互联网和相关服务（I64）',
    measures: staffRevenue,
    smeBelow: { staff: 2000, revenue: 100000 },
    medium: { staff: 100, revenue: 1000 },
    small: { staff: 10, revenue: 100 },
  },
  {
    id: 'software-it',
    name: '软件和信息技术服务业',
    clause: '（十二）',
    scope: ['65'],
    scopeNote: '软件和信息技术服务业（I65）',
    measures: staffRevenue,
    smeBelow: { staff: 300, revenue: 10000 },
    medium: { staff: 100, revenue: 1000 },
    small: { staff: 10, revenue: 50 },
  },
  {
    id: 'real-estate-development',
    name: '房地产开发经营',
    clause: '（十三）',
    scope: ['7010'],
    scopeNote: '房地产开发经营（K7010）',
    measures: ['revenue', 'assets'],
    smeBelow: { revenue: 200000, assets: 10000 },
    medium: { revenue: 1000, assets: 5000 },
    small: { revenue: 100, assets: 2000 },
  },
  {
    id: 'property-management',
    name: '物业管理',
    clause: '（十四）',
    scope: ['7020'],
    scopeNote: '物业管理（K7020）',
    measures: staffRevenue,
    smeBelow: { staff: 1000, revenue: 5000 },
    medium: { staff: 300, revenue: 1000 },
    small: { staff: 100, revenue: 500 },
  },
  {
    id: 'leasing-business',
    name: '租赁和商务服务业',
    clause: '（十五）',
    scope: ['L'],
    scopeNote: '租赁和商务服务业（L）',
    measures: ['staff', 'assets'],
    smeBelow: { staff: 300, assets: 120000 },
    medium: { staff: 100, assets: 8000 },
    small: { staff: 10, assets: 100 },
  },
  {
    id: 'other',
    name: '其他未列明行业',
    clause: '（十六）',
    scope: ['53', '70', 'M', 'N', 'O', 'P', 'Q', 'R'],
    scopeNote:
      '科学研究和技术服务业（M），水利、环境和公共设施管理业（N），居民服务、修理和其他服务业（O），教育（P），' +
      '卫生和社会工作（Q），文化、体育和娱乐业（R），铁路运输业（G53），房地产业中房地产开发经营、物业管理以外的行业（K70）',
    measures: ['staff'],
    smeBelow: { staff: 300 },
    medium: { staff: 100 },
    small: { staff: 10 },
  },
];

/** 第四条's sixteen rows, in its order. */
export const SCALE_TABLE: readonly ScaleRow[] = Object.freeze(
  SPECS.map((spec) => Object.freeze({ kind: 'scale' as const, ...spec, wording: scaleWording(spec) })),
);

/** The parts of GB/T 4754 that the 规定 does not classify. */
export const NOT_COVERED: readonly NotCoveredRow[] = Object.freeze([
  {
    kind: 'not-covered',
    id: 'finance',
    name: '金融业',
    scope: ['J'],
    reason: '金融业企业按《金融业企业划型标准规定》（银发〔2015〕309号）划型，不适用《中小企业划型标准规定》',
  },
  {
    kind: 'not-covered',
    id: 'public-administration',
    name: '公共管理、社会保障和社会组织',
    scope: ['S'],
    reason: '公共管理、社会保障和社会组织不是企业，不属于《中小企业划型标准规定》的划型范围',
  },
  {
    kind: 'not-covered',
    id: 'international',
    name: '国际组织',
    scope: ['T'],
    reason: '国际组织不是企业，不属于《中小企业划型标准规定》的划型范围',
  },
] as const);

type AnyRow = ScaleRow | NotCoveredRow;
const ALL_ROWS: readonly AnyRow[] = [...SCALE_TABLE, ...NOT_COVERED];

/** How specifically a scope item names a code: a 门类 letter 1, a digit prefix its length + 1. */
function specificity(scopeItem: string): number {
  return /^[A-Z]$/.test(scopeItem) ? 1 : scopeItem.length + 1;
}

/** The row for one 小类: the scope item that names it most specifically. */
function rowForClass(classCode: string): AnyRow | undefined {
  let best: { row: AnyRow; score: number } | undefined;
  for (const row of ALL_ROWS) {
    for (const item of row.scope) {
      if (!isWithin(classCode, item)) continue;
      const score = specificity(item);
      if (!best || score > best.score) best = { row, score };
    }
  }
  return best?.row;
}

const rowCache = new Map<string, AnyRow | undefined>();

/**
 * The 第四条 row (or the not-covered entry) for a GB/T 4754 code at any level: the row of every
 * 小类 under the code, when they all share one. The most specific scope names a 小类's row
 * (7010 → 房地产开发经营, 7030 → 其他未列明行业 through 70). A code too coarse to decide (门类 G
 * spans 交通运输业, 仓储业, 邮政业 and 铁路运输业; 大类 70 spans three rows) and an unknown code
 * give undefined.
 */
export function scaleRowFor(industryCode: string): ScaleRow | NotCoveredRow | undefined {
  const entry = industryByCode(industryCode);
  if (!entry) return undefined;
  if (rowCache.has(entry.code)) return rowCache.get(entry.code);
  const classes =
    entry.level === 'class' ? [entry.code] : allClasses().filter((c) => isWithin(c, entry.code));
  const rows = new Set(classes.map(rowForClass));
  const [only] = rows;
  const row = rows.size === 1 ? only : undefined;
  rowCache.set(entry.code, row);
  return row;
}

/** An amount in 元: a non-negative bigint, or a non-negative number with at most two decimals (分). */
export type Yuan = number | bigint;

/** What `computeScale` is given. */
export interface ScaleInput {
  /** Any GB/T 4754-2017 code, ideally the 小类 of the enterprise's 主要活动. */
  readonly industry: string;
  /** 从业人员, persons (a non-negative integer). */
  readonly staff?: number;
  /** 营业收入, 元. */
  readonly revenueYuan?: Yuan;
  /** 资产总额, 元. */
  readonly assetsYuan?: Yuan;
}

/** The outcome of `computeScale`. Nothing is thrown for bad input: the reason is returned. */
export type ScaleResult =
  | {
      readonly status: 'classified';
      readonly scale: EnterpriseScale;
      readonly scaleLabel: string;
      readonly row: { readonly id: string; readonly name: string };
      /** Plain Chinese, e.g. "工业：从业人员 350 人（≥300）且营业收入 2500 万元（≥2000 万元），属中型企业". */
      readonly basis: string;
      readonly measuresUsed: readonly ScaleMeasure[];
    }
  | {
      readonly status: 'not-covered';
      readonly row: { readonly id: string; readonly name: string };
      readonly reason: string;
    }
  | { readonly status: 'unknown-industry'; readonly reason: string }
  | {
      readonly status: 'missing-measure';
      readonly row: { readonly id: string; readonly name: string };
      /** The measures the row needs that were not given. */
      readonly missing: readonly ScaleMeasure[];
      readonly reason: string;
    }
  | { readonly status: 'invalid-measure'; readonly field: ScaleMeasure; readonly reason: string };

const TEN_THOUSAND = 10000n;

/** Whether a number of 元 has at most two decimals (up to the float noise of ×100). */
function isWholeFen(v: number): boolean {
  const fen = v * 100;
  return Math.abs(fen - Math.round(fen)) <= Math.max(1, fen) * 1e-9;
}

/** The 元 amount as exact 分 (hundredths), for comparison and display. */
function toFen(v: Yuan): bigint {
  return typeof v === 'bigint' ? v * 100n : BigInt(Math.round(v * 100));
}

/** The value of a measure in its comparison unit: persons, or 分. */
function measured(input: ScaleInput, m: ScaleMeasure): bigint | undefined {
  if (m === 'staff') return input.staff === undefined ? undefined : BigInt(input.staff);
  const v = m === 'revenue' ? input.revenueYuan : input.assetsYuan;
  return v === undefined ? undefined : toFen(v);
}

/** A threshold in the comparison unit: persons, or 万元 × 10000 × 100 分. */
function thresholdOf(m: ScaleMeasure, t: number): bigint {
  return m === 'staff' ? BigInt(t) : BigInt(t) * TEN_THOUSAND * 100n;
}

/** "2500", "2500.5", "0.0001" 万元 from 分, exactly. */
export function formatWan(fen: bigint): string {
  const per = TEN_THOUSAND * 100n;
  const whole = fen / per;
  const frac = (fen % per).toString().padStart(6, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

function validate(input: ScaleInput): ScaleResult | undefined {
  if (input.staff !== undefined && !(Number.isSafeInteger(input.staff) && input.staff >= 0)) {
    return { status: 'invalid-measure', field: 'staff', reason: '从业人员应为非负整数' };
  }
  for (const [field, v] of [
    ['revenue', input.revenueYuan],
    ['assets', input.assetsYuan],
  ] as const) {
    if (v === undefined) continue;
    const ok = typeof v === 'bigint' ? v >= 0n : Number.isFinite(v) && v >= 0 && isWholeFen(v);
    if (!ok) {
      return {
        status: 'invalid-measure',
        field,
        reason: `${MEASURE_LABELS[field]}应为非负金额（元），最多精确到分`,
      };
    }
  }
  return undefined;
}

/** "从业人员 350 人" / "营业收入 2500 万元". */
function describe(m: ScaleMeasure, value: bigint): string {
  return m === 'staff' ? `${MEASURE_LABELS[m]} ${value} 人` : `${MEASURE_LABELS[m]} ${formatWan(value)} 万元`;
}

/** "（≥300）" / "（<300 万元）", as in the brief's example: no unit after a head count. */
function bound(m: ScaleMeasure, op: '≥' | '<', t: number): string {
  return m === 'staff' ? `（${op}${t}）` : `（${op}${t} 万元）`;
}

/** Classifies one row's measures (all present). */
function classify(row: ScaleRow, values: ReadonlyMap<ScaleMeasure, bigint>): [EnterpriseScale, string] {
  const at = (t: Thresholds, m: ScaleMeasure) => (values.get(m) ?? 0n) >= thresholdOf(m, t[m] ?? 0);
  const allAt = (t: Thresholds) => row.measures.every((m) => at(t, m));
  const facts = (t: Thresholds, op: '≥' | '<', ms: readonly ScaleMeasure[]) =>
    ms.map((m) => `${describe(m, values.get(m) ?? 0n)}${bound(m, op, t[m] ?? 0)}`);
  if (allAt(row.smeBelow)) {
    return ['large', `${facts(row.smeBelow, '≥', row.measures).join('且')}，不属于中小微型企业，属大型企业`];
  }
  if (allAt(row.medium)) return ['medium', `${facts(row.medium, '≥', row.measures).join('且')}，属中型企业`];
  if (allAt(row.small)) return ['small', `${facts(row.small, '≥', row.measures).join('且')}，属小型企业`];
  const below = row.measures.filter((m) => !at(row.small, m));
  return ['micro', `${facts(row.small, '<', below).join('，')}，属微型企业`];
}

/**
 * The scale of an enterprise under 工信部联企业〔2011〕300号. Every measure the industry's row
 * uses must be given (no measure is guessed, and none is read as zero): otherwise the result is
 * 'missing-measure' naming them in Chinese. Negative or fractional 从业人员, and negative amounts
 * or amounts finer than 分, give 'invalid-measure'; so does any such value the row would not use.
 * Measures the row does not use are otherwise ignored.
 */
export function computeScale(input: ScaleInput): ScaleResult {
  const invalid = validate(input);
  if (invalid) return invalid;
  const row = scaleRowFor(input.industry);
  if (!row) {
    return {
      status: 'unknown-industry',
      reason: `无法按行业代码“${input.industry}”确定划型标准：代码不在 GB/T 4754-2017 中，或层级过粗（请细化到大类、中类或小类）`,
    };
  }
  const ref = { id: row.id, name: row.name };
  if (row.kind === 'not-covered') return { status: 'not-covered', row: ref, reason: row.reason };
  const values = new Map<ScaleMeasure, bigint>();
  const missing: ScaleMeasure[] = [];
  for (const m of row.measures) {
    const v = measured(input, m);
    if (v === undefined) missing.push(m);
    else values.set(m, v);
  }
  if (missing.length) {
    return {
      status: 'missing-measure',
      row: ref,
      missing,
      reason: `按“${row.name}”标准划型需要${missing.map((m) => MEASURE_LABELS[m]).join('、')}`,
    };
  }
  const [scale, because] = classify(row, values);
  return {
    status: 'classified',
    scale,
    scaleLabel: SCALE_LABELS[scale],
    row: ref,
    basis: `${row.name}：${because}`,
    measuresUsed: row.measures,
  };
}
