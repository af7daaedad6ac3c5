import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { staffActor } from '../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../test/harness/engines.js';
import { jinjiangTree } from '../../../test/harness/factories.js';
import { systemActor } from '../../platform/access.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import { agencies, type Agency } from '../agencies/index.js';
import { ImportRefused } from '../../platform/import/index.js';
import { buildWorkbook, parseWorkbook } from './catalog-excel.js';
import * as catalogs from './catalog-use-cases.js';
import { addRoadItems, fieldsOf, publishedRecordId, shape } from './catalog.test-support.js';

describeEachEngine('标准目录 Excel: export, import, refusals', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let gov: Agency, town: Agency, otherCounty: Agency;
  let major: string;
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  const as = (role: 'clerk' | 'supervisor' | 'officeHead' | 'admin', agency: Agency) =>
    testCtx(h, staffActor(role, agency), clock);
  const sys = () => testCtx(h, systemActor('测试'), clock);

  before(async () => {
    h = await openTestDatabase(engine);
    ({ gov, cizao: town } = await jinjiangTree(sys()));
    otherCounty = await agencies.create(sys(), {
      name: '石狮市人民政府',
      level: 'county',
      kind: 'peoplesGovernment',
    });
    major = (await catalogs.adoptTemplate(as('clerk', gov), gov.id, 'majorProjects')).id;
    await addRoadItems(as('clerk', gov), major);
  });
  after(async () => h.cleanup());

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
      assert.ok(e instanceof ImportRefused);
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

  const publishAs = (agency: Agency, title: string) => publishedRecordId(sys(), agency, title);

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
});
