import type { FieldError } from '../../platform/errors.js';
import { industryByCode, industryLabel, isWithin } from './industry.js';
import {
  ageBandLabels,
  ageBands,
  enterpriseTags,
  identityTags,
  scaleLabels,
  scales,
  tagLabel,
  tagMask,
  type AgeBand,
  type Scale,
  type SubscriberKind,
} from './push.js';

/**
 * 推送对象规则: who a policy is for, written in a form and shown in plain Chinese. Criteria left
 * empty do not count; `combine: 'all'` asks every given criterion, `'any'` at least one; the
 * audience and the regions are limits either way. A rule with no criterion reaches everyone of its
 * audience (in its regions) who allows profile matching.
 */
export interface AudienceRule {
  audience: 'enterprise' | 'citizen' | 'all';
  combine: 'all' | 'any';
  /** GB/T 4754-2017 codes at any level (C, C13, 1311 …). */
  industries: string[];
  scales: Scale[];
  /** Agencies of the tree standing for a 行政区划 (人民政府, 乡镇街道, 村社区): their subtrees. */
  regions: string[];
  enterpriseTags: string[];
  identityTags: string[];
  ageBands: AgeBand[];
}

export const audienceLabels: Record<AudienceRule['audience'], string> = {
  enterprise: '企业',
  citizen: '个人',
  all: '企业和个人',
};

export const emptyRule = (): AudienceRule => ({
  audience: 'all',
  combine: 'all',
  industries: [],
  scales: [],
  regions: [],
  enterpriseTags: [],
  identityTags: [],
  ageBands: [],
});

/** What the index knows of one subscriber (the plain filter reads the same facts). */
export interface ProfileFacts {
  kind: SubscriberKind;
  /** Matching by profile switched on (PIPL art 24: the subscriber may turn it off). */
  profiling: boolean;
  /** 4-digit GB/T 4754 class. */
  industry: string | null;
  scale: Scale | null;
  /**
   * The region: the agency's id in the service (its path is looked up when a rule is compiled,
   * so moving an agency in the tree moves its subscribers with it), the path itself in pure tests.
   */
  region: string | null;
  /** Bits of the tags held: enterprise tags, and identity tags whose consent stands. */
  tags: number;
  ageBand: AgeBand | null;
}

/** The chosen values in the code list's order (大型 before 小型), whatever order the form sent. */
const inOrder = <T extends string>(all: readonly T[], chosen: readonly T[]): T[] =>
  all.filter((x) => chosen.includes(x));

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v])
    .map((x) => String(x).trim())
    .filter(Boolean);

/**
 * A rule from a form or JSON, checked: unknown codes are refused with the field named in
 * Chinese. `regionExists` says whether an agency id stands for a region.
 */
export function parseRule(
  raw: Record<string, unknown>,
  regionExists: (id: string) => boolean,
): { rule: AudienceRule } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const audience = String(raw.audience ?? 'all');
  const combine = String(raw.combine ?? 'all');
  if (!['enterprise', 'citizen', 'all'].includes(audience))
    errors.push({ field: 'audience', message: '推送对象须为企业、个人或企业和个人' });
  if (!['all', 'any'].includes(combine))
    errors.push({ field: 'combine', message: '条件组合须为“同时满足”或“满足任一”' });
  const industries = list(raw.industries).map((c) => c.toUpperCase());
  const badIndustry = industries.filter((c) => !industryByCode(c));
  if (badIndustry.length)
    errors.push({
      field: 'industries',
      message: `行业代码不在《国民经济行业分类》中：${badIndustry.join('、')}`,
    });
  const pick = <T extends string>(field: string, label: string, allowed: readonly string[]) => {
    const vals = list(raw[field]);
    const bad = vals.filter((v) => !allowed.includes(v));
    if (bad.length) errors.push({ field, message: `${label}不可识别：${bad.join('、')}` });
    return [...new Set(vals)] as T[];
  };
  const rule: AudienceRule = {
    audience: audience as AudienceRule['audience'],
    combine: combine as AudienceRule['combine'],
    industries: [...new Set(industries.map((c) => industryByCode(c)?.code ?? c))],
    scales: inOrder(scales, pick<Scale>('scales', '企业规模', scales)),
    regions: pick<string>('regions', '区域', list(raw.regions).filter(regionExists)),
    enterpriseTags: pick<string>(
      'enterpriseTags',
      '资质标签',
      enterpriseTags.map((t) => t.code),
    ),
    identityTags: pick<string>(
      'identityTags',
      '特定身份',
      identityTags.map((t) => t.code),
    ),
    ageBands: inOrder(ageBands, pick<AgeBand>('ageBands', '年龄段', ageBands)),
  };
  if (
    rule.audience === 'citizen' &&
    (rule.industries.length || rule.scales.length || rule.enterpriseTags.length)
  )
    errors.push({ field: 'audience', message: '推送对象为个人时，不能按行业、规模或资质筛选' });
  if (rule.audience === 'enterprise' && (rule.identityTags.length || rule.ageBands.length))
    errors.push({ field: 'audience', message: '推送对象为企业时，不能按特定身份或年龄段筛选' });
  return errors.length ? { errors } : { rule };
}

/** The criteria a rule gives, each as a test of one subscriber (the plain filter, and the tests' oracle). */
export function criteria(rule: AudienceRule): Array<(p: ProfileFacts) => boolean> {
  const out: Array<(p: ProfileFacts) => boolean> = [];
  if (rule.industries.length)
    out.push(
      (p) => p.kind === 'enterprise' && !!p.industry && rule.industries.some((c) => isWithin(p.industry!, c)),
    );
  if (rule.scales.length)
    out.push((p) => p.kind === 'enterprise' && !!p.scale && rule.scales.includes(p.scale));
  if (rule.enterpriseTags.length) {
    const m = tagMask(rule.enterpriseTags);
    out.push((p) => p.kind === 'enterprise' && (p.tags & m) !== 0);
  }
  if (rule.identityTags.length) {
    const m = tagMask(rule.identityTags);
    out.push((p) => p.kind === 'citizen' && (p.tags & m) !== 0);
  }
  if (rule.ageBands.length)
    out.push((p) => p.kind === 'citizen' && !!p.ageBand && rule.ageBands.includes(p.ageBand));
  return out;
}

/** Whether a subscriber is in a rule's audience: the plain filter, one subscriber at a time. */
export function matchesPlain(
  rule: AudienceRule,
  regionPaths: readonly string[],
  p: ProfileFacts,
  pathOf: (region: string) => string | undefined = (r) => r,
): boolean {
  if (!p.profiling || p.kind === 'topics') return false;
  if (rule.audience !== 'all' && rule.audience !== p.kind) return false;
  // The region is a limit whatever the combination: “制造业 or 小型, in 磁灶镇”.
  if (rule.regions.length) {
    const path = p.region ? pathOf(p.region) : undefined;
    if (!path || !regionPaths.some((r) => path.startsWith(r))) return false;
  }
  const tests = criteria(rule);
  if (tests.length === 0) return true;
  return rule.combine === 'all' ? tests.every((t) => t(p)) : tests.some((t) => t(p));
}

const join = (xs: readonly string[]) => xs.join('、');

/**
 * The rule in plain Chinese, e.g. “面向：制造业（C）中的小型、微型企业，晋江市”. `regionName`
 * names an agency standing for a region.
 */
export function describeRule(rule: AudienceRule, regionName: (id: string) => string): string {
  const industries = rule.industries.map((c) => industryLabel(c) ?? c);
  const scalesText = rule.scales.map((s) => scaleLabels[s]);
  const eTags = rule.enterpriseTags.map((t) => `“${tagLabel(t)}”`);
  const iTags = rule.identityTags.map((t) => tagLabel(t));
  const ages = rule.ageBands.map((a) => ageBandLabels[a]);
  const regions = rule.regions.map(regionName);
  const who = audienceLabels[rule.audience];
  if (rule.combine === 'any') {
    const parts = [
      industries.length ? `属于${join(industries)}` : '',
      scalesText.length ? `规模为${join(scalesText)}` : '',
      eTags.length ? `具有${join(eTags)}资质` : '',
      iTags.length ? `为${join(iTags)}` : '',
      ages.length ? `年龄在${join(ages)}` : '',
    ].filter(Boolean);
    const where = regions.length ? `，${join(regions)}` : '';
    if (parts.length === 0) return `面向：所有订阅按画像推送的${who}${where}`;
    if (parts.length === 1) return `面向：${parts[0]}的${who}${where}`;
    return `面向：符合下列任一条件的${who}——${parts.join('；')}${regions.length ? `（限${join(regions)}）` : ''}`;
  }
  let body: string;
  if (rule.audience === 'enterprise' || industries.length || scalesText.length || eTags.length) {
    const scope = industries.length ? `${join(industries)}中的` : '';
    const tagged = eTags.length ? `具有${join(eTags)}资质的` : '';
    body = `${scope}${tagged}${scalesText.length ? join(scalesText) : ''}企业`;
  } else if (rule.audience === 'citizen' || iTags.length || ages.length) {
    const age = ages.length ? `${join(ages)}的` : '';
    body = iTags.length ? `${age}${join(iTags)}` : `${age}个人`;
  } else body = who;
  return `面向：${body}${regions.length ? `，${join(regions)}` : ''}`;
}
