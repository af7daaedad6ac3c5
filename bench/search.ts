import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { freshDatabaseUrl, testInstallation } from '../test/harness/engines.js';
import { migrateToLatest, openDatabase, type Engine } from '../src/platform/db/database.js';
import { planQuery, searchIndexFor, type SearchDocument } from '../src/modules/search/index.js';
import { referenceSearch, forgetCachedCounts } from '../src/modules/search/search.reference.js';

/**
 * search: N synthetic Chinese records (default 1,000,000; `--records N`) put through the search
 * index of each engine through its bulk path (a rebuild) — build rate, then p50/p95 of a fixed
 * query set (relevance and date order, first page with total) — against the floor of a raw FTS5
 * MATCH (SQLite) or a raw pg_trgm / tsvector query (PostgreSQL) over the same rows returning ten
 * ids and the count. Up to 200,000 records it also checks that every first page is the
 * reference's (every match ranked, ADR 0006).
 */

const places = [
  '晋江市',
  '磁灶镇',
  '安海镇',
  '陈埭镇',
  '青阳街道',
  '梅岭街道',
  '西园街道',
  '池店镇',
  '内坑镇',
  '英林镇',
  '深沪镇',
  '金井镇',
];
const bodies = [
  '市人民政府',
  '市发展和改革局',
  '市教育局',
  '市民政局',
  '市财政局',
  '市人力资源和社会保障局',
  '市自然资源局',
  '市生态环境局',
  '市住房和城乡建设局',
  '市交通运输局',
  '市农业农村局',
  '市卫生健康局',
  '市应急管理局',
  '市市场监督管理局',
];
const topics = [
  ['行政规范性文件管理办法', '规范性文件', '合法性审核'],
  ['行政许可事项清单', '行政许可', '审批服务'],
  ['城乡低保标准调整', '低保', '社会救助'],
  ['重大建设项目计划', '重大建设项目', '投资'],
  ['义务教育招生工作方案', '义务教育', '招生'],
  ['安全生产专项整治行动', '安全生产', '隐患排查'],
  ['农村危房改造补助', '危房改造', '补助资金'],
  ['财政预算执行情况', '财政预决算', '三公经费'],
  ['公共资源交易管理', '公共资源交易', '招标投标'],
  ['生态环境保护督察整改', '生态环境', '整改'],
  ['医疗保障待遇调整', '医疗保障', '报销比例'],
  ['养老服务体系建设', '养老服务', '居家养老'],
  ['政务公开工作要点', '政务公开', '政府信息公开'],
  ['食品安全抽检结果', '食品安全', '抽检'],
  ['征地补偿安置方案', '征地补偿', '安置'],
  ['就业创业扶持政策', '就业', '创业补贴'],
  ['河长制工作', '河长制', '水环境'],
  ['个人所得税汇算清缴', '税收', '纳税人'],
  ['城市综合执法', '综合执法', '占道经营'],
  ['退役军人优待', '退役军人', '优抚'],
];
const kinds = ['通知', '公告', '意见', '方案', '报告', '公示', '批复', '决定', '办法', '通报'];
const sentences = [
  (p: string, t: string[], y: number) =>
    `为进一步做好${t[1]}工作，根据有关法律法规和上级文件精神，结合${p}实际，制定本${kinds[y % kinds.length]}。`,
  (p: string, t: string[]) =>
    `各镇人民政府、街道办事处，市直各单位：现将《${p}${t[0]}》印发给你们，请认真贯彻执行。`,
  (_p: string, t: string[], y: number) =>
    `${y}年全市共完成${t[2]}${((y * 7) % 300) + 12}项，同比增长${(y % 17) + 3}%。`,
  (p: string, t: string[]) => `${p}将${t[1]}纳入年度绩效考评，定期通报工作进展，对工作不力的单位进行约谈。`,
  (_p: string, t: string[]) => `各单位要高度重视${t[2]}，明确分管领导和具体经办人员，确保各项措施落到实处。`,
  () => '本文件自印发之日起施行，有效期五年。此前有关规定与本文件不一致的，以本文件为准。',
  (p: string) => `联系人：${p}政务服务中心，联系电话：0595-8568${Math.abs(p.length * 137) % 10000}。`,
  (_p: string, t: string[], y: number) =>
    `对符合条件的申请人，经审核后于${(y % 12) + 1}月底前发放${t[2]}，逾期不予受理。`,
  (_p: string, t: string[]) => `附件：1.${t[0]}明细表 2.${t[1]}工作责任分解表`,
  () => '请各地各部门依照条例规定主动公开相关政府信息，并在政府网站政府信息公开专栏及时更新。',
];

export function generator(seed: number) {
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
  return (i: number): SearchDocument => {
    const place = places[rnd(places.length)]!;
    const office = bodies[rnd(bodies.length)]!;
    const topic = topics[rnd(topics.length)]!;
    const year = 2015 + rnd(11);
    const kind = kinds[rnd(kinds.length)]!;
    const body = Array.from({ length: 5 + rnd(5) }, () =>
      sentences[rnd(sentences.length)]!(place, topic, year),
    ).join('');
    const hasNumber = rnd(3) === 0;
    return {
      recordId: `r${String(i).padStart(8, '0')}`,
      agencyId: 'bench',
      title: `${place}${office}关于${rnd(2) ? '印发' : '做好'}${year}年${topic[0]}的${kind}`,
      body,
      docNumber: hasNumber
        ? `晋${['政文', '政办', '教', '民', '财'][rnd(5)]}〔${year}〕${1 + rnd(400)}号`
        : null,
      indexNumber: `11350582003500011X/${year}-${String(i % 100000).padStart(5, '0')}`,
      subjectCategory: '综合政务\\政务公开',
      validity: rnd(10) === 0 ? 'repealed' : 'inForce',
      publishedAt: `${year}-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}T0${rnd(9)}:00:00.000Z`,
      year,
    };
  };
}

const queries = [
  '规范性文件',
  '行政许可',
  '晋政文〔2020〕12号',
  '税',
  '低保',
  '政务公开',
  '重大建设项目',
  '关于印发',
  '义务教育招生',
  '安全生产 隐患排查',
  '磁灶镇',
  '居家养老',
  '占道经营',
  '有效期五年',
  '联合国',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function records(): number {
  const i = process.argv.indexOf('--records');
  return i >= 0 ? Number(process.argv[i + 1]) : 1_000_000;
}

export async function search(engine: Engine): Promise<void> {
  const n = records();
  const { url, cleanup } = freshDatabaseUrl(engine);
  const h = await openDatabase(url);
  try {
    await migrateToLatest(h.db, testInstallation.migrations);
    const index = searchIndexFor(h.db);
    const make = generator(2020);
    const t0 = performance.now();
    let rss = process.memoryUsage().rss;
    const chunk = 5000;
    // The index is built as a rebuild builds it: one transaction through the engine's bulk path.
    async function* docs(): AsyncGenerator<SearchDocument[]> {
      for (let i = 0; i < n; i += chunk) {
        yield Array.from({ length: Math.min(chunk, n - i) }, (_, k) => make(i + k));
        rss = Math.max(rss, process.memoryUsage().rss);
        if ((i / chunk) % 20 === 19) process.stderr.write(`  [${engine}] ${i + chunk} / ${n}\n`);
      }
    }
    await h.db.transaction().execute((tx) => index.rebuild(tx, docs()));
    const build = (performance.now() - t0) / 1000;
    if (engine === 'postgres') await sql`vacuum analyze search_doc`.execute(h.db);
    else await sql`pragma optimize`.execute(h.db);

    // Each query's first page (relevance and date) must be the reference's: every match ranked.
    let same = 0;
    let checked = 0;
    if (n <= 200_000)
      for (const q of queries)
        for (const sort of ['relevance', 'date'] as const) {
          const iq = { plan: planQuery(q)!, filters: {}, sort, offset: 0, limit: 10 };
          const [ours, ref] = [await index.search(h.db, iq), await referenceSearch(h.db, iq)];
          checked++;
          if (JSON.stringify(ours.hits) === JSON.stringify(ref.hits)) same++;
          else process.stderr.write(`  [${engine}] ${q} (${sort}): first page differs from the reference\n`);
        }

    const cold: number[] = [];
    const warm: number[] = [];
    const floor: number[] = [];
    const rounds = n > 100_000 ? 2 : 5;
    const timeOne = async (fn: () => Promise<unknown>, into: number[]) => {
      const t = performance.now();
      await fn();
      into.push(performance.now() - t);
    };
    const totals: string[] = [];
    for (let round = 0; round <= rounds; round++) {
      for (const q of queries) {
        const plan = planQuery(q)!;
        for (const sort of ['relevance', 'date'] as const) {
          const iq = { plan, filters: {}, sort, offset: 0, limit: 10 };
          // Cold: the count computed afresh, as after any write to the index; warm: counted before.
          forgetCachedCounts();
          await timeOne(
            async () => {
              const r = await index.search(h.db, iq);
              if (round === 0 && sort === 'relevance')
                totals.push(`${q} ${r.approximate ? '约' : ''}${r.total}`);
            },
            round === 0 ? [] : cold,
          );
          await timeOne(() => index.search(h.db, iq), round === 0 ? [] : warm);
        }
        // The floor: the engine's own full-text search answering the same question natively —
        // the total, and the ten best by its own rank (FTS5 bm25; ts_rank or trigram similarity).
        const long = [...plan.phrase].length >= 3;
        const words = plan.tokens.map((t) => `"${t}"`).join(' AND ');
        const tsq = plan.tokens.map((t) => `'${t}'`).join(' & ');
        const like = `%${plan.phrase}%`;
        const raw =
          engine === 'sqlite'
            ? long
              ? [
                  sql`select count(*) from search_trigram where search_trigram match ${`"${plan.phrase}"`}`,
                  sql`select rowid from search_trigram where search_trigram match ${`"${plan.phrase}"`} order by rank limit 10`,
                ]
              : [
                  sql`select count(*) from search_word where search_word match ${words}`,
                  sql`select rowid from search_word where search_word match ${words} order by rank limit 10`,
                ]
            : long
              ? [
                  sql`select count(*) from search_doc where title like ${like} or body like ${like}`,
                  sql`select record_id from search_doc where title like ${like} or body like ${like}
                      order by similarity(title, ${plan.phrase}) desc limit 10`,
                ]
              : [
                  sql`select count(*) from search_doc where words @@ ${tsq}::tsquery`,
                  sql`select record_id from search_doc where words @@ ${tsq}::tsquery
                      order by ts_rank(words, ${tsq}::tsquery) desc limit 10`,
                ];
        await timeOne(
          async () => {
            for (const r of raw) await r.execute(h.db);
          },
          round === 0 ? [] : floor,
        );
      }
    }
    for (const xs of [cold, warm, floor]) xs.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    // One line to compare across runs; p50/p95 are cold (every count computed afresh).
    console.log(
      `search [${engine}] records=${n} p50=${ms(percentile(cold, 50))} p95=${ms(percentile(cold, 95))} ` +
        `floor_p95=${ms(percentile(floor, 95))} build=${(n / build).toFixed(0)} records/s ` +
        `max=${ms(cold.at(-1)!)} cached_p95=${ms(percentile(warm, 95))} ` +
        `same_first_page=${checked ? `${same}/${checked}` : 'unchecked'} rss=${(rss / 1048576).toFixed(0)} MB`,
    );
    console.log(`  totals: ${totals.join('; ')}`);
  } finally {
    await h.close();
    await cleanup();
  }
}
