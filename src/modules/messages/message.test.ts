import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BadValue } from '../../platform/config/settings.js';
import { deidentify, maskName } from './message.js';
import { upperPath, worksInAccused } from './message.policy.js';
import { parseMailboxWorkdays } from './message.settings.js';

describe('de-identifying a letter before publication', () => {
  it('removes ID numbers, mobile and fixed-line numbers, e-mail addresses and the names given', () => {
    const text =
      '我叫李明华，身份证 35058219800101123X，手机 13905951234，座机 0595-85662126，邮箱 lmh@example.cn，住晋江市磁灶镇大埔村 8 号。';
    const out = deidentify(text, ['李明华', '晋江市磁灶镇大埔村 8 号']);
    for (const gone of [
      '李明华',
      '35058219800101123X',
      '13905951234',
      '0595-85662126',
      'lmh@example.cn',
      '大埔村 8 号',
    ])
      assert.ok(!out.includes(gone), `${gone} in ${out}`);
    assert.match(out, /^我叫＊＊＊，身份证 ＊＊＊，手机 ＊＊＊/);
  });

  it('property: never leaves a mobile number, whatever surrounds it; leaves text without one as it was', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.integer({ min: 3, max: 9 }),
        fc.string({ maxLength: 20 }),
        (a, second, b) => {
          const phone = `1${second}${'123456789'.slice(0, 9)}`;
          const out = deidentify(`${a.replace(/\d/g, '')}${phone}${b.replace(/\d/g, '')}`);
          assert.ok(!out.includes(phone));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).map((s) => s.replace(/[\d@]/g, '')),
        (s) => {
          assert.equal(deidentify(s), s);
        },
      ),
    );
  });

  it('masks names for lists', () => {
    assert.equal(maskName('李明华'), '李＊＊');
    assert.equal(maskName('欧阳'), '欧＊');
    assert.equal(maskName('王'), '＊');
  });
});

describe('信箱 limits as configured', () => {
  it('reads 咨询=5,投诉=7 in Chinese or code names, keeps the others, and names a bad part', () => {
    const w = parseMailboxWorkdays('咨询=3，complaint=10');
    assert.equal(w.consultation, 3);
    assert.equal(w.complaint, 10);
    assert.equal(w.help, 7);
    assert.throws(
      () => parseMailboxWorkdays('来访=3'),
      (e: unknown) => e instanceof BadValue && /来访=3/.test(e.message),
    );
    assert.throws(() => parseMailboxWorkdays('咨询=0'), BadValue);
  });
});

describe('who answers a 复查 and who never sees an accusation', () => {
  it('the level above, the root answering for itself', () => {
    assert.equal(upperPath('/a/b/c/'), '/a/b/');
    assert.equal(upperPath('/a/'), '/a/');
  });
  it('staff holding any role in the accused agency or below it', () => {
    const actor = (path: string) => ({
      kind: 'staff' as const,
      id: null,
      label: 'x',
      agencyId: 'x',
      grants: [{ role: 'admin' as const, agencyId: 'x', agencyPath: path }],
    });
    assert.equal(worksInAccused(actor('/a/police/'), '/a/police/'), true);
    assert.equal(worksInAccused(actor('/a/police/station/'), '/a/police/'), true);
    assert.equal(worksInAccused(actor('/a/'), '/a/police/'), false);
    assert.equal(worksInAccused(actor('/a/policeman/'), '/a/police/'), false);
  });
});
