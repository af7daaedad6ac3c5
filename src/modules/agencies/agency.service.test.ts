import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { systemActor, type Role } from '../../platform/access.js';
import { staffActor } from '../../../test/harness/actors.js';
import { inTransaction } from '../../platform/context.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import type { Agency } from './agency.js';
import * as agencies from './agency.service.js';
import { composeCreditCode } from './credit-code.js';

const staff = (role: Role, a: Agency) => staffActor(role, a, `00000000-0000-7000-8000-${a.id.slice(-12)}`);

async function auditCount(h: DatabaseHandle, action: string): Promise<number> {
  const r = await h.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return r.n;
}

describeEachEngine('agencies service', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, police: Agency, cizao: Agency, xintang: Agency, village: Agency;
  const sys = () => testCtx(h, systemActor('测试'));

  before(async () => {
    h = await openTestDatabase(engine);
    const ctx = sys();
    gov = await agencies.create(ctx, {
      name: '晋江市人民政府',
      level: 'county',
      kind: 'peoplesGovernment',
      creditCode: composeCreditCode('11', '350582', '00350001'),
    });
    police = await agencies.create(ctx, {
      parentId: gov.id,
      name: '晋江市公安局',
      shortName: '市公安局',
      level: 'county',
      kind: 'governmentDepartment',
      phone: '0595-85680110',
    });
    cizao = await agencies.create(ctx, {
      parentId: gov.id,
      name: '磁灶镇人民政府',
      shortName: '磁灶镇',
      level: 'township',
      kind: 'townshipStreet',
    });
    xintang = await agencies.create(ctx, {
      parentId: gov.id,
      name: '新塘街道办事处',
      shortName: '新塘街道',
      level: 'township',
      kind: 'townshipStreet',
    });
    village = await agencies.create(ctx, {
      parentId: cizao.id,
      name: '磁灶镇大埔村民委员会',
      shortName: '大埔村',
      level: 'village',
      kind: 'villageCommunity',
    });
  });
  after(async () => h.cleanup());

  it('builds the tree with materialised paths and depths', async () => {
    assert.equal(gov.path, `/${gov.id}/`);
    assert.equal(village.path, `/${gov.id}/${cizao.id}/${village.id}/`);
    assert.deepEqual([gov.depth, cizao.depth, village.depth], [0, 1, 2]);
    const list = await agencies.listForStaff(sys());
    assert.deepEqual(list.map((a) => a.name).slice(0, 1), ['晋江市人民政府']);
    assert.equal(list.length, 5);
  });

  it('finds an agency the portal shows by id, full name or short name, and names what it cannot find', async () => {
    // Anyone: the public directory, not the actor's reading rights.
    const visitor = testCtx(h, { ...systemActor('访客'), kind: 'anonymous', grants: [] });
    for (const key of [cizao.id, '磁灶镇人民政府', '磁灶镇'])
      assert.equal((await agencies.resolvePublic(visitor, key)).id, cizao.id, key);
    await assert.rejects(agencies.resolvePublic(visitor, '磁灶'), /未找到机构“磁灶”/);
  });

  it('tells the agency page which changes the viewer may make', async () => {
    const page = (role: Role, of: Agency, at: Agency) =>
      agencies.adminPage(testCtx(h, staff(role, of)), at.id);
    const byAdmin = await page('admin', gov, police);
    assert.deepEqual(byAdmin.allowed, ['updateContacts', 'rename', 'move', 'create', 'dissolve']);
    assert.equal(byAdmin.parentName, '晋江市人民政府');
    assert.deepEqual(
      byAdmin.history.map((e) => [e.change, e.name, e.parentName]),
      [['created', '晋江市公安局', '晋江市人民政府']],
    );
    assert.deepEqual((await page('admin', gov, gov)).allowed, ['updateContacts', 'rename', 'create']);
    assert.deepEqual((await page('admin', gov, village)).allowed, [
      'updateContacts',
      'rename',
      'move',
      'dissolve',
    ]);
    assert.deepEqual((await page('officeHead', police, police)).allowed, ['updateContacts']);
    assert.deepEqual((await page('supervisor', gov, police)).allowed, []);
    const township = await page('officeHead', cizao, cizao);
    assert.equal(township.parentName, '（范围外机构）', 'a parent outside the viewer’s scope is not named');
    await assert.rejects(page('clerk', cizao, police), ForbiddenError);
  });

  it('refuses a bad credit code, naming the position, and stores nothing', async () => {
    const before = (await agencies.listForStaff(sys())).length;
    const good = composeCreditCode('11', '350582', '00350002');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    await assert.rejects(
      agencies.create(sys(), {
        parentId: gov.id,
        name: '晋江市教育局',
        level: 'county',
        kind: 'governmentDepartment',
        creditCode: bad,
      }),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.fields[0]!.field === 'creditCode' &&
        /第 18 位/.test(e.fields[0]!.message),
    );
    await assert.rejects(
      agencies.create(sys(), {
        parentId: gov.id,
        name: '晋江市教育局',
        level: 'county',
        kind: 'governmentDepartment',
        creditCode: '11350A82003500027X',
      }),
      (e: unknown) => e instanceof ValidationError && /第 6 位/.test(e.message),
    );
    assert.equal((await agencies.listForStaff(sys())).length, before);
  });

  it('refuses a credit code already registered to another agency', async () => {
    await assert.rejects(
      agencies.create(sys(), {
        parentId: gov.id,
        name: '重复机构',
        level: 'county',
        kind: 'governmentDepartment',
        creditCode: gov.creditCode,
      }),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.fields[0]!.field === 'creditCode' &&
        e.message.includes('晋江市人民政府'),
    );
  });

  it('reports every bad field at once', async () => {
    await assert.rejects(
      agencies.create(sys(), {
        parentId: gov.id,
        name: '',
        level: 'city',
        kind: 'governmentDepartment',
        email: 'not-an-email',
      }),
      (e: unknown) =>
        e instanceof ValidationError &&
        ['name', 'level', 'email'].every((f) => e.fields.some((x) => x.field === f)),
    );
  });

  it('keeps the old name in the history when an agency is renamed', async () => {
    const dept = await agencies.create(sys(), {
      parentId: gov.id,
      name: '晋江市经济和信息化局',
      shortName: '市经信局',
      level: 'county',
      kind: 'governmentDepartment',
      establishedDate: '2010-01-01',
    });
    await agencies.rename(sys(), dept.id, {
      name: '晋江市工业和信息化局',
      shortName: '市工信局',
      effectiveDate: '2019-03-01',
      reason: '机构改革',
    });
    const history = await agencies.history(sys(), dept.id);
    assert.deepEqual(
      history.map((x) => [x.change, x.name, x.validTo]),
      [
        ['created', '晋江市经济和信息化局', '2019-03-01'],
        ['renamed', '晋江市工业和信息化局', null],
      ],
    );
    assert.equal((await agencies.get(sys(), dept.id)).name, '晋江市工业和信息化局');
  });

  it('moves an agency with its subtree and keeps the former parent in the history', async () => {
    const station = await agencies.create(sys(), {
      parentId: police.id,
      name: '晋江市公安局磁灶派出所',
      level: 'township',
      kind: 'dispatchedAgency',
    });
    const unit = await agencies.create(sys(), {
      parentId: station.id,
      name: '磁灶派出所社区警务室',
      level: 'village',
      kind: 'other',
    });
    const otherDept = await agencies.create(sys(), {
      parentId: gov.id,
      name: '晋江市交通运输局',
      level: 'county',
      kind: 'governmentDepartment',
    });
    await agencies.move(sys(), station.id, {
      parentId: otherDept.id,
      effectiveDate: '2026-03-02',
      reason: '测试调整',
    });
    const movedUnit = await agencies.get(sys(), unit.id);
    assert.equal(movedUnit.path, `${otherDept.path}${station.id}/${unit.id}/`);
    assert.equal(movedUnit.depth, 3);
    const history = await agencies.history(sys(), station.id);
    assert.deepEqual(
      history.map((x) => [x.change, x.parentId]),
      [
        ['created', police.id],
        ['moved', otherDept.id],
      ],
    );
    await assert.rejects(
      agencies.move(sys(), otherDept.id, { parentId: unit.id, effectiveDate: '2026-03-02' }),
      ValidationError,
    );
  });

  it('refuses placements the law does not allow', async () => {
    await assert.rejects(
      agencies.create(sys(), { parentId: village.id, name: '村下机构', level: 'village', kind: 'other' }),
      /村（社区）之下/,
    );
    await assert.rejects(
      agencies.create(sys(), {
        parentId: police.id,
        name: '错挂的村',
        level: 'village',
        kind: 'villageCommunity',
      }),
      /乡镇（街道）/,
    );
  });

  it('lets a clerk of 磁灶镇 neither read nor change 市公安局, and a supervisor of the government read but not change it', async () => {
    const clerk = testCtx(h, staff('clerk', cizao));
    await assert.rejects(agencies.get(clerk, police.id), ForbiddenError);
    await assert.rejects(agencies.update(clerk, police.id, { phone: '0595-00000000' }), ForbiddenError);
    await assert.rejects(agencies.history(clerk, police.id), ForbiddenError);
    assert.ok(!(await agencies.listForStaff(clerk)).some((a) => a.id === police.id));
    assert.equal((await agencies.get(clerk, village.id)).name, '磁灶镇大埔村民委员会');

    const supervisor = testCtx(h, staff('supervisor', gov));
    assert.equal((await agencies.get(supervisor, police.id)).name, '晋江市公安局');
    await assert.rejects(agencies.update(supervisor, police.id, { phone: '0595-00000000' }), ForbiddenError);
    await assert.rejects(
      agencies.rename(supervisor, police.id, { name: '改名', effectiveDate: '2026-01-01' }),
      ForbiddenError,
    );
    assert.equal((await agencies.get(sys(), police.id)).phone, '0595-85680110');
  });

  it('lets an office head keep contact details current but not change the structure', async () => {
    const head = testCtx(h, staff('officeHead', xintang));
    const updated = await agencies.update(head, xintang.id, {
      phone: '0595-85000000',
      officeHours: '工作日 8:00–12:00',
    });
    assert.equal(updated.phone, '0595-85000000');
    await assert.rejects(agencies.update(head, xintang.id, { kind: 'other' }), ForbiddenError);
    await assert.rejects(
      agencies.create(head, {
        parentId: xintang.id,
        name: '新社区',
        level: 'village',
        kind: 'villageCommunity',
      }),
      ForbiddenError,
    );
  });

  it('appends an audit event with before and after for every write', async () => {
    const counts = {
      create: await auditCount(h, 'agency.create'),
      update: await auditCount(h, 'agency.update'),
    };
    const a = await agencies.create(sys(), {
      parentId: gov.id,
      name: '晋江市审计局',
      level: 'county',
      kind: 'governmentDepartment',
    });
    await agencies.update(sys(), a.id, { phone: '0595-11111111' });
    assert.equal(await auditCount(h, 'agency.create'), counts.create + 1);
    assert.equal(await auditCount(h, 'agency.update'), counts.update + 1);
    const ev = await h.db
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_id', '=', a.id)
      .where('action', '=', 'agency.update')
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(ev.before_json!).phone, null);
    assert.equal(JSON.parse(ev.after_json!).phone, '0595-11111111');
    assert.equal(ev.actor_label, '系统：测试');
  });

  it('rolls back the write and its audit event together when the transaction fails afterwards', async () => {
    const before = await auditCount(h, 'agency.create');
    await assert.rejects(
      inTransaction(sys(), async (ctx) => {
        await agencies.create(ctx, {
          parentId: gov.id,
          name: '回滚测试局',
          level: 'county',
          kind: 'governmentDepartment',
        });
        throw new Error('later step failed');
      }),
      /later step failed/,
    );
    assert.equal(await auditCount(h, 'agency.create'), before);
    assert.ok(!(await agencies.listForStaff(sys())).some((a) => a.name === '回滚测试局'));
  });

  it('treats an unchanged value given as its label as unchanged, so an office head may still save contacts', async () => {
    const head = testCtx(h, staff('officeHead', xintang));
    const after = await agencies.update(head, xintang.id, {
      level: '乡级',
      kind: '乡镇街道',
      shortName: ' 新塘街道 ',
      fax: '0595-85000001',
    });
    assert.equal(after.fax, '0595-85000001');
    assert.equal(after.level, 'township');
  });

  it('refuses a change of kind that would leave sub-agencies misplaced', async () => {
    await assert.rejects(
      agencies.update(sys(), cizao.id, { kind: 'other' }),
      (e: unknown) => e instanceof ValidationError && e.message.includes('大埔村'),
    );
    assert.equal((await agencies.get(sys(), cizao.id)).kind, 'townshipStreet');
  });

  it('keeps the tree whole when edits and moves run at the same time', async () => {
    const d1 = await agencies.create(sys(), {
      parentId: gov.id,
      name: '并发测试甲局',
      level: 'county',
      kind: 'governmentDepartment',
    });
    const d2 = await agencies.create(sys(), {
      parentId: gov.id,
      name: '并发测试乙局',
      level: 'county',
      kind: 'governmentDepartment',
    });
    const s1 = await agencies.create(sys(), {
      parentId: d1.id,
      name: '并发测试所',
      level: 'township',
      kind: 'dispatchedAgency',
    });
    const u1 = await agencies.create(sys(), {
      parentId: s1.id,
      name: '并发测试室',
      level: 'village',
      kind: 'other',
    });
    for (let round = 0; round < 4; round++) {
      const target = round % 2 === 0 ? d2 : d1;
      await Promise.all([
        agencies.update(sys(), u1.id, { phone: `0595-0000000${round}` }),
        agencies.move(sys(), s1.id, { parentId: target.id, effectiveDate: '2026-03-02' }),
        agencies.update(sys(), s1.id, { fax: `0595-1111111${round}` }),
      ]);
      const [s, u] = [await agencies.get(sys(), s1.id), await agencies.get(sys(), u1.id)];
      assert.equal(s.path, `${target.path}${s1.id}/`);
      assert.equal(u.path, `${s.path}${u1.id}/`);
      assert.equal(u.depth, 3);
    }
    // Two opposite moves at once: one wins, the other is refused, and no cycle appears.
    const a = await agencies.create(sys(), {
      parentId: d1.id,
      name: '并发测试丙所',
      level: 'township',
      kind: 'dispatchedAgency',
    });
    const b = await agencies.create(sys(), {
      parentId: d1.id,
      name: '并发测试丁所',
      level: 'township',
      kind: 'dispatchedAgency',
    });
    const results = await Promise.allSettled([
      agencies.move(sys(), a.id, { parentId: b.id, effectiveDate: '2026-03-02' }),
      agencies.move(sys(), b.id, { parentId: a.id, effectiveDate: '2026-03-02' }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const [na, nb] = [await agencies.get(sys(), a.id), await agencies.get(sys(), b.id)];
    assert.ok(!(na.parentId === b.id && nb.parentId === a.id), 'no cycle');
    for (const x of [na, nb]) {
      const parent = await agencies.get(sys(), x.parentId!);
      assert.equal(x.path, `${parent.path}${x.id}/`);
    }
  });

  it('dissolves an agency without sub-agencies, keeping its record and history', async () => {
    await assert.rejects(
      agencies.dissolve(sys(), cizao.id, { effectiveDate: '2026-03-02', reason: '测试' }),
      /请先撤销或调整其下级机构/,
    );
    const temp = await agencies.create(sys(), {
      parentId: gov.id,
      name: '晋江市临时指挥部',
      level: 'county',
      kind: 'other',
    });
    await assert.rejects(
      agencies.dissolve(testCtx(h, staff('supervisor', gov)), temp.id, {
        effectiveDate: '2026-03-02',
        reason: '测试',
      }),
      ForbiddenError,
    );
    const gone = await agencies.dissolve(sys(), temp.id, { effectiveDate: '2026-03-02', reason: '任务完成' });
    assert.ok(gone.dissolvedAt);
    assert.ok(!(await agencies.listPublic(sys())).some((a) => a.id === temp.id));
    assert.equal((await agencies.get(sys(), temp.id)).name, '晋江市临时指挥部');
    assert.deepEqual(
      (await agencies.history(sys(), temp.id)).map((x) => x.change),
      ['created', 'dissolved'],
    );
    await assert.rejects(
      agencies.create(sys(), { parentId: temp.id, name: '下设机构', level: 'county', kind: 'other' }),
      /已撤销/,
    );
    assert.equal(await auditCount(h, 'agency.dissolve'), 1);
  });
});
