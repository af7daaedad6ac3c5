import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { describeEachEngine } from '../harness/engines.js';
import { cliDatabase, gongkai } from '../harness/cli.js';
import { cizao2026 } from '../fixtures/hotline/expected.js';

// `gongkai hotline import` and `gongkai hotline stats` (issue 14 §8), on the fixtures the service
// test counts by hand (test/fixtures/hotline).

const dir = mkdtempSync(join(tmpdir(), 'gongkai-hotline-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describeEachEngine('gongkai hotline', (engine) => {
  let db: ReturnType<typeof cliDatabase>;
  let env: Record<string, string>;
  before(async () => {
    db = cliDatabase(engine);
    env = db.env;
    assert.equal((await gongkai(env, 'db', 'migrate')).code, 0);
    const add = async (...args: string[]) => {
      const r = await gongkai(env, 'agency', 'add', ...args);
      assert.equal(r.code, 0, r.stderr);
    };
    await add('--name', '晋江市人民政府', '--level', 'county', '--kind', 'peoplesGovernment');
    for (const name of ['晋江市公安局', '晋江市教育局'])
      await add(
        '--name',
        name,
        '--parent',
        '晋江市人民政府',
        '--level',
        'county',
        '--kind',
        'governmentDepartment',
      );
    await add(
      '--name',
      '磁灶镇人民政府',
      '--parent',
      '晋江市人民政府',
      '--level',
      'township',
      '--kind',
      'townshipStreet',
    );
    await add(
      '--name',
      '磁灶镇大埔村民委员会',
      '--parent',
      '磁灶镇人民政府',
      '--level',
      'village',
      '--kind',
      'villageCommunity',
    );
  });
  after(async () => db.cleanup());

  it('imports an Excel CSV and prints the figures of an agency and its subtree as JSON', async () => {
    const imported = await gongkai(
      env,
      'hotline',
      'import',
      'test/fixtures/hotline/tickets-excel.csv',
      '--json',
    );
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual(JSON.parse(imported.stdout), { rows: 7, inserted: 7, updated: 0 });
    const stats = await gongkai(
      env,
      'hotline',
      'stats',
      '--agency',
      '磁灶镇人民政府',
      '--year',
      '2026',
      '--json',
    );
    assert.equal(stats.code, 0, stats.stderr);
    assert.deepEqual(JSON.parse(stats.stdout), cizao2026);
    const again = await gongkai(env, 'hotline', 'import', 'test/fixtures/hotline/tickets-gb18030.csv');
    assert.match(again.stdout, /已导入 7 张工单：新增 0 张，更新 7 张/);
    const text = await gongkai(
      env,
      'hotline',
      'stats',
      '--agency',
      '晋江市人民政府',
      '--year',
      '2026',
      '--month',
      '2',
    );
    assert.match(text.stdout, /晋江市人民政府（含下级）2026 年 2 月受理的 12345 工单/);
    assert.match(text.stdout, /—（无可计数的工单）\t办结率 = 办结 ÷ 有效工单/);
  });

  it('refuses a file with an unknown agency, naming its row, and stores nothing of it', async () => {
    const file = join(dir, `bad-${engine}.csv`);
    writeFileSync(
      file,
      [
        '工单编号,受理时间,诉求类型,诉求内容,承办单位,办理时限,办结时间,回访时间,满意度,是否有效',
        'GD2026060001,2026-06-01 09:00:00,咨询,问题,晋江市教育局,2026-06-08 18:00:00,,,未评价,是',
        'GD2026060002,2026-06-01 09:00:00,咨询,问题,晋江市不存在局,2026-06-08 18:00:00,,,未评价,是',
      ].join('\r\n'),
    );
    const r = await gongkai(env, 'hotline', 'import', file, '--json');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /第 3 行 第 E 列（承办单位）：承办单位“晋江市不存在局”不是本平台的机构/);
    assert.deepEqual(JSON.parse(r.stdout).problems, [
      { row: 3, column: 'E', columnLabel: '承办单位', message: '承办单位“晋江市不存在局”不是本平台的机构' },
    ]);
    const june = await gongkai(
      env,
      'hotline',
      'stats',
      '--agency',
      '晋江市教育局',
      '--year',
      '2026',
      '--month',
      '6',
      '--json',
    );
    assert.equal(JSON.parse(june.stdout).valid, 0);
    const badYear = await gongkai(env, 'hotline', 'stats', '--agency', '晋江市教育局', '--year', '26');
    assert.equal(badYear.code, 1);
    assert.match(badYear.stderr, /年份应为四位数字/);
  });
});
