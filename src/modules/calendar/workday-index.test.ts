import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { shippedNotices, type YearNotice } from './calendar-notices.data.js';
import {
  addWorkdays,
  addWorkdaysDayByDay,
  calendarOf,
  formatDate,
  isWorkday,
  parseDate,
  workdaysAfter,
  workdaysBetween,
  workdaysBetweenDayByDay,
} from './calendar.js';
import { statutoryHolidays } from './statutory-holidays.js';
import { dayNumber, indexOf } from './workday-index.js';

const DAY = 86_400_000;
const cal = calendarOf(shippedNotices);
/** A day of 2019–2026 (the years of the shipped notices), as YYYY-MM-DD. */
const day = (first = '2019-01-01', last = '2026-12-31') =>
  fc.integer({ min: parseDate(first) / DAY, max: parseDate(last) / DAY }).map((i) => formatDate(i * DAY));

describe('the working-day index against the day-by-day computation', () => {
  it('property: addWorkdays gives the same due date, skipped days, make-up days and provisional flag, 2019–2026', () => {
    fc.assert(
      fc.property(day(), fc.integer({ min: 0, max: 120 }), (d, n) => {
        const fast = addWorkdays(cal, d, n);
        assert.deepEqual(fast, addWorkdaysDayByDay(cal, d, n));
        assert.equal(workdaysAfter(cal, d, n), fast.due);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: workdaysBetween gives the same count, 2019–2026, either order', () => {
    fc.assert(
      fc.property(day(), day(), (a, b) => {
        assert.equal(workdaysBetween(cal, a, b), workdaysBetweenDayByDay(cal, a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the day-by-day computation on every day it covers, 1990–2100', () => {
    const ix = indexOf(cal);
    const mismatches: string[] = [];
    for (let i = 0; i + 1 < ix.length; i++) {
      const d = formatDate((ix.first + i) * DAY);
      const one = addWorkdays(cal, d, 1);
      if (JSON.stringify(one) !== JSON.stringify(addWorkdaysDayByDay(cal, d, 1))) mismatches.push(d);
      const next = formatDate((ix.first + i + 1) * DAY);
      if (workdaysBetween(cal, d, next) !== (isWorkday(cal, next) ? 1 : 0)) mismatches.push(`${d}+1`);
    }
    assert.deepEqual(mismatches, []);
    assert.equal(formatDate(ix.first * DAY), '1990-01-01');
    assert.equal(formatDate((ix.first + ix.length - 1) * DAY), '2100-12-31');
  });

  it('falls back to the day-by-day computation outside its range and for dates that are not real', () => {
    for (const [d, n] of [
      ['1985-06-03', 30],
      ['1989-12-20', 20],
      ['2100-12-20', 20],
      ['2101-03-01', 5],
      ['2026-02-30', 20],
      ['2026-02-31', 0],
    ] as const) {
      assert.deepEqual(addWorkdays(cal, d, n), addWorkdaysDayByDay(cal, d, n), `${d} + ${n}`);
      assert.equal(workdaysAfter(cal, d, n), addWorkdaysDayByDay(cal, d, n).due, `${d} + ${n}`);
    }
    for (const [a, b] of [
      ['1989-12-01', '1990-02-01'],
      ['2100-12-01', '2101-01-31'],
      ['2026-02-30', '2026-03-20'],
      ['2026-03-01', '2026-03-10 '],
    ] as const)
      assert.equal(workdaysBetween(cal, a, b), workdaysBetweenDayByDay(cal, a, b), `${a}–${b}`);
  });

  it('is built for the calendar it belongs to: another statutory table, a notice reaching into the year before', () => {
    const onlyNewYear = statutoryHolidays(
      [
        {
          effective: '1990-01-01',
          title: 'x',
          holidays: [{ name: '元旦', rule: { kind: 'fixed', month: 1, day: 1, days: 2 } }],
        },
      ],
      2027,
      2030,
    );
    const custom = calendarOf(shippedNotices, onlyNewYear);
    const early: YearNotice = {
      year: 1988,
      notice: '1988',
      holidays: [{ name: '元旦', from: '1987-12-31', to: '1988-01-02' }],
      makeupWorkdays: [{ date: '1988-01-03', name: '元旦' }],
    };
    const wide = calendarOf([early, ...shippedNotices]);
    assert.equal(formatDate(indexOf(wide).first * DAY), '1987-01-01');
    fc.assert(
      fc.property(day('1987-06-01', '2030-12-31'), fc.integer({ min: 0, max: 80 }), (d, n) => {
        for (const c of [custom, wide]) assert.deepEqual(addWorkdays(c, d, n), addWorkdaysDayByDay(c, d, n));
      }),
      { numRuns: 500 },
    );
    assert.equal(addWorkdays(custom, '2027-09-30', 1).due, '2027-10-01', '国庆 is not in that table');
    assert.notEqual(addWorkdays(cal, '2027-09-30', 1).due, '2027-10-01');
  });

  it('a new notice makes a new calendar with its own index; the old one keeps its answers', () => {
    const notice: YearNotice = {
      year: 2027,
      notice: '国务院办公厅关于2027年部分节假日安排的通知',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }],
      makeupWorkdays: [{ date: '2027-01-09', name: '元旦' }],
    };
    const before = addWorkdays(cal, '2026-12-30', 3);
    const entered = calendarOf([...shippedNotices, notice]);
    const after = addWorkdays(entered, '2026-12-30', 3);
    assert.notEqual(indexOf(entered), indexOf(cal));
    assert.equal(before.due, '2027-01-05');
    assert.equal(before.provisional, true);
    assert.equal(after.due, '2027-01-06', '4 January is now a holiday');
    assert.equal(after.provisional, false);
    assert.deepEqual(after, addWorkdaysDayByDay(entered, '2026-12-30', 3));
    assert.deepEqual(addWorkdays(cal, '2026-12-30', 3), before, 'the calendar before is unchanged');
    // The notice, once entered, decides the whole year: the legal holidays it does not list count.
    assert.equal(addWorkdays(entered, '2027-09-30', 1).due, '2027-10-01');
    fc.assert(
      fc.property(day('2026-12-01', '2027-12-31'), fc.integer({ min: 0, max: 60 }), (d, n) =>
        assert.deepEqual(addWorkdays(entered, d, n), addWorkdaysDayByDay(entered, d, n)),
      ),
      { numRuns: 500 },
    );
    assert.deepEqual(addWorkdays(entered, '2027-01-08', 1).makeupDays, [
      { date: '2027-01-09', reason: '元旦调休上班' },
    ]);
  });
});

describe('dayNumber', () => {
  it('property: the day number of every real date 1900–2200 is Date.parse’s, in days', () => {
    fc.assert(
      fc.property(day('1900-01-01', '2200-12-31'), (d) => assert.equal(dayNumber(d), parseDate(d) / DAY)),
      { numRuns: 5000 },
    );
  });

  it('is NaN for what is not a real date written YYYY-MM-DD', () => {
    for (const s of [
      '',
      '2026-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '2026-1-01',
      '2026/01/01',
      '20a6-01-01',
      '2026-01-0x',
      '2026-01-01 ',
    ])
      assert.ok(Number.isNaN(dayNumber(s)), s);
    assert.equal(dayNumber('2024-02-29'), parseDate('2024-02-29') / DAY);
    assert.equal(dayNumber('2000-02-29'), parseDate('2000-02-29') / DAY);
    assert.ok(Number.isNaN(dayNumber('2100-02-29')));
  });
});
