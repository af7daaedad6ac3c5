import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isLocked, passwordProblem } from './account.js';

const TOO_SHORT = '密码至少 8 位';
const TOO_FEW_CLASSES = '密码须包含大写字母、小写字母、数字、符号中的至少三类';
const CONTAINS_USERNAME = '密码不能包含用户名';

const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
const digit = fc.constantFrom(...'0123456789');
const symbol = fc.constantFrom(...'!@#$%^&*()-_=+[]{};:,.<>/?~ ');
const anyAscii = fc.oneof(upper, lower, digit, symbol);

/** A password of ≥ 8 characters containing an upper-case letter, a lower-case letter and a digit. */
const strongPassword = fc
  .tuple(upper, lower, digit, fc.array(anyAscii, { minLength: 5, maxLength: 30 }))
  .chain(([u, l, d, rest]) => fc.shuffledSubarray([u, l, d, ...rest], { minLength: rest.length + 3 }))
  .map((chars) => chars.join(''));

const username = fc.stringMatching(/^[a-z][a-z0-9_.]{2,15}$/);

describe('passwordProblem', () => {
  it('accepts a typical strong password', () => {
    assert.equal(passwordProblem('Gongkai2024', 'zhangsan'), null);
    assert.equal(passwordProblem('zheng-wu#gong!kai7', 'zhangsan'), null);
  });

  it('refuses passwords shorter than 8 characters', () => {
    assert.equal(passwordProblem('Ab1!xyz', 'zhangsan'), TOO_SHORT);
    assert.equal(passwordProblem('', 'zhangsan'), TOO_SHORT);
  });

  it('counts characters, not UTF-16 code units', () => {
    // 7 emoji are 14 code units but only 7 characters.
    assert.equal(passwordProblem('😀'.repeat(7), 'zhangsan'), TOO_SHORT);
  });

  it('refuses any string shorter than 8 characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 7 }), fc.string(), (password, user) => {
        assert.equal(passwordProblem(password, user), TOO_SHORT);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses long passwords with only two character classes', () => {
    assert.equal(passwordProblem('abcdefgh12345', 'zhangsan'), TOO_FEW_CLASSES);
    assert.equal(passwordProblem('ABCDEFGHabcdefgh', 'zhangsan'), TOO_FEW_CLASSES);
    assert.equal(passwordProblem('12345678!!!!', 'zhangsan'), TOO_FEW_CLASSES);
  });

  it('refuses any password drawn from at most two classes (property)', () => {
    const pairs = [
      [upper, lower],
      [upper, digit],
      [upper, symbol],
      [lower, digit],
      [lower, symbol],
      [digit, symbol],
    ] as const;
    fc.assert(
      fc.property(
        fc
          .constantFrom(...pairs)
          .chain(([a, b]) => fc.array(fc.oneof(a, b), { minLength: 8, maxLength: 40 })),
        (chars) => {
          assert.equal(passwordProblem(chars.join(''), 'zhangsan'), TOO_FEW_CLASSES);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts any password of ≥ 8 characters with upper, lower and digit that does not contain the user name (property)', () => {
    fc.assert(
      fc.property(strongPassword, username, (password, user) => {
        fc.pre(!password.toLowerCase().includes(user));
        assert.equal(passwordProblem(password, user), null);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts symbols as the third class', () => {
    assert.equal(passwordProblem('abcdefg1!', 'zhangsan'), null);
    assert.equal(passwordProblem('ABCDEFG1!', 'zhangsan'), null);
    assert.equal(passwordProblem('abcdefgH!', 'zhangsan'), null);
  });

  it('refuses a password containing the user name, whatever the case', () => {
    assert.equal(passwordProblem('zhangsan2024!', 'zhangsan'), CONTAINS_USERNAME);
    assert.equal(passwordProblem('My-ZhangSan-1', 'zhangsan'), CONTAINS_USERNAME);
    assert.equal(passwordProblem('Abc1zhangsan', 'ZhangSan'), CONTAINS_USERNAME);
  });

  it('refuses any otherwise valid password that embeds the user name in any case (property)', () => {
    fc.assert(
      fc.property(
        username,
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        fc.string({ unit: anyAscii, maxLength: 5 }),
        fc.string({ unit: anyAscii, maxLength: 5 }),
        (user, caps, before, after) => {
          const embedded = [...user].map((c, i) => (caps[i] ? c.toUpperCase() : c)).join('');
          const password = `${before}${embedded}${after}Aa1!x`;
          assert.equal(passwordProblem(password, user), CONTAINS_USERNAME);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives its problems in Chinese', () => {
    for (const p of [TOO_SHORT, TOO_FEW_CLASSES, CONTAINS_USERNAME]) assert.match(p, /[\u4e00-\u9fff]/);
  });
});

describe('isLocked', () => {
  const now = new Date('2024-05-01T08:00:00.000Z');

  it('is not locked without a lock time', () => {
    assert.equal(isLocked({ lockedUntil: null }, now), false);
  });

  it('is locked until the lock time and free from it on', () => {
    assert.equal(isLocked({ lockedUntil: '2024-05-01T08:15:00.000Z' }, now), true);
    assert.equal(isLocked({ lockedUntil: '2024-05-01T08:00:00.001Z' }, now), true);
    assert.equal(isLocked({ lockedUntil: '2024-05-01T08:00:00.000Z' }, now), false);
    assert.equal(isLocked({ lockedUntil: '2024-05-01T07:59:59.999Z' }, now), false);
  });

  it('is locked exactly when the lock time is after now (property)', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(instant, instant, (until, at) => {
        assert.equal(isLocked({ lockedUntil: new Date(until).toISOString() }, new Date(at)), until > at);
      }),
    );
  });
});
