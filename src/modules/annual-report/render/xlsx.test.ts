import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { place, tablesOf } from './layout.js';
import { sample2020, sample2022 } from './samples.js';
import { renderXlsx, sheetNames } from './xlsx.js';

/** The workbook: a sheet per table, the format's merges, figures stored as numbers. */

for (const sample of [sample2020, sample2022]) {
  const input = sample();
  describe(`the ${input.year} report as XLSX`, () => {
    const load = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await renderXlsx(input)) as unknown as ArrayBuffer);
      return wb;
    };

    it('has one sheet per table, titled, with the header merges of the format', async () => {
      const wb = await load();
      assert.deepEqual(
        wb.worksheets.map((w) => w.name),
        [sheetNames.proactive, sheetNames.requests, sheetNames.appeals],
      );
      const requests = wb.getWorksheet(sheetNames.requests)!;
      assert.equal(requests.getCell('A1').value, `${input.agency}${input.year}年政府信息公开工作年度报告`);
      assert.equal(requests.getCell('A2').value, '三、收到和处理政府信息公开申请情况');
      const merges = new Set(requests.model.merges);
      for (const m of ['A3:C5', 'D3:J3', 'D4:D5', 'E4:I4', 'J4:J5', 'A6:C6', 'A7:C7'])
        assert.ok(merges.has(m), `${m} in ${[...merges].join(' ')}`);
      assert.equal(
        requests.getCell('A3').value,
        '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      );
      assert.equal(requests.getCell('E4').value, '法人或其他组织');
      assert.deepEqual(
        ['E5', 'F5', 'G5', 'H5', 'I5'].map((a) => requests.getCell(a).value),
        ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
      );
      const outcomes = input.data.format === '2019' ? 20 : 22;
      assert.ok(merges.has(`A8:A${8 + outcomes - 1}`), '三、本年度办理结果 down its rows');
      assert.equal(requests.getCell('A8').value, '三、本年度办理结果');
      const appeals = wb.getWorksheet(sheetNames.appeals)!;
      const am = new Set(appeals.model.merges);
      for (const m of ['A3:E4', 'F3:O3', 'F4:J4', 'K4:O4']) assert.ok(am.has(m), m);
      const proactive = wb.getWorksheet(sheetNames.proactive)!;
      assert.ok(new Set(proactive.model.merges).has('A3:D3'));
      assert.equal(proactive.getCell('A3').value, '第二十条第（一）项');
    });

    it('stores every figure as a number equal to the data', async () => {
      const wb = await load();
      const layout = tablesOf(input.data);
      let compared = 0;
      for (const t of [layout.proactive, layout.requests, layout.appeals]) {
        const ws = wb.getWorksheet(sheetNames[t.id])!;
        let row = 3;
        for (const part of t.parts) {
          if (part.caption) row += 1;
          for (const p of place(part.rows, t.columns)) {
            if (!p.cell.path) continue;
            const cell = ws.getCell(row + p.row, 1 + p.col);
            assert.equal(typeof cell.value, 'number', `${p.cell.path} is a number`);
            assert.equal(cell.value, p.cell.value, p.cell.path);
            compared += 1;
          }
          row += part.rows.length;
        }
      }
      assert.equal(compared, input.data.format === '2019' ? 161 + 22 + 15 : 175 + 10 + 15);
      // Spot checks against the data itself, by address.
      const requests = wb.getWorksheet(sheetNames.requests)!;
      assert.equal(requests.getCell('A6').value, '一、本年新收政府信息公开申请数量');
      assert.deepEqual(
        ['D', 'E', 'F', 'G', 'H', 'I', 'J'].map((c) => requests.getCell(`${c}6`).value),
        input.data.requests.received,
      );
      const appeals = wb.getWorksheet(sheetNames.appeals)!;
      assert.equal(appeals.getCell('E6').value, input.data.appeals.review!.total);
      assert.equal(appeals.getCell('O6').value, input.data.appeals.litigationAfterReview!.total);
    });
  });
}
