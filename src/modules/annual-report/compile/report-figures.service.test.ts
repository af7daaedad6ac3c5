import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import ExcelJS from 'exceljs';
import { staffActor } from '../../../../test/harness/actors.js';
import { describeEachEngine, openTestDatabase, testCtx } from '../../../../test/harness/engines.js';
import { jinjiangTree, type JinjiangTree } from '../../../../test/harness/factories.js';
import { systemActor } from '../../../platform/access.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { ImportRefused, problemText } from '../../../platform/import/index.js';
import * as figures from './report-figures.service.js';

/**
 * Figures from other systems arrive as the clerk's spreadsheet saved it: Excel's “CSV UTF-8” (a
 * BOM, CRLF, a quoted field with a comma), Excel's “CSV（逗号分隔）” on Chinese Windows (GB18030),
 * or the workbook itself. All rows or none, every bad cell named by row and column.
 */
describeEachEngine('importing the figures of other systems', (engine) => {
  let h: DatabaseHandle & { cleanup: () => Promise<void> };
  let tree: JinjiangTree;
  before(async () => {
    h = await openTestDatabase(engine);
    tree = await jinjiangTree(testCtx(h));
  });
  after(async () => h.cleanup());
  const system = () => testCtx(h, systemActor('测试'));
  const of = (agencyId: string, year: number) => figures.figuresOf(system(), agencyId, year);

  it('reads a CSV saved by Excel: BOM, CRLF, quoted fields with commas', async () => {
    const csv =
      '\uFEFF机构,年度,项目,数值\r\n' +
      '"晋江市人民政府",2021,"行政许可·处理决定数量","1,024"\r\n' +
      '晋江市教育局,2021,fees.amountTenThousandYuan,"3.5"\r\n';
    assert.deepEqual(await figures.importFigures(system(), Buffer.from(csv, 'utf8')), {
      agencies: 2,
      figures: 2,
    });
    assert.deepEqual(await of(tree.gov.id, 2021), { 'licensing.decisions': 1024 });
    assert.deepEqual(await of(tree.education.id, 2021), { 'fees.amountTenThousandYuan': 3.5 });
  });

  it('reads a CSV in GB18030, as Excel on Chinese Windows saves “CSV（逗号分隔）”', async () => {
    const bytes = readFileSync('test/fixtures/annual-report/figures-gb18030.csv');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the fixture is not UTF-8');
    assert.deepEqual(await figures.importFigures(system(), bytes), { agencies: 2, figures: 2 });
    assert.deepEqual(await of(tree.police.id, 2021), { 'penalties.decisions': 2048 });
    assert.equal((await of(tree.gov.id, 2021))['enforcement.decisions'], 7);
  });

  it('reads an XLSX workbook, header below a title row', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('2020年数据');
    sheet.addRow(['2020年行政许可等数据']);
    sheet.addRow(['机构', '年度', '项目', '数值']);
    sheet.addRow(['磁灶镇人民政府', 2020, '行政许可·处理决定数量', 65]);
    sheet.addRow(['磁灶镇人民政府', 2020, 'procurement.amountYuan', '1234.5']);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    assert.deepEqual(await figures.importFigures(system(), bytes), { agencies: 1, figures: 2 });
    assert.deepEqual(await of(tree.cizao.id, 2020), {
      'licensing.decisions': 65,
      'procurement.amountYuan': 1234.5,
    });
  });

  it('refuses the whole file, naming each bad cell by row and column', async () => {
    const csv =
      '机构,年度,项目,数值\n' +
      '晋江市人民政府,2022,行政许可·处理决定数量,88\n' +
      '晋江市人民政府,2022,行政处罚·处理决定数量,很多\n' +
      '不存在的局,2022,licensing.decisions,1\n' +
      '晋江市人民政府,2022,不存在的项目,1\n' +
      '晋江市人民政府,二〇二二,licensing.decisions,1\n';
    await assert.rejects(figures.importFigures(system(), Buffer.from(csv)), (e: unknown) => {
      assert.ok(e instanceof ImportRefused, String(e));
      assert.deepEqual(e.problems.map(problemText), [
        '第 3 行 第 D 列（数值）：行政处罚·处理决定数量应为不小于 0 的整数，而不是“很多”',
        '第 4 行 第 A 列（机构）：未找到机构“不存在的局”',
        '第 5 行 第 C 列（项目）：2022年的报告格式没有“不存在的项目”这一项',
        '第 6 行 第 B 列（年度）：年度应为整数',
      ]);
      assert.equal(e.fields[0]!.field, 'file', 'shown on the upload form’s file field');
      return true;
    });
    assert.deepEqual(await of(tree.gov.id, 2022), {}, 'nothing of a refused file is kept');
  });

  it('refuses a file without the columns, and a clerk of another agency', async () => {
    await assert.rejects(
      figures.importFigures(system(), Buffer.from('单位名称,数量\n晋江市人民政府,1\n')),
      (e: unknown) => e instanceof ImportRefused && /找不到表头/.test(e.message),
    );
    await assert.rejects(
      figures.importFigures(
        testCtx(h, staffActor('clerk', tree.cizao)),
        Buffer.from('机构,年度,项目,数值\n晋江市公安局,2022,行政许可·处理决定数量,1\n'),
      ),
      /权限|未找到/,
    );
  });
});
