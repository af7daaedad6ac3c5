import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { agencyField, withinSubtree, withinSubtrees } from './agency.scope.js';
import * as agencies from './agency.service.js';

// The helpers are for other modules' tenant tables (`<table>.agency_id`); the agency's own
// history table stands in for one here.
describeEachEngine('the subtree helpers other modules query with', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;

  before(async () => {
    h = await openTestDatabase(engine);
    tree = await jinjiangTree(testCtx(h));
    // Ordering is by the tree: 教育局 before 公安局 because of its 排序号, not its name.
    await agencies.update(testCtx(h), tree.education.id, { sortOrder: 1 });
    await agencies.update(testCtx(h), tree.police.id, { sortOrder: 2 });
    await agencies.update(testCtx(h), tree.cizao.id, { sortOrder: 3 });
  });
  after(async () => h.cleanup());

  const namesWithin = async (paths: string[]) => {
    const rows = await h.db
      .selectFrom('agency_history')
      .select(agencyField('agency_history.agency_id', 'name').as('name'))
      .where(withinSubtrees('agency_history.agency_id', paths))
      .orderBy(agencyField<number>('agency_history.agency_id', 'depth'))
      .orderBy(agencyField<number>('agency_history.agency_id', 'sort_order'))
      .execute();
    return rows.map((r) => r.name);
  };

  it('finds an agency and everything below it, in tree order', async () => {
    assert.deepEqual(await namesWithin([tree.cizao.path]), ['磁灶镇人民政府', '磁灶镇大埔村民委员会']);
    assert.deepEqual(await namesWithin([tree.gov.path]), [
      '晋江市人民政府',
      '晋江市教育局',
      '晋江市公安局',
      '磁灶镇人民政府',
      '磁灶镇大埔村民委员会',
    ]);
  });

  it('joins several subtrees, and reads the root path as everything and no path as nothing', async () => {
    assert.deepEqual(await namesWithin([tree.police.path, tree.village.path]), [
      '晋江市公安局',
      '磁灶镇大埔村民委员会',
    ]);
    assert.equal((await namesWithin(['/'])).length, 5);
    assert.deepEqual(await namesWithin([]), []);
  });

  it('treats % and _ in a path literally', async () => {
    assert.deepEqual(await namesWithin(['/%']), []);
    assert.deepEqual(await namesWithin(['/________-____-____-____-____________/']), []);
  });

  it('has a one-path form', async () => {
    const rows = await h.db
      .selectFrom('agency_history')
      .select('agency_id')
      .where(withinSubtree('agency_history.agency_id', tree.village.path))
      .execute();
    assert.deepEqual(
      rows.map((r) => r.agency_id),
      [tree.village.id],
    );
  });

  it('reads any listed field of the agency a row points to', async () => {
    const row = await h.db
      .selectFrom('agency_history')
      .select([
        agencyField('agency_history.agency_id', 'short_name').as('shortName'),
        agencyField('agency_history.agency_id', 'path').as('path'),
        agencyField('agency_history.agency_id', 'kind').as('kind'),
        agencyField('agency_history.agency_id', 'level').as('level'),
        agencyField<number>('agency_history.agency_id', 'depth').as('depth'),
      ])
      .where('agency_history.agency_id', '=', tree.village.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      shortName: null,
      path: tree.village.path,
      kind: 'villageCommunity',
      level: 'village',
      depth: 2,
    });
  });
});
