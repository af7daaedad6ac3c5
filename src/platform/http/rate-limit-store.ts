import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';

/**
 * The rate limits' counters in the database (`rate_limit_counter`) instead of each process's
 * memory (@fastify/rate-limit's default store): behind a load balancer, a client that spreads its
 * logins over several application servers still meets one limit. One statement per request, the
 * same on both engines: an upsert that starts a new window when the old one has ended, and
 * otherwise adds one, returning the count and the window's end. Time comes from the injected
 * clock. Rows of ended windows are deleted at most once a minute per process, as requests come.
 */

/** Where a route's counts are kept apart from another route's: `POST /admin/login`. */
function scopeOf(options: { groupId?: string; routeInfo?: { method?: unknown; url?: unknown } }) {
  if (options.groupId) return `group:${options.groupId}`;
  const method = options.routeInfo?.method;
  const url = options.routeInfo?.url;
  return `${Array.isArray(method) ? method.join(',') : String(method ?? '*')} ${String(url ?? '*')}`;
}

const PRUNE_EVERY_MS = 60_000;

const prunedAt = new WeakMap<Db, number>();

async function prune(db: Db, now: Date): Promise<void> {
  if (now.getTime() - (prunedAt.get(db) ?? 0) < PRUNE_EVERY_MS) return;
  prunedAt.set(db, now.getTime());
  await db.deleteFrom('rate_limit_counter').where('window_ends_at', '<=', now.toISOString()).execute();
}

/**
 * Counts one hit of `key` in a window of `timeWindow` ms that starts with the first hit: the
 * count so far (this one included) and the ms until the window ends. Also the API tokens'
 * limits (api-auth.ts) count here.
 */
export async function rateLimitHit(
  db: Db,
  clock: Clock,
  key: string,
  timeWindow: number,
): Promise<{ current: number; ttl: number }> {
  const now = clock.now();
  const at = now.toISOString();
  const ends = new Date(now.getTime() + timeWindow).toISOString();
  const row = await db
    .insertInto('rate_limit_counter')
    .values({ key, hits: 1, window_ends_at: ends })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb
          .case()
          .when('rate_limit_counter.window_ends_at', '<=', at)
          .then(1)
          .else(eb('rate_limit_counter.hits', '+', 1))
          .end(),
        window_ends_at: eb
          .case()
          .when('rate_limit_counter.window_ends_at', '<=', at)
          .then(ends)
          .else(eb.ref('rate_limit_counter.window_ends_at'))
          .end(),
      })),
    )
    .returning(['hits', 'window_ends_at'])
    .executeTakeFirstOrThrow();
  await prune(db, now);
  return {
    current: Number(row.hits),
    ttl: Math.max(0, new Date(row.window_ends_at).getTime() - now.getTime()),
  };
}

export function databaseRateLimitStore(db: Db, clock: Clock): FastifyRateLimitStoreCtor {
  const hit = (key: string, timeWindow: number) => rateLimitHit(db, clock, key, timeWindow);

  const peek = async (key: string) => {
    const now = clock.now();
    const row = await db
      .selectFrom('rate_limit_counter')
      .select(['hits', 'window_ends_at'])
      .where('key', '=', key)
      .where('window_ends_at', '>', now.toISOString())
      .executeTakeFirst();
    if (!row) return { current: 0, ttl: 0 };
    return { current: Number(row.hits), ttl: new Date(row.window_ends_at).getTime() - now.getTime() };
  };

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly #scope: string;
    constructor(options: FastifyRateLimitOptions) {
      this.#scope = scopeOf(options as Parameters<typeof scopeOf>[0]);
    }
    incr(
      key: string,
      cb: (e: Error | null, r?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      hit(`${this.#scope}|${key}`, timeWindow).then(
        (r) => cb(null, r),
        (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
      );
    }
    /** The count without adding one (`{ increment: false }`). */
    read(key: string, cb: (e: Error | null, r?: { current: number; ttl: number }) => void) {
      peek(`${this.#scope}|${key}`).then(
        (r) => cb(null, r),
        (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
      );
    }
    child(routeOptions: FastifyRateLimitOptions): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions);
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
