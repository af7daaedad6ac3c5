import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import { systemActor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { agencies, type Agency } from '../agencies/index.js';
import { treeProblem } from './catalog.js';
import { domainTemplates } from './templates/index.js';
import * as catalogs from './catalog-use-cases.js';
import { fieldsOf, fullColumns, publishedRecordId, shape } from './catalog.test-support.js';

describeEachEngine('标准目录 tree edits: adopt, edit, derive, versions, access', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, dept: Agency, town: Agency, otherTown: Agency, village: Agency, otherCounty: Agency;
  let major: string;
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  const as = (role: 'clerk' | 'supervisor' | 'officeHead' | 'admin', agency: Agency) =>
    testCtx(h, staffActor(role, agency), clock);
  const sys = () => testCtx(h, systemActor('测试'), clock);

  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, police: dept, cizao: town, village } = await jinjiangTree(sys()));
    otherTown = await agencies.create(sys(), {
      parentId: gov.id,
      name: '安海镇人民政府',
      level: 'township',
      kind: 'townshipStreet',
    });
    otherCounty = await agencies.create(sys(), {
      name: '石狮市人民政府',
      level: 'county',
      kind: 'peoplesGovernment',
    });
  });
  after(async () => h.cleanup());

  it('adopts a domain template as version 1, once per agency, and audits it', async () => {
    const c = await catalogs.adoptTemplate(as('clerk', gov), gov.id, 'majorProjects');
    major = c.id;
    assert.equal(c.version, 1);
    assert.equal(c.domainName, '重大建设项目');
    const v = await catalogs.get(as('clerk', gov), c.id);
    const template = domainTemplates.find((d) => d.code === 'majorProjects')!;
    assert.deepEqual(
      v.items.filter((i) => i.level === 1).map((i) => i.name),
      template.items.map((n) => n.name),
    );
    assert.equal(treeProblem(v.items), null);
    assert.equal(
      v.items.find((i) => i.name === '招标公告')!.parentId,
      v.items.find((i) => i.name === '招标投标信息')!.id,
    );
    await assert.rejects(catalogs.adoptTemplate(as('clerk', gov), gov.id, 'majorProjects'), ConflictError);
    await assert.rejects(catalogs.adoptTemplate(as('clerk', gov), gov.id, 'village'), (e) => {
      assert.deepEqual(fieldsOf(e), ['domainCode']);
      return true;
    });
    await assert.rejects(catalogs.adoptTemplate(as('clerk', gov), gov.id, 'nonsense'), ValidationError);
    const audit = await h.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'catalog.adopt')
      .where('subject_id', '=', c.id)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(
      (await catalogs.listVersions(as('supervisor', gov), c.id))[0]!.summary.includes('国家发展改革委'),
      true,
    );
  });

  it('adds, edits, moves and removes items, keeping levels lawful and naming each bad field', async () => {
    const ctx = as('clerk', gov);
    let v = await catalogs.get(ctx, major);
    const approval = v.items.find((i) => i.name === '批准服务信息')!;
    const bidding = v.items.find((i) => i.name === '招标投标信息')!;

    await assert.rejects(
      catalogs.addItem(ctx, major, { parentId: approval.id, name: '农村公路养护' }),
      (e) => {
        assert.deepEqual(fieldsOf(e), [
          'contentElements',
          'basis',
          'timeLimit',
          'subject',
          'channels',
          'audience',
          'method',
          'tiers',
        ]);
        return true;
      },
    );
    await assert.rejects(
      catalogs.addItem(ctx, major, {
        ...fullColumns,
        parentId: approval.id,
        name: '农村公路养护',
        method: '随时',
        channels: ['微博'],
      }),
      (e) => {
        assert.deepEqual(fieldsOf(e), ['channels', 'method']);
        assert.match((e as ValidationError).fields[0]!.message, /“微博”不是标准的公开渠道和载体/);
        assert.match((e as ValidationError).fields[1]!.message, /公开方式应为“主动”或“依申请”/);
        return true;
      },
    );
    await assert.rejects(
      catalogs.addItem(ctx, major, { ...fullColumns, parentId: approval.id, name: '申报要求' }),
      (e) => fieldsOf(e)[0] === 'name' && /已有名为“申报要求”/.test((e as Error).message),
    );

    const road = await catalogs.addItem(ctx, major, {
      ...fullColumns,
      parentId: approval.id,
      name: '农村公路养护',
    });
    assert.equal(road.level, 2);
    assert.equal(road.position, 3);
    const leaf = await catalogs.addItem(ctx, major, {
      ...fullColumns,
      parentId: road.id,
      name: '养护资金使用',
      method: '依申请',
      audience: '特定群众',
      tiers: ['乡级'],
      itemType: '非政务服务事项',
      process: '管理',
    });
    assert.equal(leaf.level, 3);
    await assert.rejects(
      catalogs.addItem(ctx, major, { ...fullColumns, parentId: leaf.id, name: '第四级' }),
      (e) => fieldsOf(e)[0] === 'parentId' && /三级事项之下不能再设事项/.test((e as Error).message),
    );

    const updated = await catalogs.updateItem(ctx, road.id, {
      ...fullColumns,
      name: '农村公路养护',
      timeLimit: '每年第一季度',
    });
    assert.equal(updated.timeLimit, '每年第一季度');

    // Moving a subtree: the levels follow; nothing below 三级; a heading cannot become a 二级事项.
    const moved = await catalogs.moveItem(ctx, road.id, { parentId: bidding.id, position: '1' });
    assert.equal(moved.position, 1);
    v = await catalogs.get(ctx, major);
    assert.equal(treeProblem(v.items), null);
    assert.deepEqual(
      v.items.filter((i) => i.parentId === bidding.id).map((i) => i.name),
      ['农村公路养护', '招标公告', '中标候选人及中标结果'],
    );
    assert.deepEqual(
      v.items.filter((i) => i.parentId === approval.id).map((i) => [i.name, i.position]),
      [
        ['申报要求', 1],
        ['审批（核准、备案）结果', 2],
      ],
    );
    assert.equal(v.items.find((i) => i.id === leaf.id)!.level, 3);
    await assert.rejects(catalogs.moveItem(ctx, road.id, { parentId: leaf.id }), (e) =>
      /不能移到自身/.test((e as Error).message),
    );
    await assert.rejects(
      catalogs.moveItem(ctx, bidding.id, { parentId: approval.id }),
      (e) => fieldsOf(e)[0] === 'parentId' && /超过三级/.test((e as Error).message),
    );
    const completion = v.items.find((i) => i.name === '竣工有关信息')!;
    await assert.rejects(catalogs.moveItem(ctx, completion.id, { parentId: approval.id }), (e) =>
      /成为二级事项后须填写完整/.test((e as Error).message),
    );

    const construction = v.items.find((i) => i.name === '施工有关信息')!;
    await catalogs.removeItem(ctx, construction.id);
    v = await catalogs.get(ctx, major);
    assert.ok(!v.items.some((i) => i.name === '施工许可' || i.name === '施工有关信息'));
    assert.deepEqual(
      v.items.filter((i) => i.level === 1).map((i) => [i.name, i.position]),
      [
        ['批准服务信息', 1],
        ['招标投标信息', 2],
        ['竣工有关信息', 3],
      ],
    );
    assert.equal(treeProblem(v.items), null);
  });

  it('keeps every version and names what changed between any two', async () => {
    const ctx = as('supervisor', gov);
    const versions = await catalogs.listVersions(ctx, major);
    assert.deepEqual(
      versions.map((v) => v.version),
      [6, 5, 4, 3, 2, 1],
    );
    assert.match(versions[0]!.summary, /删除“施工有关信息”及其下级事项 2 项/);
    const diff = await catalogs.compare(ctx, major, 1, 6);
    assert.deepEqual(
      diff.added.map((i) => i.name),
      ['农村公路养护', '养护资金使用'],
    );
    assert.deepEqual(
      diff.removed.map((i) => i.name),
      ['施工有关信息', '施工许可', '质量安全监督'],
    );
    assert.deepEqual(diff.changed, [], 'removing or adding a sibling is not a change of the others');
    const edit = await catalogs.compare(ctx, major, 4, 3);
    assert.deepEqual(
      edit.changed.map((c) => [c.after.name, c.columns]),
      [['农村公路养护', ['公开时限']]],
    );
    const move = await catalogs.compare(ctx, major, 4, 5);
    assert.deepEqual(
      move.changed.map((c) => [c.after.name, c.columns]),
      [['农村公路养护', ['上级事项']]],
    );
    await assert.rejects(catalogs.compare(ctx, major, 1, 99), (e) => fieldsOf(e)[0] === 'version');
  });

  it('derives a township catalog from the county’s 乡级 items, keeping where each came from', async () => {
    const county = await catalogs.get(as('clerk', gov), major);
    const d = await catalogs.deriveTownship(as('clerk', town), town.id, major);
    assert.equal(d.derivedFromCatalogId, major);
    const v = await catalogs.get(as('clerk', town), d.id);
    assert.equal(treeProblem(v.items), null);
    const source = new Map(county.items.map((i) => [i.id, i]));
    for (const it of v.items) {
      const from = source.get(it.derivedFromItemId!);
      assert.ok(from, `${it.name} remembers its county item`);
      assert.equal(from.name, it.name);
      const hasTownship = (id: string): boolean =>
        source.get(id)!.tiers.includes('乡级') ||
        county.items.some((c) => c.parentId === id && hasTownship(c.id));
      assert.ok(hasTownship(from.id), `${it.name} is 乡级 or heads a 乡级 item`);
    }
    assert.deepEqual(
      v.items.map((i) => i.name),
      [
        '招标投标信息',
        '农村公路养护',
        '养护资金使用',
        '招标公告',
        '中标候选人及中标结果',
        '竣工有关信息',
        '竣工验收',
      ],
    );
    await assert.rejects(catalogs.deriveTownship(as('clerk', town), town.id, major), ConflictError);
    await assert.rejects(
      catalogs.deriveTownship(as('clerk', gov), dept.id, major),
      (e) => fieldsOf(e)[0] === 'agencyId',
      'only a township derives',
    );
    const foreign = await catalogs.adoptTemplate(as('clerk', otherCounty), otherCounty.id, 'taxation');
    await assert.rejects(
      catalogs.deriveTownship(as('clerk', town), town.id, foreign.id),
      (e) => fieldsOf(e)[0] === 'fromCatalogId',
      'only from an agency above',
    );
    const list = await catalogs.derivationSources(as('clerk', otherTown));
    assert.deepEqual(
      list.townships.map((t) => t.name),
      ['安海镇人民政府'],
    );
    assert.ok(list.sources.some((s) => s.id === major));
  });

  it('gives a village its 村（社区）事务公开 list, and the county’s domains only to others', async () => {
    const c = await catalogs.adoptTemplate(as('clerk', town), village.id, 'village');
    assert.equal(c.kind, 'village');
    const v = await catalogs.get(as('clerk', town), c.id);
    assert.ok(v.items.some((i) => i.name === '村级财务收支'));
    assert.ok(v.items.every((i) => i.level === 1 && i.tiers.length === 0));
    await assert.rejects(catalogs.adoptTemplate(as('clerk', town), village.id, 'taxation'), ValidationError);
    await assert.rejects(
      catalogs.addLocalDomain(as('clerk', town), village.id, { name: '村务' }),
      ValidationError,
    );
  });

  it('lets only the agency’s staff (or those above) edit, and a supervisor only read', async () => {
    const county = await catalogs.get(as('supervisor', gov), major);
    assert.equal(county.allowed.includes('edit'), false);
    const anyItem = county.items[0]!;
    for (const ctx of [as('clerk', town), as('supervisor', gov), as('clerk', otherCounty)]) {
      await assert.rejects(catalogs.addItem(ctx, major, { name: '越权' }), ForbiddenError);
      await assert.rejects(catalogs.updateItem(ctx, anyItem.id, { name: '越权' }), ForbiddenError);
      await assert.rejects(catalogs.removeItem(ctx, anyItem.id), ForbiddenError);
      await assert.rejects(catalogs.adoptTemplate(ctx, gov.id, 'taxation'), ForbiddenError);
    }
    await assert.rejects(catalogs.get(as('clerk', town), major), ForbiddenError);
    assert.ok((await catalogs.list(as('supervisor', gov))).some((c) => c.id === major));
    assert.ok(!(await catalogs.list(as('clerk', town))).some((c) => c.id === major));
    assert.equal((await catalogs.get(as('officeHead', gov), major)).allowed.includes('edit'), true);
    const local = await catalogs.addLocalDomain(as('admin', gov), gov.id, { name: '海洋渔业' });
    assert.equal(local.kind, 'local');
    await assert.rejects(
      catalogs.addLocalDomain(as('admin', gov), gov.id, { name: '海洋渔业' }),
      ValidationError,
    );
    await assert.rejects(catalogs.addLocalDomain(as('admin', gov), gov.id, { name: '财政预决算' }), (e) =>
      /试点领域/.test((e as Error).message),
    );
  });

  it('answers two simultaneous adoptions (or derivations) of one domain with one catalog and a conflict', async () => {
    const once = async (run: () => Promise<unknown>) => {
      const results = await Promise.allSettled([run(), run()]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(failed.length, 1);
      assert.ok(failed[0]!.reason instanceof ConflictError, String(failed[0]!.reason));
      return (failed[0]!.reason as Error).message;
    };
    assert.match(
      await once(() => catalogs.adoptTemplate(as('clerk', dept), dept.id, 'socialAssistance')),
      /已有“社会救助”目录/,
    );
    assert.match(
      await once(() => catalogs.deriveTownship(as('clerk', otherTown), otherTown.id, major)),
      /安海镇人民政府已有“重大建设项目”目录/,
    );
    assert.equal(
      (await catalogs.list(as('clerk', dept))).filter((c) => c.domainCode === 'socialAssistance').length,
      1,
    );
  });

  const publishAs = (agency: Agency, title: string) => publishedRecordId(sys(), agency, title);

  it('keeps outsiders out of moving, importing, linking, exporting and deriving', async () => {
    const outsider = as('clerk', town);
    const county = await catalogs.get(as('clerk', gov), major);
    const second = county.items.filter((i) => i.level === 1)[1]!;
    await assert.rejects(catalogs.moveItem(outsider, second.id, { position: '1' }), ForbiddenError);
    const { bytes } = await catalogs.exportExcel(as('clerk', gov), major);
    await assert.rejects(catalogs.exportExcel(outsider, major), ForbiddenError);
    await assert.rejects(catalogs.importExcel(outsider, major, bytes), ForbiddenError);
    const item = county.items.find((i) => i.level === 2)!;
    const recordId = await publishAs(town, '磁灶镇越权关联测试');
    await assert.rejects(catalogs.linkRecord(outsider, item.id, recordId), ForbiddenError);
    await catalogs.linkRecord(as('clerk', gov), item.id, recordId);
    await assert.rejects(catalogs.unlinkRecord(outsider, item.id, recordId), ForbiddenError);
    await catalogs.unlinkRecord(as('clerk', gov), item.id, recordId);
    await assert.rejects(catalogs.deriveTownship(as('clerk', otherCounty), town.id, major), ForbiddenError);
    await assert.rejects(catalogs.deriveTownship(outsider, otherTown.id, major), ForbiddenError);
    const after = await catalogs.get(as('clerk', gov), major);
    assert.deepEqual(shape(after.items), shape(county.items));
  });

  it('keeps the village list’s name and the 26 domains’ names from local domains', async () => {
    for (const name of ['村（社区）事务公开', ...domainTemplates.map((d) => d.name)])
      await assert.rejects(catalogs.addLocalDomain(as('admin', gov), gov.id, { name }), (e) => {
        assert.deepEqual(fieldsOf(e), ['name'], name);
        return true;
      });
    await assert.rejects(
      catalogs.addLocalDomain(as('admin', gov), gov.id, { name: '村（社区）事务公开' }),
      /村（社区）专用目录/,
    );
  });
});
