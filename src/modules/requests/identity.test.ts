import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkIdNumber, idNumberCheckChar, maskAddress, maskIdNumber, maskPhone } from './identity.js';

const valid = (first17: string) => first17 + idNumberCheckChar(first17);

describe('身份证号 (GB 11643-1999)', () => {
  it('accepts the standard’s own example and valid numbers built from their parts', () => {
    assert.deepEqual(checkIdNumber('11010519491231002X'), { ok: true, value: '11010519491231002X' });
    assert.ok(checkIdNumber('11010519491231002x').ok, 'a lower-case x is read as X');
    assert.ok(checkIdNumber(valid('35058219900101123')).ok);
  });

  it('names the position of the mistake', () => {
    const r = checkIdNumber('110105194912310021');
    assert.equal(r.ok, false);
    assert.match((r as { message: string }).message, /第 18 位（校验码）应为“X”/);
    assert.match((checkIdNumber('1101051949123A002X') as { message: string }).message, /第 14 位“A”应为数字/);
    assert.match(
      (checkIdNumber('110105194902300028') as { message: string }).message,
      /出生日期“19490230”不是有效日期/,
    );
    assert.match((checkIdNumber('1101051949') as { message: string }).message, /应为 18 位，实为 10 位/);
  });

  it('property: any single changed digit is caught', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const good = valid('35058219900101123');
        const digit = (Number(good[pos]) + delta) % 10;
        const bad = good.slice(0, pos) + String(digit) + good.slice(pos + 1);
        assert.equal(checkIdNumber(bad).ok, false);
      }),
    );
  });

  it('masks for everyone but the handling clerk', () => {
    assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
    assert.equal(maskPhone('138-0059-5678'), '138****5678');
    assert.equal(maskAddress('福建省晋江市世纪大道南1号'), '福建省晋江市*******');
  });
});
