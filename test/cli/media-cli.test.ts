import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { cliActor, createContainer } from '../../src/app/container.js';
import { media } from '../../src/modules/media/index.js';
import { describeEachEngine } from '../harness/engines.js';
import { cliDatabase, gongkai } from '../harness/cli.js';

// `gongkai media import` and `gongkai media check` (issue 16 §5, §7): the import kit's all or
// nothing, and the 19号 rules run on demand, on an account registered in the back office's way.

const dir = mkdtempSync(join(tmpdir(), 'gongkai-media-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const HEADER =
  '主办单位,平台,账号名称,统计周期,日期或月份,发布数,转载数,收到留言,回复留言,粉丝数,阅读量,最近发布日期';

describeEachEngine('gongkai media', (engine) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  before(async () => {
    const db = cliDatabase(engine);
    env = db.env;
    cleanup = db.cleanup;
    assert.equal((await gongkai(env, 'db', 'migrate')).code, 0);
    const r = await gongkai(
      env,
      'agency',
      'add',
      '--name',
      '晋江市人民政府',
      '--level',
      'county',
      '--kind',
      'peoplesGovernment',
    );
    assert.equal(r.code, 0, r.stderr);
    const c = await createContainer({ env: { ...env, LOG_LEVEL: 'silent' } });
    try {
      const ctx = c.ctx(cliActor());
      const gov = (await media.hostChoices(ctx))[0]!;
      await media.register(ctx, {
        agencyId: gov.id,
        platform: 'wechatSubscription',
        name: '晋江发布',
        accountRef: 'gh_0123456789ab',
        channels: ['messages'],
        managerName: '王主任',
        managerPhone: '13905950000',
        filingStatus: 'filed',
        filingNo: 'FJ-QZ-2019-0001',
        status: 'open',
        occurredOn: '2019-06-01',
      });
    } finally {
      await c.close();
    }
  });
  after(async () => cleanup());

  it('imports activity all or nothing, then reports the account by the 19号 rules', async () => {
    const bad = join(dir, `bad-${engine}.csv`);
    writeFileSync(
      bad,
      `${HEADER}\n晋江市人民政府,微信公众号,晋江发布,月,2026-01,30,12,5,5,12000,40000,2026-01-28\n晋江市人民政府,微信公众号,晋江新闻,月,2026-01,1,0,0,0,,100,\n`,
    );
    const refused = await gongkai(env, 'media', 'import', bad, '--json');
    assert.notEqual(refused.code, 0);
    const out = JSON.parse(refused.stdout) as {
      refused: boolean;
      problems: Array<{ row: number; columnLabel: string; message: string }>;
    };
    assert.equal(out.refused, true);
    assert.deepEqual(
      out.problems.map((p) => [p.row, p.columnLabel]),
      [[3, '账号名称']],
    );
    const good = join(dir, `good-${engine}.csv`);
    writeFileSync(
      good,
      `${HEADER}\n晋江市人民政府,微信公众号,晋江发布,月,2026-01,30,12,5,5,12000,40000,2026-01-28\n`,
    );
    const r = await gongkai(env, 'media', 'import', good);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /已导入 1 行：新增 1 行，更新 0 行/);
    const check = await gongkai(env, 'media', 'check');
    assert.equal(check.code, 0, check.stderr);
    // The last post was 2026-01-28, more than 14 days before today (the test runs after 2026-02-11):
    // a veto, and one notice to the agency's office heads.
    assert.match(
      check.stdout,
      /检查 1 个账号：超期未更新（单项否决） 1 个，即将超期未更新 0 个，.*；发出提醒 1 条/,
    );
    // Run again the same day: the same findings, no second notice.
    assert.match((await gongkai(env, 'media', 'check')).stdout, /发出提醒 0 条/);
  });

  it('refuses a month with posts and no 最近发布日期, naming the column', async () => {
    const file = join(dir, `month-${engine}.csv`);
    writeFileSync(file, `${HEADER}\n晋江市人民政府,微信公众号,晋江发布,月,2026-01,30,12,5,5,12000,40000,\n`);
    const refused = await gongkai(env, 'media', 'import', file);
    assert.notEqual(refused.code, 0);
    assert.match(
      refused.stderr + refused.stdout,
      /第 2 行 第 L 列（最近发布日期）：按月填报且本月发布数大于 0 时，请填写最近发布日期/,
    );
  });
});
