import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { staffActor } from '../../../test/harness/actors.js';
import {
  describeEachEngine,
  engines,
  openTestDatabase,
  testCtx,
  testInstallation,
} from '../../../test/harness/engines.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import { anonymous, systemActor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config/config.js';
import type { DatabaseHandle, Engine } from '../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { install, type GongkaiModule } from '../../platform/module.js';
import type { Agency } from '../agencies/index.js';
import { importRecords } from './record-import.service.js';
import { searchResultJson } from './record.presenter.js';
import { ensureSearchIndex, searchRecords, type SearchResult } from './record-search.service.js';
import * as records from './record.service.js';

const fixture = readFileSync(new URL('../../../test/fixtures/search/records.jsonl', import.meta.url), 'utf8');

interface World {
  h: DatabaseHandle & { cleanup: () => Promise<void> };
  gov: Agency;
  town: Agency;
}

/** 晋江市人民政府 with the fixture archive imported, and 磁灶镇 with one record of its own. */
async function world(engine: Engine): Promise<World> {
  const h = await openTestDatabase(engine);
  const ctx = testCtx(h, systemActor('测试'), new FixedClock('2021-03-01T02:00:00Z'));
  const { gov, cizao: town } = await jinjiangTree(ctx);
  await importRecords(ctx, gov.id, fixture);
  await importRecords(
    ctx,
    town.id,
    JSON.stringify({
      title: '磁灶镇2021年农村危房改造补助对象公示',
      publishedAt: '2021-02-20 09:00',
      subject: '城乡建设、环境保护\\其他',
      body: '<p>经审核，现将农村危房改造补助对象予以公示，并同步调整低保边缘户名单。</p>',
    }),
  );
  return { h, gov, town };
}

/**
 * The platform with a stand-in catalog whose "domains" are 体裁 (通知, 简报): search's domain
 * filter only needs the capability's subquery of record ids, whoever writes it.
 */
const genreDomains: Record<string, string> = { notices: '通知', bulletins: '简报' };
const standInCatalog: GongkaiModule = {
  name: 'catalog',
  label: '标准目录（测试替身）',
  provides: () => ({
    searchDomains: () => Object.keys(genreDomains).map((value) => ({ value, label: genreDomains[value]! })),
    recordsInDomain: (code) => sql`select id from record where genre = ${genreDomains[code] ?? ''}`,
  }),
};
const installed = testInstallation.modules.filter((m) => m.name !== 'platform');
const withStandInCatalog = install(
  installed.map((m) => (m.name === 'catalog' ? standInCatalog : m)),
  loadConfig({}),
);
const withoutCatalog = install(
  installed.filter((m) => m.name !== 'catalog'),
  loadConfig({}),
);

const titles = (r: SearchResult) => r.hits.map((h) => h.title);

describeEachEngine('searching published records', (engine) => {
  let w: World;
  before(async () => {
    w = await world(engine);
  });
  after(async () => w.h.cleanup());
  const find = (q: Record<string, unknown>) =>
    searchRecords(testCtx(w.h, anonymous, new FixedClock('2021-03-01T02:00:00Z')), { pageSize: 50, ...q });

  it('puts the exact phrase in a title first, then in a body; never the same words apart', async () => {
    const r = await find({ q: '规范性文件' });
    assert.deepEqual(titles(r).slice(0, 2).sort(), [
      '《晋江市行政规范性文件管理办法》政策解读',
      '晋江市人民政府关于印发晋江市行政规范性文件管理办法的通知',
    ]);
    assert.equal(
      r.hits[2]?.title,
      '晋江市司法局2020年度法治政府建设情况报告',
      'the phrase only in the body comes next',
    );
    assert.ok(!titles(r).includes('关于进一步规范公文处理工作的通知'), '规范 … 文件 apart is not the phrase');
    assert.ok(r.hits[0]!.score > r.hits[2]!.score);
    assert.equal(r.total, 3, '体裁 规范性文件 alone is not text of the record');
  });

  it('ranks 行政许可 in the title above 行政许可 in the body, and leaves out 许可 alone', async () => {
    const r = await find({ q: '行政许可' });
    assert.equal(r.hits[0]?.title, '晋江市行政许可事项清单（2020年版）');
    assert.ok(titles(r).includes('晋江市市场监督管理局2020年“双随机一公开”抽查计划'));
    assert.ok(!titles(r).includes('关于许可证办理流程的说明'));
  });

  it('ranks the whole phrase above its words apart', async () => {
    const r = await find({ q: '教育招生' });
    assert.deepEqual(titles(r), ['晋江市2020年义务教育招生工作方案', '民办学校招生简章备案与教育收费公示']);
  });

  it('finds a 文号 exactly, typed with any brackets, above a record that only cites it', async () => {
    for (const q of [
      '晋政文〔2020〕12号',
      '晋政文[2020]12号',
      '晋政文（2020）12号',
      ' 晋政文〔2020〕１２号 ',
    ]) {
      const r = await find({ q });
      assert.equal(r.hits[0]?.docNumber, '晋政文〔2020〕12号', q);
      assert.ok(r.hits[0]!.score >= 1000 && r.hits[1]!.score < 1000, q);
      assert.equal(r.hits[1]?.title, '《晋江市行政规范性文件管理办法》政策解读', q);
      assert.ok(!r.hits.some((h) => h.docNumber === '晋政文〔2020〕120号'), `${q}: not 120号`);
      assert.ok(!r.hits.some((h) => h.docNumber === '晋教〔2020〕12号'), `${q}: not another agency's 12号`);
    }
  });

  it('finds a record by its 索引号', async () => {
    const any = (await find({ q: '低保标准' })).hits[0]!;
    const r = await find({ q: any.indexNumber });
    assert.equal(r.hits[0]?.indexNumber, any.indexNumber);
    assert.equal(r.total, 1);
  });

  it('answers one- and two-character queries', async () => {
    const tax = await find({ q: '税' });
    assert.deepEqual(titles(tax), ['国家税务总局晋江市税务局关于2020年度个人所得税综合所得汇算清缴的公告']);
    const dibao = await find({ q: '低保' });
    assert.equal(dibao.total, 3);
    assert.deepEqual(
      titles(dibao).slice(0, 2).sort(),
      ['晋江市2020年城乡低保标准调整的通知', '磁灶镇2020年第四季度低保户名单公示'].sort(),
    );
    assert.equal(dibao.hits[2]?.title, '磁灶镇2021年农村危房改造补助对象公示', 'in the body only: last');
    const two = await find({ q: '招生' });
    assert.equal(two.total, 2);
  });

  it('filters by agency (with its subtree), 主题分类, year and 有效性', async () => {
    assert.deepEqual(titles(await find({ q: '低保', agency: w.town.id })), [
      '磁灶镇2021年农村危房改造补助对象公示',
    ]);
    assert.equal((await find({ q: '低保', agency: '磁灶镇人民政府' })).total, 1);
    assert.equal((await find({ q: '低保', agency: w.gov.id })).total, 3, 'the city includes its towns');
    assert.equal((await find({ q: '低保', subject: '民政、扶贫、救灾' })).total, 2);
    assert.equal((await find({ q: '低保', subject: '民政、扶贫、救灾\\社会福利' })).total, 2);
    assert.equal((await find({ q: '低保', subject: '民政、扶贫、救灾\\扶贫' })).total, 0);
    assert.equal((await find({ q: '低保', year: 2021 })).total, 1);
    const road = await find({ q: '道路挖掘', validity: 'repealed' });
    assert.deepEqual(titles(road), ['晋江市城市道路挖掘管理暂行规定']);
    assert.equal((await find({ q: '道路挖掘', validity: 'inForce' })).total, 0);
  });

  it('pages through every hit once, and sorts by date on request', async () => {
    const all = await find({ q: '政务公开', sort: 'date' });
    assert.ok(all.total >= 10);
    const dates = all.hits.map((h) => h.publishedAt);
    assert.deepEqual(dates, [...dates].sort().reverse());
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 4); page++) {
      const p = await find({ q: '政务公开', sort: 'date', page, pageSize: 4 });
      assert.equal(p.total, all.total);
      seen.push(...p.hits.map((h) => h.id));
    }
    assert.deepEqual(
      seen,
      all.hits.map((h) => h.id),
    );
    assert.deepEqual((await find({ q: '政务公开', page: 99 })).hits, []);
  });

  it('marks the words found in a snippet from the body', async () => {
    const r = await find({ q: '汇算清缴' });
    const json = searchResultJson(r);
    assert.match(json.hits[0]!.snippet, /【汇算清缴】/);
    assert.ok(r.hits[0]!.snippet.some((p) => p.hit && p.text === '汇算清缴'));
  });

  it('matches full-width and upper-case Latin as typed either way', async () => {
    assert.equal((await find({ q: 'wps' })).total, 1);
    assert.equal((await find({ q: 'ＥＸＣＥＬ' })).total, 1);
  });

  it('refuses an empty query by naming the field', async () => {
    await assert.rejects(
      find({ q: '  ，。' }),
      (e: unknown) => e instanceof ValidationError && e.fields[0]!.field === 'q',
    );
  });

  it('drops a withdrawn record at once and follows a change of 有效性', async () => {
    const clock = new FixedClock('2021-03-01T02:00:00Z');
    const head = testCtx(w.h, staffActor('officeHead', w.gov), clock);
    const target = (await find({ q: '重大建设项目' })).hits[0]!;
    await records.changeValidity(head, target.id, { validity: 'expired', date: '2021-02-28' });
    assert.equal((await find({ q: '重大建设项目', validity: 'expired' })).total, 1);
    await records.withdraw(head, target.id, '内容有误，更正后重新发布');
    assert.equal((await find({ q: '重大建设项目' })).total, 0);
  });

  it('rebuilds a missing index from the published records', async () => {
    const before = (await find({ q: '公开' })).total;
    await w.h.db.deleteFrom('search_doc').execute();
    const rebuilt = await ensureSearchIndex(testCtx(w.h));
    assert.equal(rebuilt.rebuilt, true);
    assert.equal((await find({ q: '公开' })).total, before);
    assert.equal((await ensureSearchIndex(testCtx(w.h))).rebuilt, false, 'an index in step is left alone');
    await assert.rejects(
      ensureSearchIndex(testCtx(w.h, staffActor('clerk', w.gov)), { force: true }),
      ForbiddenError,
      'rebuilding is the system’s or the administrator’s',
    );
    const admin = testCtx(w.h, staffActor('admin', w.gov));
    assert.deepEqual(await ensureSearchIndex(admin, { force: true }), {
      rebuilt: true,
      indexed: rebuilt.indexed,
    });
    assert.equal((await find({ q: '公开' })).total, before);
  });

  it('filters by catalog domain through the capability’s subquery of record ids', async () => {
    const clock = new FixedClock('2021-03-01T02:00:00Z');
    const search = (installation: typeof withStandInCatalog, q: Record<string, unknown>) =>
      searchRecords(testCtx(w.h, anonymous, clock, installation), { pageSize: 50, ...q });
    const all = await search(withStandInCatalog, { q: '政务公开' });
    const bulletins = await search(withStandInCatalog, { q: '政务公开', domain: 'bulletins' });
    const genres = new Map(
      (await w.h.db.selectFrom('record').select(['id', 'genre']).execute()).map((r) => [r.id, r.genre]),
    );
    assert.ok(bulletins.total > 0 && bulletins.total < all.total);
    assert.deepEqual(
      bulletins.hits.map((h) => h.id),
      all.hits.filter((h) => genres.get(h.id) === '简报').map((h) => h.id),
      'the same hits in the same order, only those in the domain',
    );
    const notices = await search(withStandInCatalog, { q: '通知', domain: 'notices', sort: 'date' });
    assert.ok(notices.total > 0);
    assert.ok(notices.hits.every((h) => genres.get(h.id) === '通知'));
    assert.equal((await search(withStandInCatalog, { q: '政务公开', domain: 'nothing' })).total, 0);
    assert.equal(
      (await search(withoutCatalog, { q: '政务公开', domain: 'bulletins' })).total,
      0,
      'without a catalog no record is in any domain',
    );
    assert.equal((await search(withoutCatalog, { q: '政务公开' })).total, all.total);
  });
});

// The same archive on both engines must give the same hits in the same order with the same scores.
if (engines().length === 2)
  describe('search on SQLite and PostgreSQL', () => {
    const worlds: World[] = [];
    before(async () => {
      for (const e of ['sqlite', 'postgres'] as const) worlds.push(await world(e));
    });
    after(async () => Promise.all(worlds.map((w) => w.h.cleanup())));
    it('returns the same results for the same data', async () => {
      const queries = [
        '规范性文件',
        '行政许可',
        '教育招生',
        '晋政文〔2020〕12号',
        '税',
        '低保',
        '公开',
        '政务公开',
        '2020',
        '通知',
        '工作',
        'wps',
        '名单公示',
        '晋江市人民政府',
      ];
      for (const q of queries)
        for (const sort of ['relevance', 'date']) {
          const [a, b] = await Promise.all(
            worlds.map(async (w) =>
              searchResultJson(await searchRecords(testCtx(w.h, anonymous), { q, sort, pageSize: 100 })),
            ),
          );
          assert.ok(a!.total > 0, q);
          assert.deepEqual(b, a, `${q} (${sort})`);
        }
    });
    it('returns the same results filtered by a catalog domain', async () => {
      let found = 0;
      for (const q of ['政务公开', '通知', '工作', '2020'])
        for (const domain of Object.keys(genreDomains)) {
          const [a, b] = await Promise.all(
            worlds.map(async (w) =>
              searchResultJson(
                await searchRecords(testCtx(w.h, anonymous, undefined, withStandInCatalog), {
                  q,
                  domain,
                  pageSize: 100,
                }),
              ),
            ),
          );
          assert.deepEqual(b, a, `${q} (${domain})`);
          found += a!.total;
        }
      assert.ok(found > 0);
    });
  });
