import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { DatabaseHandle } from '../../src/platform/db/database.js';
import { describeEachEngine, openTestDatabase, testCtx } from './engines.js';
import { aPublishedRecord, aRequest, jinjiangTree, type JinjiangTree } from './factories.js';

describeEachEngine('test factories', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  before(async () => {
    h = await openTestDatabase(engine);
    tree = await jinjiangTree(testCtx(h));
  });
  after(async () => h.cleanup());

  it('builds the 晋江市 tree with the township above its village', () => {
    assert.equal(tree.gov.parentId, null);
    assert.equal(tree.village.parentId, tree.cizao.id);
    assert.ok(tree.village.path.startsWith(tree.cizao.path) && tree.cizao.path.startsWith(tree.gov.path));
  });

  it('makes an application with a 受理编号 and a published record with an 索引号', async () => {
    const r = await aRequest(testCtx(h), tree.police);
    assert.equal(r.acceptanceNumber, '〔2026〕第0001号');
    const p = await aPublishedRecord(testCtx(h), tree.education);
    assert.equal(p.state, 'published');
    assert.match(p.index_number ?? '', /\/2026-/);
  });

  it('builds a second tree beside the first with a prefix', async () => {
    const other = await jinjiangTree(testCtx(h), { prefix: '测试' });
    assert.equal(other.gov.name, '测试晋江市人民政府');
  });
});
