import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { csvRecords, parseCsv, readCsv, sniffDelimiter, writeCsv } from './csv.js';
import { ImportRefused } from './refusal.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/import/${name}`, import.meta.url));

function refused(fn: () => unknown): ImportRefused {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ImportRefused, `expected an ImportRefused, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the file to be refused');
}

/** The figures CSV, as rows, that the fixtures and the Excel-style bytes below hold. */
const figures = [
  ['机构', '年度', '项目', '数值'],
  ['晋江市教育局', '2024', '行政许可·处理决定数量', '12'],
  ['晋江市人民政府办公室（含下级机关）', '2024', '项目,带逗号与"引号"', '3'],
];

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    assert.deepEqual(parseCsv('a,"b,c","say ""hi""","line1\r\nline2",e\r\n'), [
      ['a', 'b,c', 'say "hi"', 'line1\r\nline2', 'e'],
    ]);
  });

  it('takes CRLF, LF and CR as line ends, and a final line end starts no record', () => {
    for (const nl of ['\r\n', '\n', '\r'])
      assert.deepEqual(parseCsv(`a,b${nl}c,d${nl}`), [
        ['a', 'b'],
        ['c', 'd'],
      ]);
    assert.deepEqual(parseCsv('a,b\nc,d'), [
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps empty fields, a trailing delimiter and an empty line as the file has them', () => {
    assert.deepEqual(parseCsv('a,,c,\r\n\r\n,\r\n'), [['a', '', 'c', ''], [''], ['', '']]);
    assert.deepEqual(parseCsv(''), []);
    assert.deepEqual(parseCsv('""'), [['']]);
  });

  it('keeps a stray quote in an unquoted field, and text after a closing quote, as Excel does', () => {
    assert.deepEqual(parseCsv('5" screen,"ab"c,d'), [['5" screen', 'abc', 'd']]);
  });

  it('refuses an opening quote never closed, naming the row and column where it starts', () => {
    const e = refused(() => parseCsv('a,b\r\nc,"d\r\ne,f\r\n'));
    assert.equal(e.problems.length, 1);
    assert.equal(e.problems[0]!.row, 2);
    assert.equal(e.problems[0]!.column, 'B');
    assert.match(e.message, /^第 2 行 第 B 列：这一格以引号开头/);
  });

  it('counts a record with a line break inside a quoted field as one row, as Excel numbers it', () => {
    const e = refused(() => parseCsv('h\r\n"x\r\ny"\r\n"z'));
    assert.equal(e.problems[0]!.row, 3);
  });

  it('stops at maxRows', () => {
    const e = refused(() => parseCsv('a\nb\nc\n', { maxRows: 2 }));
    assert.match(e.message, /超过 2 行的上限/);
    assert.equal(parseCsv('a\nb\n', { maxRows: 2 }).length, 2);
  });

  it('reads tab-separated text', () => {
    assert.deepEqual(parseCsv('a\t"b\tc"\td,e\r\n', { delimiter: '\t' }), [['a', 'b\tc', 'd,e']]);
  });

  it('yields records one at a time', () => {
    const it = csvRecords('a\nb\n');
    assert.deepEqual(it.next().value, ['a']);
    assert.deepEqual(it.next().value, ['b']);
    assert.equal(it.next().done, true);
  });
});

describe('writeCsv → parseCsv', () => {
  // Characters that make CSV hard, plus Chinese text and anything else fast-check thinks of.
  const hard = fc.constantFrom(
    ',',
    '"',
    '\r',
    '\n',
    '\r\n',
    '\t',
    ';',
    ' ',
    '',
    '机构',
    '“引号”',
    '，',
    '\uFEFF',
  );
  const cell = fc.oneof(
    fc.string(),
    fc.array(hard, { maxLength: 6 }).map((a) => a.join('')),
    fc.string({ unit: 'grapheme' }),
  );
  const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 });

  it('round-trips arbitrary rows with commas, quotes, line breaks and Chinese text', () => {
    fc.assert(
      fc.property(rows, (r) => {
        assert.deepEqual(parseCsv(writeCsv(r)), r);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips tab-separated and LF-ended text too', () => {
    fc.assert(
      fc.property(rows, (r) => {
        assert.deepEqual(parseCsv(writeCsv(r, { delimiter: '\t', newline: '\n' }), { delimiter: '\t' }), r);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips through bytes in UTF-8 with a BOM and in UTF-16LE, as Excel saves them', () => {
    fc.assert(
      fc.property(rows, (r) => {
        const text = writeCsv(r);
        // A zero character marks a binary file, which readCsv refuses (see encoding.test.ts).
        fc.pre(!text.includes('\u0000'));
        const expected = parseCsv(text);
        for (const bytes of [
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
          Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
        ]) {
          const sheet = readCsv(bytes, { delimiter: ',' });
          // readCsv drops blank trailing rows and cells; compare the part a sheet keeps.
          sheet.rows.forEach((cells, i) => assert.deepEqual(cells, expected[i]!.slice(0, cells.length)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('quotes only what needs it, and writes a lone empty cell as ""', () => {
    assert.equal(
      writeCsv([['a', 'b,c', 'd"e', 'f\ng'], [''], ['', 'x']]),
      'a,"b,c","d""e","f\ng"\r\n""\r\n,x\r\n',
    );
  });
});

describe('readCsv', () => {
  it('reads a CSV as Excel saves “CSV UTF-8”: BOM, CRLF, quoted fields with commas and quotes', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(writeCsv(figures), 'utf8')]);
    const sheet = readCsv(bytes);
    assert.equal(sheet.encoding, 'utf-8');
    assert.deepEqual(sheet.rows, figures);
    assert.deepEqual(sheet.merges, []);
  });

  it('reads the same file as Excel on Chinese Windows saves “CSV（逗号分隔）”: GB18030 bytes', () => {
    const bytes = fixture('figures-gb18030.csv');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the fixture is not UTF-8');
    const sheet = readCsv(bytes);
    assert.equal(sheet.encoding, 'gb18030');
    assert.deepEqual(sheet.rows, figures);
  });

  it('reads Excel’s “Unicode 文本”: UTF-16LE with a BOM, tab-separated', () => {
    const text = writeCsv(figures, { delimiter: '\t' });
    const sheet = readCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    assert.equal(sheet.encoding, 'utf-16le');
    assert.deepEqual(sheet.rows, figures);
  });

  it('drops blank trailing rows and empty trailing cells, and keeps blank rows between', () => {
    const sheet = readCsv(Buffer.from('a,b,,\r\n\r\nc,d\r\n,,\r\n\r\n  \r\n'));
    assert.deepEqual(sheet.rows, [['a', 'b'], [], ['c', 'd']]);
  });

  it('gives no rows for an empty file or a file with only a BOM', () => {
    assert.deepEqual(readCsv(Buffer.alloc(0)).rows, []);
    assert.deepEqual(readCsv(Buffer.from([0xef, 0xbb, 0xbf])).rows, []);
    assert.deepEqual(readCsv(Buffer.from([0xff, 0xfe])).rows, []);
  });

  it('refuses a file over maxBytes, in Chinese', () => {
    const e = refused(() => readCsv(Buffer.alloc(2 * 1024 * 1024, 0x61), { maxBytes: 1024 * 1024 }));
    assert.match(e.message, /^文件过大（2 MB），不能超过 1 MB/);
  });

  it('parses 200,000 rows in one linear pass, in memory proportional to the text', () => {
    const line = '晋江市教育局,2024,"行政许可·处理决定数量, 含""变更""",12345\r\n';
    const text = '机构,年度,项目,数值\r\n' + line.repeat(200_000);
    const bytes = Buffer.from(text, 'utf8');
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const sheet = readCsv(bytes);
    const grown = process.memoryUsage().heapUsed - before;
    assert.equal(sheet.rows.length, 200_001);
    assert.deepEqual(sheet.rows[200_000], [
      '晋江市教育局',
      '2024',
      '行政许可·处理决定数量, 含"变更"',
      '12345',
    ]);
    // 800,000 cells: a few hundred bytes each at most, not a copy of the text per row.
    assert.ok(grown < 400 * 1024 * 1024, `heap grew ${Math.round(grown / 1024 / 1024)} MB`);
  });
});

describe('sniffDelimiter', () => {
  it('picks the delimiter of the first line, ignoring quoted text', () => {
    assert.equal(sniffDelimiter('a,b,c\n'), ',');
    assert.equal(sniffDelimiter('a\tb\tc\n'), '\t');
    assert.equal(sniffDelimiter('"a\tb\tc",d\n'), ',');
    assert.equal(sniffDelimiter('a;b;c\nd,e,f,g,h'), ';');
    assert.equal(sniffDelimiter('机构'), ',');
  });
});
