import type { Executor } from '../../platform/db/database.js';

// The push module's counting SQL: the figures, the annual report's facts and the public list.

/** Every policy pushed, newest first (the non-personalised list, PIPL art 24). */
export async function pushedPolicies(
  db: Executor,
  limit: number,
): Promise<
  Array<{
    target_kind: string;
    target_id: string;
    title: string;
    url: string;
    first: string;
    category_id: string | null;
  }>
> {
  return db
    .selectFrom('push_delivery')
    .select(['target_kind', 'target_id', 'title', 'url', 'category_id'])
    .select((eb) => eb.fn.min('matched_at').as('first'))
    .groupBy(['target_kind', 'target_id', 'title', 'url', 'category_id'])
    .orderBy('first', 'desc')
    .limit(limit)
    .execute() as never;
}

type Period = { from: string; to: string; agencyIds: readonly string[] };
type Counts = {
  matched: number | string;
  delivered: number | string;
  opened: number | string;
  stopped: number | string;
};

/**
 * Counts of people (not of channels) per policy and month: 匹配 those a delivery was made for,
 * 送达 those it reached on some channel, 打开 those who clicked a message's link, 退订 those who
 * stopped from one. Deleted subscribers count under their anonymous `person`.
 */
export async function policyFigures(
  db: Executor,
  opts: Period,
): Promise<Array<Counts & { target_id: string; title: string; month: string; category_id: string | null }>> {
  if (opts.agencyIds.length === 0) return [];
  const rows = await db
    .selectFrom('push_delivery')
    .select(['target_id', 'month'])
    .select((eb) => [
      eb.fn.max('title').as('title'),
      eb.fn.max('category_id').as('category_id'),
      eb.fn.count<number | string>('person').distinct().as('matched'),
      eb.fn
        .count<number | string>(eb.case().when('state', '=', 'sent').then(eb.ref('person')).end())
        .distinct()
        .as('delivered'),
      eb.fn
        .count<number | string>(eb.case().when('opened_at', 'is not', null).then(eb.ref('person')).end())
        .distinct()
        .as('opened'),
      eb.fn
        .count<number | string>(eb.case().when('stopped_at', 'is not', null).then(eb.ref('person')).end())
        .distinct()
        .as('stopped'),
    ])
    .where('month', '>=', opts.from)
    .where('month', '<=', opts.to)
    .where('agency_id', 'in', [...opts.agencyIds])
    .groupBy(['target_id', 'month'])
    .orderBy('month')
    .execute();
  return rows.map((r) => ({
    ...r,
    title: String(r.title),
    category_id: (r.category_id as string | null) ?? null,
  }));
}

/** Counts per channel: deliveries made, sent, opened, stopped from. */
export async function channelFigures(
  db: Executor,
  opts: Period,
): Promise<Array<Counts & { channel: string }>> {
  if (opts.agencyIds.length === 0) return [];
  return db
    .selectFrom('push_delivery')
    .select('channel')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('matched'),
      eb.fn.sum<number | string>(eb.case().when('state', '=', 'sent').then(1).else(0).end()).as('delivered'),
      eb.fn
        .sum<number | string>(eb.case().when('opened_at', 'is not', null).then(1).else(0).end())
        .as('opened'),
      eb.fn
        .sum<number | string>(eb.case().when('stopped_at', 'is not', null).then(1).else(0).end())
        .as('stopped'),
    ])
    .where('month', '>=', opts.from)
    .where('month', '<=', opts.to)
    .where('agency_id', 'in', [...opts.agencyIds])
    .groupBy('channel')
    .orderBy('channel')
    .execute();
}

/** Distinct people reached (a delivery sent on some channel) in a period. */
export async function peopleReached(db: Executor, opts: Period): Promise<number> {
  if (opts.agencyIds.length === 0) return 0;
  const r = await db
    .selectFrom('push_delivery')
    .select((eb) => eb.fn.count<number | string>('person').distinct().as('n'))
    .where('month', '>=', opts.from)
    .where('month', '<=', opts.to)
    .where('state', '=', 'sent')
    .where('agency_id', 'in', [...opts.agencyIds])
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
