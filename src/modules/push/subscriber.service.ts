import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { holdsProof } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/index.js';
import { sendMail } from './push-mail.js';
import { subscriberProof } from './push.policy.js';
import { subscriptionWording, tagConsentWording, tagDef, type Channel } from './push.js';
import * as repo from './push.repository.js';
import { pushSettings } from './push.settings.js';
import type { PushSubscriberTable } from './push.tables.js';
import { checked, parseProfile, profileColumns, text, type ProfileInput } from './subscriber-profile.js';

export { parseProfile, regionChoices, regionName, scaleOf, type ProfileInput } from './subscriber-profile.js';

declare module '../../platform/module.js' {
  interface Capabilities {
    /** The address citizens reach the portal at (PUBLIC_URL), for links in e-mail and feeds. */
    publicBaseUrl(): string;
  }
}

export const linkBase = (ctx: Ctx): string =>
  ctx.modules.capabilities.publicBaseUrl?.() ?? 'http://localhost:3000';
/** Secret links that work without signing in: derived from the id with the data key, never stored. */
/** Compares two secrets in constant time. */
export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
export const stopToken = (ctx: Ctx, id: string) => ctx.cipher.blindIndex(`push-stop:${id}`).slice(0, 32);
export const feedToken = (ctx: Ctx, id: string) => ctx.cipher.blindIndex(`push-feed:${id}`).slice(0, 32);
export const stopUrl = (ctx: Ctx, id: string, deliveryId?: string) =>
  `${linkBase(ctx)}/push/stop/${id}/${stopToken(ctx, id)}${deliveryId ? `?d=${deliveryId}` : ''}`;
export const feedUrl = (ctx: Ctx, id: string) =>
  `${linkBase(ctx)}/push/feed/${id}/${feedToken(ctx, id)}.atom`;

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

/** A new subscriber's row: pending until the code is confirmed, or confirmed at once (the system). */
function newRow(
  ctx: Ctx,
  p: ProfileInput,
  k: { id: string; seq: number; version: number; confirmed: boolean },
): PushSubscriberTable {
  const now = ctx.clock.now().toISOString();
  return {
    id: k.id,
    seq: k.seq,
    version: k.version,
    kind: p.kind,
    state: k.confirmed ? 'active' : 'pending',
    email_enc: ctx.cipher.encrypt(p.email),
    email_hash: ctx.cipher.blindIndex(`push-email:${p.email}`),
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
    webhook_secret_enc: p.channels.includes('webhook') ? newWebhookSecret(ctx) : null,
    verify_code_hash: null,
    verify_expires_at: null,
    verify_attempts: 0,
    code_sent_at: null,
    verified_at: k.confirmed ? now : null,
    consent_at: now,
    consent_wording: subscriptionWording,
    last_digest_at: null,
    created_at: now,
    updated_at: now,
    ...profileColumns(ctx, p),
  };
}

export const CODE_JOB = 'push.sendCode';
/** At most one code a minute for an address: the form cannot be used to flood a mailbox. */
const CODE_INTERVAL_MS = 60_000;

/**
 * 发送验证码 (a job, after the request's transaction has committed: no mail server is waited on
 * while the database is locked). The code is made here, stored hashed, and mailed.
 */
export async function sendCode(ctx: Ctx, id: string, purpose: 'subscribe' | 'signIn'): Promise<string> {
  const row = await repo.subscriber(ctx.db, id);
  if (!row) return '订阅已删除';
  const minutes = pushSettings.of(ctx).verifyMinutes;
  const now = ctx.clock.now();
  const lastSent = row.code_sent_at ? new Date(row.code_sent_at).getTime() : 0;
  if (now.getTime() - lastSent < CODE_INTERVAL_MS) return '一分钟内已发送过验证码';
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await repo.updateSubscriber(ctx.db, id, {
    verify_code_hash: ctx.cipher.blindIndex(`${id}:${code}`),
    verify_expires_at: new Date(now.getTime() + minutes * 60_000).toISOString(),
    verify_attempts: 0,
    code_sent_at: now.toISOString(),
  });
  const what = purpose === 'subscribe' ? '确认订阅政策推送' : '登录“我的订阅”';
  await sendMail(ctx, {
    to: ctx.cipher.decrypt(row.email_enc),
    subject: `${what}的验证码`,
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
  return '已发送验证码';
}

const queueCode = (ctx: Ctx, id: string, purpose: 'subscribe' | 'signIn') =>
  enqueue(ctx, { name: CODE_JOB, payload: { id, purpose } });

/**
 * The id a page shows for an address that never subscribed: the same every time for the address
 * (like a real one), and no code will ever match it.
 */
function pseudoId(ctx: Ctx, email: string): string {
  const h = ctx.cipher.blindIndex(`push-nobody:${email}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * 订阅: a new subscriber waits for the code mailed to them; an address already subscribed gets a
 * sign-in code instead, and nothing of the form is applied (a stranger cannot change another's
 * subscription; the page says the same in every case, so the form does not tell who subscribed).
 * Two submissions of one address at once make one subscriber.
 */
export async function subscribe(ctx: Ctx, raw: Record<string, unknown>): Promise<{ id: string }> {
  // Every problem of the form at once: the agreement and the fields alike.
  const agree = checked(raw.agree)
    ? []
    : [{ field: 'agree', message: '请阅读页面下方的推送服务说明，勾选同意后再订阅' }];
  const p = await parseProfile(ctx, raw).catch((e: unknown) => {
    throw e instanceof ValidationError ? new ValidationError([...e.fields, ...agree]) : e;
  });
  if (agree.length) throw new ValidationError(agree);
  return inTransaction(ctx, async (tx) => {
    const hash = tx.cipher.blindIndex(`push-email:${p.email}`);
    // Under push_state's lock, so a second submission of the address waits and then finds it.
    const { version, seq } = await repo.bump(tx.db, { newSubscriber: true });
    const existing = await repo.subscriberByEmailHash(tx.db, hash);
    if (existing) {
      await queueCode(tx, existing.id, existing.verified_at ? 'signIn' : 'subscribe');
      return { id: existing.id };
    }
    const id = newId();
    await repo.insertSubscriber(tx.db, newRow(tx, p, { id, seq, version, confirmed: false }));
    await syncConsents(tx, id, [], p.identityTags);
    await recordAudit(tx, {
      action: 'push.subscribe',
      subjectType: 'pushSubscriber',
      subjectId: id,
      agencyId: null,
      after: { kind: p.kind },
    });
    await queueCode(tx, id, 'subscribe');
    return { id };
  });
}

/**
 * 登录“我的订阅”: a code to the address, if it subscribed. The answer is the same either way (an
 * unknown address gets an id of its own that no code matches), so the page does not tell.
 */
export async function requestSignIn(ctx: Ctx, raw: Record<string, unknown>): Promise<{ id: string }> {
  const email = text(raw.email).toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw ValidationError.one('email', '请填写订阅时使用的电子邮箱');
  return inTransaction(ctx, async (tx) => {
    const row = await repo.subscriberByEmailHash(tx.db, tx.cipher.blindIndex(`push-email:${email}`));
    if (!row) return { id: pseudoId(tx, email) };
    await queueCode(tx, row.id, row.verified_at ? 'signIn' : 'subscribe');
    return { id: row.id };
  });
}

const MAX_ATTEMPTS = 5;

const WRONG_CODE = '验证码不正确或已失效，请核对邮件或重新获取';

/**
 * Checks a code: the subscriber is confirmed (a first time: active from now) and the door proves
 * them in this browser. A wrong code counts (committed on its own, before the answer); five void
 * the code. An unknown id answers as a wrong code does.
 */
export async function verify(
  ctx: Ctx,
  id: string,
  rawCode: unknown,
): Promise<{ id: string; first: boolean }> {
  const code = text(rawCode);
  if (!/^\d{6}$/.test(code)) throw ValidationError.one('code', '请输入邮件中的 6 位数字验证码');
  const row = isId(id) ? await repo.subscriber(ctx.db, id) : undefined;
  if (!row) throw ValidationError.one('code', WRONG_CODE);
  const now = ctx.clock.now();
  const live =
    !!row.verify_code_hash &&
    !!row.verify_expires_at &&
    row.verify_expires_at >= now.toISOString() &&
    row.verify_attempts < MAX_ATTEMPTS;
  if (!live || !sameToken(ctx.cipher.blindIndex(`${id}:${code}`), row.verify_code_hash!)) {
    if (live) await repo.countWrongCode(ctx.db, id);
    throw ValidationError.one('code', WRONG_CODE);
  }
  return inTransaction(ctx, async (tx) => {
    const first = !row.verified_at;
    const { version } = await repo.bump(tx.db);
    // Taken once: a second use of the same code finds it gone.
    const taken = await repo.takeCode(tx.db, id, row.verify_code_hash!, {
      ...(first ? { verified_at: now.toISOString(), state: 'active' } : {}),
      version,
      updated_at: now.toISOString(),
    });
    if (!taken) throw ValidationError.one('code', WRONG_CODE);
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
  if (!isId(id) || !sameToken(token, stopToken(ctx, id))) throw new NotFoundError('退订链接无效或已过期');
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

/** 退订 from “我的订阅”. */
export async function stopOwn(ctx: Ctx, id: string): Promise<void> {
  await own(ctx, id);
  await stop(ctx, id, stopToken(ctx, id));
}

/** What the stop link's page shows before the button is pressed: whether the link is good, and the state. */
export async function stopLinkState(ctx: Ctx, id: string, token: string): Promise<string> {
  if (!isId(id) || !sameToken(token, stopToken(ctx, id))) throw new NotFoundError('退订链接无效或已过期');
  const row = await repo.subscriber(ctx.db, id);
  if (!row) throw new NotFoundError('该订阅已删除');
  return row.state;
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
  const row = await own(ctx, id);
  await inTransaction(ctx, async (tx) => {
    await repo.bump(tx.db, { deletion: true });
    await repo.deleteSubscriber(tx.db, id, newId(), row.email_hash);
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
    const { version, seq } = await repo.bump(tx.db, { newSubscriber: true });
    const id = newId();
    await repo.insertSubscriber(tx.db, newRow(tx, p, { id, seq, version, confirmed: true }));
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
