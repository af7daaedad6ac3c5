import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../test/harness/factories.js';
import { staffActor } from '../../../test/harness/actors.js';
import type { Ctx } from '../../platform/context.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { ImportRefused } from '../../platform/import/index.js';
import { convert } from './coords.js';
import * as admin from './places-admin.service.js';
import * as places from './places.service.js';

// 查阅点 and 公开栏 (issue 16 §1): "今天开放" by the working-day calendar as stored (the shipped
// 2020 notice: 10月1日至8日 国庆节、中秋节放假, 10月10日 星期六 调休上班), the point stored in WGS-84
// whatever system it was given in, the spreadsheet all or nothing, and who may keep which places.

const form = (over: Record<string, unknown> = {}) => ({
  kind: 'serviceCenter',
  name: '磁灶镇综合便民服务中心',
  address: '福建省晋江市磁灶镇镇区中心路 1 号',
  lat: '24.851100',
  lng: '118.505300',
  coordSystem: 'wgs84',
  coordSource: 'map',
  phone: '0595-85681234',
  services: ['query', 'apply'],
  weekly: '周一至周五 08:00-12:00,14:30-17:30；周六 08:30-12:00',
  followCalendar: 'true',
  ...over,
});

const csv = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
const HEADER = '所属机构,类型,名称,地址,纬度,经度,坐标系,坐标来源,开放时间,按法定节假日和调休安排,提供服务';

describeEachEngine('places: registry, opening hours and the public list', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let ctx: Ctx & { clock: { set(at: string): void } };
  let tree: JinjiangTree;
  let centre: string;

  before(async () => {
    h = await openTestDatabase(engine);
    ctx = testCtx(h);
    tree = await jinjiangTree(ctx);
    centre = (await admin.create(ctx, tree.cizao.id, form())).id;
  });
  after(async () => h.cleanup());

  const today = async (at: string) => {
    ctx.clock.set(at);
    return (await places.publicPlace(ctx, centre)).today;
  };

  it('is open on the 调休 Saturday with weekday hours, closed on a 国庆 weekday, open on an ordinary Saturday morning', async () => {
    // 2020-10-10 is a Saturday made a working day: weekday hours, all day.
    const makeup = await today('2020-10-10T07:00:00Z'); // 15:00 in Beijing
    assert.deepEqual(makeup, {
      date: '2020-10-10',
      hours: '08:00–12:00、14:30–17:30',
      reason: '国庆节、中秋节调休上班',
      open: true,
      state: '开放中，17:30 结束',
    });
    // 2020-10-05 is a Monday inside the holiday.
    const holiday = await today('2020-10-05T02:00:00Z');
    assert.equal(holiday.open, false);
    assert.equal(holiday.state, '今天不开放');
    assert.match(holiday.reason!, /国庆节/);
    // An ordinary Saturday afternoon: the Saturday hours are over.
    const saturday = await today('2020-10-17T07:00:00Z');
    assert.equal(saturday.hours, '08:30–12:00');
    assert.equal(saturday.state, '今天已结束');
    // Beijing's date, not UTC's: 2020-10-08T23:30Z is 07:30 on Friday the 9th, a working day.
    const friday = await today('2020-10-08T23:30:00Z');
    assert.equal(friday.date, '2020-10-09');
    assert.equal(friday.state, '今天 08:00 开放');
  });

  it('stores the point in WGS-84 when it was picked on 高德 or 百度', async () => {
    const wgs = { lat: 24.8583, lng: 118.4967 };
    const gcj = convert(wgs, 'wgs84', 'gcj02');
    const { id } = await admin.create(
      ctx,
      tree.village.id,
      form({
        kind: 'noticeBoard',
        name: '大埔村村务公开栏',
        lat: String(gcj.lat),
        lng: String(gcj.lng),
        coordSystem: 'gcj02',
        electronic: '✓',
      }),
    );
    const p = await places.publicPlace(ctx, id);
    assert.ok(Math.abs(p.lat - wgs.lat) < 2e-6 && Math.abs(p.lng - wgs.lng) < 2e-6, `${p.lat},${p.lng}`);
    assert.equal(p.kindLabel, '公开栏（电子屏）');
    // The village's neighbourhood is its township's, nearest first.
    const near = await places.placesNear(ctx, tree.village.id);
    assert.deepEqual(
      near.map((x) => x.name),
      ['大埔村村务公开栏', '磁灶镇综合便民服务中心'],
    );
    assert.ok(near[1]!.distance! > 900 && near[1]!.distance! < 1300, String(near[1]!.distance));
  });

  it('names every bad field and keeps what is stored', async () => {
    await assert.rejects(
      admin.create(
        ctx,
        tree.cizao.id,
        form({ name: '磁灶镇综合便民服务中心', lat: '124.9', weekly: '周一 17:00-08:00', phone: 'abc' }),
      ),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.deepEqual(e.fields.map((f) => f.field).sort(), ['lat', 'phone', 'weekly']);
        assert.match(e.fields.find((f) => f.field === 'lat')!.message, /纬度应在 -90 到 90 之间/);
        return true;
      },
    );
    await assert.rejects(admin.create(ctx, tree.cizao.id, form()), /已有名为“磁灶镇综合便民服务中心”的地点/);
    assert.equal((await places.publicPlace(ctx, centre)).address, '福建省晋江市磁灶镇镇区中心路 1 号');
  });

  it('lets a clerk keep the places of the agency and its villages only', async () => {
    const clerk = { ...ctx, actor: staffActor('clerk', tree.cizao) };
    await admin.create(clerk, tree.village.id, form({ kind: 'serviceStation', name: '大埔村便民服务站' }));
    await assert.rejects(admin.create(clerk, tree.police.id, form({ name: '公安局查阅点' })), ForbiddenError);
    const supervisor = { ...ctx, actor: staffActor('supervisor', tree.gov) };
    await assert.rejects(admin.update(supervisor, centre, form()), ForbiddenError);
    assert.equal((await admin.adminList(supervisor, {})).places.length, 3);
  });

  it('imports a sheet all or nothing, naming row and column, and updates a place of the same name', async () => {
    const bad = csv([
      HEADER,
      `磁灶镇人民政府,公开栏,磁灶镇政务公开栏,磁灶镇镇区中心路 1 号,24.8515,118.5058,WGS-84（GPS、天地图）,表格导入,每天 全天,否,纸质资料阅览`,
      `晋江市公安局,政务公开查阅点,公安局查阅点,公安局一楼,24.80,118.57,wgs84,import,周一至周五 08:00-17:00,是,政府信息查询`,
      `不存在的镇,公开栏,某公开栏,某地,24.8,118.5,wgs84,import,每天 全天,否,`,
      `磁灶镇人民政府,公开栏,另一公开栏,某地,24.8,118.5,wgs84,import,每天,否,`,
    ]);
    await assert.rejects(admin.importPlaces(ctx, bad), (e: unknown) => {
      assert.ok(e instanceof ImportRefused);
      const text = e.problems.map((p) => `${p.row}:${p.columnLabel}:${p.message}`).join('\n');
      assert.match(text, /4:所属机构:所属机构“不存在的镇”不是本平台的机构/);
      assert.match(text, /5:开放时间:开放时间：“每天”后面请写开放时段/);
      assert.equal(e.problems.length, 2);
      return true;
    });
    const before = (await places.publicList(ctx, {})).places.length;
    assert.equal(before, 3);
    const good = csv([
      HEADER,
      `磁灶镇人民政府,公开栏,磁灶镇政务公开栏,磁灶镇镇区中心路 1 号,24.8515,118.5058,WGS-84（GPS、天地图）,表格导入,每天 全天,否,纸质资料阅览`,
      `磁灶镇人民政府,综合便民服务中心,磁灶镇综合便民服务中心,磁灶镇镇区中心路 2 号,24.8511,118.5053,wgs84,import,周一至周五 08:00-17:00,是,政府信息查询、受理信息公开申请`,
    ]);
    assert.deepEqual(await admin.importPlaces(ctx, good), { rows: 2, inserted: 1, updated: 1 });
    assert.equal((await places.publicPlace(ctx, centre)).address, '磁灶镇镇区中心路 2 号');
    const list = await places.publicList(ctx, { agency: tree.cizao.id, kind: 'noticeBoard' });
    assert.deepEqual(
      list.places.map((p) => p.name),
      ['磁灶镇政务公开栏', '大埔村村务公开栏'],
    );
    // Nearest first from a point by the 大埔村 board.
    const near = await places.publicList(ctx, { near: '24.8580,118.4970' });
    assert.equal(near.places[0]!.name, '大埔村村务公开栏');
    assert.ok(near.places.every((p, i) => i === 0 || p.distance! >= near.places[i - 1]!.distance!));
  });

  it('a closed place leaves the public list and comes back when reopened', async () => {
    await admin.setOpen(ctx, centre, false);
    assert.ok(!(await places.publicList(ctx, {})).places.some((p) => p.id === centre));
    await assert.rejects(places.publicPlace(ctx, centre), /没有找到这个地点/);
    await admin.setOpen(ctx, centre, true);
    assert.ok((await places.publicList(ctx, {})).places.some((p) => p.id === centre));
  });
});
