import type { Ctx } from '../../platform/context.js';
import { ForbiddenError } from '../../platform/errors.js';
import { agencies } from '../agencies/index.js';
import { channelLabels, type Channel } from './push.js';
import { scopes } from './push.policy.js';
import * as repo from './push.repository.js';

export interface PushFigures {
  year: number;
  /** Per policy and month. */
  policies: Array<{
    title: string;
    month: string;
    matched: number;
    delivered: number;
    opened: number;
    stopped: number;
  }>;
  byChannel: Array<{ channel: string; matched: number; delivered: number; opened: number; stopped: number }>;
  byCategory: Array<{ category: string; policies: number; delivered: number }>;
  /** For the annual report's section 一: 推送 N 条政策，送达 N 人次. */
  totals: { policies: number; delivered: number; people: number; opened: number; stopped: number };
  sentence: string;
}

/**
 * 推送统计 over the actor's subtree for a year: per policy and month, per channel and category.
 * 匹配 counts deliveries made; 送达 those sent (an inbox or feed delivery is sent when made);
 * 打开 a click on the message's link; 退订 a stop from the message's link.
 */
export async function figures(ctx: Ctx, year: number, agencyPath?: string): Promise<PushFigures> {
  const within = scopes(ctx.actor, 'viewFigures');
  if (within.length === 0) throw new ForbiddenError();
  const all = await agencies.listPublic(ctx);
  const paths = agencyPath ? [agencyPath] : within;
  if (agencyPath && !within.some((w) => agencyPath.startsWith(w))) throw new ForbiddenError();
  const ids = all.filter((a) => paths.some((p) => a.path.startsWith(p))).map((a) => a.id);
  const rows = await repo.figureRows(ctx.db, { from: `${year}-01`, to: `${year}-12`, agencyIds: ids });
  const cats = new Map((await repo.categories(ctx.db)).map((c) => [c.id, c.name]));
  const n = (v: number | string | null) => Number(v ?? 0);
  const byPolicy = new Map<string, PushFigures['policies'][number]>();
  const byChannel = new Map<string, PushFigures['byChannel'][number]>();
  const byCategory = new Map<string, { category: string; policies: Set<string>; delivered: number }>();
  const policiesAll = new Set<string>();
  let delivered = 0;
  let opened = 0;
  let stopped = 0;
  for (const r of rows) {
    const key = `${r.target_id}|${r.month}`;
    const p = byPolicy.get(key) ?? {
      title: r.title,
      month: r.month,
      matched: 0,
      delivered: 0,
      opened: 0,
      stopped: 0,
    };
    const c = byChannel.get(r.channel) ?? {
      channel: channelLabels[r.channel as Channel] ?? r.channel,
      matched: 0,
      delivered: 0,
      opened: 0,
      stopped: 0,
    };
    for (const x of [p, c]) {
      x.matched += n(r.matched);
      x.delivered += n(r.delivered);
      x.opened += n(r.opened);
      x.stopped += n(r.stopped);
    }
    byPolicy.set(key, p);
    byChannel.set(r.channel, c);
    const catName = (r.category_id && cats.get(r.category_id)) || '未分类';
    const g = byCategory.get(catName) ?? { category: catName, policies: new Set<string>(), delivered: 0 };
    g.policies.add(r.target_id);
    g.delivered += n(r.delivered);
    byCategory.set(catName, g);
    policiesAll.add(r.target_id);
    delivered += n(r.delivered);
    opened += n(r.opened);
    stopped += n(r.stopped);
  }
  const people = await repo.peopleReached(ctx.db, { from: `${year}-01`, to: `${year}-12`, agencyIds: ids });
  return {
    year,
    policies: [...byPolicy.values()],
    byChannel: [...byChannel.values()],
    byCategory: [...byCategory.values()].map((g) => ({
      category: g.category,
      policies: g.policies.size,
      delivered: g.delivered,
    })),
    totals: { policies: policiesAll.size, delivered, people, opened, stopped },
    sentence: `全年通过政策精准推送平台推送政策 ${policiesAll.size} 条，送达 ${delivered} 人次（${people} 个订阅用户）。`,
  };
}

/**
 * 精准推送's part of the annual report (section 一): policies pushed in the year by the agency
 * (本级) or its subtree, deliveries sent and people reached. Counted in SQL.
 */
export async function reportFacts(
  ctx: Ctx,
  scope: { agencyId: string; scope: 'self' | 'tree'; year: number },
): Promise<{ policies: number; delivered: number; people: number }> {
  let ids = [scope.agencyId];
  if (scope.scope === 'tree') {
    const all = await agencies.listPublic(ctx);
    const root = all.find((a) => a.id === scope.agencyId);
    ids = root ? all.filter((a) => a.path.startsWith(root.path)).map((a) => a.id) : ids;
  }
  const period = { from: `${scope.year}-01`, to: `${scope.year}-12`, agencyIds: ids };
  const totals = await repo.reportTotals(ctx.db, period);
  return { ...totals, people: await repo.peopleReached(ctx.db, period) };
}
