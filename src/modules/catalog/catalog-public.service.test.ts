import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { staffActor } from '../../../test/harness/actors.js';
import {
  describeEachEngine,
  openTestDatabase,
  testCtx,
  testInstallation,
} from '../../../test/harness/engines.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import { systemActor, type Actor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { agencies, composeCreditCode, type Agency } from '../agencies/index.js';
import { records } from '../records/index.js';
import * as catalogs from './catalog-use-cases.js';
import { publishedRecordId } from './catalog.test-support.js';

describeEachEngine('标准目录 on the portal: reads in a fixed number of queries', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, town: Agency, village: Agency, otherCounty: Agency;
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  const as = (role: 'clerk' | 'supervisor' | 'officeHead' | 'admin', agency: Agency) =>
    testCtx(h, staffActor(role, agency), clock);
  const sys = () => testCtx(h, systemActor('测试'), clock);

  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, cizao: town, village } = await jinjiangTree(sys()));
    otherCounty = await agencies.create(sys(), {
      name: '石狮市人民政府',
      level: 'county',
      kind: 'peoplesGovernment',
    });
    // What the other suites leave behind: the city's two domains and a local one, the
    // township's derived from both, the village's list, and one record under 本级政府预算.
    const major = await catalogs.adoptTemplate(as('clerk', gov), gov.id, 'majorProjects');
    const budget = await catalogs.adoptTemplate(as('clerk', gov), gov.id, 'budgetFinalAccounts');
    await catalogs.addLocalDomain(as('admin', gov), gov.id, { name: '海洋渔业' });
    await catalogs.deriveTownship(as('clerk', town), town.id, major.id);
    await catalogs.deriveTownship(as('clerk', town), town.id, budget.id);
    await catalogs.adoptTemplate(as('clerk', town), village.id, 'village');
    const item = (await catalogs.get(as('clerk', gov), budget.id)).items.find(
      (i) => i.name === '本级政府预算',
    )!;
    await catalogs.linkRecord(as('clerk', gov), item.id, await publishAs(gov, '晋江市2026年本级政府预算'));
  });
  after(async () => h.cleanup());

  const publishAs = (agency: Agency, title: string) => publishedRecordId(sys(), agency, title);
  const budgetOf = async () =>
    (await catalogs.list(as('clerk', gov))).find(
      (c) => c.agencyId === gov.id && c.domainCode === 'budgetFinalAccounts',
    )!;

  it('reads linked records, the portal’s catalogs and the drafter’s choices in a fixed number of queries', async () => {
    const counting = (actor?: Actor) => {
      let n = 0;
      const plugin: KyselyPlugin = {
        transformQuery: (a) => {
          n++;
          return a.node;
        },
        transformResult: async (a) => a.result,
      };
      const ctx = { ...testCtx(h, actor, clock), db: h.db.withPlugin(plugin) };
      return { ctx, queries: () => n };
    };
    const budget = await catalogs.get(as('clerk', gov), (await budgetOf()).id);
    const item = budget.items.find((i) => i.name === '本级政府预算')!;
    for (const title of ['晋江市2026年预算调整方案', '晋江市2025年预算执行情况'])
      await catalogs.linkRecord(as('clerk', gov), item.id, await publishAs(gov, title));

    let c = counting();
    const linked = await catalogs.publishedRecordsForItem(c.ctx, item.id);
    assert.equal(linked.length, 3);
    assert.equal(c.queries(), 1);

    c = counting();
    const feed = await catalogs.publishedRecordsForDomain(c.ctx, 'budgetFinalAccounts', 2);
    assert.equal(feed!.domainName, '财政预决算');
    assert.deepEqual(
      feed!.records.map((r) => r.id),
      linked.slice(0, 2).map((r) => r.id),
    );
    assert.equal(c.queries(), 2);

    c = counting();
    const one = await catalogs.publicCatalogs(c.ctx, village.id);
    assert.equal(one.catalogs.length, 1);
    const forOne = c.queries();
    c = counting();
    const many = await catalogs.publicCatalogs(c.ctx, gov.id);
    assert.ok(many.catalogs.length >= 3);
    assert.ok(many.catalogs.every((x) => x.items.every((i) => i.catalogId === x.catalog.id)));
    assert.equal(c.queries(), forOne, 'one query for the items of every catalog');

    c = counting(staffActor('clerk', town));
    const groups = await catalogs.itemChoices(c.ctx);
    assert.ok(groups.length >= 4);
    assert.equal(c.queries(), 2);

    // A record of another agency of the same name (elsewhere in the tree) is not offered.
    const twin = await agencies.create(sys(), {
      parentId: otherCounty.id,
      name: '磁灶镇人民政府',
      level: 'township',
      kind: 'townshipStreet',
      creditCode: composeCreditCode('11', '350581', '00350011'),
    });
    const foreign = await publishAs(twin, '石狮市同名镇的信息');
    const own = await publishAs(town, '磁灶镇本镇的信息');
    const townCatalog = (await catalogs.list(as('clerk', town))).find((x) => x.agencyId === town.id)!;
    const linkable = (await catalogs.linkableRecords(as('clerk', town), townCatalog.id)).map((r) => r.id);
    assert.ok(linkable.includes(own));
    assert.ok(!linkable.includes(foreign));
  });

  it('lends search the records filed under a domain, as a subquery over the catalog’s own tables', async () => {
    const inDomain = testInstallation.capabilities.recordsInDomain!;
    const ctx = testCtx(h, undefined, clock);
    const filed = await records.publishedSummaries(ctx, { idIn: inDomain('budgetFinalAccounts') });
    assert.ok(filed.length >= 3, 'the records filed under 本级政府预算');
    assert.deepEqual(
      filed.map((r) => r.id),
      (await catalogs.publishedRecordsForDomain(ctx, 'budgetFinalAccounts'))!.records.map((r) => r.id),
    );
    assert.deepEqual(await records.publishedSummaries(ctx, { idIn: inDomain('majorProjects') }), []);
    assert.equal(await catalogs.publishedRecordsForDomain(ctx, 'taxation'), null, 'a domain no agency has');
  });
});
