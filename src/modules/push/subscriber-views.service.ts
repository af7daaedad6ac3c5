import { recordAudit } from '../../platform/audit.js';
import { beijingDate } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isId, newId } from '../../platform/ids.js';
import { agencies } from '../agencies/index.js';
import { catalogs } from '../catalog/index.js';
import { subjectCategoryTree } from '../records/index.js';
import { industryByCode, industryLabel } from './industry.js';
import {
  ageBandLabels,
  ageBandOf,
  channelLabels,
  followKindLabels,
  followKinds,
  frequencyLabels,
  scaleLabels,
  subscriberKindLabels,
  tagLabel,
  type Channel,
  type Frequency,
  type FollowKind,
  type Scale,
  type SubscriberKind,
} from './push.js';
import * as figuresRepo from './push-figures.repository.js';
import * as repo from './push.repository.js';
import { feedToken, feedUrl, own, regionChoices, scaleOf } from './subscriber.service.js';

const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const wan = (yuan: number | null) => (yuan === null ? '' : `${(yuan / 10_000).toLocaleString('zh-CN')} 万元`);

export interface MyPage {
  kind: SubscriberKind;
  state: string;
  summary: Array<[string, string]>;
  /** The profile as the edit form's values. */
  values: Record<string, string | string[]>;
  inbox: Array<{ title: string; href: string; date: string; reason: string }>;
  consents: Array<{ tag: string; label: string; givenAt: string; withdrawnAt: string | null; held: boolean }>;
  follows: Array<{ id: string; kindLabel: string; label: string }>;
  feedUrl: string;
  webhookSecret: string | null;
  regions: Array<{ id: string; name: string; depth: number }>;
}

/** “我的订阅”: everything held about the subscriber, shown to them only (they proved the e-mail). */
export async function myPage(ctx: Ctx, id: string): Promise<MyPage> {
  const s = await own(ctx, id);
  const identity = s.identity_tags_enc
    ? (JSON.parse(ctx.cipher.decrypt(s.identity_tags_enc)) as string[])
    : [];
  const eTags = JSON.parse(s.enterprise_tags_json) as string[];
  const regions = await regionChoices(ctx);
  const region = regions.find((r) => r.id === s.region_id)?.name ?? '';
  const year = Number(beijingDate(ctx.clock.now()).slice(0, 4));
  const channels = JSON.parse(s.channels_json) as Channel[];
  const computed = scaleOf({ industry: s.industry, staff: s.staff, revenue: s.revenue, assets: s.assets });
  const summary: Array<[string, string]> = [
    ['订阅身份', subscriberKindLabels[s.kind as SubscriberKind]],
    ['电子邮箱', ctx.cipher.decrypt(s.email_enc)],
    ['手机号', s.mobile_enc ? ctx.cipher.decrypt(s.mobile_enc) : ''],
  ];
  if (s.kind === 'enterprise')
    summary.push(
      ['企业名称', s.name_enc ? ctx.cipher.decrypt(s.name_enc) : ''],
      ['统一社会信用代码', s.credit_code ?? ''],
      ['所属行业', s.industry ? (industryLabel(s.industry) ?? s.industry) : ''],
      ['从业人员', s.staff === null ? '' : `${s.staff} 人`],
      ['营业收入', wan(s.revenue)],
      ['资产总额', wan(s.assets)],
      [
        '企业规模',
        computed
          ? `${scaleLabels[computed]}（按《中小企业划型标准规定》计算）`
          : s.scale_declared
            ? `${scaleLabels[s.scale_declared as Scale]}（自报；填写从业人员、营业收入等数据后自动计算）`
            : '数据不足，无法计算（请填写从业人员和营业收入）',
      ],
      ['自报规模', s.scale_declared ? scaleLabels[s.scale_declared as Scale] : ''],
      ['资质标签', eTags.map(tagLabel).join('、')],
    );
  if (s.kind === 'citizen')
    summary.push(
      ['年龄段', s.birth_year ? ageBandLabels[ageBandOf(s.birth_year, year)] : ''],
      ['特定身份', identity.map(tagLabel).join('、')],
    );
  if (s.kind !== 'topics') summary.push(['所在区域', region], ['按画像推送', s.profiling ? '开启' : '关闭']);
  summary.push(
    ['推送频率', frequencyLabels[s.frequency as Frequency]],
    ['接收方式', channels.map((c) => channelLabels[c]).join('、')],
  );
  const consents = await Promise.all(
    (await repo.consents(ctx.db, id)).map(async (c) => {
      const subject = JSON.parse(ctx.cipher.decrypt(c.subject_enc)) as { tag: string };
      return {
        tag: subject.tag,
        label: tagLabel(subject.tag),
        givenAt: day(c.given_at),
        withdrawnAt: c.withdrawn_at ? day(c.withdrawn_at) : null,
        held: identity.includes(subject.tag),
      };
    }),
  );
  const inbox = (await repo.deliveriesOf(ctx.db, id, { channel: 'inbox', limit: 100 })).map((d) => ({
    title: d.title,
    href: new URL(d.url).pathname,
    date: day(d.matched_at),
    reason: d.reason_enc ? ctx.cipher.decrypt(d.reason_enc) : '',
  }));
  return {
    kind: s.kind as SubscriberKind,
    state: s.state,
    summary,
    values: {
      kind: s.kind,
      mobile: s.mobile_enc ? ctx.cipher.decrypt(s.mobile_enc) : '',
      name: s.name_enc ? ctx.cipher.decrypt(s.name_enc) : '',
      creditCode: s.credit_code ?? '',
      industry: s.industry
        ? `${industryByCode(s.industry)?.section ?? ''}${s.industry} ${industryByCode(s.industry)?.name ?? ''}`
        : '',
      staff: s.staff === null ? '' : String(s.staff),
      revenue: s.revenue === null ? '' : String(s.revenue / 10_000),
      assets: s.assets === null ? '' : String(s.assets / 10_000),
      scaleDeclared: s.scale_declared ?? '',
      regionId: s.region_id ?? '',
      enterpriseTags: eTags,
      birthYear: s.birth_year === null ? '' : String(s.birth_year),
      identityTags: identity,
      ...Object.fromEntries(identity.map((t) => [`consent_${t}`, '1'])),
      frequency: s.frequency,
      channels,
      profiling: s.profiling ? '1' : '',
      webhookUrl: s.webhook_url ?? '',
    },
    inbox,
    consents,
    follows: (await repo.follows(ctx.db, id)).map((f) => ({
      id: f.id,
      kindLabel: followKindLabels[f.kind as FollowKind],
      label: f.label,
    })),
    feedUrl: feedUrl(ctx, id),
    webhookSecret: s.webhook_secret_enc ? ctx.cipher.decrypt(s.webhook_secret_enc) : null,
    regions: regions.map((r) => ({ id: r.id, name: r.name, depth: r.depth })),
  };
}

/** 导出 (PIPL art 45): every row held about the subscriber, decrypted, as JSON. */
export async function exportData(ctx: Ctx, id: string): Promise<Record<string, unknown>> {
  const page = await myPage(ctx, id);
  const deliveries = await repo.deliveriesOf(ctx.db, id, { limit: 10_000 });
  return {
    exportedAt: ctx.clock.now().toISOString(),
    profile: Object.fromEntries(page.summary),
    consents: page.consents,
    follows: page.follows,
    deliveries: deliveries.map((d) => ({
      title: d.title,
      url: d.url,
      channel: channelLabels[d.channel as Channel] ?? d.channel,
      matchedAt: d.matched_at,
      sentAt: d.sent_at,
      openedAt: d.opened_at,
      reason: d.reason_enc ? ctx.cipher.decrypt(d.reason_enc) : '',
    })),
  };
}

/** What a follow link names, in words (null: nothing by that value). */
export async function followLabel(ctx: Ctx, kind: string, value: string): Promise<string | null> {
  if (kind !== 'catalogItem') return null;
  const itemId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(value)?.[0];
  const page = itemId ? await catalogs.publicItem(ctx, itemId).catch(() => null) : null;
  return page ? `${page.agency.name} · ${page.item.name}` : null;
}

/** 关注: a keyword as typed; an agency, catalog item or 主题分类 found by its name. */
export async function follow(ctx: Ctx, id: string, raw: Record<string, unknown>): Promise<void> {
  await own(ctx, id);
  const kind = String(raw.followKind ?? '') as FollowKind;
  const value = String(raw.followValue ?? '').trim();
  if (!followKinds.includes(kind)) throw ValidationError.one('followKind', '请选择关注类型');
  if (!value || value.length > 50)
    throw ValidationError.one('followValue', '请填写关注内容（不超过 50 个字）');
  let target: { value: string; label: string } | null = null;
  if (kind === 'keyword') target = { value, label: value };
  if (kind === 'agency') {
    const found = (await agencies.listPublic(ctx)).filter((a) => a.name === value || a.shortName === value);
    if (found[0]) target = { value: found[0].id, label: found[0].name };
  }
  if (kind === 'subjectCategory') {
    const names = subjectCategoryTree.flatMap((g) => [g.name, ...g.children.map((c) => `${g.name}\\${c}`)]);
    const hit = names.find((n) => n === value || n.endsWith(`\\${value}`));
    if (hit) target = { value: hit, label: hit.replace('\\', ' › ') };
  }
  if (kind === 'catalogItem') {
    // The item's page address (…/catalog/items/<id>) or its id, as the item page offers it.
    const itemId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(value)?.[0];
    const page = itemId ? await catalogs.publicItem(ctx, itemId).catch(() => null) : null;
    if (page) target = { value: page.item.id, label: `${page.agency.name} · ${page.item.name}` };
  }
  if (!target)
    throw ValidationError.one('followValue', `没有找到名为“${value}”的${followKindLabels[kind]}，请核对名称`);
  await inTransaction(ctx, async (tx) => {
    await repo.insertFollow(tx.db, {
      id: newId(),
      subscriber_id: id,
      kind,
      value: target.value,
      label: target.label,
      created_at: tx.clock.now().toISOString(),
    });
    await recordAudit(tx, {
      action: 'push.follow',
      subjectType: 'pushSubscriber',
      subjectId: id,
      agencyId: null,
    });
  });
}

export async function unfollow(ctx: Ctx, id: string, followId: string): Promise<void> {
  await own(ctx, id);
  if (!isId(followId)) throw new NotFoundError('未找到该关注');
  await inTransaction(ctx, async (tx) => {
    await repo.deleteFollow(tx.db, id, followId);
    await recordAudit(tx, {
      action: 'push.unfollow',
      subjectType: 'pushSubscriber',
      subjectId: id,
      agencyId: null,
    });
  });
}

export interface PolicyListItem {
  title: string;
  href: string;
  date: string;
  category: string | null;
}

/** The non-personalised list of every policy pushed (PIPL art 24 ¶2). */
export async function policies(ctx: Ctx): Promise<PolicyListItem[]> {
  const cats = new Map((await repo.categories(ctx.db)).map((c) => [c.id, c.name]));
  return (await figuresRepo.pushedPolicies(ctx.db, 200)).map((p) => ({
    title: p.title,
    href: new URL(p.url).pathname,
    date: day(p.first),
    category: p.category_id ? (cats.get(p.category_id) ?? null) : null,
  }));
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The personal Atom feed: the subscriber's deliveries on the feed channel, by the secret link. */
export async function feed(ctx: Ctx, id: string, token: string): Promise<string> {
  if (!isId(id) || token !== feedToken(ctx, id)) throw new NotFoundError('订阅源链接无效');
  const s = await repo.subscriber(ctx.db, id);
  if (!s) throw new NotFoundError('该订阅已删除');
  const items =
    s.state === 'active' ? await repo.deliveriesOf(ctx.db, id, { channel: 'feed', limit: 50 }) : [];
  const updated = items[0]?.matched_at ?? s.updated_at;
  const self = feedUrl(ctx, id);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    '<title>政策推送</title>',
    `<id>urn:gongkai:push:${id}</id>`,
    `<link rel="self" href="${esc(self)}"/>`,
    `<updated>${updated}</updated>`,
    ...items.map((d) =>
      [
        '<entry>',
        `<title>${esc(d.title)}</title>`,
        `<id>urn:gongkai:push-delivery:${d.id}</id>`,
        `<link href="${esc(d.url)}"/>`,
        `<updated>${d.matched_at}</updated>`,
        `<summary>推送原因：${esc(d.reason_enc ? ctx.cipher.decrypt(d.reason_enc) : '')}</summary>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
  ].join('\n');
}
