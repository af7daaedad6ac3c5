import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import cd from 'chinese-days';
import fc from 'fast-check';
import { shippedNotices } from './calendar-notices.data.js';
import {
  addWorkdays,
  calendarOf,
  dayInfo,
  formatDate,
  isWorkday,
  parseDate,
  workdaysBetween,
} from './calendar.js';

const cal = calendarOf(shippedNotices);

describe('the shipped calendar, 2019–2026', () => {
  it('agrees with an independent source (chinese-days) on every day', () => {
    const mismatches: string[] = [];
    for (let t = parseDate('2019-01-01'); t <= parseDate('2026-12-31'); t += 86_400_000) {
      const date = formatDate(t);
      if (isWorkday(cal, date) !== cd.isWorkday(date)) mismatches.push(date);
    }
    assert.deepEqual(mismatches, []);
  });

  it('names every holiday and make-up day as the notices do', () => {
    assert.equal(
      dayInfo(cal, '2020-02-01').reason,
      '春节',
      '2020: the Spring Festival extended to 2 February',
    );
    assert.deepEqual(dayInfo(cal, '2026-02-14'), {
      workday: true,
      reason: '春节调休上班',
      provisional: false,
    });
    assert.equal(dayInfo(cal, '2026-10-10').workday, true);
    assert.equal(dayInfo(cal, '2025-01-28').reason, '春节');
  });
});

describe('addWorkdays and workdaysBetween', () => {
  it('counts from the day after receipt, skipping holidays and counting make-up days (hand-checked)', () => {
    const r = addWorkdays(cal, '2026-02-10', 20);
    assert.equal(r.due, '2026-03-16');
    assert.equal(r.provisional, false);
    assert.deepEqual(
      r.makeupDays.map((m) => m.date),
      ['2026-02-14', '2026-02-28'],
    );
    assert.ok(r.skipped.some((s) => s.date === '2026-02-15' && s.reason === '春节'));
    assert.equal(addWorkdays(cal, '2026-02-24', 0).due, '2026-02-24');
    assert.equal(addWorkdays(cal, '2026-02-13', 1).due, '2026-02-14', 'a Saturday worked in lieu counts');
  });

  it('marks a deadline that runs into a year without a notice as provisional', () => {
    const r = addWorkdays(cal, '2026-12-20', 20);
    assert.equal(r.provisional, true);
    assert.equal(addWorkdays(cal, '2026-11-02', 20).provisional, false);
  });

  const day = fc
    .integer({ min: parseDate('2019-01-01'), max: parseDate('2027-12-31') })
    .map((t) => formatDate(t - (t % 86_400_000)));
  const n = fc.integer({ min: 0, max: 60 });

  it('property: the due date is a working day strictly after the start (n ≥ 1)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), (d, k) => {
        const due = addWorkdays(cal, d, k).due;
        assert.ok(due > d);
        assert.ok(isWorkday(cal, due));
      }),
    );
  });

  it('property: workdaysBetween(d, addWorkdays(d, n)) = n', () => {
    fc.assert(
      fc.property(day, n, (d, k) => assert.equal(workdaysBetween(cal, d, addWorkdays(cal, d, k).due), k)),
    );
  });

  it('property: monotone in n', () => {
    fc.assert(
      fc.property(day, n, n, (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        assert.ok(addWorkdays(cal, d, lo).due <= addWorkdays(cal, d, hi).due);
      }),
    );
  });

  it('refuses a negative or fractional count', () => {
    assert.throws(() => addWorkdays(cal, '2026-01-05', -1), RangeError);
    assert.throws(() => addWorkdays(cal, '2026-01-05', 1.5), RangeError);
  });
});
