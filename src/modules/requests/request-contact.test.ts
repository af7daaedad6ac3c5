import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { patterns } from '../../platform/schema.js';
import {
  contactIndexes,
  contactKey,
  MAX_NAMED_CASES,
  mobileIn,
  nameKey,
  readContact,
  recoveryMessage,
} from './request-contact.js';

describe('an applicant’s contact as the key to their applications', () => {
  it('finds the mobile number in a 联系电话 however it was written, and none in a landline', () => {
    assert.equal(mobileIn('13800595678'), '13800595678');
    assert.equal(mobileIn('+86 138-0059-5678'), '13800595678');
    assert.equal(mobileIn('0086（138）00595678'), '13800595678');
    assert.equal(mobileIn('１３８００５９５６７８'), '13800595678');
    assert.equal(mobileIn('0595-85612345、13800595678'), '13800595678', 'the mobile among several numbers');
    assert.equal(mobileIn('0595-85612345转8001'), null);
    assert.equal(mobileIn('12800595678'), null, 'no mobile number begins 12');
    assert.equal(mobileIn('138005956789'), null, 'twelve digits are not a mobile number');
  });

  it('gives the same key for every way the form accepts of writing one number (property)', () => {
    const mobile = fc
      .tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/))
      .map(([second, rest]) => `1${second}${rest}`);
    const separator = fc.constantFrom('', ' ', '-', '－', '—');
    const written = fc
      .tuple(
        mobile,
        fc.constantFrom('', '+86', '86', '0086', '+86 '),
        fc.array(separator, { minLength: 11, maxLength: 11 }),
        fc.boolean(),
      )
      .map(([m, prefix, seps, fullWidth]) => {
        let s = prefix + [...m].map((d, i) => d + (i < 10 ? seps[i] : '')).join('');
        if (fullWidth) s = s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
        return { m, s };
      });
    fc.assert(
      fc.property(written, ({ m, s }) => {
        // What the application form accepts, the recovery form reads as the same number.
        assert.ok(patterns.phone.test(s), s);
        assert.equal(mobileIn(s), m);
        assert.deepEqual(readContact(s), { channel: 'sms', value: m });
      }),
    );
  });

  it('reads an e-mail address in any case, and refuses what is neither one number nor one address', () => {
    assert.deepEqual(readContact(' Wang.Wu@Example.CN '), { channel: 'email', value: 'wang.wu@example.cn' });
    for (const bad of ['', 'wang@', '0595-85612345', '13800595678、13900000000', '13800595678转1', 'abc'])
      assert.equal(readContact(bad), null, bad);
  });

  it('keys a number and an address apart, and a name without its spaces', () => {
    const index = (s: string) => `#${s}`;
    assert.deepEqual(contactIndexes(index, '138 0059 5678', 'A@B.cn'), {
      phone_index: '#sms:13800595678',
      email_index: '#email:a@b.cn',
    });
    assert.deepEqual(contactIndexes(index, '0595-85612345', null), { phone_index: '', email_index: null });
    assert.notEqual(contactKey({ channel: 'sms', value: 'x' }), contactKey({ channel: 'email', value: 'x' }));
    assert.equal(nameKey(' 张 三 '), nameKey('张三'));
  });

  it('writes the message in Chinese: the 受理编号, the code, how long it holds, where to enter it', () => {
    const cases = Array.from({ length: MAX_NAMED_CASES + 2 }, (_, i) => ({
      acceptanceNumber: `〔2026〕第000${i + 1}号`,
      agencyName: '磁灶镇人民政府',
    }));
    const m = recoveryMessage({
      cases,
      code: 'ABCD-EFGH-JK',
      hours: 24,
      pageUrl: 'https://gk.example.gov.cn/cases/recover/code',
    });
    assert.match(m.text, /〔2026〕第0001号（磁灶镇人民政府）/);
    assert.doesNotMatch(m.text, new RegExp(`第000${MAX_NAMED_CASES + 1}号`), 'a text message stays short');
    assert.match(m.text, new RegExp(`等 ${MAX_NAMED_CASES + 2} 件`));
    assert.match(m.text, /找回码为 ABCD-EFGH-JK，24 小时内有效/);
    assert.match(m.text, /请打开 https:\/\/gk\.example\.gov\.cn\/cases\/recover\/code 输入找回码/);
    assert.match(m.text, /如非本人操作，请忽略本消息/);
    assert.match(m.subject, /^[\u4e00-\u9fff]/);
  });
});
