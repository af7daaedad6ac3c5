import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  formatWeekly,
  hoursOn,
  HoursProblem,
  openStateAt,
  parseDayHours,
  parseExceptions,
  parseWeekly,
  weeklyText,
  exceptionsText,
  type OpeningHours,
} from './hours.js';

const office: OpeningHours = {
  weekly: parseWeekly('周一至周五 08:00-12:00,14:30-17:30；周六 08:30-12:00'),
  followCalendar: true,
  exceptions: [],
};
const day = (kind: 'workday' | 'makeupWorkday' | 'weekend' | 'holiday', name: string | null = null) => ({
  kind,
  name,
});

describe('opening hours', () => {
  it('reads the hours as people write them on the door', () => {
    const w = parseWeekly('周一至周五 08:00-12:00，14:30-17:30；星期六 8:30～12:00');
    assert.deepEqual(w[0], [
      { from: '08:00', to: '12:00' },
      { from: '14:30', to: '17:30' },
    ]);
    assert.deepEqual(w[5], [{ from: '08:30', to: '12:00' }]);
    assert.deepEqual(w[6], []);
    assert.deepEqual(parseWeekly('每天 全天')[3], [{ from: '00:00', to: '24:00' }]);
    assert.deepEqual(parseWeekly('工作日 09:00-17:00')[4], [{ from: '09:00', to: '17:00' }]);
    assert.equal(formatWeekly(w), '周一至周五 08:00–12:00、14:30–17:30；周六 08:30–12:00；周日 不开放');
  });

  it('names what is wrong', () => {
    assert.throws(() => parseWeekly('周一至周五 17:30-08:00'), /结束时刻不晚于开始时刻/);
    assert.throws(() => parseWeekly('周一 25:00-26:00'), HoursProblem);
    assert.throws(() => parseWeekly('上午 08:00-12:00'), /应以星期开头/);
    assert.throws(() => parseWeekly('周一 08:00-12:00；周一至周五 14:00-17:00'), /周一写了两次/);
    assert.throws(() => parseDayHours('08:00-12:00,11:00-14:00'), /重叠/);
    assert.throws(() => parseExceptions('2026-02-30 闭馆'), HoursProblem);
  });

  it('a 调休 Saturday opens with the weekday hours; a holiday closes on any weekday; exceptions win', () => {
    assert.deepEqual(
      hoursOn(office, '2020-10-10', day('makeupWorkday', '国庆节、中秋节')).intervals,
      office.weekly[0],
    );
    assert.equal(
      hoursOn(office, '2020-10-10', day('makeupWorkday', '国庆节、中秋节')).reason,
      '国庆节、中秋节调休上班',
    );
    assert.deepEqual(hoursOn(office, '2020-10-05', day('holiday', '国庆节、中秋节')).intervals, []);
    // Saturday in the holiday: closed though Saturdays are open.
    assert.deepEqual(hoursOn(office, '2020-10-03', day('holiday', '国庆节、中秋节')).intervals, []);
    // An ordinary Saturday: the Saturday hours.
    assert.deepEqual(hoursOn(office, '2020-10-17', day('weekend')).intervals, [
      { from: '08:30', to: '12:00' },
    ]);
    // A place that does not follow the calendar keeps its weekly hours.
    const library = { ...office, followCalendar: false };
    assert.deepEqual(hoursOn(library, '2020-10-05', day('holiday', '国庆节')).intervals, office.weekly[0]);
    const closed = { ...office, exceptions: parseExceptions('2020-10-10 闭馆 设备检修') };
    assert.deepEqual(hoursOn(closed, '2020-10-10', day('makeupWorkday')), {
      date: '2020-10-10',
      intervals: [],
      reason: '设备检修',
    });
  });

  it('says whether it is open at a given time', () => {
    const d = hoursOn(office, '2020-10-12', day('workday'));
    assert.deepEqual(openStateAt(d, '07:59'), { state: 'later', opensAt: '08:00' });
    assert.deepEqual(openStateAt(d, '08:00'), { state: 'open', until: '12:00' });
    assert.deepEqual(openStateAt(d, '12:30'), { state: 'later', opensAt: '14:30' });
    assert.deepEqual(openStateAt(d, '17:30'), { state: 'over' });
    assert.deepEqual(openStateAt(hoursOn(office, '2020-10-18', day('weekend')), '10:00'), {
      state: 'closedToday',
    });
  });

  it('writes the hours back as text that reads back to the same hours', () => {
    const interval = fc
      .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 8 }))
      .map(([a, len]) => [a, Math.min(48, a + len)] as const);
    const hhmm = (half: number) =>
      half === 48 ? '24:00' : `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`;
    const dayArb = fc.array(interval, { maxLength: 3 }).map((list) => {
      const sorted = [...list].sort((x, y) => x[0] - y[0]);
      const out: Array<{ from: string; to: string }> = [];
      let end = -1;
      for (const [a, b] of sorted) {
        if (a < end || b <= a) continue;
        out.push({ from: hhmm(a), to: hhmm(b) });
        end = b;
      }
      return out;
    });
    fc.assert(
      fc.property(fc.array(dayArb, { minLength: 7, maxLength: 7 }), (weekly) => {
        // A week with no open day at all is refused: it is a mistake, not a place.
        if (weekly.every((d) => d.length === 0))
          assert.throws(() => parseWeekly(weeklyText(weekly)), /一周中没有任何开放时段/);
        else assert.deepEqual(parseWeekly(weeklyText(weekly)), weekly);
      }),
    );
    const ex = parseExceptions(
      '2026-10-08 闭馆 设备检修\n2026-02-14 至 2026-02-15 09:00-12:00 春节前半天开放',
    );
    assert.deepEqual(parseExceptions(exceptionsText(ex)), ex);
  });
});
