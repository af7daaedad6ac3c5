import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import type { KyselyPlugin } from 'kysely';
import { systemActor, type Actor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { agencies, composeCreditCode, type Agency } from '../agencies/index.js';
import { records } from '../records/index.js';
import {
  compareVersions,
  domainTemplates,
  inTreeOrder,
  readColumns,
  treeProblem,
  villageTemplate,
  type CatalogItem,
  type SnapshotItem,
  type TemplateNode,
} from './catalog.js';
import { buildWorkbook, CatalogImportRefused, parseWorkbook } from './catalog-excel.js';
import * as catalogs from './catalog.service.js';

const fieldsOf = (e: unknown) => (e instanceof ValidationError ? e.fields.map((f) => f.field) : []);

/** The tree without ids, so two catalogs (or a catalog and its workbook) can be compared. */
function shape(items: ReadonlyArray<CatalogItem | SnapshotItem>) {
  const byId = new Map(items.map((i) => [i.id, i]));
  return inTreeOrder(items).map(({ id: _id, parentId, derivedFromItemId: _d, ...rest }) => {
    const cols: Record<string, unknown> = { ...rest };
    delete cols.catalogId;
    return { parent: parentId ? byId.get(parentId)!.name : null, ...cols };
  });
}

const fullColumns = {
  contentElements: '年度农村公路养护计划、养护资金、养护里程',
  basis: '《农村公路养护管理办法》',
  timeLimit: '信息形成（或者变更）之日起20个工作日内',
  subject: '县级交通运输部门',
  channels: ['政府网站', '社区/企事业单位/村公示栏（电子屏）'],
  audience: '全社会',
  method: '主动',
  tiers: ['县级', '乡级'],
};

describe('standard catalog templates (legal.md §5.2)', () => {
  it('cover the 26 pilot domains, each with a lawful starter tree that a township can draw on', () => {
    assert.equal(domainTemplates.length, 26);
    assert.equal(new Set(domainTemplates.map((d) => d.code)).size, 26);
    // The names of legal.md §5.2, in its order (without the alternative names in brackets).
    assert.deepEqual(
      domainTemplates.map((d) => d.name),
      [
        '重大建设项目',
        '公共资源交易',
        '财政预决算',
        '安全生产',
        '救灾',
        '税收管理',
        '城乡规划',
        '征地补偿',
        '国有土地上房屋征收与补偿',
        '保障性住房',
        '农村危房改造',
        '市政服务',
        '城市综合执法',
        '生态环境',
        '公共文化服务',
        '公共法律服务',
        '社会救助',
        '养老服务',
        '户籍管理',
        '就业',
        '社会保险',
        '义务教育',
        '卫生健康',
        '食品药品监管',
        '涉农补贴',
        '扶贫',
      ],
    );
    let townshipItems = 0;
    for (const d of [...domainTemplates, villageTemplate]) {
      const kind = d === villageTemplate ? 'village' : 'domain';
      let leaves = 0;
      const walk = (nodes: TemplateNode[], level: number) => {
        const names = new Set<string>();
        for (const n of nodes) {
          assert.ok(!names.has(n.name), `${d.name}: duplicate ${n.name}`);
          names.add(n.name);
          const { errors } = readColumns(n as unknown as Record<string, unknown>, level, kind);
          assert.deepEqual(errors, [], `${d.name} › ${n.name}`);
          if (n.children) walk(n.children, level + 1);
          else leaves++;
          if (n.tiers?.includes('乡级')) townshipItems++;
        }
      };
      walk(d.items, 1);
      assert.ok(leaves >= 2, `${d.name} has ${leaves} items`);
    }
    assert.ok(townshipItems >= 26, 'many items are marked 乡级');
  });

  it('names the changed columns in Chinese when two versions are compared', () => {
    const base: SnapshotItem = {
      id: 'a',
      parentId: null,
      level: 1,
      position: 1,
      name: '甲',
      contentElements: '',
      basis: '',
      timeLimit: '',
      subject: '',
      channels: [],
      audience: null,
      method: null,
      tiers: [],
      itemType: null,
      process: null,
      derivedFromItemId: null,
    };
    const b: SnapshotItem = { ...base, id: 'b', name: '乙', position: 2 };
    const diff = compareVersions(
      [base, b],
      [
        { ...b, position: 1, timeLimit: '及时公开', channels: ['政府网站'] },
        { ...base, id: 'c', position: 2, name: '丙' },
      ],
    );
    assert.deepEqual(
      diff.added.map((i) => i.name),
      ['丙'],
    );
    assert.deepEqual(
      diff.removed.map((i) => i.name),
      ['甲'],
    );
    assert.deepEqual(
      diff.changed.map((c) => [c.after.name, c.columns]),
      [['乙', ['公开时限', '公开渠道和载体']]],
    );
    assert.equal(treeProblem([{ ...b, parentId: null, level: 2 }]), '“乙”没有上级事项，应为一级事项');
  });
});

describe('standard catalog workbook (legal.md §5.3)', () => {
  it('reads a catalogue as offices publish it: 一级事项 merged down its rows, √ and ■/□ marks', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await buildWorkbook('某县财政预决算领域基层政务公开标准目录', [])) as unknown as ArrayBuffer,
    );
    const ws = wb.worksheets[0]!;
    ws.getCell('M3').value = '依申请公开';
    const row = (r: number, cells: Record<string, string>) => {
      for (const [c, v] of Object.entries(cells)) ws.getCell(`${c}${r}`).value = v;
    };
    const common = { E: '报表及说明', F: '《中华人民共和国预算法》', G: '批准后20日内', H: '县级财政部门' };
    row(4, {
      A: '1',
      B: '预算公开',
      C: '本级政府预算',
      ...common,
      I: '■政府网站 □政府公报 ■公开查阅点',
      J: '√',
      L: '√',
      N: '√',
      O: '√',
    });
    row(5, { A: '2', C: '部门预算', ...common, I: '政府网站', K: '√', M: '√', N: '√' });
    ws.mergeCells('B4:B5');
    const parsed = await parseWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 'domain');
    assert.equal(parsed.title, '某县财政预决算领域基层政务公开标准目录');
    assert.deepEqual(
      parsed.items.map((i) => [
        i.level,
        i.columns.name,
        i.parentKey === null ? null : parsed.items.find((p) => p.key === i.parentKey)!.columns.name,
      ]),
      [
        [1, '预算公开', null],
        [2, '本级政府预算', '预算公开'],
        [2, '部门预算', '预算公开'],
      ],
    );
    const [, own, dept] = parsed.items;
    assert.deepEqual(own!.columns.channels, ['政府网站', '公开查阅点']);
    assert.deepEqual(
      [own!.columns.audience, own!.columns.method, own!.columns.tiers],
      ['全社会', '主动', ['县级', '乡级']],
    );
    assert.deepEqual(
      [dept!.columns.audience, dept!.columns.method, dept!.columns.tiers],
      ['特定群众', '依申请', ['县级']],
    );
  });
});

describe('standard catalog workbook: merged headings', () => {
  const common = {
    E: '报表及说明',
    F: '《中华人民共和国预算法》',
    G: '批准后20日内',
    H: '县级财政部门',
    I: '政府网站',
    J: '√',
    L: '√',
    N: '√',
  };
  /** A catalogue sheet as an office makes it: rows of cells by column letter, then merges. */
  const sheet = async (rows: Record<number, Record<string, string>>, merges: string[] = []) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await buildWorkbook('某县财政预决算领域基层政务公开标准目录', [])) as unknown as ArrayBuffer,
    );
    const ws = wb.worksheets[0]!;
    for (const [r, cells] of Object.entries(rows))
      for (const [c, v] of Object.entries(cells)) ws.getCell(`${c}${r}`).value = v;
    for (const m of merges) ws.mergeCells(m);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const tree = (items: Awaited<ReturnType<typeof parseWorkbook>>['items']) =>
    items.map((i) => [
      i.level,
      i.columns.name,
      i.parentKey === null ? null : items.find((p) => p.key === i.parentKey)!.columns.name,
    ]);
  const refusal = async (bytes: Buffer) => {
    try {
      await parseWorkbook(bytes, 'domain');
    } catch (e) {
      assert.ok(e instanceof CatalogImportRefused, String(e));
      return e.fields.map((f) => f.message);
    }
    assert.fail('the sheet was accepted');
  };

  it('makes up the 一级 and 二级事项 merged down over 三级 rows as headings', async () => {
    const bytes = await sheet(
      {
        4: { B: '预算公开', C: '政府预算', D: '本级政府预算', ...common },
        5: { D: '部门预算', ...common },
        6: { C: '政府决算', D: '本级政府决算', ...common },
        7: { D: '部门决算', ...common },
      },
      ['B4:B7', 'C4:C5', 'C6:C7'],
    );
    const parsed = await parseWorkbook(bytes, 'domain');
    assert.deepEqual(tree(parsed.items), [
      [1, '预算公开', null],
      [2, '政府预算', '预算公开'],
      [3, '本级政府预算', '政府预算'],
      [3, '部门预算', '政府预算'],
      [2, '政府决算', '预算公开'],
      [3, '本级政府决算', '政府决算'],
      [3, '部门决算', '政府决算'],
    ]);
    assert.ok(
      parsed.items.every((i) => i.id === null),
      'a hand-made sheet carries no ids',
    );
    // A 二级事项 heading merged again further down is not a second heading of that name.
    const again = await sheet({
      4: { B: '预算公开', C: '政府预算', D: '本级政府预算', ...common },
      5: { B: '预算公开', C: '政府决算', D: '本级政府决算', ...common },
      6: { B: '预算公开', C: '政府预算', D: '部门预算', ...common },
    });
    assert.deepEqual(await refusal(again), [
      '第 6 行 第 C 列（公开事项·二级事项）：二级事项“政府预算”已在第 4 行列出，其下的三级事项应紧随其后',
    ]);
  });

  it('checks the names of made-up headings, naming their row and column', async () => {
    const long = '长'.repeat(101);
    // 一级事项 merged over 二级 rows.
    assert.deepEqual(
      await refusal(
        await sheet({ 4: { B: long, C: '本级政府预算', ...common }, 5: { C: '部门预算', ...common } }, [
          'B4:B5',
        ]),
      ),
      ['第 4 行 第 B 列（公开事项·一级事项）：事项名称不能超过 100 个字符'],
    );
    // 一级 and 二级事项 merged over 三级 rows.
    assert.deepEqual(
      await refusal(
        await sheet(
          {
            4: { B: '预算公开', C: '政府预算', D: '本级政府预算', ...common },
            5: { C: long, D: '本级政府决算', ...common },
          },
          ['B4:B5'],
        ),
      ),
      ['第 5 行 第 C 列（公开事项·二级事项）：事项名称不能超过 100 个字符'],
    );
  });

  it('reads a 二级事项 row with only its name as the heading of the 三级 rows under it', async () => {
    const parsed = await parseWorkbook(
      await sheet({
        4: { B: '预算公开' },
        5: { C: '政府预算' },
        6: { D: '本级政府预算', ...common },
      }),
      'domain',
    );
    assert.deepEqual(tree(parsed.items), [
      [1, '预算公开', null],
      [2, '政府预算', '预算公开'],
      [3, '本级政府预算', '政府预算'],
    ]);
    // With nothing under it, it is a 二级事项 like any other and lacks its columns.
    const messages = await refusal(
      await sheet({
        4: { B: '预算公开' },
        5: { C: '政府预算' },
        6: { D: '本级政府预算', ...common },
        7: { C: '政府决算' },
      }),
    );
    assert.ok(messages.length > 0);
    assert.ok(
      messages.every((m) => m.startsWith('第 7 行')),
      messages.join('\n'),
    );
    assert.ok(messages.includes('第 7 行 第 E 列（公开内容（要素））：请填写公开内容（要素）'));
  });
});

describeEachEngine('基层政务公开标准目录: adopt, edit, derive, versions, Excel, access', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, dept: Agency, town: Agency, otherTown: Agency, village: Agency, otherCounty: Agency;
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  const as = (role: 'clerk' | 'supervisor' | 'officeHead' | 'admin', agency: Agency) =>
    testCtx(h, staffActor(role, agency), clock);
  const sys = () => testCtx(h, systemActor('测试'), clock);

  before(async () => {
    h = await openTestDatabase(engine);
    const ctx = sys();
    gov = await agencies.create(ctx, {
      name: '晋江市人民政府',
      level: 'county',
      kind: 'peoplesGovernment',
      creditCode: composeCreditCode('11', '350582', '00350001'),
    });
    dept = await agencies.create(ctx, {
      parentId: gov.id,
      name: '晋江市发展和改革局',
      level: 'county',
      kind: 'governmentDepartment',
    });
    town = await agencies.create(ctx, {
      parentId: gov.id,
      name: '磁灶镇人民政府',
      level: 'township',
      kind: 'townshipStreet',
      creditCode: composeCreditCode('11', '350582', '00350002'),
    });
    otherTown = await agencies.create(ctx, {
      parentId: gov.id,
      name: '安海镇人民政府',
      level: 'township',
      kind: 'townshipStreet',
    });
    village = await agencies.create(ctx, {
      parentId: town.id,
      name: '磁灶镇大埔村民委员会',
      level: 'village',
      kind: 'villageCommunity',
    });
    otherCounty = await agencies.create(ctx, {
      name: '石狮市人民政府',
      level: 'county',
      kind: 'peoplesGovernment',
    });
  });
  after(async () => h.cleanup());

  let major: string;

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
    assert.equal(county.canEdit, false);
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
    assert.equal((await catalogs.get(as('officeHead', gov), major)).canEdit, true);
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

  it('exports the standard workbook and imports it back to an equal tree', async () => {
    const county = await catalogs.get(as('clerk', gov), major);
    const { filename, bytes } = await catalogs.exportExcel(as('supervisor', gov), major);
    assert.equal(filename, '晋江市人民政府重大建设项目领域基层政务公开标准目录.xlsx');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getCell('A1').value, '晋江市人民政府重大建设项目领域基层政务公开标准目录');
    assert.equal(ws.getCell('B2').value, '公开事项');
    assert.deepEqual(
      ['B3', 'C3', 'D3', 'J3', 'K3', 'L3', 'M3', 'N3', 'O3'].map((a) => ws.getCell(a).value),
      ['一级事项', '二级事项', '三级事项', '全社会', '特定群众', '主动', '依申请', '县级', '乡级'],
    );
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    for (const m of ['A1:Q1', 'A2:A3', 'B2:D2', 'J2:K2', 'L2:M2', 'N2:O2', 'E2:E3'])
      assert.ok(merges.includes(m), m);
    const leafRow = 4 + county.items.findIndex((i) => i.name === '养护资金使用');
    assert.equal(ws.getCell(`D${leafRow}`).value, '养护资金使用');
    assert.deepEqual(
      ['J', 'K', 'L', 'M', 'N', 'O'].map((c) => ws.getCell(`${c}${leafRow}`).value ?? ''),
      ['', '✓', '', '✓', '', '✓'],
    );

    // Into another county's new catalog: the same tree, column by column.
    const imported = await catalogs.importExcelForAgency(as('clerk', otherCounty), otherCounty.id, bytes);
    assert.equal(imported.created, true);
    assert.equal(imported.catalog.domainCode, 'majorProjects');
    const copy = await catalogs.get(as('clerk', otherCounty), imported.catalog.id);
    assert.deepEqual(shape(copy.items), shape(county.items));

    // Back into the same catalog: nothing changes, no version is written, ids stay.
    const again = await catalogs.importExcel(as('clerk', gov), major, bytes);
    assert.equal(again.catalog.version, county.catalog.version);
    assert.deepEqual(
      (await catalogs.get(as('clerk', gov), major)).items.map((i) => i.id),
      county.items.map((i) => i.id),
    );
  });

  it('refuses a malformed workbook cell by cell, importing nothing', async () => {
    const county = await catalogs.get(as('clerk', gov), major);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await buildWorkbook(
        '晋江市人民政府重大建设项目领域基层政务公开标准目录',
        county.items,
      )) as unknown as ArrayBuffer,
    );
    const ws = wb.worksheets[0]!;
    const rowOf = (name: string) => 4 + county.items.findIndex((i) => i.name === name);
    const both = rowOf('申报要求');
    const badTier = rowOf('审批（核准、备案）结果');
    const nameless = rowOf('招标公告');
    const badMethod = rowOf('中标候选人及中标结果');
    ws.getCell(`K${both}`).value = '✓';
    ws.getCell(`N${badTier}`).value = 'x';
    ws.getCell(`C${nameless}`).value = null;
    ws.getCell(`L${badMethod}`).value = '依申请';
    const end = 4 + county.items.length;
    ws.getCell(`B${end}`).value = '新增一级事项';
    ws.getCell(`D${end + 1}`).value = '孤立的三级事项';
    ws.getCell(`E${end + 1}`).value = '内容';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());

    const versionBefore = county.catalog.version;
    const auditBefore = await h.db.selectFrom('audit_event').select('id').execute();
    await assert.rejects(catalogs.importExcel(as('clerk', gov), major, bytes), (e) => {
      assert.ok(e instanceof CatalogImportRefused);
      const messages = e.fields.map((f) => f.message);
      assert.deepEqual(messages, [
        `第 ${both} 行 第 J 列（公开对象·全社会）：只能勾选一项（全社会或特定群众）`,
        `第 ${badTier} 行 第 N 列（公开层级·县级）：应填“✓”或留空，不能是“x”`,
        `第 ${nameless} 行 第 B 列（公开事项·一级事项）：缺少事项名称：一级、二级、三级事项须填写其一`,
        `第 ${badMethod} 行 第 L 列（公开方式·主动）：应填“✓”或留空，不能是“依申请”`,
        `第 ${end + 1} 行 第 D 列（公开事项·三级事项）：三级事项之前须有所属的二级事项（层级不能跳过）`,
      ]);
      return true;
    });
    const now = await catalogs.get(as('clerk', gov), major);
    assert.equal(now.catalog.version, versionBefore);
    assert.deepEqual(shape(now.items), shape(county.items));
    assert.equal((await h.db.selectFrom('audit_event').select('id').execute()).length, auditBefore.length);

    // Whole-sheet faults: a foreign header, not a workbook at all.
    ws.getCell('J3').value = '公众';
    await assert.rejects(parseWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 'domain'), (e) => {
      assert.deepEqual(
        (e as ValidationError).fields.map((f) => f.message),
        ['第 3 行 第 J 列（公开对象·全社会）：表头应为“全社会”，实为“公众”'],
      );
      return true;
    });
    await assert.rejects(catalogs.importExcel(as('clerk', gov), major, Buffer.from('not a workbook')), (e) =>
      /请上传 Excel 工作簿/.test((e as Error).message),
    );
  });

  it('files published records under an item and shows only those the public can read', async () => {
    const sysCtx = sys();
    const publish = async (title: string) => {
      const r = await records.createDraft(sysCtx, {
        agencyId: town.id,
        title,
        dateFormedOrChanged: '2026-02-27',
        body: '正文',
      });
      await records.submitForReview(sysCtx, r.id);
      await records.review(sysCtx, r.id, { result: 'passed' });
      await records.approve(sysCtx, r.id);
      await records.publish(sysCtx, r.id);
      return r.id;
    };
    const first = await publish('磁灶镇2026年农村公路养护计划');
    const second = await publish('磁灶镇农村公路养护资金使用情况');
    const draft = await records.createDraft(sysCtx, {
      agencyId: town.id,
      title: '未发布的草稿',
      dateFormedOrChanged: '2026-02-27',
      body: '正文',
    });
    const townCatalog = (await catalogs.list(as('clerk', town))).find(
      (c) => c.domainCode === 'majorProjects',
    )!;
    const item = (await catalogs.get(as('clerk', town), townCatalog.id)).items.find(
      (i) => i.name === '农村公路养护',
    )!;
    const ctx = as('clerk', town);
    await catalogs.linkRecord(ctx, item.id, first);
    await catalogs.linkRecord(ctx, item.id, second);
    await assert.rejects(catalogs.linkRecord(ctx, item.id, first), ConflictError);
    await assert.rejects(catalogs.linkRecord(ctx, item.id, draft.id), (e) => fieldsOf(e)[0] === 'recordId');
    await assert.rejects(catalogs.linkRecord(as('clerk', otherTown), item.id, first), ForbiddenError);
    // A county item may file a township's record (it is below); a township item not a county's.
    const countyItem = (await catalogs.get(as('clerk', gov), major)).items.find(
      (i) => i.name === '农村公路养护',
    )!;
    await catalogs.linkRecord(as('clerk', gov), countyItem.id, first);

    assert.deepEqual(
      (await catalogs.publishedRecordsForItem(testCtx(h, undefined, clock), item.id))
        .map((r) => r.title)
        .sort(),
      ['磁灶镇2026年农村公路养护计划', '磁灶镇农村公路养护资金使用情况'],
    );
    await records.withdraw(sysCtx, second, '内容有误');
    const page = await catalogs.publicItem(testCtx(h, undefined, clock), item.id);
    assert.deepEqual(
      page.records.map((r) => r.title),
      ['磁灶镇2026年农村公路养护计划'],
    );
    assert.deepEqual(
      page.ancestors.map((a) => a.name),
      ['招标投标信息'],
    );
    await catalogs.unlinkRecord(ctx, item.id, first);
    assert.equal((await catalogs.publishedRecordsForItem(testCtx(h, undefined, clock), item.id)).length, 0);
    // Removing an item takes its links with it.
    await catalogs.removeItem(as('clerk', gov), countyItem.id);
    assert.equal(
      (
        await h.db
          .selectFrom('record_catalog_link')
          .selectAll()
          .where('catalog_item_id', '=', countyItem.id)
          .execute()
      ).length,
      0,
    );
  });

  it('files a record under the item its drafter chose when it is published, and only where it belongs', async () => {
    const sysCtx = sys();
    const countyCatalog = (await catalogs.list(as('clerk', gov))).find((c) => c.agencyId === gov.id)!;
    const countyItem = (await catalogs.get(as('clerk', gov), countyCatalog.id)).items.find(
      (i) => i.level === 2,
    )!;
    const townCatalog = (await catalogs.list(as('clerk', town))).find((c) => c.agencyId === town.id)!;
    const townItem = (await catalogs.get(as('clerk', town), townCatalog.id)).items.find(
      (i) => i.level === 2,
    )!;

    const choices = await catalogs.itemChoices(as('clerk', town));
    const offered = choices.flatMap((g) => g.items.map((i) => i.id));
    assert.ok(offered.includes(countyItem.id), 'the city’s catalog is offered to a town clerk');
    assert.ok(offered.includes(townItem.id), 'and the town’s own');
    const otherChoices = await catalogs.itemChoices(as('clerk', otherTown));
    assert.ok(
      !otherChoices.flatMap((g) => g.items.map((i) => i.id)).includes(townItem.id),
      'not another town’s',
    );

    const through = async (agency: Agency, catalogItemId: string) => {
      const r = await records.createDraft(sysCtx, {
        agencyId: agency.id,
        title: `归入目录的信息 ${catalogItemId.slice(-4)}`,
        dateFormedOrChanged: '2026-02-27',
        body: '正文',
        catalogItemId,
      });
      await records.submitForReview(sysCtx, r.id);
      await records.review(sysCtx, r.id, { result: 'passed' });
      await records.approve(sysCtx, r.id);
      return r.id;
    };
    const filed = await through(town, countyItem.id);
    await records.publish(sysCtx, filed);
    assert.ok(
      (await catalogs.publishedRecordsForItem(testCtx(h, undefined, clock), countyItem.id)).some(
        (r) => r.id === filed,
      ),
    );
    // A town's item cannot hold a city department's record: the publication stops and says why.
    const education = await agencies.create(sysCtx, {
      parentId: gov.id,
      name: '晋江市教育局',
      level: 'county',
      kind: 'governmentDepartment',
      creditCode: composeCreditCode('11', '350582', '00350009'),
    });
    const wrong = await through(education, townItem.id);
    await assert.rejects(records.publish(sysCtx, wrong), (e) => fieldsOf(e)[0] === 'catalogItemId');
    const { record } = await records.get(sysCtx, wrong);
    assert.equal(record.state, 'approved', 'nothing was published');
    assert.equal(record.index_number, null, 'and no 索引号 was used up');
  });

  const publishAs = async (agency: Agency, title: string) => {
    const sysCtx = sys();
    const r = await records.createDraft(sysCtx, {
      agencyId: agency.id,
      title,
      dateFormedOrChanged: '2026-02-27',
      body: '正文',
    });
    await records.submitForReview(sysCtx, r.id);
    await records.review(sysCtx, r.id, { result: 'passed' });
    await records.approve(sysCtx, r.id);
    await records.publish(sysCtx, r.id);
    return r.id;
  };
  const workbookOf = async (bytes: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return { wb, ws: wb.worksheets[0]! };
  };
  const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
  const rowNamed = (ws: ExcelJS.Worksheet, name: string) => {
    for (let r = 4; r <= ws.rowCount; r++)
      if (['B', 'C', 'D'].some((c) => ws.getCell(`${c}${r}`).value === name)) return r;
    throw new Error(`no row for ${name}`);
  };
  /** Every cell of a row, the hidden id included. */
  const LAST_COLUMN = 18;
  const budgetOf = async () =>
    (await catalogs.list(as('clerk', gov))).find(
      (c) => c.agencyId === gov.id && c.domainCode === 'budgetFinalAccounts',
    )!;

  it('imports an exported workbook by item id: a renamed or moved item keeps its links and township copies', async () => {
    const ctx = as('clerk', gov);
    const budget = await catalogs.adoptTemplate(ctx, gov.id, 'budgetFinalAccounts');
    const derived = await catalogs.deriveTownship(as('clerk', town), town.id, budget.id);
    const county = await catalogs.get(ctx, budget.id);
    const byName = (name: string) => county.items.find((i) => i.name === name)!;
    const recordId = await publishAs(gov, '晋江市2026年本级政府预算');
    await catalogs.linkRecord(ctx, byName('本级政府预算').id, recordId);

    const { wb, ws } = await workbookOf((await catalogs.exportExcel(ctx, budget.id)).bytes);
    ws.getCell(`B${rowNamed(ws, '政府预算')}`).value = '政府预算公开';
    // 部门预算 moves under 政府决算: its row and the heading below it change places.
    const dept = rowNamed(ws, '部门预算');
    const heading = rowNamed(ws, '政府决算');
    assert.equal(heading, dept + 1);
    for (let c = 1; c <= LAST_COLUMN; c++) {
      const v = ws.getCell(dept, c).value;
      ws.getCell(dept, c).value = ws.getCell(heading, c).value;
      ws.getCell(heading, c).value = v;
    }
    const { diff } = await catalogs.importExcel(ctx, budget.id, await save(wb));
    assert.deepEqual([diff.added, diff.removed], [[], []]);
    assert.deepEqual(
      diff.changed.map((c) => [c.after.name, c.columns]),
      [
        ['政府预算公开', ['事项名称']],
        ['部门预算', ['上级事项']],
      ],
    );
    const now = await catalogs.get(ctx, budget.id);
    assert.deepEqual(now.items.map((i) => i.id).sort(), county.items.map((i) => i.id).sort());
    assert.equal(now.items.find((i) => i.id === byName('政府预算').id)!.name, '政府预算公开');
    assert.equal(now.items.find((i) => i.id === byName('部门预算').id)!.parentId, byName('政府决算').id);
    assert.deepEqual(
      (await catalogs.publishedRecordsForItem(ctx, byName('本级政府预算').id)).map((r) => r.id),
      [recordId],
    );
    const countyIds = new Set(now.items.map((i) => i.id));
    for (const it of (await catalogs.get(as('clerk', town), derived.id)).items)
      assert.ok(countyIds.has(it.derivedFromItemId!), `${it.name} still points at its county item`);
  });

  it('refuses an import that would remove items with records filed under them, and audits removals', async () => {
    const ctx = as('clerk', gov);
    const budget = await budgetOf();
    const before = await catalogs.get(ctx, budget.id);
    const exported = (await catalogs.exportExcel(ctx, budget.id)).bytes;
    const clear = (ws: ExcelJS.Worksheet, r: number) => {
      for (let c = 1; c <= LAST_COLUMN; c++) ws.getCell(r, c).value = null;
    };

    let { wb, ws } = await workbookOf(exported);
    clear(ws, rowNamed(ws, '本级政府预算'));
    await assert.rejects(catalogs.importExcel(ctx, budget.id, await save(wb)), (e) => {
      assert.deepEqual(fieldsOf(e), ['file']);
      assert.equal(
        (e as Error).message,
        '以下事项已关联政府信息，不能通过导入删除：“政府预算公开 › 本级政府预算”；请先在事项页取消关联，未导入任何内容',
      );
      return true;
    });
    const unchanged = await catalogs.get(ctx, budget.id);
    assert.equal(unchanged.catalog.version, before.catalog.version);
    assert.deepEqual(shape(unchanged.items), shape(before.items));

    ({ wb, ws } = await workbookOf(exported));
    const debt = before.items.find((i) => i.name === '地方政府债务限额及余额')!;
    clear(ws, rowNamed(ws, debt.name));
    const { diff } = await catalogs.importExcel(ctx, budget.id, await save(wb));
    assert.deepEqual(
      diff.removed.map((i) => i.name),
      ['地方政府债务限额及余额'],
    );
    const audit = await h.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'catalog.itemRemove')
      .where('subject_id', '=', debt.id)
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_label, 'clerk@晋江市人民政府');
    assert.match(audit[0]!.before_json!, /政府债务 › 地方政府债务限额及余额/);
  });

  it('matches a workbook without ids by name under the same parent, and writes only the rows that changed', async () => {
    const later = new FixedClock('2026-03-05T02:00:00Z');
    const ctx = testCtx(h, staffActor('clerk', gov), later);
    const budget = await budgetOf();
    const before = await catalogs.get(ctx, budget.id);
    const { wb, ws } = await workbookOf((await catalogs.exportExcel(ctx, budget.id)).bytes);
    // As a hand-made sheet: no hidden ids.
    for (let r = 4; r <= ws.rowCount; r++) ws.getCell(r, LAST_COLUMN).value = null;
    ws.getCell(`G${rowNamed(ws, '部门决算')}`).value = '每年九月底前';
    const { diff } = await catalogs.importExcel(ctx, budget.id, await save(wb));
    assert.deepEqual(
      diff.changed.map((c) => [c.after.name, c.columns]),
      [['部门决算', ['公开时限']]],
    );
    const rows = await h.db
      .selectFrom('catalog_item')
      .select(['id', 'updated_at'])
      .where('catalog_id', '=', budget.id)
      .execute();
    assert.deepEqual(rows.map((r) => r.id).sort(), before.items.map((i) => i.id).sort());
    assert.deepEqual(
      rows.filter((r) => r.updated_at === later.now().toISOString()).map((r) => r.id),
      [before.items.find((i) => i.name === '部门决算')!.id],
      'only the changed row is written',
    );
  });

  it('refuses a workbook of another domain, or one whose title names none', async () => {
    const ctx = as('clerk', gov);
    const { wb, ws } = await workbookOf((await catalogs.exportExcel(ctx, (await budgetOf()).id)).bytes);
    const majorBefore = await catalogs.get(ctx, major);
    await assert.rejects(catalogs.importExcel(ctx, major, await save(wb)), (e) => {
      assert.deepEqual(fieldsOf(e), ['file']);
      assert.match((e as Error).message, /该工作簿是“财政预决算”领域的目录.*不能导入“重大建设项目”目录/);
      return true;
    });
    ws.getCell('A1').value = '某县标准目录';
    await assert.rejects(catalogs.importExcel(ctx, major, await save(wb)), (e) => {
      assert.deepEqual(fieldsOf(e), ['file']);
      assert.match((e as Error).message, /工作簿标题“某县标准目录”未写明“重大建设项目”领域/);
      return true;
    });
    const majorAfter = await catalogs.get(ctx, major);
    assert.equal(majorAfter.catalog.version, majorBefore.catalog.version);
  });

  it('answers a version number out of range or not whole with a 400 naming 版本, on every engine', async () => {
    const ctx = as('supervisor', gov);
    for (const bad of [2 ** 40, 1.5, 0, Number.NaN]) {
      await assert.rejects(catalogs.compare(ctx, major, 1, bad), (e) => {
        assert.deepEqual(fieldsOf(e), ['version'], String(e));
        assert.match((e as Error).message, /^版本应/);
        return true;
      });
      await assert.rejects(catalogs.snapshot(ctx, major, bad), (e) => fieldsOf(e)[0] === 'version');
    }
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

  it('reads linked records, the portal’s catalogs and the drafter’s choices in a fixed number of queries', async () => {
    const counting = (actor?: Actor) => {
      let n = 0;
      const plugin: KyselyPlugin = {
        transformQuery: (a) => {
          n++;
          return a.node;
        },
        transformResult: async (a) => a.result,
      };
      const ctx = { ...testCtx(h, actor, clock), db: h.db.withPlugin(plugin) };
      return { ctx, queries: () => n };
    };
    const budget = await catalogs.get(as('clerk', gov), (await budgetOf()).id);
    const item = budget.items.find((i) => i.name === '本级政府预算')!;
    for (const title of ['晋江市2026年预算调整方案', '晋江市2025年预算执行情况'])
      await catalogs.linkRecord(as('clerk', gov), item.id, await publishAs(gov, title));

    let c = counting();
    const linked = await catalogs.publishedRecordsForItem(c.ctx, item.id);
    assert.equal(linked.length, 3);
    assert.equal(c.queries(), 1);

    c = counting();
    const feed = await catalogs.publishedRecordsForDomain(c.ctx, 'budgetFinalAccounts', 2);
    assert.equal(feed!.domainName, '财政预决算');
    assert.deepEqual(
      feed!.records.map((r) => r.id),
      linked.slice(0, 2).map((r) => r.id),
    );
    assert.equal(c.queries(), 2);

    c = counting();
    const one = await catalogs.publicCatalogs(c.ctx, village.id);
    assert.equal(one.catalogs.length, 1);
    const forOne = c.queries();
    c = counting();
    const many = await catalogs.publicCatalogs(c.ctx, gov.id);
    assert.ok(many.catalogs.length >= 3);
    assert.ok(many.catalogs.every((x) => x.items.every((i) => i.catalogId === x.catalog.id)));
    assert.equal(c.queries(), forOne, 'one query for the items of every catalog');

    c = counting(staffActor('clerk', town));
    const groups = await catalogs.itemChoices(c.ctx);
    assert.ok(groups.length >= 4);
    assert.equal(c.queries(), 2);

    // A record of another agency of the same name (elsewhere in the tree) is not offered.
    const twin = await agencies.create(sys(), {
      parentId: otherCounty.id,
      name: '磁灶镇人民政府',
      level: 'township',
      kind: 'townshipStreet',
      creditCode: composeCreditCode('11', '350581', '00350011'),
    });
    const foreign = await publishAs(twin, '石狮市同名镇的信息');
    const own = await publishAs(town, '磁灶镇本镇的信息');
    const townCatalog = (await catalogs.list(as('clerk', town))).find((x) => x.agencyId === town.id)!;
    const linkable = (await catalogs.linkableRecords(as('clerk', town), townCatalog.id)).map((r) => r.id);
    assert.ok(linkable.includes(own));
    assert.ok(!linkable.includes(foreign));
  });

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

  it('records in each version who changed the catalog, when, and what', async () => {
    const later = new FixedClock('2026-03-06T08:30:00Z');
    const head = testCtx(h, staffActor('officeHead', gov), later);
    const item = (await catalogs.get(head, major)).items.find((i) => i.level === 2)!;
    await catalogs.updateItem(head, item.id, { ...item, timeLimit: '每季度首月10日前' });
    const [latest] = await catalogs.listVersions(as('supervisor', gov), major);
    assert.equal(latest!.actorLabel, 'officeHead@晋江市人民政府');
    assert.equal(latest!.changedAt, '2026-03-06T08:30:00.000Z');
    assert.equal(latest!.summary, `修改“${item.name}”的公开时限`);
    const diff = await catalogs.compare(as('supervisor', gov), major, latest!.version - 1, latest!.version);
    assert.deepEqual(
      diff.changed.map((c) => [c.after.name, c.columns]),
      [[item.name, ['公开时限']]],
    );
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
