import { performance } from 'node:perf_hooks';
import { CompiledQuery, sql } from 'kysely';
import { freshDatabaseUrl, testInstallation } from '../test/harness/engines.js';
import { jinjiangTree } from '../test/harness/factories.js';
import { systemActor } from '../src/platform/access.js';
import { systemClock } from '../src/platform/clock.js';
import type { Ctx } from '../src/platform/context.js';
import { FieldCipher } from '../src/platform/crypto.js';
import { migrateToLatest, openDatabase, type Db, type Engine } from '../src/platform/db/database.js';
import { newId } from '../src/platform/ids.js';
import { agencies, type Agency } from '../src/modules/agencies/index.js';
import { allClasses, classIndex, isWithin } from '../src/modules/push/industry.js';
import { currentIndex, forgetIndexes, matchRule } from '../src/modules/push/profile-index.service.js';
import { ageBandOf, ageBands, scales, type AudienceRule } from '../src/modules/push/index.js';
import { bump } from '../src/modules/push/push.repository.js';
import {
  random,
  syntheticProfile,
  syntheticRow,
  type SyntheticProfile,
} from '../src/modules/push/synthetic.js';

/**
 * push: N synthetic subscribers (default 4,000,000; `--profiles N`) with the realistic mix of
 * synthetic.ts (30% enterprises, 65% citizens, 5% topics only; identity tags encrypted) spread
 * over the 晋江市 tree (the city, its 19 镇/街道, two 村/社区 each), bulk-loaded as a migration
 * of existing subscribers would load them (multi-row inserts, versions and numbers 1..N, then
 * push_state once). Then the matching index is built from the database (currentIndex) and 12
 * realistic audience rules are matched through matchRule — what a publication pays: the
 * freshness check of push_state, the region paths, the pass over the index — p50/p95 over every
 * run, against the floor of one pass over a packed array of the same attributes (kind, scale,
 * age band, region slot in one Uint32Array, the industry in a Uint16Array) answering the first
 * rule (制造业 small and micro enterprises in 晋江市) into an Int32Array. Extra lines: load and
 * build times, memory, the pass over the index timed on its own, and a match right after one
 * subscriber changed (the index first reads the rows of a higher version).
 * Prints `push [<engine>] profiles=N match_p50=X ms match_p95=Y ms floor_p95=Z ms`.
 */

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function profiles(): number {
  const i = process.argv.indexOf('--profiles');
  if (i < 0) return 4_000_000;
  const n = Number(String(process.argv[i + 1]).replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n <= 0) {
    console.error('--profiles takes a positive whole number');
    process.exit(2);
  }
  return n;
}

/** 晋江市's 19 镇/街道 (磁灶镇 comes with jinjiangTree). */
const streets = ['青阳', '梅岭', '西园', '罗山', '灵源', '新塘'];
const towns = [
  '陈埭',
  '池店',
  '安海',
  '内坑',
  '紫帽',
  '东石',
  '永和',
  '英林',
  '金井',
  '龙湖',
  '深沪',
  '西滨',
];

interface Regions {
  gov: Agency;
  /** By short name (磁灶, 安海 …). */
  township: Map<string, Agency>;
  villages: Agency[];
  /** Every region a subscriber may give: the city, the 镇/街道, the 村/社区. */
  ids: string[];
}

/** The 晋江市 tree, with every 镇/街道 and two 村/社区 under each: 58 regions. */
async function regions(ctx: Ctx): Promise<Regions> {
  const tree = await jinjiangTree(ctx);
  const township = new Map<string, Agency>([['磁灶', tree.cizao]]);
  const villages: Agency[] = [tree.village];
  const ordinal = ['第一', '第二'];
  for (const name of [...streets, ...towns]) {
    const street = streets.includes(name);
    const t = await agencies.create(ctx, {
      parentId: tree.gov.id,
      name: `${name}${street ? '街道办事处' : '镇人民政府'}`,
      level: 'township',
      kind: 'townshipStreet',
    });
    township.set(name, t);
    for (const o of ordinal)
      villages.push(
        await agencies.create(ctx, {
          parentId: t.id,
          name: street ? `${name}街道${o}社区居民委员会` : `${name}镇${o}村民委员会`,
          level: 'village',
          kind: 'villageCommunity',
        }),
      );
  }
  villages.push(
    await agencies.create(ctx, {
      parentId: tree.cizao.id,
      name: '磁灶镇第二村民委员会',
      level: 'village',
      kind: 'villageCommunity',
    }),
  );
  const ids = [tree.gov.id, ...[...township.values()].map((a) => a.id), ...villages.map((a) => a.id)];
  return { gov: tree.gov, township, villages, ids };
}

function rule(r: Partial<AudienceRule>): AudienceRule {
  return {
    audience: 'all',
    combine: 'all',
    industries: [],
    scales: [],
    regions: [],
    enterpriseTags: [],
    identityTags: [],
    ageBands: [],
    ...r,
  };
}

/** Twelve rules as offices write them; the first is the floor's. */
function rules(g: Regions): Array<{ name: string; rule: AudienceRule }> {
  const t = (name: string) => g.township.get(name)!.id;
  return [
    {
      name: '制造业小微·晋江',
      rule: rule({
        audience: 'enterprise',
        industries: ['C'],
        scales: ['small', 'micro'],
        regions: [g.gov.id],
      }),
    },
    {
      name: '农副食品加工·磁灶',
      rule: rule({ audience: 'enterprise', industries: ['13'], regions: [t('磁灶')] }),
    },
    { name: '高新技术企业', rule: rule({ audience: 'enterprise', enterpriseTags: ['highTech'] }) },
    {
      name: '60岁以上·安海',
      rule: rule({ audience: 'citizen', ageBands: ['from60to79', 'from80'], regions: [t('安海')] }),
    },
    { name: '残疾人', rule: rule({ audience: 'citizen', identityTags: ['disabled'] }) },
    { name: '村里所有人', rule: rule({ regions: [g.villages[0]!.id] }) },
    {
      name: '任一(微型|失业或灵活就业|社区)',
      rule: rule({
        combine: 'any',
        scales: ['micro'],
        identityTags: ['unemployed', 'flexibleEmployment'],
        regions: [g.villages[3]!.id],
      }),
    },
    { name: '所有人', rule: rule({}) },
    { name: '纺织面料鞋制造', rule: rule({ audience: 'enterprise', industries: ['1951'] }) },
    {
      name: '18-34岁学生·晋江',
      rule: rule({
        audience: 'citizen',
        identityTags: ['student'],
        ageBands: ['from18to34'],
        regions: [g.gov.id],
      }),
    },
    {
      name: '外贸批发零售',
      rule: rule({ audience: 'enterprise', industries: ['F'], enterpriseTags: ['foreignTrade'] }),
    },
    {
      name: '退役军人或老年人·陈埭池店',
      rule: rule({
        audience: 'citizen',
        identityTags: ['veteran', 'elderly'],
        regions: [t('陈埭'), t('池店')],
      }),
    },
  ];
}

/**
 * The floor's columns: per subscriber (slot = seq − 1) kind (2 bits; 0 when not matchable),
 * scale (3), age band (3) and region slot (10) packed in one Uint32Array, the industry (class
 * index + 1) in a Uint16Array. Filled as the rows are made, from the same profiles.
 */
class Packed {
  readonly bits: Uint32Array;
  readonly industry: Uint16Array;
  readonly #slot: Map<string, number>;
  constructor(
    n: number,
    regionIds: readonly string[],
    readonly year: number,
  ) {
    this.bits = new Uint32Array(n);
    this.industry = new Uint16Array(n);
    this.#slot = new Map(regionIds.map((id, i) => [id, i + 1]));
  }
  set(i: number, p: SyntheticProfile): void {
    const kind = !p.profiling ? 0 : p.kind === 'enterprise' ? 1 : p.kind === 'citizen' ? 2 : 3;
    const scale = p.kind === 'enterprise' && p.scale ? scales.indexOf(p.scale) + 1 : 0;
    const age =
      p.kind === 'citizen' && p.birthYear ? ageBands.indexOf(ageBandOf(p.birthYear, this.year)) + 1 : 0;
    const region = p.regionId ? this.#slot.get(p.regionId)! : 0;
    this.bits[i] = (kind | (scale << 2) | (age << 5) | (region << 8)) >>> 0;
    this.industry[i] = p.kind === 'enterprise' && p.industry ? classIndex(p.industry) + 1 : 0;
  }
}

/**
 * Writes N rows with seq = version = 1..N in multi-row inserts (SQLite: one transaction, 500
 * rows a statement; PostgreSQL: 1,000 rows a statement, a transaction per 100,000), the next
 * batch made while the last one is written, then sets push_state once.
 */
async function load(
  engine: Engine,
  db: Db,
  ctx: Ctx,
  n: number,
  regionIds: readonly string[],
  packed: Packed,
): Promise<void> {
  const rnd = random(2026);
  const at = ctx.clock.now().toISOString();
  const batch = engine === 'sqlite' ? 500 : 1000;
  const perTransaction = engine === 'sqlite' ? n : 100_000;
  let columns: string[] = [];
  const texts = new Map<number, string>();
  const statement = (rows: number) => {
    let text = texts.get(rows);
    if (!text) {
      let k = 0;
      const tuple = () => `(${columns.map(() => (engine === 'sqlite' ? '?' : `$${++k}`)).join(',')})`;
      text = `insert into push_subscriber (${columns.join(',')}) values ${Array.from({ length: rows }, tuple).join(',')}`;
      texts.set(rows, text);
    }
    return text;
  };
  const make = (from: number, rows: number): CompiledQuery => {
    const params: unknown[] = [];
    for (let seq = from; seq < from + rows; seq++) {
      const p = syntheticProfile(rnd, regionIds, packed.year);
      packed.set(seq - 1, p);
      const row = syntheticRow(ctx.cipher, p, seq, seq, at, newId()) as unknown as Record<string, unknown>;
      if (columns.length === 0) columns = Object.keys(row);
      for (const c of columns) params.push(row[c]);
    }
    return CompiledQuery.raw(statement(rows), params);
  };
  const t0 = performance.now();
  let done = 0;
  let shown = 0;
  for (let first = 1; first <= n; first += perTransaction) {
    const last = Math.min(n, first + perTransaction - 1);
    await db.transaction().execute(async (tx) => {
      let pending: Promise<unknown> | null = null;
      for (let from = first; from <= last; from += batch) {
        const rows = Math.min(batch, last - from + 1);
        const q = make(from, rows);
        if (pending) await pending;
        pending = tx.executeQuery(q);
        done += rows;
        if (done - shown >= 200_000 || done === n) {
          shown = done;
          const s = (performance.now() - t0) / 1000;
          process.stderr.write(`  [${engine}] ${done} / ${n} rows (${s.toFixed(0)} s)\n`);
        }
      }
      await pending;
      if (last === n)
        await sql`update push_state set version = ${n}, last_seq = ${n} where id = 'push'`.execute(tx);
    });
  }
}

export async function push(engine: Engine): Promise<void> {
  const n = profiles();
  const { url, cleanup } = freshDatabaseUrl(engine);
  const h = await openDatabase(url);
  try {
    await migrateToLatest(h.db, testInstallation.migrations);
    const ctx: Ctx = {
      actor: systemActor('bench'),
      clock: systemClock,
      db: h.db,
      ip: null,
      cipher: new FieldCipher('gongkai-bench-data-key-not-for-production'),
      modules: testInstallation,
    };
    const g = await regions(ctx);
    const year = Number(ctx.clock.now().toISOString().slice(0, 4));
    const packed = new Packed(n, g.ids, year);

    const t0 = performance.now();
    await load(engine, h.db, ctx, n, g.ids, packed);
    const written = (performance.now() - t0) / 1000;
    // The database at rest before anything is timed: statistics, and the load's pages written out
    // (PostgreSQL's checkpoint would otherwise spread them over the next minutes, beside the matches).
    const t1 = performance.now();
    if (engine === 'postgres') {
      await sql`vacuum analyze push_subscriber`.execute(h.db);
      await sql`checkpoint`.execute(h.db);
    } else await sql`pragma wal_checkpoint(truncate)`.execute(h.db);
    const settled = (performance.now() - t1) / 1000;
    const size =
      engine === 'sqlite'
        ? sql<{
            b: number | string;
          }>`select page_count * page_size as b from pragma_page_count(), pragma_page_size()`
        : sql<{ b: number | string }>`select pg_total_relation_size('push_subscriber') as b`;
    const dbBytes = Number((await size.execute(h.db)).rows[0]!.b);

    const t2 = performance.now();
    let shown = 0;
    const index = await currentIndex(ctx, (loaded) => {
      if (loaded - shown >= 500_000 || (loaded === n && shown < n)) {
        shown = loaded;
        const s = (performance.now() - t2) / 1000;
        process.stderr.write(`  [${engine}] index: ${loaded} / ${n} rows read (${s.toFixed(0)} s)\n`);
      }
    });
    const build = (performance.now() - t2) / 1000;
    const mem = process.memoryUsage();
    const columnBytes = [
      index.seq,
      index.kind,
      index.industry,
      index.scale,
      index.region,
      index.tags,
      index.age,
    ]
      .map((a) => a.byteLength)
      .reduce((a, b) => a + b, 0);

    // The floor's rule (the first): enterprise, 制造业, small or micro, anywhere in 晋江市.
    const classes = allClasses();
    const indOk = new Uint8Array(classes.length + 1);
    classes.forEach((c, i) => (indOk[i + 1] = isWithin(c, 'C') ? 1 : 0));
    const scaleOk = new Uint8Array(scales.length + 1);
    scaleOk[scales.indexOf('small') + 1] = 1;
    scaleOk[scales.indexOf('micro') + 1] = 1;
    const regionOk = new Uint8Array(1024).fill(1);
    regionOk[0] = 0; // every region is within 晋江市; none is not
    const out = new Int32Array(n);
    const floorPass = (): number => {
      const { bits, industry } = packed;
      let k = 0;
      for (let i = 0; i < n; i++) {
        const v = bits[i]!;
        if ((v & 3) === 1 && scaleOk[(v >>> 2) & 7] && indOk[industry[i]!] && regionOk[(v >>> 8) & 1023])
          out[k++] = i + 1;
      }
      return k;
    };

    // Round 0 warms up (and counts); then every rule, and the floor, once a round, in turns, so
    // that whatever else the machine does weighs on both alike.
    const list = rules(g);
    const paths = new Map((await agencies.listPublic(ctx)).map((a) => [a.id, a.path]));
    const rounds = 10;
    const match: number[] = [];
    const scan: number[] = [];
    const floor: number[] = [];
    const overhead: number[] = [];
    const byRule = list.map(() => [] as number[]);
    const counts: number[] = [];
    let floorCount = 0;
    for (let round = 0; round <= rounds; round++)
      for (const [i, r] of list.entries()) {
        let t = performance.now();
        const got = await matchRule(ctx, r.rule);
        const ms = performance.now() - t;
        // The pass over the index alone, the rule's region paths looked up beforehand.
        const rulePaths = r.rule.regions.map((id) => paths.get(id)!);
        t = performance.now();
        index.match(r.rule, rulePaths);
        const scanMs = performance.now() - t;
        t = performance.now();
        floorCount = floorPass();
        const floorMs = performance.now() - t;
        if (round === 0) counts.push(got.length);
        else {
          match.push(ms);
          byRule[i]!.push(ms);
          scan.push(scanMs);
          overhead.push(ms - scanMs);
          floor.push(floorMs);
        }
      }
    const afterMatching = process.memoryUsage();

    // Subscribers change all day: after one change (a new version, as the services take it under
    // push_state's lock), the next match first reads the rows of a higher version.
    const afterChange: number[] = [];
    for (let k = 1; k <= 5; k++) {
      const seq = ((k * 7_919_993) % n) + 1;
      await h.db.transaction().execute(async (tx) => {
        const { version } = await bump(tx);
        await sql`update push_subscriber set version = ${version}, updated_at = ${ctx.clock.now().toISOString()}
                  where seq = ${seq}`.execute(tx);
      });
      const t = performance.now();
      await matchRule(ctx, list[0]!.rule);
      afterChange.push(performance.now() - t);
    }
    afterChange.sort((a, b) => a - b);
    for (const xs of [match, scan, floor, overhead, ...byRule]) xs.sort((a, b) => a - b);
    const f = (v: number) => v.toFixed(1);
    const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
    const slowest = list
      .map((r, i) => ({ name: r.name, p95: percentile(byRule[i]!, 95) }))
      .sort((a, b) => b.p95 - a.p95)[0]!;
    console.log(
      `push [${engine}] profiles=${n} match_p50=${f(percentile(match, 50))} ms match_p95=${f(percentile(match, 95))} ms ` +
        `floor_p95=${f(percentile(floor, 95))} ms`,
    );
    console.log(
      `  [${engine}] load=${written.toFixed(1)} s (${(n / written).toFixed(0)} rows/s)` +
        ` ${engine === 'postgres' ? 'vacuum_analyze_checkpoint' : 'wal_checkpoint'}=${settled.toFixed(1)} s` +
        ` table=${mb(dbBytes)} build=${build.toFixed(1)} s (${(n / build).toFixed(0)} rows/s, ${index.size} slots)`,
    );
    console.log(
      `  [${engine}] after build: heapUsed=${mb(mem.heapUsed)} arrayBuffers=${mb(mem.arrayBuffers)} rss=${mb(mem.rss)} ` +
        `index_columns=${mb(columnBytes)}; after matching: heapUsed=${mb(afterMatching.heapUsed)} ` +
        `arrayBuffers=${mb(afterMatching.arrayBuffers)} rss=${mb(afterMatching.rss)}`,
    );
    console.log(
      `  [${engine}] ratio match_p95/floor_p95=${(percentile(match, 95) / percentile(floor, 95)).toFixed(1)}× ` +
        `floor_p50=${f(percentile(floor, 50))} ms match_max=${f(match.at(-1)!)} ms ` +
        `slowest=${slowest.name} p95 ${f(slowest.p95)} ms ` +
        `floor_check=${floorCount === counts[0] ? 'same' : `DIFFERS (${floorCount} vs ${counts[0]})`}`,
    );
    // Where a match's time goes: the pass over the index (ProfileIndex.match, timed on its own
    // right after) and the rest (push_state's freshness check, the region paths).
    console.log(
      `  [${engine}] index.match_p50=${f(percentile(scan, 50))} ms index.match_p95=${f(percentile(scan, 95))} ms ` +
        `rest_p50=${f(percentile(overhead, 50))} ms`,
    );
    console.log(
      `  [${engine}] after one subscriber changed: match_p50=${f(percentile(afterChange, 50))} ms ` +
        `max=${f(afterChange.at(-1)!)} ms (${afterChange.length} changes, the first rule)`,
    );
    console.log(`  matched: ${list.map((r, i) => `${r.name} ${counts[i]}`).join('; ')}`);
  } finally {
    forgetIndexes();
    await h.close();
    await cleanup();
  }
}
