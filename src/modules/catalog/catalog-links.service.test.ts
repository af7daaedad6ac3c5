import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { aPublishedRecord, jinjiangTree } from '../../../test/harness/factories.js';
import { systemActor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { agencies, type Agency } from '../agencies/index.js';
import { records } from '../records/index.js';
import * as catalogs from './catalog-use-cases.js';
import { addRoadItems, fieldsOf } from './catalog.test-support.js';

describeEachEngine('标准目录 record links: by a clerk, and on publication', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, town: Agency, otherTown: Agency, education: Agency;
  let major: string;
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  const as = (role: 'clerk' | 'supervisor' | 'officeHead' | 'admin', agency: Agency) =>
    testCtx(h, staffActor(role, agency), clock);
  const sys = () => testCtx(h, systemActor('测试'), clock);

  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, cizao: town, education } = await jinjiangTree(sys()));
    otherTown = await agencies.create(sys(), {
      parentId: gov.id,
      name: '安海镇人民政府',
      level: 'township',
      kind: 'townshipStreet',
    });
    major = (await catalogs.adoptTemplate(as('clerk', gov), gov.id, 'majorProjects')).id;
    await addRoadItems(as('clerk', gov), major);
    await catalogs.deriveTownship(as('clerk', town), town.id, major);
  });
  after(async () => h.cleanup());

  it('files published records under an item and shows only those the public can read', async () => {
    const sysCtx = sys();
    const publish = async (title: string) => {
      const r = await records.createDraft(sysCtx, {
        agencyId: town.id,
        title,
        dateFormedOrChanged: '2026-02-27',
        body: '正文',
      });
      await records.submitForReview(sysCtx, r.id);
      await records.review(sysCtx, r.id, { result: 'passed' });
      await records.approve(sysCtx, r.id);
      await records.publish(sysCtx, r.id);
      return r.id;
    };
    const first = await publish('磁灶镇2026年农村公路养护计划');
    const second = await publish('磁灶镇农村公路养护资金使用情况');
    const draft = await records.createDraft(sysCtx, {
      agencyId: town.id,
      title: '未发布的草稿',
      dateFormedOrChanged: '2026-02-27',
      body: '正文',
    });
    const townCatalog = (await catalogs.list(as('clerk', town))).find(
      (c) => c.domainCode === 'majorProjects',
    )!;
    const item = (await catalogs.get(as('clerk', town), townCatalog.id)).items.find(
      (i) => i.name === '农村公路养护',
    )!;
    const ctx = as('clerk', town);
    await catalogs.linkRecord(ctx, item.id, first);
    await catalogs.linkRecord(ctx, item.id, second);
    await assert.rejects(catalogs.linkRecord(ctx, item.id, first), ConflictError);
    await assert.rejects(catalogs.linkRecord(ctx, item.id, draft.id), (e) => fieldsOf(e)[0] === 'recordId');
    await assert.rejects(catalogs.linkRecord(as('clerk', otherTown), item.id, first), ForbiddenError);
    // A county item may file a township's record (it is below); a township item not a county's.
    const countyItem = (await catalogs.get(as('clerk', gov), major)).items.find(
      (i) => i.name === '农村公路养护',
    )!;
    await catalogs.linkRecord(as('clerk', gov), countyItem.id, first);

    assert.deepEqual(
      (await catalogs.publishedRecordsForItem(testCtx(h, undefined, clock), item.id))
        .map((r) => r.title)
        .sort(),
      ['磁灶镇2026年农村公路养护计划', '磁灶镇农村公路养护资金使用情况'],
    );
    await records.withdraw(sysCtx, second, '内容有误');
    const page = await catalogs.publicItem(testCtx(h, undefined, clock), item.id);
    assert.deepEqual(
      page.records.map((r) => r.title),
      ['磁灶镇2026年农村公路养护计划'],
    );
    assert.deepEqual(
      page.ancestors.map((a) => a.name),
      ['招标投标信息'],
    );
    await catalogs.unlinkRecord(ctx, item.id, first);
    assert.equal((await catalogs.publishedRecordsForItem(testCtx(h, undefined, clock), item.id)).length, 0);
    // Removing an item takes its links with it.
    await catalogs.removeItem(as('clerk', gov), countyItem.id);
    assert.equal(
      (
        await h.db
          .selectFrom('record_catalog_link')
          .selectAll()
          .where('catalog_item_id', '=', countyItem.id)
          .execute()
      ).length,
      0,
    );
  });

  it('tells a clerk why a record cannot be filed: not published, or not of the agency or one below it', async () => {
    const townCatalog = (await catalogs.list(as('clerk', town))).find((c) => c.agencyId === town.id)!;
    const item = (await catalogs.get(as('clerk', town), townCatalog.id)).items.find(
      (i) => i.name === '农村公路养护',
    )!;
    const city = await aPublishedRecord(sys(), gov, { title: '晋江市人民政府的信息' });
    await assert.rejects(catalogs.linkRecord(as('clerk', town), item.id, city.id), (e) => {
      assert.deepEqual(fieldsOf(e), ['recordId']);
      assert.equal(
        (e as ValidationError).fields[0]!.message,
        '“晋江市人民政府的信息”不是本机关或下级机关发布的信息',
      );
      return true;
    });
    for (const notOne of ['not-an-id', town.id])
      await assert.rejects(catalogs.linkRecord(as('clerk', town), item.id, notOne), (e) => {
        assert.deepEqual(fieldsOf(e), ['recordId']);
        assert.match((e as Error).message, /只能关联已发布的主动公开信息/);
        return true;
      });
    assert.deepEqual(await catalogs.publishedRecordsForItem(sys(), item.id), []);
  });

  it('files a record under the item its drafter chose when it is published, and only where it belongs', async () => {
    const sysCtx = sys();
    const countyCatalog = (await catalogs.list(as('clerk', gov))).find((c) => c.agencyId === gov.id)!;
    const countyItem = (await catalogs.get(as('clerk', gov), countyCatalog.id)).items.find(
      (i) => i.level === 2,
    )!;
    const townCatalog = (await catalogs.list(as('clerk', town))).find((c) => c.agencyId === town.id)!;
    const townItem = (await catalogs.get(as('clerk', town), townCatalog.id)).items.find(
      (i) => i.level === 2,
    )!;

    const choices = await catalogs.itemChoices(as('clerk', town));
    const offered = choices.flatMap((g) => g.items.map((i) => i.id));
    assert.ok(offered.includes(countyItem.id), 'the city’s catalog is offered to a town clerk');
    assert.ok(offered.includes(townItem.id), 'and the town’s own');
    const otherChoices = await catalogs.itemChoices(as('clerk', otherTown));
    assert.ok(
      !otherChoices.flatMap((g) => g.items.map((i) => i.id)).includes(townItem.id),
      'not another town’s',
    );

    const through = async (agency: Agency, catalogItemId: string) => {
      const r = await records.createDraft(sysCtx, {
        agencyId: agency.id,
        title: `归入目录的信息 ${catalogItemId.slice(-4)}`,
        dateFormedOrChanged: '2026-02-27',
        body: '正文',
        catalogItemId,
      });
      await records.submitForReview(sysCtx, r.id);
      await records.review(sysCtx, r.id, { result: 'passed' });
      await records.approve(sysCtx, r.id);
      return r.id;
    };
    const filed = await through(town, countyItem.id);
    await records.publish(sysCtx, filed);
    assert.ok(
      (await catalogs.publishedRecordsForItem(testCtx(h, undefined, clock), countyItem.id)).some(
        (r) => r.id === filed,
      ),
    );
    // A town's item cannot hold a city department's record: the publication stops and says why.
    const wrong = await through(education, townItem.id);
    await assert.rejects(records.publish(sysCtx, wrong), (e) => fieldsOf(e)[0] === 'catalogItemId');
    const { record } = await records.get(sysCtx, wrong);
    assert.equal(record.state, 'approved', 'nothing was published');
    assert.equal(record.index_number, null, 'and no 索引号 was used up');

    // At a set time, the minute job publishes the others and says which one the rule refused;
    // that one stays scheduled for its drafter to mend.
    const fine = await through(education, countyItem.id);
    const at = (iso: string) => testCtx(h, systemActor('定时发布'), new FixedClock(iso));
    await records.schedule(at('2026-03-02T02:00:00Z'), wrong, { at: '2026-03-03 10:00' });
    await records.schedule(at('2026-03-02T02:00:00Z'), fine, { at: '2026-03-03 10:00' });
    const result = await records.publishDue(at('2026-03-03T02:00:30Z'));
    assert.match(
      result,
      /^定时发布 1 条；1 条未能发布（“归入目录的信息 \w{4}”：目录事项“.+”不属于本机关或上级机关的标准目录）$/,
    );
    assert.equal((await records.get(sysCtx, fine)).record.state, 'published');
    const refused = (await records.get(sysCtx, wrong)).record;
    assert.deepEqual([refused.state, refused.scheduled_at], ['approved', '2026-03-03T02:00:00.000Z']);
  });
});
