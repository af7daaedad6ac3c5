import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import cd from 'chinese-days';
import fc from 'fast-check';
import { shippedNotices, type YearNotice } from './calendar-notices.data.js';
import { addWorkdays, calendarOf, dayInfo, formatDate, isWorkday, nextDate, parseDate } from './calendar.js';
import { legalDates, legalDatesRange } from './legal-dates.data.js';
import { holidayLaws, lawInForce, legalHolidays, statutoryHolidays } from './statutory-holidays.js';

const DAY = 86_400_000;
const weekendDay = (date: string) => [0, 6].includes(new Date(parseDate(date)).getUTCDay());
/** The shipped notices (2019–2026): 2027 onwards and before 2019 are provisional. */
const shipped = calendarOf(shippedNotices);

describe('the lunar dates and 清明 of the legal holidays, 1990–2100', () => {
  /**
   * Where chinese-days is wrong, checked by hand: its lunar table puts 1996's 八月 one day early
   * (the new moon was 1996-09-12 23:07 UTC, i.e. 13 September in Beijing, so 中秋 is the 27th),
   * and its 清明 formula treats 2100 as a leap year.
   */
  const knownErrorsOfChineseDays = new Map([
    ['1996 midAutumn', '09-27'],
    ['2100 qingming', '04-05'],
  ]);

  it('agree with chinese-days in every year but its two known errors', () => {
    const mismatches: string[] = [];
    for (let y = legalDatesRange.first; y <= legalDatesRange.last; y++) {
      const lunar = (m: number, d: number) =>
        cd
          .getSolarDateFromLunar(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
          .date.slice(5);
      const theirs = {
        springFestival: lunar(1, 1),
        qingming: cd.getSolarTermDate(y, 4, 'pure_brightness').slice(5),
        dragonBoat: lunar(5, 5),
        midAutumn: lunar(8, 15),
      };
      const [springFestival, qingming, dragonBoat, midAutumn] = legalDates[y]!;
      const ours = { springFestival, qingming, dragonBoat, midAutumn };
      for (const key of Object.keys(ours) as Array<keyof typeof ours>) {
        const known = knownErrorsOfChineseDays.get(`${y} ${key}`);
        if (known) assert.equal(ours[key], known, `${y} ${key}`);
        else if (ours[key] !== theirs[key]) mismatches.push(`${y} ${key}: ${ours[key]} ≠ ${theirs[key]}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it('match the dates every calendar prints, new moons minutes from midnight included', () => {
    const on = (y: number) => legalDates[y]!;
    assert.equal(on(2024)[0], '02-10');
    assert.equal(on(2025)[0], '01-29');
    assert.equal(on(2027)[0], '02-06', 'new moon at 23:56 Beijing time on 6 February');
    assert.equal(on(2030)[0], '02-03', 'new moon at 00:07 Beijing time on 3 February');
    assert.equal(on(2013)[2], '06-12');
    assert.equal(on(2025)[1], '04-04');
    assert.equal(on(2026)[1], '04-05');
    assert.equal(on(2025)[2], '05-31');
    assert.equal(on(2025)[3], '10-06');
    assert.equal(on(2020)[3], '10-01');
  });
});

describe('the holidays the law fixes, revision by revision', () => {
  it('under the 2025 revision: 除夕 and 初一 to 初三, 1 and 2 May', () => {
    const of = (from: string, to: string) =>
      [...legalHolidays].filter(([d]) => d >= from && d <= to).map(([d, n]) => `${d} ${n}`);
    assert.deepEqual(of('2027-01-01', '2027-12-31'), [
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
  });

  it('before 2025: 春节 初一 to 初三 only and one day in May; 2008–2013 with 除夕', () => {
    assert.equal(legalHolidays.get('2024-02-09'), undefined, '2024 除夕 was not a legal holiday');
    assert.equal(legalHolidays.get('2024-02-12'), '春节');
    assert.equal(legalHolidays.get('2024-05-02'), undefined);
    assert.equal(legalHolidays.get('2025-01-28'), '春节', '2025 除夕 is');
    assert.equal(legalHolidays.get('2025-05-02'), '劳动节');
    assert.equal(legalHolidays.get('2010-02-13'), '春节', '2010 除夕 (国务院令第513号)');
    assert.equal(legalHolidays.get('2010-02-16'), undefined, '2010 初三 was not');
    assert.equal(legalHolidays.get('2005-05-03'), '劳动节', '1999–2007: three days in May');
    assert.equal(legalHolidays.get('2005-04-05'), undefined, '清明 only from 2008');
    assert.equal(legalHolidays.get('1995-10-03'), undefined, '国庆 two days before 1999-09-18');
    assert.equal(legalHolidays.get('1999-10-03'), '国庆节');
    assert.equal(lawInForce(holidayLaws, '2024-12-31')!.effective, '2014-01-01');
    assert.equal(lawInForce(holidayLaws, '2025-01-01')!.effective, '2025-01-01');
  });

  it('is a rest day in every official arrangement 2004–2026 (chinese-days) and in the shipped notices', () => {
    const workedHolidays = [...legalHolidays]
      .filter(([d]) => d >= '2004-01-01' && d <= '2026-12-31' && cd.isWorkday(d))
      .map(([d, n]) => `${d} ${n}`);
    assert.deepEqual(workedHolidays, []);
    const notShipped = [...legalHolidays]
      .filter(([d]) => d >= '2019-01-01' && d <= '2026-12-31' && isWorkday(shipped, d))
      .map(([d]) => d);
    assert.deepEqual(notShipped, []);
  });

  it('is data: another revision table gives another calendar', () => {
    const onlyNewYear = statutoryHolidays(
      [
        {
          effective: '1990-01-01',
          title: 'x',
          holidays: [{ name: '元旦', rule: { kind: 'fixed', month: 1, day: 1, days: 2 } }],
        },
      ],
      2027,
      2027,
    );
    assert.deepEqual([...onlyNewYear.keys()], ['2027-01-01', '2027-01-02']);
    const cal = calendarOf(shippedNotices, onlyNewYear);
    assert.equal(isWorkday(cal, '2027-10-01'), true);
    assert.equal(isWorkday(shipped, '2027-10-01'), false);
  });
});

describe('a due date in a year whose 放假安排 is not yet entered', () => {
  it('a due date computed in a provisional year skips 元旦 and 国庆 by law', () => {
    const newYear = addWorkdays(shipped, '2026-12-30', 2);
    assert.equal(newYear.provisional, true);
    assert.equal(newYear.due, '2027-01-04', '31 Dec, then 1 January (元旦) and the weekend are skipped');
    assert.deepEqual(newYear.skipped[0], {
      date: '2027-01-01',
      reason: '元旦（法定节假日；该年节假日安排尚未公布）',
    });
    const national = addWorkdays(shipped, '2027-09-29', 2);
    assert.equal(national.due, '2027-10-04', '30 September, then 1–3 October (国庆节) are skipped');
    assert.deepEqual(
      national.skipped.map((s) => s.date),
      ['2027-10-01', '2027-10-02', '2027-10-03'],
    );
    assert.match(dayInfo(shipped, '2027-02-05').reason!, /^春节（法定节假日/, '除夕 under the 2025 revision');
    assert.equal(addWorkdays(shipped, '2027-02-04', 1).due, '2027-02-09');
  });

  it('counts a weekend day as a rest day: no 调休 is guessed before the notice', () => {
    // 2027-02-20 is a Saturday; a notice may well make it a working day, the law does not.
    assert.equal(isWorkday(shipped, '2027-02-20'), false);
    assert.equal(addWorkdays(shipped, '2027-02-19', 1).due, '2027-02-22');
  });

  const provisionalDay = fc
    .oneof(
      fc.integer({ min: parseDate('1990-01-01'), max: parseDate('2018-11-30') }),
      fc.integer({ min: parseDate('2027-01-01'), max: parseDate('2100-11-30') }),
    )
    .map((t) => formatDate(t - (t % DAY)));

  it('property: a provisional-year due date is never a weekend or a legal holiday', () => {
    fc.assert(
      fc.property(provisionalDay, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const r = addWorkdays(shipped, d, n);
        if (shipped.years.has(Number(r.due.slice(0, 4)))) return; // due in an official year
        assert.ok(!weekendDay(r.due), `${r.due} is a weekend day`);
        assert.equal(legalHolidays.get(r.due), undefined, `${r.due} is a legal holiday`);
      }),
      { numRuns: 2000 },
    );
  });

  /** A lawful notice for `year`: every legal holiday, longer breaks, weekend days worked. */
  const noticeFor = (year: number) =>
    fc
      .record({
        extra: fc.array(fc.integer({ min: 0, max: 364 }), { maxLength: 12 }),
        makeup: fc.array(fc.integer({ min: 0, max: 364 }), { maxLength: 8 }),
      })
      .map(({ extra, makeup }): YearNotice => {
        const first = Date.UTC(year, 0, 1);
        const legal = [...legalHolidays].filter(([d]) => d.startsWith(`${year}-`));
        const holidayDays = new Set([
          ...legal.map(([d]) => d),
          ...extra.map((i) => formatDate(first + i * DAY)),
        ]);
        return {
          year,
          notice: `国务院办公厅关于${year}年部分节假日安排的通知`,
          holidays: [...holidayDays].map((d) => ({ name: legalHolidays.get(d) ?? '调休', from: d, to: d })),
          makeupWorkdays: [...new Set(makeup.map((i) => formatDate(first + i * DAY)))]
            .filter((d) => weekendDay(d) && !holidayDays.has(d))
            .map((date) => ({ date, name: '调休' })),
        };
      });

  it('property: entering the notice afterwards changes only the days the notice lists', () => {
    const year = fc.integer({ min: 2027, max: 2099 });
    fc.assert(
      fc.property(
        year.chain((y) => fc.tuple(fc.constant(y), noticeFor(y))),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 80 }),
        ([y, notice], offset, n) => {
          const before = shipped;
          const after = calendarOf([...shippedNotices, notice]);
          const listed = new Set([...calendarOf([notice]).days.keys()]);
          // Day by day: a day's status moves only if the notice lists it.
          for (let t = Date.UTC(y - 1, 11, 1); t < Date.UTC(y + 1, 1, 1); t += DAY) {
            const d = formatDate(t);
            if (isWorkday(before, d) !== isWorkday(after, d))
              assert.ok(listed.has(d), `${d} changed unlisted`);
          }
          // A due date moves only if the count ran over a day the notice lists.
          const from = formatDate(Date.UTC(y - 1, 11, 1) + offset * DAY);
          const was = addWorkdays(before, from, n);
          const now = addWorkdays(after, from, n);
          const last = was.due > now.due ? was.due : now.due;
          let touched = false;
          for (let d = nextDate(from); d <= last; d = nextDate(d)) if (listed.has(d)) touched = true;
          if (!touched) assert.equal(now.due, was.due);
          // A lawful notice only adds rest days; only a 调休 day it makes a working day can bring one earlier.
          if (!now.makeupDays.length) assert.ok(now.due >= was.due);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: with the real notices, 2019–2026 move only on the days their notice lists', () => {
    for (const notice of shippedNotices) {
      const before = calendarOf(shippedNotices.filter((n) => n !== notice));
      const listed = new Set(calendarOf([notice]).days.keys());
      for (let d = `${notice.year}-01-01`; d <= `${notice.year}-12-31`; d = nextDate(d))
        if (isWorkday(before, d) !== isWorkday(shipped, d)) assert.ok(listed.has(d), `${d}`);
    }
  });
});
