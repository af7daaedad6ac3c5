import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { shippedNotices } from './calendar-notices.data.js';
import { addDays, calendarOf, formatDate, isWorkday, nextDate, parseDate } from './calendar.js';

const DAY = 86_400_000;
const cal = calendarOf(shippedNotices);
const day = fc
  .integer({ min: parseDate('2019-01-01') / DAY, max: parseDate('2026-11-30') / DAY })
  .map((i) => formatDate(i * DAY));

// Periods in 日 (民法典第二百零一条、第二百零三条): from the day after, ending on the next working
// day when the last day is a weekend or a holiday.
describe('periods counted in calendar days', () => {
  it('property: the period ends on its n-th day, or on the first working day after it, 2019–2026', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 90 }), (from, n) => {
        const r = addDays(cal, from, n);
        const last = nextDate(from, n);
        assert.ok(r.due >= last);
        assert.ok(isWorkday(cal, r.due), `${r.due} is a working day`);
        // Every day from the n-th up to the end is a day off, and listed as skipped.
        const passed: string[] = [];
        for (let d = last; d < r.due; d = nextDate(d)) passed.push(d);
        assert.deepEqual(
          r.skipped.map((s) => s.date),
          passed,
        );
        assert.ok(passed.every((d) => !isWorkday(cal, d)));
        assert.ok(r.skipped.every((s) => s.reason.length > 0));
      }),
      { numRuns: 2000 },
    );
  });

  it('moves a period ending in 国庆 to the first working day after it, and keeps one ending on a 调休 Saturday', () => {
    // 2020: 10月1日至8日放假, 10月10日（星期六）上班.
    const national = addDays(cal, '2020-09-01', 30);
    assert.equal(national.due, '2020-10-09');
    assert.deepEqual(
      national.skipped.map((s) => s.date),
      [
        '2020-10-01',
        '2020-10-02',
        '2020-10-03',
        '2020-10-04',
        '2020-10-05',
        '2020-10-06',
        '2020-10-07',
        '2020-10-08',
      ],
    );
    assert.equal(addDays(cal, '2020-09-10', 30).due, '2020-10-10', 'a make-up Saturday is a working day');
    // An ordinary weekend: 15日 from Friday 2021-03-05 ends Saturday 2021-03-20, so Monday 22nd.
    assert.equal(addDays(cal, '2021-03-05', 15).due, '2021-03-22');
    assert.equal(addDays(cal, '2021-03-04', 15).due, '2021-03-19', 'a period ending on a Friday');
    assert.throws(() => addDays(cal, '2021-03-04', -1), RangeError);
  });
});
