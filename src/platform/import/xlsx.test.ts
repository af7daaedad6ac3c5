import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ImportRefused } from './refusal.js';
import { readSpreadsheet } from './spreadsheet.js';
import { readWorkbook, readXlsx } from './xlsx.js';
import { readZipEntries, storedZip, type ZipEntry } from './xlsx-guard.js';

async function refused(fn: () => Promise<unknown>): Promise<ImportRefused> {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof ImportRefused, `expected an ImportRefused, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the workbook to be refused');
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The catalogue layout: a title row, a group row merged across sub-columns, a row of sub-columns. */
async function catalogueWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('标准目录');
  ws.getCell('A1').value = '晋江市 义务教育领域 基层政务公开标准目录';
  ws.mergeCells('A1:F1');
  ws.getCell('A2').value = '序号';
  ws.mergeCells('A2:A3');
  ws.getCell('B2').value = '公开事项';
  ws.mergeCells('B2:C2');
  ws.getCell('B3').value = '一级事项';
  ws.getCell('C3').value = '二级事项';
  ws.getCell('D2').value = '公开对象';
  ws.mergeCells('D2:E2');
  ws.getCell('D3').value = '全社会';
  ws.getCell('E3').value = '特定群众';
  ws.getCell('F2').value = '公开时限';
  ws.mergeCells('F2:F3');
  ws.addRow([1, '招生入学', '招生政策', '✓', '', '信息形成或变更之日起20个工作日内']);
  ws.addRow([2, '招生入学', '划片范围', '', '√', '每年6月']);
  return bytesOf(wb);
}

describe('readXlsx', () => {
  it('reads a two-row merged header: each cell of a merged range holds its text, and the ranges are reported', async () => {
    const sheet = await readXlsx(await catalogueWorkbook());
    assert.equal(sheet.name, '标准目录');
    assert.deepEqual(sheet.rows.slice(0, 3), [
      Array(6).fill('晋江市 义务教育领域 基层政务公开标准目录'),
      ['序号', '公开事项', '公开事项', '公开对象', '公开对象', '公开时限'],
      ['序号', '一级事项', '二级事项', '全社会', '特定群众', '公开时限'],
    ]);
    assert.deepEqual(sheet.rows[3], [
      '1',
      '招生入学',
      '招生政策',
      '✓',
      '',
      '信息形成或变更之日起20个工作日内',
    ]);
    assert.deepEqual(sheet.rows[4], ['2', '招生入学', '划片范围', '', '√', '每年6月']);
    assert.deepEqual(sheet.merges, [
      { top: 1, left: 1, bottom: 1, right: 6 },
      { top: 2, left: 1, bottom: 3, right: 1 },
      { top: 2, left: 2, bottom: 2, right: 3 },
      { top: 2, left: 4, bottom: 2, right: 5 },
      { top: 2, left: 6, bottom: 3, right: 6 },
    ]);
  });

  it('gives each cell the text a clerk sees: rich text, formula results, dates, numbers, hyperlinks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow([
      { richText: [{ text: '晋江市', font: { bold: true } }, { text: '教育局' }] },
      { formula: 'B2*2', result: 24 },
      new Date(Date.UTC(2024, 0, 31)),
      new Date(Date.UTC(2024, 0, 31, 9, 30)),
      0.1 + 0.2,
      123456789012345680,
      true,
      { text: '门户网站', hyperlink: 'https://www.jinjiang.gov.cn/' },
      { formula: 'NA()', result: { error: '#N/A' } },
      '  两端有空格  ',
      -12.5,
    ]);
    ws.getCell('D1').numFmt = 'yyyy-mm-dd hh:mm';
    const sheet = await readXlsx(await bytesOf(wb));
    assert.deepEqual(sheet.rows[0], [
      '晋江市教育局',
      '24',
      '2024-01-31',
      '2024-01-31 09:30',
      '0.3',
      '123456789012346000',
      'TRUE',
      '门户网站',
      '#N/A',
      '  两端有空格  ',
      '-12.5',
    ]);
  });

  it('reads the first visible sheet by default, or one named or numbered', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明', { state: 'hidden' }).addRow(['填表说明']);
    wb.addWorksheet('数据').addRow(['机构']);
    wb.addWorksheet('字典').addRow(['项目']);
    const bytes = await bytesOf(wb);
    assert.equal((await readXlsx(bytes)).name, '数据');
    assert.equal((await readXlsx(bytes, { sheet: '字典' })).rows[0]![0], '项目');
    assert.equal((await readXlsx(bytes, { sheet: 1 })).name, '说明');
    assert.match((await refused(() => readXlsx(bytes, { sheet: '附表' }))).message, /没有名为“附表”的工作表/);
    assert.match((await refused(() => readXlsx(bytes, { sheet: 4 }))).message, /只有 3 张工作表/);
    assert.deepEqual(
      (await readWorkbook(bytes)).map((s) => [s.name, s.hidden]),
      [
        ['说明', true],
        ['数据', false],
        ['字典', false],
      ],
    );
  });

  it('drops blank rows after the data, styled or not', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['机构']);
    ws.addRow(['晋江市']);
    for (let r = 3; r < 50; r++) ws.getCell(r, 1).border = { top: { style: 'thin' } };
    ws.getCell(60, 1).value = '  ';
    assert.deepEqual((await readXlsx(await bytesOf(wb))).rows, [['机构'], ['晋江市']]);
  });

  it('refuses what is not an XLSX workbook, in Chinese', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    assert.match((await refused(() => readXlsx(xls))).message, /另存为.*\.xlsx/);
    assert.match((await refused(() => readSpreadsheet(xls))).message, /97-2003/);
    assert.match((await refused(() => readXlsx(Buffer.from('机构,年度\r\n')))).message, /无法读取该文件/);
    // A ZIP that is not a workbook (a .docx, say), and one cut short.
    const zip = storedZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    assert.match((await refused(() => readXlsx(zip))).message, /无法读取该文件/);
    const book = await catalogueWorkbook();
    assert.match(
      (await refused(() => readXlsx(book.subarray(0, book.length / 2)))).message,
      /无法读取该文件/,
    );
  });

  it('refuses a file over maxBytes before opening it', async () => {
    const e = await refused(async () => readXlsx(await catalogueWorkbook(), { maxBytes: 1000 }));
    assert.match(e.message, /^文件过大/);
  });
});

/** A workbook made by exceljs with its first worksheet's XML rewritten, re-zipped. */
async function withSheetXml(edit: (xml: string) => string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['机构', '年度']);
  ws.addRow(['晋江市', 2024]);
  const entries = readZipEntries(await bytesOf(wb), 1e8).map((e) =>
    e.name === 'xl/worksheets/sheet1.xml' ? { ...e, data: Buffer.from(edit(e.data.toString('utf8'))) } : e,
  );
  return storedZip(entries);
}

/**
 * A deflated ZIP entry whose headers claim `claimed` bytes: the sizes a bomb lies about. Built by
 * hand, as no ZIP writer is a dependency.
 */
function zipWithDeflated(entries: Array<ZipEntry & { claimed?: number }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const size = e.claimed ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(8, 10);
    head.writeUInt32LE(crc32(e.data), 16);
    head.writeUInt32LE(packed.length, 20);
    head.writeUInt32LE(size, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(head, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

describe('readXlsx guards', () => {
  it('refuses a workbook whose entries inflate beyond the limit, whatever their headers claim', async () => {
    const book = readZipEntries(await catalogueWorkbook(), 1e8);
    // 64 MB of zeros deflates to about 64 KB; the headers say 1 KB.
    const bomb = zipWithDeflated([
      ...book,
      { name: 'xl/media/image1.png', data: Buffer.alloc(64 << 20), claimed: 1024 },
    ]);
    assert.ok(bomb.length < 1 << 20, `the bomb is ${bomb.length} bytes`);
    const e = await refused(() => readXlsx(bomb, { maxInflatedBytes: 16 << 20 }));
    assert.match(e.message, /^工作簿解压后超过 16 MB，不像是正常的 Excel 文件/);
    // The same workbook without the bomb, deflated the same way, reads.
    assert.equal((await readXlsx(zipWithDeflated(book))).name, '标准目录');
  });

  it('refuses a workbook with more rows than the limit, counted before exceljs builds them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    for (let i = 0; i < 1001; i++) ws.addRow(['晋江市', i]);
    const e = await refused(async () => readXlsx(await bytesOf(wb), { maxRows: 1000 }));
    assert.match(e.message, /^工作簿超过 1000 行的上限/);
    assert.equal((await readXlsx(await bytesOf(wb), { maxRows: 1001 })).rows.length, 1001);
  });

  it('reads a template with drop-down lists on whole columns and whole-sheet column widths', async () => {
    // exceljs would build one object per cell of each range: 17 billion for the whole sheet.
    const bytes = await withSheetXml((xml) =>
      xml
        .replace(
          '<sheetData>',
          '<cols><col min="1" max="2000000000" width="12" customWidth="1"/></cols><sheetData>',
        )
        .replace(
          '</sheetData>',
          '</sheetData><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"晋江市,石狮市"</formula1></dataValidation></dataValidations>',
        ),
    );
    assert.deepEqual((await readXlsx(bytes)).rows, [
      ['机构', '年度'],
      ['晋江市', '2024'],
    ]);
  });

  it('refuses merged ranges too large to expand', async () => {
    const bytes = await withSheetXml((xml) =>
      xml.replace(
        '</sheetData>',
        '</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>',
      ),
    );
    assert.match((await refused(() => readXlsx(bytes))).message, /合并单元格过多或范围过大/);
  });
});

describe('readSpreadsheet', () => {
  it('tells XLSX from CSV by the bytes, not the name', async () => {
    assert.equal((await readSpreadsheet(await catalogueWorkbook())).name, '标准目录');
    const csv = await readSpreadsheet(Buffer.from('\uFEFF机构,年度\r\n晋江市,2024\r\n'));
    assert.deepEqual(csv.rows, [
      ['机构', '年度'],
      ['晋江市', '2024'],
    ]);
    assert.deepEqual((await readSpreadsheet(Buffer.alloc(0))).rows, []);
  });
});
