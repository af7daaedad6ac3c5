import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { isDomainError, ValidationError } from '../errors.js';
import { integer, optional, text } from '../schema.js';
import { columns, normalizeHeader } from './columns.js';
import { readCsv, writeCsv } from './csv.js';
import { tick } from './fields.js';
import { ImportRefused, problemText } from './refusal.js';
import { columnLetter, columnNumber, type Sheet } from './sheet.js';
import { importTable, readTable } from './table.js';
import { readXlsx } from './xlsx.js';

const sheetOf = (rows: string[][]): Sheet => ({ name: '', rows, merges: [] });
const csv = (text: string) => readCsv(Buffer.from(text, 'utf8'));

function refused(fn: () => unknown): ImportRefused {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ImportRefused, `expected an ImportRefused, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the file to be refused');
}

const texts = (e: ImportRefused) => e.problems.map(problemText);

/** The annual report's figures from other systems, as importFiguresCsv takes them. */
const figureShape = {
  agency: { field: text('机构', { max: 100 }), aliases: ['单位', '机关名称'] },
  year: integer('年度', 2008, 2100),
  item: text('项目'),
  value: text('数值'),
};
const figureColumns = columns(figureShape);

describe('readTable', () => {
  it('reads the figures CSV into typed rows numbered as Excel numbers them', () => {
    const rows = importTable(
      csv(
        '机构,年度,项目,数值\r\n晋江市教育局,2024,"行政许可·处理决定数量",12\r\n\r\n石狮市,2023,"a,b",0\r\n',
      ),
      figureColumns,
    );
    assert.deepEqual(rows, [
      { row: 2, value: { agency: '晋江市教育局', year: 2024, item: '行政许可·处理决定数量', value: '12' } },
      { row: 4, value: { agency: '石狮市', year: 2023, item: 'a,b', value: '0' } },
    ]);
  });

  it('matches headers trimmed, full-width or half-width, with spaces, line breaks, “*” marks or an alias', () => {
    const rows = importTable(
      sheetOf([
        [' 单 位* ', '年\n度', '项目　', '＊数值'],
        ['晋江市', '２０２４', 'x', '1'],
      ]),
      columns({
        agency: { field: text('机构'), aliases: ['单位'] },
        year: text('年度'),
        item: text('项目'),
        value: text('数值'),
      }),
    );
    assert.deepEqual(rows[0]!.value, { agency: '晋江市', year: '２０２４', item: 'x', value: '1' });
    assert.equal(normalizeHeader('（ＡＢ） C\u3000d'), '(ab)cd');
  });

  it('takes columns in any order, leaves out an optional one, and finds the header below a title row', () => {
    const rows = importTable(
      sheetOf([
        ['2024年各单位数据'],
        [],
        ['数值', '项目', '机构', '年度'],
        ['7', '依申请公开', '晋江市', '2024'],
      ]),
      columns({ ...figureShape, note: optional(text('备注')) }),
    );
    assert.equal(rows[0]!.row, 4);
    assert.deepEqual(rows[0]!.value, {
      agency: '晋江市',
      year: 2024,
      item: '依申请公开',
      value: '7',
      note: null,
    });
  });

  it('names a bad cell by its row and column letter, with the header the file gives it', () => {
    const header = [...Array.from({ length: 26 }, (_, i) => `备用${i + 1}`), '年度'];
    const e = refused(() =>
      importTable(
        sheetOf([header, [...Array(26).fill(''), '二〇二四'], [...Array(26).fill(''), '2024']]),
        columns({
          ...Object.fromEntries(header.slice(0, 26).map((h, i) => [`spare${i}`, optional(text(h))])),
          year: integer('年度', 2008, 2100),
        }),
      ),
    );
    assert.deepEqual(e.problems, [{ row: 2, column: 'AA', columnLabel: '年度', message: '年度应为整数' }]);
    assert.equal(e.message, '第 2 行 第 AA 列（年度）：年度应为整数（未导入任何内容）');
  });

  it('reads an XLSX with a two-row merged header built by exceljs, and names bad cells under it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目录');
    ws.getCell('A1').value = '标准目录';
    ws.mergeCells('A1:D1');
    ws.getCell('A2').value = '公开事项';
    ws.mergeCells('A2:A3');
    ws.getCell('B2').value = '公开对象';
    ws.mergeCells('B2:C2');
    ws.getCell('B3').value = '全社会';
    ws.getCell('C3').value = '特定群众';
    ws.getCell('D2').value = '公开层级';
    ws.getCell('D3').value = '县级';
    ws.addRow(['招生政策', '✓', '', '√']);
    ws.addRow(['划片范围', '', '√', '']);
    ws.addRow(['学籍管理', '是', '否', 'X']);
    const sheet = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    const catalogColumns = columns({
      name: { field: text('事项名称'), header: '公开事项' },
      public: { field: tick('全社会'), header: '公开对象·全社会' },
      specific: { field: tick('特定群众'), header: '公开对象·特定群众', aliases: ['公开对象·特定群体'] },
      county: { field: tick('县级'), header: '公开层级·县级' },
    });
    const table = readTable(sheet, catalogColumns, { headerRow: 2, headerRows: 2 });
    assert.deepEqual(table.rows, [
      { row: 4, value: { name: '招生政策', public: true, specific: false, county: true } },
      { row: 5, value: { name: '划片范围', public: false, specific: true, county: false } },
    ]);
    // A caller's own check (one mark of the two), placed like the kit's own problems.
    table.problem(5, 'specific', '只能勾选一项（全社会或特定群众）');
    const e = refused(() => table.finish());
    assert.deepEqual(texts(e), [
      '第 5 行 第 C 列（公开对象·特定群众）：只能勾选一项（全社会或特定群众）',
      '第 6 行 第 D 列（公开层级·县级）：县级应填“✓”或留空，不能是“X”',
    ]);
  });

  it('reports a missing required column by name, and an unknown or repeated one by letter', () => {
    const e = refused(() =>
      importTable(
        sheetOf([
          ['机构', '年度', '数值', '备注', '单位'],
          ['a', '2024', '1', '', 'b'],
        ]),
        figureColumns,
      ),
    );
    assert.deepEqual(texts(e), [
      '第 1 行（项目）：缺少“项目”列',
      '第 1 行 第 D 列（备注）：不认识这一列；本表的列为：机构、年度、项目、数值',
      '第 1 行 第 E 列（单位）：与第 A 列重复：同一列只能出现一次',
    ]);
  });

  it('ignores unknown columns and cells without a header when told to', () => {
    const rows = importTable(
      sheetOf([
        ['机构', '年度', '项目', '数值', '备注'],
        ['a', '2024', 'x', '1', '核对过', '多余'],
      ]),
      figureColumns,
      { unknownColumns: 'ignore' },
    );
    assert.equal(rows.length, 1);
  });

  it('says where a stray cell sits, with a hint about unquoted commas in a CSV', () => {
    const e = refused(() =>
      importTable(csv('机构,年度,项目,数值\r\n晋江市,2024,处理决定,含变更,3\r\n'), figureColumns),
    );
    assert.equal(e.problems[0]!.column, 'E');
    assert.match(
      texts(e)[0]!,
      /^第 2 行 第 E 列：这一格“3”不在任何一列表头之下；若它本属于前一格，那一格里的逗号应加英文引号括起/,
    );
  });

  it('reads a row with fewer cells than the header as empty cells, so a required one is named', () => {
    const e = refused(() => importTable(csv('机构,年度,项目,数值\r\n晋江市,2024\r\n'), figureColumns));
    assert.deepEqual(texts(e), [
      '第 2 行 第 C 列（项目）：请填写项目',
      '第 2 行 第 D 列（数值）：请填写数值',
    ]);
  });

  it('refuses an empty file, a file with only a BOM, and a header with no data, in Chinese', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\r\n \r\n,,\r\n')]) {
      const e = refused(() => importTable(readCsv(bytes), figureColumns));
      assert.equal(e.message, '文件是空的，没有表头，也没有数据（未导入任何内容）');
    }
    const e = refused(() => importTable(csv('\uFEFF机构,年度,项目,数值\r\n\r\n,,,\r\n'), figureColumns));
    assert.equal(e.message, '第 2 行：表头之后没有数据：数据应从第 2 行开始（未导入任何内容）');
    assert.deepEqual(importTable(csv('机构,年度,项目,数值\r\n'), figureColumns, { allowEmpty: true }), []);
  });

  it('says it cannot find the header when no column is recognised', () => {
    const e = refused(() => importTable(csv('\r\nname,year\r\na,2024\r\n'), figureColumns));
    assert.deepEqual(texts(e), ['第 2 行：找不到表头：表头应有“机构”“年度”“项目”“数值”等列']);
  });

  it('takes an explicit header row', () => {
    const e = refused(() =>
      importTable(sheetOf([['机构', '年度', '项目', '数值'], ['x']]), figureColumns, { headerRow: 2 }),
    );
    assert.match(e.message, /^第 2 行：找不到表头/);
  });

  it('parses 200,000 rows through the schema in memory proportional to the file', () => {
    const line = ['晋江市教育局', '2024', '行政许可·处理决定数量, 含"变更"', '12345'];
    const bytes = Buffer.from(writeCsv([['机构', '年度', '项目', '数值'], ...Array(200_000).fill(line)]));
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const rows = importTable(readCsv(bytes), figureColumns);
    const grown = process.memoryUsage().heapUsed - before;
    assert.equal(rows.length, 200_000);
    assert.deepEqual(rows.at(-1), {
      row: 200_001,
      value: { agency: '晋江市教育局', year: 2024, item: '行政许可·处理决定数量, 含"变更"', value: '12345' },
    });
    assert.ok(grown < 600 * 1024 * 1024, `heap grew ${Math.round(grown / 1024 / 1024)} MB`);
  });
});

describe('ImportRefused', () => {
  const problem = (row: number) => ({ row, column: 'B', columnLabel: '年度', message: '年度应为整数' });

  it('is a ValidationError, so the HTTP layer and the CLI render it as a 400 in Chinese', () => {
    const e = new ImportRefused([problem(3), problem(2)]);
    assert.ok(e instanceof ValidationError);
    assert.ok(isDomainError(e));
    assert.equal(e.status, 400);
    assert.equal(e.name, 'ImportRefused');
    assert.deepEqual(
      e.problems.map((p) => p.row),
      [2, 3],
      'in row order',
    );
    assert.deepEqual(e.fields, [
      { field: 'file', message: '第 2 行 第 B 列（年度）：年度应为整数' },
      { field: 'file', message: '第 3 行 第 B 列（年度）：年度应为整数' },
    ]);
    assert.equal(new ImportRefused([problem(2)], { field: 'upload' }).fields[0]!.field, 'upload');
  });

  it('summarises many problems: the first three, then 共 N 处问题; fields list the first hundred', () => {
    const rows = Array.from({ length: 250 }, (_, i) => ['晋江市', `第${i}年`, 'x', '1']);
    const e = refused(() => importTable(sheetOf([['机构', '年度', '项目', '数值'], ...rows]), figureColumns));
    assert.equal(e.total, 250);
    assert.equal(
      e.message,
      '第 2 行 第 B 列（年度）：年度应为整数；第 3 行 第 B 列（年度）：年度应为整数；第 4 行 第 B 列（年度）：年度应为整数……（共 250 处问题，未导入任何内容）',
    );
    assert.equal(e.fields.length, 101);
    assert.equal(e.fields.at(-1)!.message, '另有 150 处问题未列出');
  });

  it('keeps at most ten thousand problems but counts them all', () => {
    // Two problems a row: 年度 not a number, 数值 empty.
    const rows = Array.from({ length: 12_000 }, () => ['x', 'y', 'z', '']);
    const e = refused(() => importTable(sheetOf([['机构', '年度', '项目', '数值'], ...rows]), figureColumns));
    assert.equal(e.total, 24_000);
    assert.equal(e.problems.length, 10_000);
    assert.match(e.message, /共 24000 处问题/);
  });

  it('writes 第 N 行 第 X 列（列名）, leaving out what a problem does not have', () => {
    assert.equal(
      problemText({ row: 3, column: 'C', columnLabel: '项目', message: 'm' }),
      '第 3 行 第 C 列（项目）：m',
    );
    assert.equal(
      problemText({ row: 3, column: null, columnLabel: 'title（标题）', message: 'm' }),
      '第 3 行（title（标题））：m',
    );
    assert.equal(problemText({ row: 3, column: 'F', columnLabel: null, message: 'm' }), '第 3 行 第 F 列：m');
    assert.equal(problemText({ row: 3, column: null, columnLabel: null, message: 'm' }), '第 3 行：m');
    assert.equal(
      problemText({ row: null, column: null, columnLabel: null, message: '文件是空的' }),
      '文件是空的',
    );
  });
});

describe('column letters', () => {
  it('are spreadsheet column headings', () => {
    const cases: Array<[number, string]> = [
      [1, 'A'],
      [26, 'Z'],
      [27, 'AA'],
      [52, 'AZ'],
      [53, 'BA'],
      [702, 'ZZ'],
      [703, 'AAA'],
      [16384, 'XFD'],
    ];
    for (const [n, s] of cases) {
      assert.equal(columnLetter(n), s);
      assert.equal(columnNumber(s), n);
    }
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), (n) => columnNumber(columnLetter(n)) === n));
    assert.equal(columnNumber('A1'), 0);
  });
});
