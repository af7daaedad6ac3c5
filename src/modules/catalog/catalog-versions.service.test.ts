import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import { systemActor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import type { Agency } from '../agencies/index.js';
import * as catalogs from './catalog-use-cases.js';
import { fieldsOf } from './catalog.test-support.js';

describeEachEngine('标准目录 versions: who changed what, and any two compared', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency;
  let major: string;
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  const as = (role: 'clerk' | 'supervisor' | 'officeHead' | 'admin', agency: Agency) =>
    testCtx(h, staffActor(role, agency), clock);
  const sys = () => testCtx(h, systemActor('测试'), clock);

  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov } = await jinjiangTree(sys()));
    major = (await catalogs.adoptTemplate(as('clerk', gov), gov.id, 'majorProjects')).id;
  });
  after(async () => h.cleanup());

  it('answers a version number out of range or not whole with a 400 naming 版本, on every engine', async () => {
    const ctx = as('supervisor', gov);
    for (const bad of [2 ** 40, 1.5, 0, Number.NaN]) {
      await assert.rejects(catalogs.compare(ctx, major, 1, bad), (e) => {
        assert.deepEqual(fieldsOf(e), ['version'], String(e));
        assert.match((e as Error).message, /^版本应/);
        return true;
      });
      await assert.rejects(catalogs.snapshot(ctx, major, bad), (e) => fieldsOf(e)[0] === 'version');
    }
  });

  it('records in each version who changed the catalog, when, and what', async () => {
    const later = new FixedClock('2026-03-06T08:30:00Z');
    const head = testCtx(h, staffActor('officeHead', gov), later);
    const item = (await catalogs.get(head, major)).items.find((i) => i.level === 2)!;
    await catalogs.updateItem(head, item.id, { ...item, timeLimit: '每季度首月10日前' });
    const [latest] = await catalogs.listVersions(as('supervisor', gov), major);
    assert.equal(latest!.actorLabel, 'officeHead@晋江市人民政府');
    assert.equal(latest!.changedAt, '2026-03-06T08:30:00.000Z');
    assert.equal(latest!.summary, `修改“${item.name}”的公开时限`);
    const diff = await catalogs.compare(as('supervisor', gov), major, latest!.version - 1, latest!.version);
    assert.deepEqual(
      diff.changed.map((c) => [c.after.name, c.columns]),
      [[item.name, ['公开时限']]],
    );
  });
});
