import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/index.js';
import { touchPublicPages } from '../../platform/page-version.js';
import { records } from '../records/index.js';
import { describeRule, type AudienceRule } from './audience-rule.js';
import { matchRule } from './profile-index.service.js';
import { sendMail } from './push-mail.js';
import { followKindLabels, type Channel, type FollowKind } from './push.js';
import * as repo from './push.repository.js';
import type { PushDeliveryTable } from './push.tables.js';
import { linkBase, regionChoices, sameToken, stopUrl } from './subscriber.service.js';
import { pushSettings } from './push.settings.js';

/** What a publication is matched as: a record, filed under catalog items. */
export interface PushTarget {
  targetKind: 'record';
  targetId: string;
  catalogItemIds: readonly string[];
}

export const MATCH_JOB = 'push.match';
export const SEND_JOB = 'push.send';
export const DIGEST_JOB = 'push.digest';
const BATCH = 5_000;
const SEND_BATCH = 50;

/** Opening a message's link: recorded once, then on to the policy. */
export const openToken = (ctx: Ctx, deliveryId: string) =>
  ctx.cipher.blindIndex(`push-open:${deliveryId}`).slice(0, 24);
export const openUrl = (ctx: Ctx, deliveryId: string) =>
  `${linkBase(ctx)}/push/o/${deliveryId}/${openToken(ctx, deliveryId)}`;

/** The rule that applies to a record: its own, else the first of its catalog items'. */
export async function ruleForRecord(
  ctx: Ctx,
  recordId: string,
  catalogItemIds: readonly string[],
): Promise<repo.RuleRow | undefined> {
  const own = await repo.rule(ctx.db, 'record', recordId);
  if (own) return own;
  const items = await repo.rulesFor(ctx.db, 'catalogItem', catalogItemIds);
  return catalogItemIds.map((id) => items.find((r) => r.target_id === id)).find(Boolean);
}

function month(iso: string): string {
  // Beijing time.
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/**
 * 匹配: every subscriber a published policy is for — by its audience rule over their profiles, and
 * by the topics they follow — gets one delivery per channel they chose. Safe to run twice and
 * from two workers at once: a delivery that exists is left alone (the unique key), so nobody gets
 * a policy twice. Returns counts.
 */
export async function matchPublication(
  ctx: Ctx,
  t: PushTarget,
): Promise<{ matched: number; deliveries: number }> {
  const record = await records.publicView(ctx, t.targetId);
  if (!record) return { matched: 0, deliveries: 0 };
  const catalogItemIds = t.catalogItemIds.length
    ? t.catalogItemIds
    : record.catalog_item_ids
      ? (JSON.parse(record.catalog_item_ids) as string[])
      : [];
  const rule = await ruleForRecord(ctx, record.id, catalogItemIds);
  const url = `${linkBase(ctx)}/records/${record.id}`;
  const now = ctx.clock.now().toISOString();
  const base = {
    target_kind: 'record',
    target_id: record.id,
    agency_id: record.agency_id,
    title: record.title,
    url,
    month: month(now),
    matched_at: now,
    claimed_at: null,
    sent_at: null,
    opened_at: null,
    stopped_at: null,
    attempts: 0,
    last_error: null,
  };
  let matched = 0;
  let created = 0;
  const toSend: string[] = [];
  const deliver = async (
    subs: repo.SubscriberRow[],
    reasonOf: (s: repo.SubscriberRow) => string,
    ruleId: string | null,
  ) => {
    const rows: PushDeliveryTable[] = [];
    for (const s of subs) {
      const reason = ctx.cipher.encrypt(reasonOf(s));
      for (const channel of JSON.parse(s.channels_json) as Channel[]) {
        const immediate = channel === 'inbox' || channel === 'feed';
        rows.push({
          ...base,
          id: newId(),
          subscriber_id: s.id,
          person: s.id,
          rule_id: ruleId,
          category_id: rule?.category_id ?? null,
          reason_enc: reason,
          channel,
          state: immediate ? 'sent' : 'queued',
          digest: channel === 'email' && s.frequency !== 'immediate' ? 1 : 0,
          ...(immediate ? { sent_at: now } : {}),
        });
      }
    }
    const ids = await inTransaction(ctx, async (tx) => {
      const inserted = new Set(await repo.insertDeliveries(tx.db, rows));
      // /push/policies lists every policy pushed: a first delivery changes it (ADR 0013).
      if (inserted.size > 0) await touchPublicPages(tx);
      const sendNow = rows
        .filter((r) => inserted.has(r.id) && r.state === 'queued' && r.digest === 0)
        .map((r) => r.id);
      for (let i = 0; i < sendNow.length; i += SEND_BATCH)
        await enqueue(tx, { name: SEND_JOB, payload: { ids: sendNow.slice(i, i + SEND_BATCH) } });
      return inserted;
    });
    matched += subs.length;
    created += ids.size;
    toSend.push(...rows.filter((r) => ids.has(r.id)).map((r) => r.id));
  };
  if (rule) {
    const audience = JSON.parse(rule.rule_json) as AudienceRule;
    const seqs = await matchRule(ctx, audience);
    const reason = `${rule.description}。您的${'订阅画像'}符合这一条件，因此收到本条推送。`;
    for (let i = 0; i < seqs.length; i += BATCH) {
      const subs = await repo.activeBySeq(ctx.db, Array.from(seqs.subarray(i, i + BATCH)));
      await deliver(
        subs.filter((s) => s.profiling === 1),
        () => reason,
        rule.id,
      );
    }
  }
  // Topics followed (no profile needed). Subscribers already reached by the rule keep that reason.
  const follows = await repo.followsMeeting(ctx.db, {
    agencyId: record.agency_id,
    catalogItemIds,
    // A 二级类目 is met by a follow of it and of its 一级类目.
    subjectCategories: record.subject_category
      ? [record.subject_category, record.subject_category.split('\\')[0]!]
      : [],
  });
  const meeting = follows.filter((f) => f.kind !== 'keyword' || record.title.includes(f.value));
  const bySubscriber = new Map<string, typeof meeting>();
  for (const f of meeting)
    bySubscriber.set(f.subscriber_id, [...(bySubscriber.get(f.subscriber_id) ?? []), f]);
  const ids = [...bySubscriber.keys()];
  for (let i = 0; i < ids.length; i += BATCH) {
    const subs = await repo.activeByIds(ctx.db, ids.slice(i, i + BATCH));
    await deliver(
      subs,
      (s) =>
        `您关注了${bySubscriber
          .get(s.id)!
          .map((f) => `${followKindLabels[f.kind as FollowKind]}“${f.label}”`)
          .join('、')}，本条政策与之相关。`,
      null,
    );
  }
  return { matched, deliveries: created };
}

/** The e-mail of one delivery: the policy, why it came, and the one-click stop. */
export function deliveryMail(
  ctx: Ctx,
  d: repo.DeliveryRow,
  subscriberId: string,
): { subject: string; text: string } {
  const reason = d.reason_enc ? ctx.cipher.decrypt(d.reason_enc) : '';
  return {
    subject: `政策推送：${d.title}`,
    text: [
      '您好！有一条政策可能与您有关：',
      '',
      `《${d.title}》`,
      `查看全文：${openUrl(ctx, d.id)}`,
      '',
      `推送原因：${reason}`,
      '',
      `不想再收到推送？打开此链接即可退订，无需登录：${stopUrl(ctx, subscriberId, d.id)}`,
      `修改画像、推送方式，或查看、导出、删除您的信息：${linkBase(ctx)}/push/me`,
      `全部已推送的政策（不按画像筛选）：${linkBase(ctx)}/push/policies`,
    ].join('\n'),
  };
}

const STALE_MS = 10 * 60_000;

/** A failure as stored: the SMTP reply code or the HTTP status, never the server's text (it names addresses). */
export function failureOf(e: unknown): { permanent: boolean; note: string } {
  const err = e as { responseCode?: number; code?: string; status?: number; message?: string };
  if (typeof err.responseCode === 'number')
    return {
      permanent: err.responseCode >= 500,
      note:
        err.responseCode >= 500
          ? `邮件服务器拒收（${err.responseCode}）`
          : `邮件服务器暂时无法投递（${err.responseCode}）`,
    };
  if (e instanceof WebhookRefused) return { permanent: e.permanent, note: e.message };
  return { permanent: false, note: `发送失败（${err.code ?? '连接错误'}）` };
}

/**
 * 发送: e-mail and webhook deliveries, each taken by one worker only (queued → sending; one taken
 * ten minutes ago by a worker that died is taken again). A refused address is a bounce, never
 * retried; a transient failure fails the job, which the kit retries. What was sent is recorded on
 * its own, so a database error after the send never sends it twice.
 */
export async function sendDeliveries(ctx: Ctx, ids: readonly string[]): Promise<string> {
  let sent = 0;
  let failed = 0;
  let transient: Error | null = null;
  for (const id of ids) {
    const now = ctx.clock.now();
    const d = await repo.claimDelivery(
      ctx.db,
      id,
      now.toISOString(),
      new Date(now.getTime() - STALE_MS).toISOString(),
    );
    if (!d) continue;
    const s = d.subscriber_id ? await repo.subscriber(ctx.db, d.subscriber_id) : undefined;
    if (!s || s.state !== 'active') {
      await repo.setDelivery(ctx.db, id, { state: 'failed', last_error: '订阅已退订或删除，未发送' });
      continue;
    }
    try {
      if (d.channel === 'email')
        await sendMail(ctx, {
          to: ctx.cipher.decrypt(s.email_enc),
          ...deliveryMail(ctx, d, s.id),
          unsubscribeUrl: stopUrl(ctx, s.id, d.id),
        });
      else if (d.channel === 'webhook') await postWebhook(ctx, d, s);
    } catch (e) {
      failed++;
      const f = failureOf(e);
      await repo.setDelivery(ctx.db, id, { state: f.permanent ? 'bounced' : 'failed', last_error: f.note });
      if (!f.permanent) transient ??= new Error(f.note);
      continue;
    }
    await repo.setDelivery(ctx.db, id, {
      state: 'sent',
      sent_at: ctx.clock.now().toISOString(),
      last_error: null,
    });
    sent++;
  }
  if (transient) throw transient;
  return `发送 ${sent} 条${failed ? `，失败 ${failed} 条` : ''}`;
}

export class WebhookRefused extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * Where a webhook may go: https (or http where PUSH_WEBHOOK_ALLOW_PRIVATE allows it, for tests and
 * closed networks), and never, unless allowed, an address of this machine or a private network
 * (the worker would otherwise post wherever a subscriber points it).
 */
async function webhookTarget(url: string, allowPrivate: boolean): Promise<void> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new WebhookRefused('接收地址不是有效的网址', true);
  }
  if (u.protocol !== 'https:' && !(allowPrivate && u.protocol === 'http:'))
    throw new WebhookRefused('接收地址须以 https:// 开头', true);
  if (allowPrivate) return;
  const { address } = await lookup(u.hostname);
  if (isPrivateAddress(address)) throw new WebhookRefused('接收地址指向内部网络，不予发送', true);
}

export function isPrivateAddress(ip: string): boolean {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  const v6 = ip.toLowerCase();
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

/** A signed webhook (HMAC-SHA256 over `timestamp.body`, with the subscriber's own secret). */
async function postWebhook(ctx: Ctx, d: repo.DeliveryRow, s: repo.SubscriberRow): Promise<void> {
  if (!s.webhook_url || !s.webhook_secret_enc) throw new WebhookRefused('未设置接收地址', true);
  await webhookTarget(s.webhook_url, pushSettings.of(ctx).webhookAllowPrivate);
  const body = JSON.stringify({
    type: 'policy.pushed',
    id: d.id,
    title: d.title,
    url: d.url,
    reason: d.reason_enc ? ctx.cipher.decrypt(d.reason_enc) : '',
    matchedAt: d.matched_at,
    stopUrl: stopUrl(ctx, s.id, d.id),
  });
  const ts = String(Math.floor(ctx.clock.now().getTime() / 1000));
  const sig = createHmac('sha256', ctx.cipher.decrypt(s.webhook_secret_enc))
    .update(`${ts}.${body}`)
    .digest('hex');
  const res = await fetch(s.webhook_url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/json',
      'x-gongkai-timestamp': ts,
      'x-gongkai-signature': `sha256=${sig}`,
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok)
    throw new WebhookRefused(
      `接收地址返回 HTTP ${res.status}`,
      res.status >= 300 && res.status < 500 && res.status !== 429,
    );
}

/**
 * 汇总推送: one e-mail per subscriber with every policy waiting for their daily (or weekly, on
 * Mondays, or on the first run after a Monday missed) digest, after the configured hour. Run
 * hourly. Each subscriber's items are taken before the mail goes (two runs never mail them twice);
 * a refused address is recorded on them as a bounce, and the next subscriber's digest still goes.
 */
export async function sendDigests(ctx: Ctx, digestHour: number): Promise<string> {
  const now = ctx.clock.now();
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  if (beijing.getUTCHours() < digestHour) return '未到汇总推送时间';
  const today = beijing.toISOString().slice(0, 10);
  const dayOf = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  let mails = 0;
  let failures = 0;
  for (const sid of await repo.subscribersWithDigests(ctx.db)) {
    const s = await repo.subscriber(ctx.db, sid);
    if (!s || s.state !== 'active') continue;
    const last = s.last_digest_at ? dayOf(s.last_digest_at) : null;
    if (last === today) continue;
    // Weekly: on Mondays, or later in the week when no digest went since last Monday.
    if (s.frequency === 'weekly') {
      const lastMonday = new Date(beijing.getTime() - ((beijing.getUTCDay() + 6) % 7) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      if (last && last >= lastMonday) continue;
    }
    const pending = await repo.pendingDigests(ctx.db, sid);
    const taken = new Set(
      await repo.claimDigest(
        ctx.db,
        pending.map((d) => d.id),
        now.toISOString(),
      ),
    );
    const items = pending.filter((d) => taken.has(d.id));
    if (items.length === 0) continue;
    const text = [
      `您好！${s.frequency === 'weekly' ? '本周' : '今天'}有 ${items.length} 条政策可能与您有关：`,
      '',
      ...items.flatMap((d, i) => [
        `${i + 1}. 《${d.title}》`,
        `   查看全文：${openUrl(ctx, d.id)}`,
        `   推送原因：${d.reason_enc ? ctx.cipher.decrypt(d.reason_enc) : ''}`,
        '',
      ]),
      `不想再收到推送？打开此链接即可退订，无需登录：${stopUrl(ctx, sid, items[0]!.id)}`,
      `修改推送频率或画像：${linkBase(ctx)}/push/me`,
    ].join('\n');
    try {
      await sendMail(ctx, {
        to: ctx.cipher.decrypt(s.email_enc),
        subject: `政策推送${s.frequency === 'weekly' ? '每周' : '每日'}汇总（${items.length} 条）`,
        text,
        unsubscribeUrl: stopUrl(ctx, sid, items[0]!.id),
      });
    } catch (e) {
      failures++;
      const f = failureOf(e);
      for (const d of items)
        await repo.setDelivery(ctx.db, d.id, {
          state: f.permanent ? 'bounced' : 'queued',
          last_error: f.note,
        });
      continue;
    }
    await inTransaction(ctx, async (tx) => {
      await repo.markDigestSent(
        tx.db,
        items.map((d) => d.id),
        now.toISOString(),
      );
      await repo.updateSubscriber(tx.db, sid, { last_digest_at: now.toISOString() });
    });
    mails++;
  }
  return `发送汇总邮件 ${mails} 封${failures ? `，失败 ${failures} 封` : ''}`;
}

/**
 * 清理 (hourly): deliveries a dead worker left half-sent are queued again, subscriptions never
 * confirmed within 7 days go, and outbox mail older than 30 days goes.
 */
export async function sweep(ctx: Ctx): Promise<string> {
  const now = ctx.clock.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const stuck = await repo.stuckDeliveries(ctx.db, iso(now - STALE_MS));
  await inTransaction(ctx, async (tx) => {
    for (let i = 0; i < stuck.length; i += 50)
      await enqueue(tx, { name: SEND_JOB, payload: { ids: stuck.slice(i, i + 50) } });
  });
  const purged = await repo.purgeUnconfirmed(ctx.db, iso(now - 7 * 86_400_000));
  await repo.pruneOutbox(ctx.db, iso(now - 30 * 86_400_000));
  return `重新发送 ${stuck.length} 条，清除未确认的订阅 ${purged} 个`;
}

/** The click on a message's link: 打开 is counted once; the visitor goes on to the policy. */
export async function open(ctx: Ctx, deliveryId: string, token: string): Promise<string | null> {
  if (!sameToken(token, openToken(ctx, deliveryId))) return null;
  const d = await repo.delivery(ctx.db, deliveryId);
  if (!d) return null;
  await repo.markOpened(ctx.db, deliveryId, ctx.clock.now().toISOString());
  return d.url;
}

/** Whether a region id names a region (for the rule form). */
export async function regionNames(ctx: Ctx): Promise<Map<string, string>> {
  return new Map((await regionChoices(ctx)).map((r) => [r.id, r.name]));
}

export { describeRule };
