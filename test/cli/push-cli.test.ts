import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine, testCtx } from '../harness/engines.js';
import { cliDatabase, gongkai } from '../harness/cli.js';
import { aPublishedRecord, jinjiangTree } from '../harness/factories.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { composeCreditCode } from '../../src/modules/agencies/index.js';
import { pushRules, pushSubscribers } from '../../src/modules/push/index.js';

// `gongkai enterprise scale` (the 300号 table) and `gongkai push match` (issue 15 §7).

it('gongkai enterprise scale prints the scale by the 300号 table, with its basis', async () => {
  const medium = await gongkai(
    {},
    'enterprise',
    'scale',
    '--industry',
    'C3311',
    '--staff',
    '350',
    '--revenue',
    '25000000',
    '--json',
  );
  assert.equal(medium.code, 0, medium.stderr);
  const r = JSON.parse(medium.stdout) as {
    status: string;
    scale: string;
    basis: string;
    row: { name: string };
  };
  assert.equal(r.scale, 'medium');
  assert.equal(r.row.name, '工业');
  assert.match(r.basis, /从业人员 350 人.*营业收入 2500 万元/);
  // 零售业 uses the retail row: 9 people is micro whatever the revenue.
  const retail = await gongkai(
    {},
    'enterprise',
    'scale',
    '--industry',
    '5212',
    '--staff',
    '9',
    '--revenue',
    '900000000',
    '--json',
  );
  assert.equal(JSON.parse(retail.stdout).scale, 'micro');
  // 建筑业 needs 资产总额: its absence is named, and the command fails.
  const missing = await gongkai({}, 'enterprise', 'scale', '--industry', 'E4710', '--revenue', '100000000');
  assert.equal(missing.code, 1);
  assert.match(missing.stdout, /资产总额/);
  const unknown = await gongkai({}, 'enterprise', 'scale', '--industry', 'Z9999', '--staff', '3', '--json');
  assert.equal(unknown.code, 1);
  assert.equal(JSON.parse(unknown.stdout).status, 'unknown-industry');
  const bad = await gongkai({}, 'enterprise', 'scale', '--industry', 'C3311', '--staff', '很多');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /从业人员应为不小于 0 的数字/);
});

describeEachEngine('gongkai push match', (engine) => {
  let db: ReturnType<typeof cliDatabase>;
  let env: Record<string, string>;
  let h: DatabaseHandle;
  let indexNumber: string;
  before(async () => {
    db = cliDatabase(engine);
    env = { ...db.env, GONGKAI_DATA_KEY: 'gongkai-test-data-key-not-for-production' };
    assert.equal((await gongkai(env, 'db', 'migrate')).code, 0);
    h = await openDatabase(env.DATABASE_URL!);
    const ctx = testCtx(h);
    const tree = await jinjiangTree(ctx);
    const subscribe = (email: string, staff: string) =>
      pushSubscribers.registerConfirmed(ctx, {
        kind: 'enterprise',
        email,
        name: '晋江市某建材有限公司',
        creditCode: composeCreditCode('91', '350582', `MA2Y0U${staff.length}L`),
        industry: '3031',
        staff,
        revenue: '3000',
        regionId: tree.cizao.id,
        profiling: '1',
      });
    await subscribe('small@example.test', '50');
    await subscribe('large@example.test', '5000');
    const record = await aPublishedRecord(ctx, tree.gov, { title: '关于支持小微建材企业的通知' });
    indexNumber = record.index_number!;
    // Published already: the first call shows whom it would reach, the second confirms it.
    const rule = {
      audience: 'enterprise',
      industries: ['C30'],
      scales: ['small', 'micro'],
    };
    const preview = await pushRules.setRecordRule(ctx, record.id, rule);
    assert.equal(preview.saved, false);
    assert.equal(
      (await pushRules.setRecordRule(ctx, record.id, { ...rule, confirm: preview.description })).saved,
      true,
    );
  });
  after(async () => {
    await h.close();
    await db.cleanup();
  });

  it('lists whom a published record reaches now, by its 索引号, with the reason and masked addresses', async () => {
    const r = await gongkai(env, 'push', 'match', '--record', indexNumber, '--json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      count: number;
      rule: string;
      first: Array<{ subscriber: string; reason: string }>;
    };
    assert.equal(out.count, 1);
    assert.equal(out.rule, '面向：非金属矿物制品业（C30）中的小型、微型企业');
    assert.deepEqual(
      out.first.map((m) => m.subscriber),
      ['s***@example.test'],
    );
    const text = await gongkai(env, 'push', 'match', '--record', indexNumber);
    assert.match(text.stdout, /按画像匹配 1 个订阅用户/);
    const none = await gongkai(env, 'push', 'match', '--record', '不存在的索引号');
    assert.equal(none.code, 1);
    assert.match(none.stderr, /未找到已发布的政府信息/);
  });
});
