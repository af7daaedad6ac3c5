import { beijingDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { agencies } from '../agencies/index.js';
import type { AudienceRule, ProfileFacts } from './audience-rule.js';
import { ProfileIndex } from './profile-index.js';
import { ageBandOf, tagMask, type Scale, type SubscriberKind } from './push.js';
import * as repo from './push.repository.js';

/**
 * Keeps a process's matching index in step with the database (ADR 0015). Every change of a
 * subscriber takes the next version under push_state's lock, so before each match the index
 * reads the rows of a version above its own (usually none); a deletion, or a database restored
 * to an earlier state, rebuilds it. Indexes are kept per database (push_state.epoch) and year
 * (age bands move with the calendar year).
 */

interface Held {
  index: ProfileIndex;
  version: number;
  deletions: number;
  year: number;
  /** The build or catch-up running now, which other callers wait for. */
  busy: Promise<void> | null;
}
const held = new Map<string, Held>();
const PAGE = 20_000;

export interface IndexProgress {
  (loaded: number): void;
}

/** Regions as paths, by agency id (the agency tree). */
async function regionPaths(ctx: Ctx): Promise<Map<string, string>> {
  const list = await agencies.listPublic(ctx);
  return new Map(list.map((a) => [a.id, a.path]));
}

type IndexRow = Awaited<ReturnType<typeof repo.indexRows>>[number];

/** What the index holds of one row: identity tags are decrypted here and nowhere kept in plain. */
export function factsOf(ctx: Ctx, r: IndexRow, year: number): ProfileFacts | null {
  if (r.state !== 'active' || !r.verified_at) return null;
  const identity: string[] = r.identity_tags_enc
    ? (JSON.parse(ctx.cipher.decrypt(r.identity_tags_enc)) as string[])
    : [];
  const enterprise = JSON.parse(r.enterprise_tags_json) as string[];
  return {
    kind: r.kind as SubscriberKind,
    profiling: r.profiling === 1,
    industry: r.industry,
    scale: r.scale as Scale | null,
    region: r.region_id,
    tags: tagMask(r.kind === 'enterprise' ? enterprise : identity),
    ageBand: r.birth_year ? ageBandOf(r.birth_year, year) : null,
  };
}

/**
 * The index of this database, brought up to date. Callers that arrive while a build or a
 * catch-up runs wait for it instead of reading every row again.
 */
export async function currentIndex(ctx: Ctx, progress?: IndexProgress): Promise<ProfileIndex> {
  for (;;) {
    const st = await repo.state(ctx.db);
    const year = Number(beijingDate(ctx.clock.now()).slice(0, 4));
    let h = held.get(st.epoch);
    if (h?.busy) {
      await h.busy.catch(() => undefined);
      continue;
    }
    if (!h || h.deletions !== st.deletions || h.year !== year || st.version < h.version) {
      h = { index: new ProfileIndex(), version: 0, deletions: st.deletions, year, busy: null };
      held.set(st.epoch, h);
    }
    if (st.version === h.version) return h.index;
    const target = h;
    target.busy = catchUp(ctx, target, st.version, progress).finally(() => {
      target.busy = null;
    });
    await target.busy;
    return target.index;
  }
}

/**
 * Reads the rows changed since the index's version, in (version, seq) order. Versions commit in
 * order (push_state's lock), so every row up to the version read is in; rows of a higher version
 * met on the way are read again next time (putting a row is idempotent).
 */
async function catchUp(ctx: Ctx, h: Held, upTo: number, progress?: IndexProgress): Promise<void> {
  let after = { version: h.version, seq: 0 };
  let loaded = 0;
  for (;;) {
    const rows = await repo.indexRows(ctx.db, { afterVersion: h.version, after, limit: PAGE });
    for (const r of rows) {
      const facts = factsOf(ctx, r, h.year);
      if (facts) h.index.put(r.seq, facts);
      else h.index.remove(r.seq);
    }
    loaded += rows.length;
    progress?.(loaded);
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    after = { version: last.version, seq: last.seq };
    // Let the process serve its requests between pages of a long build.
    await new Promise((r) => setImmediate(r));
  }
  h.version = upTo;
}

/** Subscriber numbers a rule reaches now. */
export async function matchRule(ctx: Ctx, rule: AudienceRule): Promise<Int32Array> {
  const index = await currentIndex(ctx);
  const paths = await regionPaths(ctx);
  const rulePaths = rule.regions.map((id) => paths.get(id)).filter((p): p is string => !!p);
  // Regions by their path now: an agency moved in the tree takes its subscribers along.
  return index.match(rule, rulePaths, (id) => paths.get(id));
}

/** Forgets every held index (tests; a restore). */
export function forgetIndexes(): void {
  held.clear();
}

/**
 * After a restore push_state is empty (it is not backed up): made anew with a new epoch, so every
 * process drops the index it held and rebuilds from the restored subscribers.
 */
export async function ensureState(ctx: Ctx): Promise<string | null> {
  if (await repo.hasState(ctx.db)) return null;
  await repo.resetState(ctx.db, newId());
  return '精准推送：已重建匹配索引的状态';
}
