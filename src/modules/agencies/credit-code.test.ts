import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkCreditCode,
  composeCreditCode,
  creditCodeCheckChar,
  normalizeCreditCode,
  orgCodeCheckChar,
  type CreditCodeCheck,
} from './credit-code.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DIGITS = '0123456789';
const LETTERS = ALPHABET.slice(10);

/** Published codes: 阿里巴巴（中国）有限公司, 深圳市腾讯计算机系统有限公司. */
const REAL_CODES = ['91330100716105852F', '9144030071526726XG'];

const alphabetChar = fc.constantFrom(...ALPHABET);
const partsArb = fc.record({
  prefix: fc.string({ unit: alphabetChar, minLength: 2, maxLength: 2 }),
  region: fc.string({ unit: fc.constantFrom(...DIGITS), minLength: 6, maxLength: 6 }),
  org: fc.string({ unit: alphabetChar, minLength: 8, maxLength: 8 }),
});
const validCodeArb = partsArb.map(({ prefix, region, org }) => composeCreditCode(prefix, region, org));

function failure(result: CreditCodeCheck): { position: number | null; message: string } {
  if (result.ok) assert.fail(`expected the code to be refused, but it was accepted as ${result.code}`);
  return result;
}

function replaceAt(code: string, index: number, c: string): string {
  return code.slice(0, index) + c + code.slice(index + 1);
}

/** A refusal that points a clerk at a character: position 1–18, named in the message. */
function assertNamesPosition(result: CreditCodeCheck): number {
  const f = failure(result);
  assert.equal(typeof f.position, 'number');
  const position = f.position as number;
  assert.ok(
    Number.isInteger(position) && position >= 1 && position <= 18,
    `position ${position} out of 1–18`,
  );
  assert.ok(
    f.message.includes(`第 ${position} 位`),
    `message “${f.message}” does not name position ${position}`,
  );
  return position;
}

describe('checkCreditCode: valid codes', () => {
  for (const code of REAL_CODES) {
    it(`accepts the published code ${code}`, () => {
      assert.deepEqual(checkCreditCode(code), { ok: true, code });
    });
  }

  it('composeCreditCode reproduces the published codes from their parts', () => {
    assert.equal(composeCreditCode('91', '330100', '71610585'), '91330100716105852F');
    assert.equal(composeCreditCode('91', '440300', '71526726'), '9144030071526726XG');
  });

  it('the check-character helpers agree with the published codes', () => {
    assert.equal(orgCodeCheckChar('71610585'), '2');
    assert.equal(orgCodeCheckChar('71526726'), 'X');
    assert.equal(creditCodeCheckChar('91330100716105852'), 'F');
    assert.equal(creditCodeCheckChar('9144030071526726X'), 'G');
  });

  it('accepts every code composed from valid parts (property)', () => {
    fc.assert(
      fc.property(partsArb, ({ prefix, region, org }) => {
        const code = composeCreditCode(prefix, region, org);
        assert.equal(code.length, 18);
        assert.ok(code.startsWith(prefix + region + org));
        assert.deepEqual(checkCreditCode(code), { ok: true, code });
      }),
      { numRuns: 500 },
    );
  });
});

describe('checkCreditCode: error detection', () => {
  it('refuses every single-character substitution of the published codes (exhaustive)', () => {
    for (const code of REAL_CODES) {
      for (let i = 0; i < 18; i++) {
        for (const c of ALPHABET) {
          if (c === code[i]) continue;
          const altered = replaceAt(code, i, c);
          assert.equal(
            checkCreditCode(altered).ok,
            false,
            `${altered} (position ${i + 1} changed to ${c}) was accepted`,
          );
        }
      }
    }
  });

  it('refuses any single-character substitution and names a position that covers it (property)', () => {
    fc.assert(
      fc.property(
        validCodeArb,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (code, index, shift) => {
          const original = code[index]!;
          const replacement = ALPHABET[(ALPHABET.indexOf(original) + shift) % ALPHABET.length]!;
          const position = assertNamesPosition(checkCreditCode(replaceAt(code, index, replacement)));
          const changed = index + 1;
          // The clerk is sent to the changed character itself, to the organisation-code check
          // (position 17) when the change is inside positions 9–16, or to the overall check (18).
          const allowed = new Set([changed, 18]);
          if (changed >= 9 && changed <= 16) allowed.add(17);
          assert.ok(allowed.has(position), `changed position ${changed}, reported ${position}`);
          if (changed >= 3 && changed <= 8 && LETTERS.includes(replacement)) assert.equal(position, changed);
        },
      ),
      { numRuns: 2000 },
    );
  });

  // Transpositions: the weights are 3^k mod 31, so neighbouring weights satisfy w[k+1] = 3·w[k] and a
  // swap of a ≠ b at k, k+1 changes the weighted sum by (a − b)(w[k] − w[k+1]) = −2·w[k]·(a − b),
  // which is never 0 mod the prime 31. A swap of 17/18 breaks the organisation-code check. So every
  // adjacent transposition of distinct characters must be caught — asserted outright, not as a rate.
  it('refuses every transposition of two adjacent different characters (property)', () => {
    fc.assert(
      fc.property(validCodeArb, (code) => {
        for (let i = 0; i < 17; i++) {
          const a = code[i]!;
          const b = code[i + 1]!;
          if (a === b) continue;
          const swapped = code.slice(0, i) + b + a + code.slice(i + 2);
          assertNamesPosition(checkCreditCode(swapped));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every adjacent transposition of the published codes (exhaustive)', () => {
    for (const code of REAL_CODES) {
      for (let i = 0; i < 17; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        assert.equal(
          checkCreditCode(swapped).ok,
          false,
          `${swapped} (positions ${i + 1}/${i + 2} swapped) was accepted`,
        );
      }
    }
  });
});

describe('checkCreditCode: messages', () => {
  it('names the actual length when the code is too short or too long', () => {
    const short = failure(checkCreditCode('9133010071610585'));
    assert.equal(short.position, null);
    assert.ok(short.message.includes('18 位'), short.message);
    assert.ok(short.message.includes('16 位'), short.message);

    const long = failure(checkCreditCode('91330100716105852F1'));
    assert.ok(long.message.includes('19 位'), long.message);

    const empty = failure(checkCreditCode('   '));
    assert.ok(empty.message.includes('0 位'), empty.message);
  });

  it('reports any length other than 18 with that length (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: alphabetChar, maxLength: 40 }), (raw) => {
        fc.pre(raw.length !== 18);
        const f = failure(checkCreditCode(raw));
        assert.equal(f.position, null);
        assert.ok(f.message.includes(`${raw.length} 位`), f.message);
      }),
    );
  });

  for (const [letter, index] of [
    ['I', 8],
    ['O', 11],
    ['Z', 0],
    ['S', 13],
    ['V', 17],
  ] as const) {
    it(`names the position of a forbidden letter ${letter} and explains that I/O/Z/S/V are not used`, () => {
      const code = replaceAt(REAL_CODES[0]!, index, letter);
      const f = failure(checkCreditCode(code));
      assert.equal(f.position, index + 1);
      assert.ok(f.message.includes(`第 ${index + 1} 位`), f.message);
      assert.ok(f.message.includes(`“${letter}”`), f.message);
      assert.ok(f.message.includes('I、O、Z、S、V'), f.message);
    });
  }

  it('recognises a lower-case i as the forbidden letter I', () => {
    const f = failure(checkCreditCode('91330100i16105852F'));
    assert.equal(f.position, 9);
    assert.ok(f.message.includes('I、O、Z、S、V'), f.message);
  });

  it('names the position of a character that is not a letter or digit, without the I/O hint', () => {
    const f = failure(checkCreditCode('913301007161-5852F'));
    assert.equal(f.position, 13);
    assert.ok(f.message.includes('第 13 位'), f.message);
    assert.ok(!f.message.includes('I、O、Z、S、V'), f.message);
  });

  it('names the position of a letter inside the region code (positions 3–8)', () => {
    const f = failure(checkCreditCode('91A30100716105852F'));
    assert.equal(f.position, 3);
    assert.ok(f.message.includes('第 3 位'), f.message);
    assert.ok(f.message.includes('行政区划码'), f.message);

    fc.assert(
      fc.property(
        validCodeArb,
        fc.integer({ min: 2, max: 7 }),
        fc.constantFrom(...LETTERS),
        (code, index, letter) => {
          const r = failure(checkCreditCode(replaceAt(code, index, letter)));
          assert.equal(r.position, index + 1);
          assert.ok(r.message.includes(`第 ${index + 1} 位`), r.message);
        },
      ),
    );
  });

  it('names position 18 and the expected check character when only the check character is wrong', () => {
    const f = failure(checkCreditCode('91330100716105852A'));
    assert.equal(f.position, 18);
    assert.ok(f.message.includes('第 18 位'), f.message);
    assert.ok(f.message.includes('应为“F”'), f.message);
    assert.ok(f.message.includes('实为“A”'), f.message);

    fc.assert(
      fc.property(validCodeArb, fc.integer({ min: 1, max: 30 }), (code, shift) => {
        const expected = code[17]!;
        const wrong = ALPHABET[(ALPHABET.indexOf(expected) + shift) % ALPHABET.length]!;
        const r = failure(checkCreditCode(code.slice(0, 17) + wrong));
        assert.equal(r.position, 18);
        assert.ok(r.message.includes(`应为“${expected}”`), r.message);
      }),
    );
  });

  it('names position 17 and the expected organisation-code check character', () => {
    const f = failure(checkCreditCode('91330100716105853F'));
    assert.equal(f.position, 17);
    assert.ok(f.message.includes('第 17 位'), f.message);
    assert.ok(f.message.includes('应为“2”'), f.message);
  });
});

describe('checkCreditCode: normalisation', () => {
  it('accepts full-width input and returns the ASCII code', () => {
    assert.deepEqual(checkCreditCode('９１３３０１００７１６１０５８５２Ｆ'), {
      ok: true,
      code: '91330100716105852F',
    });
  });

  it('accepts lower case and surrounding (also full-width) spaces', () => {
    assert.deepEqual(checkCreditCode('9144030071526726xg'), { ok: true, code: '9144030071526726XG' });
    assert.deepEqual(checkCreditCode('\u3000 91330100716105852f \n'), {
      ok: true,
      code: '91330100716105852F',
    });
  });

  it('accepts any valid code written in full-width, lower case (property)', () => {
    fc.assert(
      fc.property(validCodeArb, (code) => {
        const fullWidthLower = [...code.toLowerCase()]
          .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
          .join('');
        assert.equal(normalizeCreditCode(fullWidthLower), code);
        assert.deepEqual(checkCreditCode(fullWidthLower), { ok: true, code });
      }),
    );
  });

  it('reports a full-width forbidden letter as that letter', () => {
    const f = failure(checkCreditCode('91330100Ｏ16105852F'));
    assert.equal(f.position, 9);
    assert.ok(f.message.includes('“O”'), f.message);
  });
});
