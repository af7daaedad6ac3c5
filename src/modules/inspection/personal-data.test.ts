import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findPersonalData, idNumberValid, maskIdNumber, maskMobile } from './personal-data.js';

// Unmasked 身份证号 (GB 11643-1999 check digit) and mobile numbers in published text.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkDigit = (first17: string) =>
  '10X98765432'[[...first17].reduce((s, c, i) => s + Number(c) * WEIGHTS[i]!, 0) % 11]!;

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
/** The first 17 characters of a 身份证号 with a real month and day of birth. */
const first17 = fc
  .tuple(
    fc.integer({ min: 110000, max: 659999 }),
    fc.integer({ min: 1900, max: 2025 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    digits(3),
  )
  .map(
    ([area, y, m, d, seq]) => `${area}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`,
  );
const validId = first17.map((f) => f + checkDigit(f));
const mobile = fc
  .tuple(fc.constantFrom(...'3456789'), digits(9))
  .map(([second, rest]) => `1${second}${rest}`);
/** Chinese text without digits or Latin letters around a number. */
const filler = fc.string({
  unit: fc.constantFrom(...'，。：；公示名单张某李某联系电话身份证号码 （）'),
  maxLength: 20,
});

describe('personal data in published text', () => {
  it('accepts the GB 11643 example and a lower-case x, and rejects a wrong check digit or a month 13', () => {
    assert.equal(idNumberValid('11010519491231002X'), true);
    assert.equal(idNumberValid('11010519491231002x'), true);
    assert.equal(idNumberValid('110105194912310021'), false);
    const f = '11010519491331002';
    assert.equal(idNumberValid(f + checkDigit(f)), false, 'month 13');
    assert.equal(idNumberValid('01010519491231002X'), false, 'no leading zero');
  });

  it('finds any valid 身份证号 standing in Chinese text, masked, and never repeats it', () => {
    fc.assert(
      fc.property(validId, filler, filler, (id, before, after) => {
        const hits = findPersonalData(`${before}${id}${after}`);
        assert.equal(hits.length, 1);
        assert.equal(hits[0]!.kind, 'idNumber');
        assert.equal(hits[0]!.masked, `${id.slice(0, 6)}********${id.slice(14)}`);
        assert.ok(!hits[0]!.context.includes(id));
        assert.ok(hits[0]!.context.includes(hits[0]!.masked));
      }),
    );
  });

  it('ignores an 18-digit number whose check digit is wrong', () => {
    fc.assert(
      fc.property(first17, fc.constantFrom(...'0123456789X'), (f, c) => {
        fc.pre(c !== checkDigit(f));
        assert.deepEqual(findPersonalData(`证号：${f}${c}。`), []);
      }),
    );
  });

  it('finds any mobile number standing alone, masked as 138****5678', () => {
    fc.assert(
      fc.property(mobile, filler, filler, (m, before, after) => {
        const hits = findPersonalData(`${before}${m}${after}`);
        assert.deepEqual(
          hits.map((h) => [h.kind, h.masked]),
          [['mobile', `${m.slice(0, 3)}****${m.slice(7)}`]],
        );
        assert.ok(!hits[0]!.context.includes(m));
      }),
    );
    assert.equal(maskMobile('13812345678'), '138****5678');
    assert.equal(maskIdNumber('11010519491231002X'), '110105********002X');
  });

  it('leaves longer digit runs, numbers glued to letters, landlines, 12… numbers and masked numbers alone', () => {
    for (const text of [
      '订单号 138123456789',
      '统一社会信用代码 91350582MA2XXXXX1X',
      'ID11010519491231002X',
      '11010519491231002X5',
      '电话 0595-85612345',
      '编号 12345678901',
      '110105********002X',
      '138****5678',
    ])
      assert.deepEqual(findPersonalData(text), [], text);
  });

  it('finds several, each with a short context', () => {
    const hits = findPersonalData(
      '公示：张某，11010519491231002X，家住晋江市青阳街道，联系电话13912345678；李某，15887654321。',
    );
    assert.deepEqual(
      hits.map((h) => [h.kind, h.masked]),
      [
        ['idNumber', '110105********002X'],
        ['mobile', '139****5678'],
        ['mobile', '158****4321'],
      ],
    );
    assert.equal(hits[0]!.context, '公示：张某，110105********002X，家住晋江市青阳街道，联');
  });
});

it('never shows a neighbouring number in full in a hit’s context', () => {
  const hits = findPersonalData('公示：张某，11010519491231002X，13912345678；李某，13800001111。');
  assert.equal(hits.length, 3);
  for (const h of hits) {
    assert.doesNotMatch(h.context, /11010519491231002X|13912345678|13800001111/, h.context);
  }
});
