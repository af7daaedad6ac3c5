import { sql, type RawBuilder } from 'kysely';
import { startsWith, type Executor } from '../../platform/db/database.js';
import { withinSubtree } from '../agencies/index.js';
import { SCORE, type QueryPlan } from './search.js';
import { matchSources, sourceKey, type Dialect, type Source } from './search.dialect.js';
import { BUCKETS, SAMPLE_BUCKETS } from './search.rows.js';
import type { IndexHit, IndexQuery, SearchFilters, SearchOutcome } from './search.index.js';

// How a query is answered at a province's scale (ADR 0014). The rank is the one of ADR 0006; what
// changes is that a query no longer pays for every match of a common word:
// - the count is exact up to EXACT_COUNT_CAP and estimated beyond it ("约 N 条"), and cached per
//   version of the index;
// - a query with at most SMALL_SET matches is ranked whole (the reference below);
// - a larger one is ranked tier by tier — each possible score, highest first — and each tier's
//   records are taken newest first, from that tier's own index when it is small, or by walking the
//   date index when it is large, until the page is full. Date order walks the date index directly.

/** Beyond this many matches the count is an estimate, shown as “约 N 条”. */
export const EXACT_COUNT_CAP = 10_000;
/** Up to this many matches (or tier candidates) the records are ranked whole; cheap at this size. */
export const SMALL_SET = 2_000;

/**
 * A sample count this large is a sure one: 40 of the sample's records (±16%) say how common a word
 * is well enough to skip counting it exactly when the estimate is far above what would be counted.
 */
export const SURE_HITS = 40;

/** The thresholds above; the tests lower them to reach every path with a small corpus. */
export interface Limits {
  countCap: number;
  smallSet: number;
  sureHits: number;
}
const defaults: Limits = { countCap: EXACT_COUNT_CAP, smallSet: SMALL_SET, sureHits: SURE_HITS };

export function filterConditions(filters: SearchFilters): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (filters.agencyPath) where.push(withinSubtree('d.agency_id', filters.agencyPath));
  if (filters.recordIdIn) where.push(sql`d.record_id in (${filters.recordIdIn})`);
  if (filters.subjectCategory) {
    const c = filters.subjectCategory;
    // A first-level class takes its sub-classes (`一级\二级`): the backslash is matched literally.
    where.push(
      c.includes('\\')
        ? sql`d.subject_category = ${c}`
        : sql`(d.subject_category = ${c} or ${startsWith('d.subject_category', `${c}\\`)})`,
    );
  }
  if (filters.year !== undefined) where.push(sql`d.year = ${filters.year}`);
  if (filters.validity) where.push(sql`d.validity = ${filters.validity}`);
  return where;
}

const and = (parts: RawBuilder<unknown>[]) => sql.join(parts, sql` and `);

export function score(d: Dialect, plan: QueryPlan): RawBuilder<number> {
  const parts: RawBuilder<number>[] = [];
  const exact: RawBuilder<unknown>[] = [];
  if (plan.docNumber) exact.push(sql`d.doc_number = ${plan.docNumber}`);
  if (plan.indexNumber) exact.push(sql`d.index_number = ${plan.indexNumber}`);
  if (exact.length)
    parts.push(sql<number>`case when ${sql.join(exact, sql` or `)} then ${SCORE.exact} else 0 end`);
  parts.push(
    sql<number>`case when ${d.position('d.title', plan.phrase)} > 0 then ${SCORE.phraseInTitle} else 0 end`,
  );
  parts.push(
    sql<number>`case when ${d.position('d.body', plan.phrase)} > 0 then ${SCORE.phraseInBody} else 0 end`,
  );
  for (const t of plan.tokens)
    parts.push(sql<number>`case when ${d.position('d.title', t)} > 0 then ${SCORE.wordInTitle} else 0 end`);
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

const order = (sort: IndexQuery['sort']) =>
  sort === 'date'
    ? sql`published_at desc, record_id desc`
    : sql`score desc, published_at desc, record_id desc`;

type HitRow = { record_id: string; score: number };
const hit = (r: HitRow): IndexHit => ({ recordId: r.record_id, score: Number(r.score) });

/**
 * The reference: every match scored and sorted (the algorithm of ADR 0006). Used whole for small
 * match sets, and by the tests as the truth the tiered query must agree with.
 */
export async function rankAll(
  db: Executor,
  d: Dialect,
  q: IndexQuery,
): Promise<{ total: number; hits: IndexHit[] }> {
  const where = and([d.matches(q.plan), ...filterConditions(q.filters)]);
  // The matches are found once (a materialized CTE): the total and the page come from the same
  // set, and PostgreSQL cannot pick a plan that walks the date index probing every row.
  const { rows } = await sql<HitRow & { total: number }>`
    with m as materialized (
      select d.record_id, d.published_at, ${score(d, q.plan)} as score
      from search_doc d where ${where}
    )
    select (select count(*) from m) as total, record_id, score from m
    order by ${order(q.sort)} limit ${q.limit} offset ${q.offset}`.execute(db);
  let total = Number(rows[0]?.total ?? 0);
  if (!rows.length && q.offset > 0) {
    const { rows: count } = await sql<{ n: number }>`
      select count(*) as n from search_doc d where ${where}`.execute(db);
    total = Number(count[0]?.n ?? 0);
  }
  return { total, hits: rows.map(hit) };
}

const long = (plan: QueryPlan) => [...plan.phrase].length >= 3;

interface Count {
  total: number;
  approximate: boolean;
}

/**
 * What the sample (search_sample: one record in 128) holds of a query: how many of its records
 * match, and how many each source finds, filters applied — read from its first part (one record
 * in 512) or from all of it; `scale` turns a sample count into one for the whole index.
 */
interface Sampled {
  matches: number;
  sources: Map<string, number>;
  scale: number;
}

/** A count and the sample it was judged by, cached together per index version. */
interface Counted extends Count {
  sampled: Sampled;
}

/** Counts cached per index version: a write anywhere in the index gives it a new version. */
const counts = new Map<string, Counted>();
const COUNT_CACHE_SIZE = 1000;

async function indexState(db: Executor): Promise<{ version: string; size: number }> {
  const row = await db
    .selectFrom('search_state')
    .select(['version', 'doc_count'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return { version: row?.version ?? '', size: Number(row?.doc_count ?? 0) };
}

/** Forgets every cached count (the bench's cold measurements; nothing else needs it). */
export function forgetCachedCounts(): void {
  counts.clear();
}

/** Every source a query's tiers may read: its matches' sources and "word in the title". */
function allSources(plan: QueryPlan): Source[] {
  return [...matchSources(plan), ...plan.tokens.map((token): Source => ({ kind: 'titleHas', token }))];
}

/** One pass over part of the sample: its matches and each source's records. */
async function samplePart(db: Executor, d: Dialect, q: IndexQuery, part: RawBuilder<unknown>) {
  const srcs = allSources(q.plan);
  const hits = (cond: RawBuilder<unknown>, as: string) =>
    sql`coalesce(sum(case when ${cond} then 1 else 0 end), 0) as ${sql.id(as)}`;
  const { rows } = await sql<Record<string, number | string>>`
    select ${sql.join([hits(d.rowMatches(q.plan), 'm'), ...srcs.map((s, i) => hits(d.rowSource(q.plan, s), `s${i}`))])}
    from search_sample d where ${and([part, ...filterConditions(q.filters)])}`.execute(db);
  const row = rows[0] ?? {};
  return {
    matches: Number(row.m ?? 0),
    sources: new Map(srcs.map((s, i) => [sourceKey(s), Number(row[`s${i}`] ?? 0)])),
  };
}

/** The sample's first part (one record in 512): enough to be sure of what is common. */
async function sample(db: Executor, d: Dialect, q: IndexQuery): Promise<Sampled> {
  return { ...(await samplePart(db, d, q, sql`d.bucket = 0`)), scale: BUCKETS };
}

/**
 * All of the sample (one record in 128), for the estimate of a count above the cap that the
 * first part found too few matches to be sure of (a query rarer, or rarer under its filters).
 */
async function wholeSample(db: Executor, d: Dialect, q: IndexQuery, first: Sampled): Promise<Sampled> {
  const rest = await samplePart(db, d, q, sql`d.bucket > 0`);
  return {
    matches: first.matches + rest.matches,
    sources: new Map([...first.sources].map(([k, n]) => [k, n + (rest.sources.get(k) ?? 0)])),
    scale: BUCKETS / SAMPLE_BUCKETS,
  };
}

/** A sample count scaled up to the index, when it is sure and above `floor`; else undefined. */
function sureEstimate(hits: number, s: Sampled, floor: number, l: Limits): number | undefined {
  const scaled = hits * s.scale;
  return hits >= l.sureHits && scaled > floor ? scaled : undefined;
}

/**
 * How many records a query finds: exact up to EXACT_COUNT_CAP, beyond it the sample's count
 * scaled up (never below the cap nor above the index), rounded to two significant digits. A
 * query the sample surely puts far above the cap is not counted exactly at all: counting even
 * to the cap costs PostgreSQL the whole posting list of a common word.
 */
async function countMatches(
  db: Executor,
  d: Dialect,
  q: IndexQuery,
  l: Limits,
  size: number,
  sampled: Sampled,
): Promise<Count> {
  const filters = filterConditions(q.filters);
  const where = filters.length ? and(filters) : undefined;
  const { plan } = q;
  // Twice the cap: a query of at most the cap's matches shows SURE_HITS in the first part by
  // chance about once in 31,000 (Poisson, mean at most 19.5), while counting to the cap costs
  // 40–80 ms at a million records for a word in 40,000 of them (the bitmap of its posting list).
  let over = sureEstimate(sampled.matches, sampled, 2 * l.countCap, l) !== undefined;
  const srcs = matchSources(plan);
  const perSource: number[] = [];
  for (const s of over ? [] : srcs) {
    const n = await d.countSource(db, plan, s, where, l.countCap + 1);
    perSource.push(n);
    if (n > l.countCap) {
      over = true;
      break;
    }
  }
  if (!over) {
    // Each source holds at most the cap: the union is counted exactly, at bounded cost.
    if (srcs.length === 1 && !plan.docNumber && !plan.indexNumber)
      return { total: perSource[0]!, approximate: false };
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from search_doc d where ${and([d.matches(plan), ...filters])}`.execute(db);
    return { total: Number(rows[0]?.n ?? 0), approximate: false };
  }
  const basis = sampled.matches >= l.sureHits ? sampled : await wholeSample(db, d, q, sampled);
  const scaled = Math.max(basis.matches * basis.scale, l.countCap + 1);
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(scaled)) - 1);
  const rounded = Math.round(scaled / magnitude) * magnitude;
  return {
    // Never more than the index holds (a sample can overshoot on a small index).
    total: Math.min(
      rounded > l.countCap ? rounded : Math.ceil((l.countCap + 1) / magnitude) * magnitude,
      size,
    ),
    approximate: true,
  };
}

async function cachedCount(db: Executor, d: Dialect, q: IndexQuery, l: Limits): Promise<Counted> {
  const state = await indexState(db);
  // A filter by a subquery (a catalog domain) is keyed by its SQL and parameters.
  const sub = q.filters.recordIdIn?.compile(db);
  const key = JSON.stringify([
    state.version,
    l,
    q.plan,
    { ...q.filters, recordIdIn: sub ? [sub.sql, sub.parameters] : undefined },
  ]);
  const cached = counts.get(key);
  if (cached) return cached;
  const sampled = await sample(db, d, q);
  const count = { ...(await countMatches(db, d, q, l, state.size, sampled)), sampled };
  if (counts.size >= COUNT_CACHE_SIZE) counts.clear();
  counts.set(key, count);
  return count;
}

/**
 * Where one way of reaching a score can be found: in every `musts` source, and in at least
 * `atLeast` of `anyOf`. Any one of these narrows the tier enough to read it through.
 */
interface Way {
  musts: Source[];
  anyOf: Source[];
  atLeast: number;
}

export interface Tier {
  score: number;
  ways: Way[];
}

/**
 * The scores a non-exact match can have, highest first, and for each the ways to reach it:
 * phrase in title (T), phrase in body (B), w of the k query words in the title. The phrase in the
 * title implies every word in the title (the words are cut from the phrase), so T means w = k.
 * Without a phrase index (one or two characters) a match comes from its tokens.
 */
export function tiers(plan: QueryPlan): Tier[] {
  const k = plan.tokens.length;
  const titleHas: Source[] = plan.tokens.map((token) => ({ kind: 'titleHas', token }));
  const byScore = new Map<number, Way[]>();
  const add = (t: boolean, b: boolean, w: number) => {
    const musts: Source[] = [];
    if (t && long(plan)) musts.push({ kind: 'phrase', column: 'title' });
    if (b && long(plan)) musts.push({ kind: 'phrase', column: 'body' });
    if (!long(plan) || (!t && !b)) musts.push({ kind: 'tokens' });
    if (w === k) musts.push(...titleHas);
    const score = (t ? SCORE.phraseInTitle : 0) + (b ? SCORE.phraseInBody : 0) + SCORE.wordInTitle * w;
    byScore.set(score, [
      ...(byScore.get(score) ?? []),
      { musts, anyOf: w > 0 && w < k ? titleHas : [], atLeast: w },
    ]);
  };
  add(true, true, k);
  add(true, false, k);
  for (let w = k; w >= 0; w--) add(false, true, w);
  for (let w = k; w >= 0; w--) add(false, false, w);
  return [...byScore.entries()].sort((a, b) => b[0] - a[0]).map(([score, ways]) => ({ score, ways }));
}

/**
 * The newest `n` records of one tier (score exactly `score`). A tier whose candidates are few is
 * read through the smallest of its indexes; a large one by walking the date index, testing each
 * row, which stops as soon as `n` are found.
 */
async function tier(
  db: Executor,
  d: Dialect,
  q: IndexQuery,
  t: Tier,
  n: number,
  sizes: Map<string, number>,
  l: Limits,
  sampled: Sampled,
): Promise<HitRow[]> {
  const filters = filterConditions(q.filters);
  const where = filters.length ? and(filters) : undefined;
  // A source the sample surely puts far above SMALL_SET is large without counting it.
  const size = async (s: Source) => {
    const key = sourceKey(s);
    let c = sizes.get(key);
    if (c === undefined)
      sizes.set(
        key,
        (c =
          sureEstimate(sampled.sources.get(key) ?? 0, sampled, 10 * l.smallSet, l) ??
          (await d.countSource(db, q.plan, s, where, l.smallSet + 1))),
      );
    return c;
  };
  let candidates = 0;
  const through: RawBuilder<unknown>[] = [];
  for (const way of t.ways) {
    let best: { n: number; cond: RawBuilder<unknown> } | undefined;
    for (const s of way.musts) {
      const c = await size(s);
      if (!best || c < best.n) best = { n: c, cond: d.inSource(q.plan, s) };
      if (c === 0) break;
    }
    if (way.anyOf.length && best?.n !== 0) {
      // A record with `atLeast` of the n sources is in one of any n − atLeast + 1 of them (the
      // pigeonhole): the smallest ones are read.
      const sized = await Promise.all(way.anyOf.map(async (s) => ({ s, n: await size(s) })));
      const smallest = sized.sort((a, b) => a.n - b.n).slice(0, way.anyOf.length - way.atLeast + 1);
      const sum = smallest.reduce((t, x) => t + x.n, 0);
      if (!best || sum < best.n)
        best = {
          n: sum,
          cond: sum
            ? sql`(${sql.join(
                smallest.filter((x) => x.n > 0).map((x) => d.inSource(q.plan, x.s)),
                sql` or `,
              )})`
            : sql`1 = 0`,
        };
    }
    if (!best || best.n === 0) continue;
    candidates += best.n;
    through.push(best.cond);
  }
  if (!through.length) return [];
  if (candidates <= l.smallSet) {
    const { rows } = await sql<HitRow>`
      select record_id, score from (
        select d.record_id, d.published_at, ${score(d, q.plan)} as score from search_doc d
        where ${and([sql`(${sql.join(through, sql` or `)})`, d.rowMatches(q.plan), ...filters])}
      ) m where score = ${t.score}
      order by published_at desc, record_id desc limit ${n}`.execute(db);
    return rows;
  }
  return walk(db, d, q, n, t.score);
}

/** Rows of the date index read per step of a walk: the first step, and the most. */
const WALK_FIRST = 1_000;
const WALK_MOST = 32_000;

/**
 * The newest `n` matches (of score `only`, when given), found by walking the date index in steps:
 * each step reads the next rows newest first and tests them. The steps are explicit so that no
 * planner can decide to gather every match and sort them instead (PostgreSQL does, misjudging how
 * rare a score is).
 */
async function walk(db: Executor, d: Dialect, q: IndexQuery, n: number, only?: number): Promise<HitRow[]> {
  const test = and([d.rowMatches(q.plan), ...filterConditions(q.filters)]);
  const found: HitRow[] = [];
  let before: { published_at: string; record_id: string } | undefined;
  for (let step = WALK_FIRST; found.length < n; step = Math.min(step * 2, WALK_MOST)) {
    const after = before
      ? sql`where (d.published_at < ${before.published_at} or (d.published_at = ${before.published_at} and d.record_id < ${before.record_id}))`
      : sql``;
    const window = sql`select * from search_doc d ${after} order by d.published_at desc, d.record_id desc limit ${step}`;
    const { rows } = await sql<HitRow>`
      select record_id, score from (
        select d.record_id, d.published_at, ${score(d, q.plan)} as score from (${window}) d where ${test}
      ) m ${only === undefined ? sql`` : sql`where score = ${only}`}
      order by published_at desc, record_id desc limit ${n - found.length}`.execute(db);
    found.push(...rows);
    const { rows: edge } = await sql<{ published_at: string; record_id: string }>`
      select d.published_at, d.record_id from search_doc d ${after}
      order by d.published_at desc, d.record_id desc limit 1 offset ${step - 1}`.execute(db);
    if (!edge[0]) break;
    before = edge[0];
  }
  return found;
}

/** A page of a large match set, by date: the date index walked newest first. */
async function newest(db: Executor, d: Dialect, q: IndexQuery): Promise<HitRow[]> {
  return (await walk(db, d, q, q.offset + q.limit)).slice(q.offset);
}

/** The page of a query and its count: see the comment at the top of this file. */
export async function searchTiered(
  db: Executor,
  d: Dialect,
  q: IndexQuery,
  l: Limits = defaults,
): Promise<SearchOutcome> {
  const counted = await cachedCount(db, d, q, l);
  const count: Count = { total: counted.total, approximate: counted.approximate };
  if (count.total === 0) return { total: 0, approximate: false, hits: [] };
  if (!count.approximate && count.total <= l.smallSet) {
    const r = await rankAll(db, d, q);
    return { total: count.total, approximate: false, hits: r.hits };
  }
  // Tiers rely on every non-exact score staying below an exact number's (true below 85 words).
  if (tiers(q.plan)[0]!.score >= SCORE.exact) return { ...count, hits: (await rankAll(db, d, q)).hits };
  if (q.sort === 'date') return { ...count, hits: (await newest(db, d, q)).map(hit) };
  const need = q.offset + q.limit;
  const found: HitRow[] = [];
  if (q.plan.docNumber || q.plan.indexNumber) {
    // Exact numbers are few: every one of them, ranked by its full score.
    const exact = [
      sql`d.doc_number = ${q.plan.docNumber ?? null}`,
      sql`d.index_number = ${q.plan.indexNumber ?? null}`,
    ];
    const { rows } = await sql<HitRow>`
      select record_id, score from (
        select d.record_id, d.published_at, ${score(d, q.plan)} as score from search_doc d
        where (${sql.join(exact, sql` or `)}) and ${and([d.rowMatches(q.plan), ...filterConditions(q.filters)])}
      ) m where score >= ${SCORE.exact}
      order by score desc, published_at desc, record_id desc limit ${need}`.execute(db);
    found.push(...rows);
  }
  const sizes = new Map<string, number>();
  for (const t of tiers(q.plan)) {
    if (found.length >= need) break;
    found.push(...(await tier(db, d, q, t, need - found.length, sizes, l, counted.sampled)));
  }
  return { ...count, hits: found.slice(q.offset, need).map(hit) };
}
