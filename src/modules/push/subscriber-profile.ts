import { beijingDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { ValidationError, type FieldError } from '../../platform/errors.js';
import { agencies, checkCreditCode } from '../agencies/index.js';
import { computeScale } from './enterprise-scale.js';
import { industryByCode, searchIndustries } from './industry.js';
import {
  channels as channelCodes,
  enterpriseTags,
  frequencies,
  identityTags,
  scales,
  subscriberKinds,
  tagDef,
  type Channel,
  type Frequency,
  type Scale,
  type SubscriberKind,
} from './push.js';
import type { PushSubscriberTable } from './push.tables.js';

/**
 * A subscriber's profile as the subscription form gives it: checked field by field (errors in
 * Chinese, naming the field), the 300号 scale computed, the regions of the agency tree, and the
 * columns it is stored as (personal data encrypted).
 */

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v])
    .map((x) => String(x).trim())
    .filter(Boolean);
export const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
export const checked = (v: unknown) => v === '1' || v === 'on' || v === true || v === 'true';

export interface ProfileInput {
  kind: SubscriberKind;
  email: string;
  mobile: string | null;
  name: string | null;
  creditCode: string | null;
  industry: string | null;
  staff: number | null;
  revenue: number | null;
  assets: number | null;
  scaleDeclared: Scale | null;
  regionId: string | null;
  enterpriseTags: string[];
  birthYear: number | null;
  identityTags: string[];
  frequency: Frequency;
  channels: Channel[];
  profiling: boolean;
  webhookUrl: string | null;
}

/** 万元 as typed on the form, to 元 (whole yuan). */
function wan(raw: string, field: string, label: string, errors: FieldError[]): number | null {
  if (!raw) return null;
  const v = Number(raw.replace(/[,，\s]/g, ''));
  if (!Number.isFinite(v) || v < 0 || v > 1e10) {
    errors.push({ field, message: `${label}应为不小于 0 的数字（单位：万元）` });
    return null;
  }
  return Math.round(v * 10_000);
}

/** A subscription form, checked; every problem names its field in Chinese. */
export async function parseProfile(ctx: Ctx, raw: Record<string, unknown>): Promise<ProfileInput> {
  const errors: FieldError[] = [];
  const kind = text(raw.kind) as SubscriberKind;
  if (!subscriberKinds.includes(kind))
    errors.push({ field: 'kind', message: '请选择订阅身份：企业、个人或仅关注主题' });
  const email = text(raw.email).toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
    errors.push({ field: 'email', message: '请填写有效的电子邮箱，用于接收验证码和推送' });
  const mobile = text(raw.mobile) || null;
  if (mobile && !/^1[3-9]\d{9}$/.test(mobile))
    errors.push({ field: 'mobile', message: '手机号应为 11 位数字' });
  const name = text(raw.name) || null;
  if (name && name.length > 100) errors.push({ field: 'name', message: '名称不超过 100 个字' });
  let creditCode: string | null = null;
  let industry: string | null = null;
  let staff: number | null = null;
  let revenue: number | null = null;
  let assets: number | null = null;
  let scaleDeclared: Scale | null = null;
  let eTags: string[] = [];
  let birthYear: number | null = null;
  let iTags: string[] = [];
  if (kind === 'enterprise') {
    if (!name) errors.push({ field: 'name', message: '请填写企业名称' });
    const cc = text(raw.creditCode);
    const check = checkCreditCode(cc);
    if (!cc) errors.push({ field: 'creditCode', message: '请填写统一社会信用代码' });
    else if (!check.ok) errors.push({ field: 'creditCode', message: check.message });
    else creditCode = check.code;
    const ind = text(raw.industry);
    if (ind) {
      // “C3311 金属结构制造” as the list suggests it, a bare code, or a 小类's exact name.
      const code = /^[A-Ta-t]?\d{2,4}(?=\s|$)/.exec(ind)?.[0];
      const byName = searchIndustries(ind, 2).filter((h) => h.level === 'class' && h.name === ind);
      const row = code ? industryByCode(code) : byName.length === 1 ? byName[0] : undefined;
      if (!row || row.level !== 'class')
        errors.push({ field: 'industry', message: '行业应为《国民经济行业分类》的四位小类，可输入名称搜索' });
      else industry = row.code;
    } else errors.push({ field: 'industry', message: '请选择所属行业（国民经济行业分类小类）' });
    const s = text(raw.staff);
    if (s) {
      if (!/^\d{1,7}$/.test(s)) errors.push({ field: 'staff', message: '从业人员应为整数（人）' });
      else staff = Number(s);
    }
    revenue = wan(text(raw.revenue), 'revenue', '营业收入', errors);
    assets = wan(text(raw.assets), 'assets', '资产总额', errors);
    const sd = text(raw.scaleDeclared);
    if (sd && !scales.includes(sd as Scale))
      errors.push({ field: 'scaleDeclared', message: '自报规模不可识别' });
    scaleDeclared = sd ? (sd as Scale) : null;
    eTags = [...new Set(list(raw.enterpriseTags))];
    const bad = eTags.filter((t) => !enterpriseTags.some((d) => d.code === t));
    if (bad.length) errors.push({ field: 'enterpriseTags', message: '资质标签不可识别' });
  }
  if (kind === 'citizen') {
    const y = text(raw.birthYear);
    const year = Number(beijingDate(ctx.clock.now()).slice(0, 4));
    if (y) {
      if (!/^\d{4}$/.test(y) || Number(y) < year - 120 || Number(y) > year)
        errors.push({ field: 'birthYear', message: `出生年份应为 ${year - 120}–${year} 之间的四位数` });
      else birthYear = Number(y);
    }
    iTags = [...new Set(list(raw.identityTags))];
    const bad = iTags.filter((t) => !identityTags.some((d) => d.code === t));
    if (bad.length) errors.push({ field: 'identityTags', message: '特定身份不可识别' });
    for (const t of iTags) {
      const d = tagDef(t);
      if (d?.sensitive && !checked(raw[`consent_${t}`]))
        errors.push({
          field: `consent_${t}`,
          message: `“${d.label}”属于敏感个人信息，须单独勾选同意后才能用于推送；不同意可不选此项`,
        });
    }
  }
  let regionId: string | null = text(raw.regionId) || null;
  if (regionId) {
    const regions = await regionChoices(ctx);
    if (!regions.some((r) => r.id === regionId)) {
      errors.push({ field: 'regionId', message: '请从列表中选择所在区域' });
      regionId = null;
    }
  }
  const frequency = (text(raw.frequency) || 'immediate') as Frequency;
  if (!frequencies.includes(frequency)) errors.push({ field: 'frequency', message: '推送频率不可识别' });
  const chosen = list(raw.channels).filter((c): c is Channel =>
    (channelCodes as readonly string[]).includes(c),
  );
  const channels: Channel[] = chosen.length ? [...new Set(chosen)] : ['email', 'inbox'];
  const webhookUrl = text(raw.webhookUrl) || null;
  if (channels.includes('webhook')) {
    if (kind !== 'enterprise')
      errors.push({ field: 'channels', message: '企业系统接口（Webhook）仅供企业订阅使用' });
    if (!webhookUrl || !/^https?:\/\/[^\s]+$/.test(webhookUrl))
      errors.push({
        field: 'webhookUrl',
        message: '选择企业系统接口时，请填写以 http:// 或 https:// 开头的接收地址',
      });
  }
  if (errors.length) throw new ValidationError(errors);
  return {
    kind,
    email,
    mobile,
    name,
    creditCode,
    industry,
    staff,
    revenue,
    assets,
    scaleDeclared,
    regionId,
    enterpriseTags: eTags,
    birthYear,
    identityTags: iTags,
    frequency,
    channels,
    profiling: kind !== 'topics' && checked(raw.profiling),
    webhookUrl: channels.includes('webhook') ? webhookUrl : null,
  };
}

/** Regions a profile or a rule may name: 人民政府, 乡镇街道 and 村社区 of the agency tree. */
export async function regionChoices(ctx: Ctx): Promise<Array<{ id: string; name: string; depth: number }>> {
  const all = await agencies.listPublic(ctx);
  // In tree order: each village right after its own township, whatever order the list came in.
  const children = new Map<string | null, typeof all>();
  for (const a of all) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
  const ordered: typeof all = [];
  const walk = (parent: string | null) => {
    for (const a of children.get(parent) ?? []) {
      ordered.push(a);
      walk(a.id);
    }
  };
  walk(null);
  return ordered
    .filter((a) => ['peoplesGovernment', 'townshipStreet', 'villageCommunity'].includes(a.kind))
    .map((a) => ({ id: a.id, name: regionName(a.name), depth: a.depth }));
}

/** A region as people name it: 晋江市, 磁灶镇, 青阳街道, 磁灶镇大埔村 (not the government's name). */
export function regionName(agencyName: string): string {
  const suffixes: Array<[string, string]> = [
    ['人民政府', ''],
    ['办事处', ''],
    ['社区居民委员会', '社区'],
    ['居民委员会', '社区'],
    ['村民委员会', '村'],
  ];
  for (const [suffix, keep] of suffixes)
    if (agencyName.endsWith(suffix) && agencyName.length > suffix.length)
      return agencyName.slice(0, -suffix.length) + keep;
  return agencyName;
}

/** The 300号 scale of an enterprise's figures, or null when they do not suffice. */
export function scaleOf(p: Pick<ProfileInput, 'industry' | 'staff' | 'revenue' | 'assets'>): Scale | null {
  if (!p.industry) return null;
  try {
    const r = computeScale({
      industry: p.industry,
      ...(p.staff !== null ? { staff: p.staff } : {}),
      ...(p.revenue !== null ? { revenueYuan: p.revenue } : {}),
      ...(p.assets !== null ? { assetsYuan: p.assets } : {}),
    });
    return r.status === 'classified' ? r.scale : null;
  } catch {
    return null;
  }
}

export function profileColumns(ctx: Ctx, p: ProfileInput): Partial<PushSubscriberTable> {
  return {
    kind: p.kind,
    mobile_enc: p.mobile ? ctx.cipher.encrypt(p.mobile) : null,
    name_enc: p.name ? ctx.cipher.encrypt(p.name) : null,
    credit_code: p.creditCode,
    industry: p.industry,
    staff: p.staff,
    revenue: p.revenue,
    assets: p.assets,
    // Computed by the 300号 table; where the figures do not suffice, the size the enterprise declared.
    scale: scaleOf(p) ?? p.scaleDeclared,
    scale_declared: p.scaleDeclared,
    region_id: p.regionId,
    enterprise_tags_json: JSON.stringify(p.enterpriseTags),
    identity_tags_enc: p.identityTags.length ? ctx.cipher.encrypt(JSON.stringify(p.identityTags)) : null,
    birth_year: p.birthYear,
    profiling: p.profiling ? 1 : 0,
    frequency: p.frequency,
    channels_json: JSON.stringify(p.channels),
    webhook_url: p.webhookUrl,
  };
}
