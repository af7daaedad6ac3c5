import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeText } from './encoding.js';
import { ImportRefused } from './refusal.js';

/** GB18030 (= GBK for these) bytes from the standard's table, checked against Debian's iconv. */
const gb = {
  中文: [0xd6, 0xd0, 0xce, 0xc4],
  年度: [0xc4, 0xea, 0xb6, 0xc8],
  机构: [0xbb, 0xfa, 0xb9, 0xb9],
  '（）': [0xa3, 0xa8, 0xa3, 0xa9],
  '·': [0xa1, 0xa4],
};

describe('decodeText', () => {
  it('knows Node decodes GB18030 on this build (full ICU)', () => {
    for (const [text, bytes] of Object.entries(gb))
      assert.equal(new TextDecoder('gb18030').decode(Uint8Array.from(bytes)), text);
  });

  it('takes bytes that are not UTF-8 as GB18030, as Excel on Chinese Windows writes CSV', () => {
    const bytes = Uint8Array.from([
      ...gb.机构,
      0x2c,
      ...gb.年度,
      0x0d,
      0x0a,
      ...gb['（）'],
      ...gb['·'],
      ...gb.中文,
    ]);
    assert.deepEqual(decodeText(bytes), { text: '机构,年度\r\n（）·中文', encoding: 'gb18030' });
  });

  it('reads the BOMs Excel writes and drops them', () => {
    const text = '机构,年度\r\n晋江市,2024';
    const cases: Array<[Buffer, string]> = [
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), 'utf-16be'],
    ];
    for (const [bytes, encoding] of cases) assert.deepEqual(decodeText(bytes), { text, encoding });
  });

  it('reads UTF-8 without a BOM, as WPS and most systems write it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.includes('\u0000') && !text.startsWith('\uFEFF'));
        const bytes = Buffer.from(text, 'utf8');
        // Bytes that look like BOM-less UTF-16 (ASCII with zeros) cannot come from text without NUL.
        assert.deepEqual(decodeText(bytes), { text, encoding: 'utf-8' });
      }),
    );
  });

  it('recognises mostly-ASCII UTF-16LE without a BOM', () => {
    const text = 'agency,year,item,value\r\nJinjiang,2024,licensing.decisions,12\r\n';
    assert.deepEqual(decodeText(Buffer.from(text, 'utf16le')), { text, encoding: 'utf-16le' });
    assert.deepEqual(decodeText(Buffer.from(text, 'utf16le').swap16()), { text, encoding: 'utf-16be' });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, and binary files, in Chinese', () => {
    for (const bytes of [
      Uint8Array.from([0x81, 0x20, 0xff, 0xff]),
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 0, 0, 1, 2, 3])]),
    ]) {
      assert.throws(
        () => decodeText(bytes),
        (e) => e instanceof ImportRefused && e.message.includes('文字编码无法识别'),
      );
    }
  });

  it('gives empty text for no bytes or a lone BOM', () => {
    assert.equal(decodeText(new Uint8Array()).text, '');
    assert.equal(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf])).text, '');
  });
});
