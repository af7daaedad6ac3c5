import { createHmac } from 'node:crypto';
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
import { linkBase, regionChoices, stopUrl } from './subscriber.service.js';

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

/**
 * 发送: e-mail and webhook deliveries, each taken by one worker only (queued → sending). A failure
 * is recorded and the job retried; a subscriber who stopped meanwhile gets nothing.
 */
export async function sendDeliveries(ctx: Ctx, ids: readonly string[]): Promise<string> {
  let sent = 0;
  let failed = 0;
  let firstError: Error | null = null;
  for (const id of ids) {
    const d = await repo.claimDelivery(ctx.db, id);
    if (!d) continue;
    const s = d.subscriber_id ? await repo.subscriber(ctx.db, d.subscriber_id) : undefined;
    if (!s || s.state !== 'active') {
      await repo.setDelivery(ctx.db, id, { state: 'failed', last_error: '订阅已退订或删除，未发送' });
      continue;
    }
    try {
      if (d.channel === 'email') {
        const mail = deliveryMail(ctx, d, s.id);
        await sendMail(ctx, {
          to: ctx.cipher.decrypt(s.email_enc),
          ...mail,
          unsubscribeUrl: stopUrl(ctx, s.id, d.id),
        });
      } else if (d.channel === 'webhook') await postWebhook(ctx, d, s);
      await repo.setDelivery(ctx.db, id, {
        state: 'sent',
        sent_at: ctx.clock.now().toISOString(),
        last_error: null,
      });
      sent++;
    } catch (e) {
      failed++;
      const message = e instanceof Error ? e.message.slice(0, 300) : String(e);
      const bounced = /^5\d\d\b/.test(message) || /\b5\d\d\b.*(mailbox|recipient|user)/i.test(message);
      await repo.setDelivery(ctx.db, id, { state: bounced ? 'bounced' : 'failed', last_error: message });
      if (!bounced) firstError ??= e instanceof Error ? e : new Error(message);
    }
  }
  // A transient failure fails the job, which the kit retries; the failed deliveries are taken again.
  if (firstError) throw firstError;
  return `发送 ${sent} 条${failed ? `，失败 ${failed} 条` : ''}`;
}

/** A signed webhook (HMAC-SHA256 over `timestamp.body`, with the subscriber's own secret). */
async function postWebhook(ctx: Ctx, d: repo.DeliveryRow, s: repo.SubscriberRow): Promise<void> {
  if (!s.webhook_url || !s.webhook_secret_enc) throw new Error('未设置接收地址');
  const body = JSON.stringify({
    type: 'policy.pushed',
    id: d.id,
    title: d.title,
    url: d.url,
    reason: d.reason_enc ? ctx.cipher.decrypt(d.reason_enc) : '',
    matchedAt: d.matched_at,
  });
  const ts = String(Math.floor(ctx.clock.now().getTime() / 1000));
  const sig = createHmac('sha256', ctx.cipher.decrypt(s.webhook_secret_enc))
    .update(`${ts}.${body}`)
    .digest('hex');
  const res = await fetch(s.webhook_url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-gongkai-timestamp': ts,
      'x-gongkai-signature': `sha256=${sig}`,
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`接收地址返回 HTTP ${res.status}`);
}

/**
 * 汇总推送: one e-mail per subscriber with every policy waiting for their daily (or, on Mondays,
 * weekly) digest, after the configured hour. Run hourly; a digest already sent today waits.
 */
export async function sendDigests(ctx: Ctx, digestHour: number): Promise<string> {
  const now = ctx.clock.now();
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  if (beijing.getUTCHours() < digestHour) return '未到汇总推送时间';
  const today = beijing.toISOString().slice(0, 10);
  let mails = 0;
  for (const sid of await repo.subscribersWithDigests(ctx.db)) {
    const s = await repo.subscriber(ctx.db, sid);
    if (!s || s.state !== 'active') continue;
    if (s.frequency === 'weekly' && beijing.getUTCDay() !== 1) continue;
    const last = s.last_digest_at
      ? new Date(new Date(s.last_digest_at).getTime() + 8 * 3600_000).toISOString().slice(0, 10)
      : null;
    if (last === today) continue;
    const items = await repo.pendingDigests(ctx.db, sid);
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
      `不想再收到推送？打开此链接即可退订，无需登录：${stopUrl(ctx, sid)}`,
      `修改推送频率或画像：${linkBase(ctx)}/push/me`,
    ].join('\n');
    await sendMail(ctx, {
      to: ctx.cipher.decrypt(s.email_enc),
      subject: `政策推送${s.frequency === 'weekly' ? '每周' : '每日'}汇总（${items.length} 条）`,
      text,
      unsubscribeUrl: stopUrl(ctx, sid),
    });
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
  return `发送汇总邮件 ${mails} 封`;
}

/** The click on a message's link: 打开 is counted once; the visitor goes on to the policy. */
export async function open(ctx: Ctx, deliveryId: string, token: string): Promise<string | null> {
  if (token !== openToken(ctx, deliveryId)) return null;
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
