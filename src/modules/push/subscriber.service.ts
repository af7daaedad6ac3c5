import { randomBytes, randomInt } from 'node:crypto';
import { holdsProof } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies, checkCreditCode } from '../agencies/index.js';
import { computeScale } from './enterprise-scale.js';
import { industryByCode, searchIndustries } from './industry.js';
import { sendMail } from './push-mail.js';
import { subscriberProof } from './push.policy.js';
import {
  channels as channelCodes,
  enterpriseTags,
  frequencies,
  identityTags,
  scales,
  subscriberKinds,
  subscriptionWording,
  tagConsentWording,
  tagDef,
  type Channel,
  type Frequency,
  type Scale,
  type SubscriberKind,
} from './push.js';
import * as repo from './push.repository.js';
import { pushSettings } from './push.settings.js';
import type { PushSubscriberTable } from './push.tables.js';

declare module '../../platform/module.js' {
  interface Capabilities {
    /** The address citizens reach the portal at (PUBLIC_URL), for links in e-mail and feeds. */
    publicBaseUrl(): string;
  }
}

export const linkBase = (ctx: Ctx): string =>
  ctx.modules.capabilities.publicBaseUrl?.() ?? 'http://localhost:3000';
/** Secret links that work without signing in: derived from the id with the data key, never stored. */
export const stopToken = (ctx: Ctx, id: string) => ctx.cipher.blindIndex(`push-stop:${id}`).slice(0, 32);
export const feedToken = (ctx: Ctx, id: string) => ctx.cipher.blindIndex(`push-feed:${id}`).slice(0, 32);
export const stopUrl = (ctx: Ctx, id: string, deliveryId?: string) =>
  `${linkBase(ctx)}/push/stop/${id}/${stopToken(ctx, id)}${deliveryId ? `?d=${deliveryId}` : ''}`;
export const feedUrl = (ctx: Ctx, id: string) =>
  `${linkBase(ctx)}/push/feed/${id}/${feedToken(ctx, id)}.atom`;

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v])
    .map((x) => String(x).trim())
    .filter(Boolean);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const checked = (v: unknown) => v === '1' || v === 'on' || v === true || v === 'true';

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
    const year = Number(ctx.clock.now().toISOString().slice(0, 4));
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

function profileColumns(ctx: Ctx, p: ProfileInput): Partial<PushSubscriberTable> {
  return {
    kind: p.kind,
    mobile_enc: p.mobile ? ctx.cipher.encrypt(p.mobile) : null,
    name_enc: p.name ? ctx.cipher.encrypt(p.name) : null,
    credit_code: p.creditCode,
    industry: p.industry,
    staff: p.staff,
    revenue: p.revenue,
    assets: p.assets,
    scale: scaleOf(p),
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

/** Records 单独同意 for sensitive tags newly held, and withdraws it for those dropped. */
async function syncConsents(ctx: Ctx, id: string, before: string[], after: string[]): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const rows = await repo.consents(ctx.db, id);
  for (const t of after.filter((x) => !before.includes(x) && tagDef(x)?.sensitive)) {
    const d = tagDef(t)!;
    await repo.insertConsent(ctx.db, {
      id: newId(),
      subscriber_id: id,
      subject_enc: ctx.cipher.encrypt(JSON.stringify({ tag: t, wording: tagConsentWording(d.label) })),
      given_at: now,
      withdrawn_at: null,
    });
  }
  for (const t of before.filter((x) => !after.includes(x))) {
    for (const r of rows.filter((r) => !r.withdrawn_at)) {
      const subject = JSON.parse(ctx.cipher.decrypt(r.subject_enc)) as { tag: string };
      if (subject.tag === t) await repo.withdrawConsent(ctx.db, r.id, now);
    }
  }
}

/** A webhook's signing secret (256 random bits), encrypted. */
const newWebhookSecret = (ctx: Ctx) => ctx.cipher.encrypt(randomBytes(32).toString('hex'));

const identityOf = (ctx: Ctx, row: { identity_tags_enc: string | null }): string[] =>
  row.identity_tags_enc ? (JSON.parse(ctx.cipher.decrypt(row.identity_tags_enc)) as string[]) : [];

async function sendCode(ctx: Ctx, id: string, email: string, purpose: 'subscribe' | 'signIn'): Promise<void> {
  const minutes = pushSettings.of(ctx).verifyMinutes;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await repo.updateSubscriber(ctx.db, id, {
    verify_code_hash: ctx.cipher.blindIndex(`${id}:${code}`),
    verify_expires_at: new Date(ctx.clock.now().getTime() + minutes * 60_000).toISOString(),
    verify_attempts: 0,
  });
  const what = purpose === 'subscribe' ? '确认订阅政策推送' : '登录“我的订阅”';
  await sendMail(ctx, {
    to: email,
    subject: `${what}的验证码：${code}`,
    text: [
      '您好！',
      '',
      `您正在${what}。验证码是：${code}，${minutes} 分钟内有效。`,
      `也可以打开下面的链接，在页面上确认：`,
      `${linkBase(ctx)}/push/verify/${id}?code=${code}`,
      '',
      '如果这不是您本人的操作，请忽略本邮件，您的邮箱不会收到任何推送。',
    ].join('\n'),
  });
}

/**
 * 订阅: a new subscriber waits for the code sent to their e-mail; an address already subscribed
 * gets a sign-in code instead, and nothing of the form is applied (the page says the same in
 * both cases, so the form does not tell who has subscribed).
 */
export async function subscribe(ctx: Ctx, raw: Record<string, unknown>): Promise<{ id: string }> {
  if (!checked(raw.agree))
    throw ValidationError.one('agree', '请阅读页面下方的推送服务说明，勾选同意后再订阅');
  const p = await parseProfile(ctx, raw);
  return inTransaction(ctx, async (tx) => {
    const hash = tx.cipher.blindIndex(`push-email:${p.email}`);
    const existing = await repo.subscriberByEmailHash(tx.db, hash);
    if (existing && existing.verified_at) {
      await sendCode(tx, existing.id, p.email, 'signIn');
      return { id: existing.id };
    }
    const now = tx.clock.now().toISOString();
    if (existing) {
      // Not yet confirmed: the newer form replaces the older one.
      const { version } = await repo.bump(tx.db);
      await syncConsents(tx, existing.id, identityOf(tx, existing), p.identityTags);
      await repo.updateSubscriber(tx.db, existing.id, { ...profileColumns(tx, p), version, updated_at: now });
      await sendCode(tx, existing.id, p.email, 'subscribe');
      return { id: existing.id };
    }
    const { version, seq } = await repo.bump(tx.db, { newSubscriber: true });
    const id = newId();
    await repo.insertSubscriber(tx.db, {
      id,
      seq,
      version,
      kind: p.kind,
      state: 'pending',
      email_enc: tx.cipher.encrypt(p.email),
      email_hash: hash,
      mobile_enc: null,
      name_enc: null,
      credit_code: null,
      industry: null,
      staff: null,
      revenue: null,
      assets: null,
      scale: null,
      scale_declared: null,
      region_id: null,
      enterprise_tags_json: '[]',
      identity_tags_enc: null,
      birth_year: null,
      profiling: 0,
      frequency: 'immediate',
      channels_json: '["email","inbox"]',
      webhook_url: null,
      webhook_secret_enc: null,
      verify_code_hash: null,
      verify_expires_at: null,
      verify_attempts: 0,
      verified_at: null,
      consent_at: now,
      consent_wording: subscriptionWording,
      last_digest_at: null,
      created_at: now,
      updated_at: now,
      ...profileColumns(tx, p),
    });
    if (p.channels.includes('webhook'))
      await repo.updateSubscriber(tx.db, id, {
        webhook_secret_enc: newWebhookSecret(tx),
      });
    await syncConsents(tx, id, [], p.identityTags);
    await recordAudit(tx, {
      action: 'push.subscribe',
      subjectType: 'pushSubscriber',
      subjectId: id,
      agencyId: null,
      after: { kind: p.kind },
    });
    await sendCode(tx, id, p.email, 'subscribe');
    return { id };
  });
}

/**
 * 登录“我的订阅”: a code to the address, if it subscribed. The answer has the same shape either
 * way (an unknown address gets an id no code will ever match), so the page does not tell.
 */
export async function requestSignIn(ctx: Ctx, raw: Record<string, unknown>): Promise<{ id: string }> {
  const email = text(raw.email).toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw ValidationError.one('email', '请填写订阅时使用的电子邮箱');
  return inTransaction(ctx, async (tx) => {
    const row = await repo.subscriberByEmailHash(tx.db, tx.cipher.blindIndex(`push-email:${email}`));
    if (!row) return { id: newId() };
    await sendCode(tx, row.id, email, row.verified_at ? 'signIn' : 'subscribe');
    return { id: row.id };
  });
}

const MAX_ATTEMPTS = 5;

/**
 * Checks a code: the subscriber is confirmed (a first time: active from now) and the door proves
 * them in this browser. Five wrong codes void the code.
 */
export async function verify(
  ctx: Ctx,
  id: string,
  rawCode: unknown,
): Promise<{ id: string; first: boolean }> {
  const code = text(rawCode);
  if (!/^\d{6}$/.test(code)) throw ValidationError.one('code', '请输入邮件中的 6 位数字验证码');
  // An unknown id answers as a wrong code does: the page never tells whether an address subscribed.
  if (!isId(id)) throw ValidationError.one('code', '验证码不正确或已失效，请重新获取');
  return inTransaction(ctx, async (tx) => {
    const row = await repo.subscriber(tx.db, id);
    if (!row) throw ValidationError.one('code', '验证码不正确或已失效，请重新获取');
    const now = tx.clock.now();
    const expired = !row.verify_expires_at || row.verify_expires_at < now.toISOString();
    if (!row.verify_code_hash || expired || row.verify_attempts >= MAX_ATTEMPTS)
      throw ValidationError.one('code', '验证码已失效，请重新获取');
    if (tx.cipher.blindIndex(`${id}:${code}`) !== row.verify_code_hash) {
      await repo.updateSubscriber(tx.db, id, { verify_attempts: row.verify_attempts + 1 });
      throw ValidationError.one(
        'code',
        `验证码不正确，还可以再试 ${MAX_ATTEMPTS - row.verify_attempts - 1} 次`,
      );
    }
    const first = !row.verified_at;
    const { version } = await repo.bump(tx.db);
    await repo.updateSubscriber(tx.db, id, {
      verify_code_hash: null,
      verify_expires_at: null,
      verify_attempts: 0,
      ...(first ? { verified_at: now.toISOString(), state: 'active' } : {}),
      version,
      updated_at: now.toISOString(),
    });
    if (first)
      await recordAudit(tx, {
        action: 'push.confirm',
        subjectType: 'pushSubscriber',
        subjectId: id,
        agencyId: null,
      });
    return { id, first };
  });
}

/** The subscriber's own row: only for the browser that proved it. */
export async function own(ctx: Ctx, id: string): Promise<repo.SubscriberRow> {
  if (!isId(id) || !holdsProof(ctx.actor, subscriberProof(id)))
    throw new ForbiddenError('请先用邮箱验证码登录“我的订阅”');
  const row = await repo.subscriber(ctx.db, id);
  if (!row) throw new NotFoundError('该订阅已删除');
  return row;
}

/** 修改画像和推送设置 (the e-mail stays: a new address is a new subscription). */
export async function updateProfile(ctx: Ctx, id: string, raw: Record<string, unknown>): Promise<void> {
  const row = await own(ctx, id);
  const p = await parseProfile(ctx, { ...raw, email: ctx.cipher.decrypt(row.email_enc), kind: row.kind });
  await inTransaction(ctx, async (tx) => {
    const { version } = await repo.bump(tx.db);
    await syncConsents(tx, id, identityOf(tx, row), p.identityTags);
    const secret =
      p.channels.includes('webhook') && !row.webhook_secret_enc
        ? { webhook_secret_enc: newWebhookSecret(tx) }
        : {};
    await repo.updateSubscriber(tx.db, id, {
      ...profileColumns(tx, p),
      ...secret,
      state: row.state === 'stopped' ? 'active' : row.state,
      version,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordAudit(tx, {
      action: 'push.updateProfile',
      subjectType: 'pushSubscriber',
      subjectId: id,
      agencyId: null,
    });
  });
}

/** 撤回单独同意: the tag leaves the profile at once, and with it every match it made possible. */
export async function withdrawTag(ctx: Ctx, id: string, tag: string): Promise<void> {
  const row = await own(ctx, id);
  const held = identityOf(ctx, row);
  if (!held.includes(tag)) throw ValidationError.one('tag', '该身份信息已不在您的画像中');
  const after = held.filter((t) => t !== tag);
  await inTransaction(ctx, async (tx) => {
    const { version } = await repo.bump(tx.db);
    await syncConsents(tx, id, held, after);
    await repo.updateSubscriber(tx.db, id, {
      identity_tags_enc: after.length ? tx.cipher.encrypt(JSON.stringify(after)) : null,
      version,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordAudit(tx, {
      action: 'push.withdrawConsent',
      subjectType: 'pushSubscriber',
      subjectId: id,
      agencyId: null,
    });
  });
}

/**
 * 退订, from the link in any message, without signing in (PIPL arts 15, 24): the subscriber gets
 * nothing more until they subscribe again from “我的订阅”. `deliveryId` names the message whose
 * link was used (the figures' 退订).
 */
export async function stop(ctx: Ctx, id: string, token: string, deliveryId?: string): Promise<void> {
  if (!isId(id) || token !== stopToken(ctx, id)) throw new NotFoundError('退订链接无效或已过期');
  await inTransaction(ctx, async (tx) => {
    const row = await repo.subscriber(tx.db, id);
    if (!row) throw new NotFoundError('该订阅已删除');
    if (row.state === 'stopped') return;
    const now = tx.clock.now().toISOString();
    const { version } = await repo.bump(tx.db);
    await repo.updateSubscriber(tx.db, id, { state: 'stopped', version, updated_at: now });
    if (deliveryId && isId(deliveryId)) {
      const d = await repo.delivery(tx.db, deliveryId);
      if (d && d.subscriber_id === id) await repo.setDelivery(tx.db, deliveryId, { stopped_at: now });
    }
    await recordAudit(tx, {
      action: 'push.stop',
      subjectType: 'pushSubscriber',
      subjectId: id,
      agencyId: null,
    });
  });
}

/** 恢复订阅 after a stop, from “我的订阅”. */
export async function resume(ctx: Ctx, id: string): Promise<void> {
  await own(ctx, id);
  await inTransaction(ctx, async (tx) => {
    const { version } = await repo.bump(tx.db);
    await repo.updateSubscriber(tx.db, id, {
      state: 'active',
      version,
      updated_at: tx.clock.now().toISOString(),
    });
    await recordAudit(tx, {
      action: 'push.resume',
      subjectType: 'pushSubscriber',
      subjectId: id,
      agencyId: null,
    });
  });
}

/**
 * 删除 (PIPL art 47): the subscriber, their consents and follows go; their deliveries stay for the
 * figures without any link to them.
 */
export async function remove(ctx: Ctx, id: string): Promise<void> {
  await own(ctx, id);
  await inTransaction(ctx, async (tx) => {
    await repo.bump(tx.db, { deletion: true });
    await repo.deleteSubscriber(tx.db, id);
    await recordAudit(tx, {
      action: 'push.delete',
      subjectType: 'pushSubscriber',
      subjectId: null,
      agencyId: null,
    });
  });
}

export type { Channel };

/**
 * A subscriber confirmed at once, for the demo loader and data migrated from an earlier system
 * (the system actor only: a person always confirms their own address).
 */
export async function registerConfirmed(ctx: Ctx, raw: Record<string, unknown>): Promise<{ id: string }> {
  if (ctx.actor.kind !== 'system') throw new ForbiddenError();
  const p = await parseProfile(ctx, raw);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const { version, seq } = await repo.bump(tx.db, { newSubscriber: true });
    const id = newId();
    await repo.insertSubscriber(tx.db, {
      id,
      seq,
      version,
      kind: p.kind,
      state: 'active',
      email_enc: tx.cipher.encrypt(p.email),
      email_hash: tx.cipher.blindIndex(`push-email:${p.email}`),
      mobile_enc: null,
      name_enc: null,
      credit_code: null,
      industry: null,
      staff: null,
      revenue: null,
      assets: null,
      scale: null,
      scale_declared: null,
      region_id: null,
      enterprise_tags_json: '[]',
      identity_tags_enc: null,
      birth_year: null,
      profiling: 0,
      frequency: 'immediate',
      channels_json: '["email","inbox"]',
      webhook_url: null,
      webhook_secret_enc: p.channels.includes('webhook') ? newWebhookSecret(tx) : null,
      verify_code_hash: null,
      verify_expires_at: null,
      verify_attempts: 0,
      verified_at: now,
      consent_at: now,
      consent_wording: subscriptionWording,
      last_digest_at: null,
      created_at: now,
      updated_at: now,
      ...profileColumns(tx, p),
    });
    await syncConsents(tx, id, [], p.identityTags);
    await recordAudit(tx, {
      action: 'push.subscribe',
      subjectType: 'pushSubscriber',
      subjectId: id,
      agencyId: null,
      after: { kind: p.kind },
    });
    return { id };
  });
}
