import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FixedClock, MINUTE, beijingDate, beijingDayEnd, beijingDayStart, formatDateTime } from './clock.js';

describe('formatDateTime', () => {
  it('shows Beijing time as YYYY-MM-DD HH:MM', () => {
    assert.equal(formatDateTime('2020-12-31T16:30:00Z'), '2021-01-01 00:30');
    assert.equal(formatDateTime('2024-06-15T03:07:59.999Z'), '2024-06-15 11:07');
  });

  it('writes midnight as 00, not 24', () => {
    assert.equal(formatDateTime('2024-02-29T16:00:00.000Z'), '2024-03-01 00:00');
  });

  it('accepts an instant with an explicit offset', () => {
    assert.equal(formatDateTime('2023-07-01T09:05:00+08:00'), '2023-07-01 09:05');
  });

  it('shows nothing for a missing instant', () => {
    assert.equal(formatDateTime(null), '');
    assert.equal(formatDateTime(undefined), '');
    assert.equal(formatDateTime(''), '');
  });

  it('equals UTC+8 for every instant since 1992 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const expected = new Date(ms + 8 * 60 * MINUTE).toISOString().slice(0, 16).replace('T', ' ');
        const actual = formatDateTime(new Date(ms).toISOString());
        assert.match(actual, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
        assert.equal(actual, expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('FixedClock', () => {
  it('stands still at the instant it was given', () => {
    const clock = new FixedClock('2024-05-01T08:00:00.000Z');
    assert.equal(clock.now().toISOString(), '2024-05-01T08:00:00.000Z');
    assert.equal(clock.now().toISOString(), '2024-05-01T08:00:00.000Z');
    assert.equal(
      new FixedClock(new Date('2024-05-01T08:00:00Z')).now().toISOString(),
      '2024-05-01T08:00:00.000Z',
    );
  });

  it('is not moved by mutating a date it returned', () => {
    const clock = new FixedClock('2024-05-01T08:00:00.000Z');
    clock.now().setUTCFullYear(1999);
    assert.equal(clock.now().toISOString(), '2024-05-01T08:00:00.000Z');
  });

  it('is not moved by mutating the date it was built from', () => {
    const start = new Date('2024-05-01T08:00:00.000Z');
    const clock = new FixedClock(start);
    start.setUTCFullYear(1999);
    assert.equal(clock.now().toISOString(), '2024-05-01T08:00:00.000Z');
  });

  it('set() jumps to a new instant, string or Date', () => {
    const clock = new FixedClock('2024-05-01T08:00:00.000Z');
    clock.set('2025-01-01T00:00:00.000Z');
    assert.equal(clock.now().toISOString(), '2025-01-01T00:00:00.000Z');
    clock.set(new Date('2023-03-03T03:03:03.003Z'));
    assert.equal(clock.now().toISOString(), '2023-03-03T03:03:03.003Z');
  });

  it('advance() moves forward by milliseconds, cumulatively', () => {
    const clock = new FixedClock('2024-05-01T08:00:00.000Z');
    clock.advance(15 * MINUTE);
    assert.equal(clock.now().toISOString(), '2024-05-01T08:15:00.000Z');
    clock.advance(1);
    assert.equal(clock.now().toISOString(), '2024-05-01T08:15:00.001Z');
    clock.advance(24 * 60 * MINUTE);
    assert.equal(clock.now().toISOString(), '2024-05-02T08:15:00.001Z');
  });

  it('advance() by a sequence of steps equals advancing by their sum (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 * 24 * 60 * MINUTE })), (steps) => {
        const start = Date.UTC(2024, 0, 1);
        const clock = new FixedClock(new Date(start));
        for (const s of steps) clock.advance(s);
        assert.equal(clock.now().getTime(), start + steps.reduce((a, b) => a + b, 0));
      }),
    );
  });
});

describe('Beijing dates', () => {
  it('dates an instant by the Beijing calendar, not UTC', () => {
    assert.equal(beijingDate(new Date('2020-12-31T16:00:00Z')), '2021-01-01');
    assert.equal(beijingDate(new Date('2020-12-31T15:59:59Z')), '2020-12-31');
  });
  it('gives the UTC bounds of a Beijing day', () => {
    assert.equal(beijingDayStart('2021-01-01'), '2020-12-31T16:00:00.000Z');
    assert.equal(beijingDayEnd('2021-01-01'), '2021-01-01T16:00:00.000Z');
  });
});
