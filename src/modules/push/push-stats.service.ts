import type { Ctx } from '../../platform/context.js';
import { ForbiddenError } from '../../platform/errors.js';
import { agencies } from '../agencies/index.js';
import { channelLabels, type Channel } from './push.js';
import { scopes } from './push.policy.js';
import * as figuresRepo from './push-figures.repository.js';
import * as repo from './push.repository.js';

export interface PushFigures {
  year: number;
  /** Per policy and month, in people. */
  policies: Array<{
    title: string;
    month: string;
    matched: number;
    delivered: number;
    opened: number;
    stopped: number;
  }>;
  /** Per channel, in deliveries. */
  byChannel: Array<{ channel: string; matched: number; delivered: number; opened: number; stopped: number }>;
  byCategory: Array<{ category: string; policies: number; delivered: number }>;
  /** For the annual report's section 一: 推送 N 条政策，送达 N 人次. */
  totals: { policies: number; delivered: number; people: number; opened: number; stopped: number };
  sentence: string;
}

const n = (v: number | string | null | undefined) => Number(v ?? 0);

/** The agencies counted: one (本级) or a subtree. */
async function agencyIds(ctx: Ctx, root: { id?: string; paths?: readonly string[] }): Promise<string[]> {
  const all = await agencies.listPublic(ctx);
  if (root.id) {
    const a = all.find((x) => x.id === root.id);
    return a ? [a.id] : [];
  }
  return all.filter((a) => root.paths!.some((p) => a.path.startsWith(p))).map((a) => a.id);
}

/**
 * 推送统计 over the actor's subtree for a year. Per policy and month, in people: 匹配 those a
 * delivery was made for, 送达 those it reached on some channel (an inbox or feed delivery is
 * reached when made), 打开 those who clicked a message's link, 退订 those who stopped from one.
 * Per channel, in deliveries. 送达人次 is the sum over policies of the people reached.
 */
export async function figures(ctx: Ctx, year: number): Promise<PushFigures> {
  const within = scopes(ctx.actor, 'viewFigures');
  if (within.length === 0) throw new ForbiddenError();
  const period = { from: `${year}-01`, to: `${year}-12`, agencyIds: await agencyIds(ctx, { paths: within }) };
  const rows = await figuresRepo.policyFigures(ctx.db, period);
  const cats = new Map((await repo.categories(ctx.db)).map((c) => [c.id, c.name]));
  const byCategory = new Map<string, { category: string; policies: Set<string>; delivered: number }>();
  const policies = new Set<string>();
  let delivered = 0;
  let opened = 0;
  let stopped = 0;
  for (const r of rows) {
    const name = (r.category_id && cats.get(r.category_id)) || '未分类';
    const g = byCategory.get(name) ?? { category: name, policies: new Set<string>(), delivered: 0 };
    g.policies.add(r.target_id);
    g.delivered += n(r.delivered);
    byCategory.set(name, g);
    policies.add(r.target_id);
    delivered += n(r.delivered);
    opened += n(r.opened);
    stopped += n(r.stopped);
  }
  const people = await figuresRepo.peopleReached(ctx.db, period);
  return {
    year,
    policies: rows.map((r) => ({
      title: r.title,
      month: r.month,
      matched: n(r.matched),
      delivered: n(r.delivered),
      opened: n(r.opened),
      stopped: n(r.stopped),
    })),
    byChannel: (await figuresRepo.channelFigures(ctx.db, period)).map((c) => ({
      channel: channelLabels[c.channel as Channel] ?? c.channel,
      matched: n(c.matched),
      delivered: n(c.delivered),
      opened: n(c.opened),
      stopped: n(c.stopped),
    })),
    byCategory: [...byCategory.values()].map((g) => ({
      category: g.category,
      policies: g.policies.size,
      delivered: g.delivered,
    })),
    totals: { policies: policies.size, delivered, people, opened, stopped },
    sentence: `全年通过政策精准推送平台推送政策 ${policies.size} 条，送达 ${delivered} 人次（${people} 个订阅用户）。`,
  };
}

/**
 * 精准推送's part of the annual report (section 一): policies pushed in the year by the agency
 * (本级) or its subtree, people reached per policy (人次) and people reached. Counted in SQL.
 */
export async function reportFacts(
  ctx: Ctx,
  scope: { agencyId: string; scope: 'self' | 'tree'; year: number },
): Promise<{ policies: number; delivered: number; people: number }> {
  const all = await agencies.listPublic(ctx);
  const root = all.find((a) => a.id === scope.agencyId);
  const ids =
    scope.scope === 'tree' && root
      ? await agencyIds(ctx, { paths: [root.path] })
      : await agencyIds(ctx, { id: scope.agencyId });
  const period = { from: `${scope.year}-01`, to: `${scope.year}-12`, agencyIds: ids };
  const rows = await figuresRepo.policyFigures(ctx.db, period);
  return {
    policies: new Set(rows.map((r) => r.target_id)).size,
    delivered: rows.reduce((sum, r) => sum + n(r.delivered), 0),
    people: await figuresRepo.peopleReached(ctx.db, period),
  };
}
