import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../platform/errors.js';
import { noticeFromForm, validateNotice } from './calendar-notice.js';

const good = {
  year: 2027,
  notice: '国务院办公厅关于2027年部分节假日安排的通知',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-06', to: '2027-02-14' },
  ],
  makeupWorkdays: [{ date: '2027-02-20', name: '春节' }],
};

function fieldsOf(fn: () => unknown): Array<[string, string]> {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ValidationError);
    return e.fields.map((f) => [f.field, f.message]);
  }
  assert.fail('expected a validation error');
}

describe('entering a year’s notice', () => {
  it('accepts a well-formed notice', () => {
    assert.deepEqual(validateNotice(good), good);
  });

  it('names every problem at once: a date twice, a make-up day on a weekday, a date outside the year', () => {
    const problems = fieldsOf(() =>
      validateNotice({
        ...good,
        holidays: [
          ...good.holidays,
          { name: '重复', from: '2027-01-03', to: '2027-01-03' },
          { name: '跨年', from: '2028-01-01', to: '2028-01-01' },
        ],
        makeupWorkdays: [
          { date: '2027-02-17', name: '春节' },
          { date: '2027-02-13', name: '春节' },
        ],
      }),
    );
    const messages = problems.map(([, m]) => m).join('\n');
    assert.match(messages, /2027-01-03 重复出现（元旦、重复）/);
    assert.match(messages, /不在 2027 年内/);
    assert.match(messages, /调休上班日 2027-02-17 不是周六或周日/);
    assert.match(messages, /2027-02-13 重复出现（春节、春节调休上班）/);
  });

  it('reads the form’s lines and says which line is wrong', () => {
    const n = noticeFromForm({
      year: '2027',
      notice: good.notice,
      holidays: '元旦 2027-01-01 2027-01-03\n春节 2027-02-06至2027-02-14',
      makeupWorkdays: '2027-02-20 春节',
    });
    assert.deepEqual(n, good);
    const problems = fieldsOf(() =>
      noticeFromForm({ year: '2027', notice: good.notice, holidays: '元旦 2027/01/01', makeupWorkdays: '' }),
    );
    assert.deepEqual(problems[0]![0], 'holidays');
    assert.match(problems[0]![1], /假期第 1 行“元旦 2027\/01\/01”应写成/);
  });
});
