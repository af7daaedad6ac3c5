import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeEachEngine } from '../harness/engines.js';
import { cliDatabase, gongkai } from '../harness/cli.js';
import { convert } from '../../src/modules/places/coords.js';

// `gongkai places convert` and `gongkai places import` (issue 16 §7).

const dir = mkdtempSync(join(tmpdir(), 'gongkai-places-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('gongkai places convert', () => {
  it('prints the point in the three systems as JSON, the same as the conversion', async () => {
    const r = await gongkai({}, 'places', 'convert', '--lat', '24.8068', '--lng', '118.5697', '--json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, { lat: number; lng: number }>;
    assert.deepEqual(Object.keys(out), ['wgs84', 'gcj02', 'bd09']);
    assert.deepEqual(out.wgs84, { lat: 24.8068, lng: 118.5697 });
    assert.deepEqual(out.gcj02, convert({ lat: 24.8068, lng: 118.5697 }, 'wgs84', 'gcj02'));
    assert.deepEqual(out.bd09, convert({ lat: 24.8068, lng: 118.5697 }, 'wgs84', 'bd09'));
    assert.ok(out.gcj02!.lng !== 118.5697 && out.bd09!.lat !== 24.8068);
    const bad = await gongkai({}, 'places', 'convert', '--lat', '95', '--lng', '118.5', '--json');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /纬度“95”应为 -90 到 90 之间的十进制度数/);
  });
});

describeEachEngine('gongkai places import', (engine) => {
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
  });
  after(async () => cleanup());

  it('imports all or nothing, naming the row and column of each problem', async () => {
    const header = '所属机构,类型,名称,地址,纬度,经度,坐标系,坐标来源,开放时间';
    const bad = join(dir, `bad-${engine}.csv`);
    writeFileSync(
      bad,
      `${header}\n晋江市人民政府,政务公开专区,政务公开专区,世纪大道 1 号,24.8068,118.5697,wgs84,import,周一至周五 08:00-17:30\n晋江市人民政府,查阅室,档案馆查阅点,世纪大道 3 号,24.8059,218.57,wgs84,import,周一至周五 08:00-17:30\n`,
    );
    const refused = await gongkai(env, 'places', 'import', bad);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /第 3 行/);
    assert.match(
      refused.stderr,
      /类型应为政务公开查阅点、政务公开专区、公开栏、便民服务站、综合便民服务中心之一/,
    );
    assert.match(refused.stderr, /经度应在 -180 到 180 之间/);
    const good = join(dir, `good-${engine}.csv`);
    writeFileSync(
      good,
      `${header}\n晋江市人民政府,政务公开专区,政务公开专区,世纪大道 1 号,24.8068,118.5697,wgs84,import,周一至周五 08:00-17:30\n晋江市人民政府,政务公开查阅点,档案馆查阅点,世纪大道 3 号,24.8059,118.5721,GCJ-02（高德、腾讯）,import,周一至周五 08:00-17:30\n`,
    );
    const r = await gongkai(env, 'places', 'import', good, '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { rows: 2, inserted: 2, updated: 0 });
    const again = await gongkai(env, 'places', 'import', good);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /已导入 2 个地点：新增 0 个，更新 2 个/);
  });
});
