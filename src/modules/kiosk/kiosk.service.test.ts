import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { aPublishedRecord, jinjiangTree } from '../../../test/harness/factories.js';
import { anonymous, systemActor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { agencies, composeCreditCode, type Agency } from '../agencies/index.js';
import { catalogs } from '../catalog/index.js';
import { createPlace } from '../places/index.js';
import { contentVersion } from './kiosk.presenter.js';
import * as kiosk from './kiosk.service.js';

describeEachEngine('village screen: what a village’s screen shows', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, town: Agency, qianpu: Agency, lingpan: Agency;
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  const sys = () => testCtx(h, systemActor('测试'), clock);
  const visitor = () => testCtx(h, anonymous, clock);
  const village = (name: string, short: string, org: string) =>
    agencies.create(sys(), {
      parentId: town.id,
      name,
      shortName: short,
      level: 'village',
      kind: 'villageCommunity',
      creditCode: composeCreditCode('54', '350582', org),
    });
  const publish = (agency: Agency, title: string, genre: string, body = '<p>正文。</p>') =>
    aPublishedRecord(sys(), agency, { title, genre, body });

  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, cizao: town } = await jinjiangTree(sys()));
    qianpu = await village('磁灶镇前埔村民委员会', '前埔村', '0035A001');
    lingpan = await village('磁灶镇岭畔村民委员会', '岭畔村', '0035A002');
    await catalogs.adoptTemplate(testCtx(h, staffActor('admin', gov), clock), qianpu.id, 'village');
    const accounts = await publish(
      qianpu,
      '前埔村2026年2月财务收支公开',
      '公示',
      '<p>本月集体收入8.2万元，支出5.1万元。</p><p>磁灶镇前埔村民委员会</p><p>2026年3月1日</p>',
    );
    const item = (await catalogs.publicCatalogs(sys(), qianpu.id)).catalogs[0]!.items.find(
      (i) => i.name === '村级财务收支',
    )!;
    await catalogs.linkRecord(testCtx(h, staffActor('admin', gov), clock), item.id, accounts.id);
    await publish(town, '磁灶镇关于做好春季森林防火工作的通知', '通知');
    await publish(town, '磁灶镇2026年镇村道路提升计划', '计划');
    await publish(lingpan, '岭畔村2026年2月财务收支公开', '公示');
    await publish(gov, '晋江市人民政府关于春节假期安排的通知', '通知');
  });
  after(async () => h?.cleanup());

  it('shows the village’s items with their newest post, then its township’s notices and news', async () => {
    const c = await kiosk.screenContent(visitor(), '前埔村');
    assert.deepEqual(c.agency, { id: qianpu.id, name: '磁灶镇前埔村民委员会', shortName: '前埔村' });
    assert.deepEqual(c.township, { id: town.id, name: '磁灶镇人民政府' });
    assert.equal(c.items.length, 6, 'every item of the village list, with or without a post');
    const accounts = c.items.find((i) => i.name === '村级财务收支')!;
    assert.equal(accounts.latest?.title, '前埔村2026年2月财务收支公开');
    assert.equal(accounts.latest?.excerpt, '本月集体收入8.2万元，支出5.1万元。', 'the 落款 is left off');
    assert.equal(accounts.latest?.date, '2026-03-02');
    assert.equal(c.items.find((i) => i.name === '惠农补贴发放')!.latest, null);
    // The village's post is on its item's slide already; the other village's and the city's are not its township's.
    assert.deepEqual(
      c.notices.map((r) => r.title),
      ['磁灶镇关于做好春季森林防火工作的通知'],
    );
    assert.deepEqual(
      c.latest.map((r) => r.title),
      ['磁灶镇2026年镇村道路提升计划'],
    );
    assert.deepEqual(c.places, []);
  });

  it('finds the screen by id or full name, and no screen for an unknown name', async () => {
    assert.equal((await kiosk.screenContent(visitor(), qianpu.id)).agency.id, qianpu.id);
    assert.equal((await kiosk.screenContent(visitor(), '磁灶镇前埔村民委员会')).agency.id, qianpu.id);
    await assert.rejects(kiosk.screenContent(visitor(), '不存在村'), NotFoundError);
  });

  it('changes its version when something new is published, not when time passes', async () => {
    const before = contentVersion(await kiosk.screenContent(visitor(), qianpu.id));
    const later = testCtx(h, anonymous, new FixedClock('2026-03-02T03:00:00Z'));
    assert.equal(contentVersion(await kiosk.screenContent(later, qianpu.id)), before);
    await publish(town, '磁灶镇关于开展农村人居环境整治的通告', '通告');
    const after = await kiosk.screenContent(visitor(), qianpu.id);
    assert.notEqual(contentVersion(after), before);
    assert.equal(after.notices[0]!.title, '磁灶镇关于开展农村人居环境整治的通告');
  });

  it('lists the screens by township, marking villages that keep a 事务公开 list', async () => {
    const index = await kiosk.screenIndex(visitor());
    const cizao = index.find((g) => g.township === '磁灶镇人民政府')!;
    assert.deepEqual(
      cizao.screens.map((s) => [s.name, s.hasVillageCatalog]).sort(),
      [
        ['磁灶镇大埔村民委员会', false],
        ['前埔村', true],
        ['岭畔村', false],
      ].sort(),
    );
  });

  it('shows the places nearby with today’s hours, but not the screen itself', async () => {
    const place = (agency: Agency, fields: Record<string, unknown>) =>
      createPlace(sys(), agency.id, {
        coordSystem: 'wgs84',
        coordSource: 'map',
        weekly: '周一至周五 08:00-12:00,14:30-17:30',
        followCalendar: 'true',
        ...fields,
      });
    await place(qianpu, {
      kind: 'noticeBoard',
      electronic: '✓',
      name: '前埔村村务公开栏（信息化宣传屏）',
      address: '前埔村村委会门口',
      lat: '24.8583',
      lng: '118.4967',
      weekly: '每天 全天',
      followCalendar: '',
    });
    await place(town, {
      kind: 'serviceCenter',
      name: '磁灶镇综合便民服务中心',
      address: '镇区中心路 1 号',
      lat: '24.8511',
      lng: '118.5053',
    });
    const c = await kiosk.screenContent(visitor(), qianpu.id);
    assert.deepEqual(
      c.places.map((p) => [p.name, p.today]),
      [['磁灶镇综合便民服务中心', '今日开放 08:00–12:00、14:30–17:30，现在开放']],
    );
  });
});
