import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  daysBetween,
  findDates,
  firstDate,
  impliedYear,
  isPubDateFormat,
  lastDate,
  validDate,
} from './dates.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A real calendar date 1900–2099 as [year, month, day]. */
const realDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()] as const);

const iso = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;

/** Every way a full date is printed on a page. */
const printers: Array<[string, (y: number, m: number, d: number) => string]> = [
  ['YYYY-MM-DD', (y, m, d) => `${y}-${pad2(m)}-${pad2(d)}`],
  ['YYYY-M-D', (y, m, d) => `${y}-${m}-${d}`],
  ['YYYY/MM/DD', (y, m, d) => `${y}/${pad2(m)}/${pad2(d)}`],
  ['YYYY.MM.DD', (y, m, d) => `${y}.${pad2(m)}.${pad2(d)}`],
  ['YYYY年M月D日', (y, m, d) => `${y}年${m}月${d}日`],
  ['YYYY 年 MM 月 DD 日', (y, m, d) => `${y} 年 ${pad2(m)} 月 ${pad2(d)} 日`],
  ['YYYY-MM-DD HH:MM', (y, m, d) => `${y}-${pad2(m)}-${pad2(d)} 10:30`],
  ['YYYY-MM-DDTHH:MM:SS', (y, m, d) => `${y}-${pad2(m)}-${pad2(d)}T08:05:09`],
  ['[YYYY-MM-DD]', (y, m, d) => `[${y}-${pad2(m)}-${pad2(d)}]`],
];

describe('dates on Chinese pages', () => {
  for (const [name, print] of printers) {
    it(`reads back any real date printed as ${name}, inside Chinese text`, () => {
      fc.assert(
        fc.property(
          realDate,
          fc.constantFrom('', '发布时间：', '关于做好冬季防火工作的通知 '),
          ([y, m, d], before) => {
            const text = `${before}${print(y, m, d)} 来源：市政府办`;
            const found = findDates(text);
            assert.equal(found.length, 1, text);
            assert.equal(found[0]!.date, iso(y, m, d));
            assert.equal(found[0]!.yearImplied, false);
            assert.equal(text.slice(found[0]!.index, found[0]!.index + found[0]!.length), found[0]!.text);
          },
        ),
      );
    });
  }

  it('rejects dates that do not exist, in every form', () => {
    const impossible = fc
      .tuple(
        fc.integer({ min: 1900, max: 2099 }),
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 0, max: 39 }),
      )
      .filter(([y, m, d]) => validDate(y, m, d) === null);
    fc.assert(
      fc.property(impossible, ([y, m, d]) => {
        for (const [, print] of printers) assert.deepEqual(findDates(print(y, m, d)), [], print(y, m, d));
      }),
    );
    assert.deepEqual(findDates('2026-02-30'), []);
    assert.deepEqual(findDates('2025年2月29日'), []);
    assert.equal(firstDate('2024年2月29日'), '2024-02-29');
  });

  it('keeps the time when it is real and drops it from the match when it is not', () => {
    assert.deepEqual(
      findDates('2026-12-01 10:30').map((f) => [f.date, f.time]),
      [['2026-12-01', '10:30']],
    );
    assert.deepEqual(
      findDates('2026年12月1日 9时5分').map((f) => [f.date, f.time]),
      [['2026-12-01', '09:05']],
    );
    const bad = findDates('2026-12-01 25:10 发布');
    assert.deepEqual([bad[0]!.date, bad[0]!.time, bad[0]!.text], ['2026-12-01', null, '2026-12-01']);
  });

  it('does not read digits that belong to something else', () => {
    for (const text of [
      '120260-12-01',
      '2026-12-011',
      '版本 2026.1.2.3',
      '电话 0595-85612345',
      '1-5月份全市经济运行情况',
      '增长 12.01%',
      '2026-2027学年',
      '编号 20261201',
    ]) {
      assert.deepEqual(
        findDates(text, { monthDay: true, today: '2026-12-07' }).map((f) => f.text),
        [],
        text,
      );
    }
  });

  it('reads month-days only in lists, giving them the year of the reference day or the year before', () => {
    assert.deepEqual(findDates('[11-30]'), []);
    const today = '2026-12-07';
    const read = (text: string) => findDates(text, { monthDay: true, today }).map((f) => f.date);
    assert.deepEqual(read('[11-30]'), ['2026-11-30']);
    assert.deepEqual(read('【12-7】'), ['2026-12-07']);
    assert.deepEqual(read('（12/08）'), ['2025-12-08']);
    assert.deepEqual(read('关于春节放假的通知 12-31'), ['2025-12-31']);
    assert.deepEqual(read('11月5日'), ['2026-11-05']);
    assert.deepEqual(read('2026年11月5日'), ['2026-11-05']);
    assert.equal(findDates('2026年11月5日', { monthDay: true, today })[0]!.yearImplied, false);
    // 02-29 read in a year that follows no leap day is no date.
    assert.deepEqual(findDates('[02-29]', { monthDay: true, today: '2026-03-01' }), []);
    assert.deepEqual(read('[13-01]'), []);
  });

  it('gives a month-day a date never after the reference day and less than a year before it', () => {
    fc.assert(
      fc.property(realDate, fc.integer({ min: 0, max: 364 }), ([y, m, d], back) => {
        const today = iso(y, m, d);
        const printed = addDays(today, -back);
        const [, mm, dd] = printed.split('-');
        const found = findDates(`[${mm}-${dd}]`, { monthDay: true, today });
        if (printed.endsWith('02-29') && impliedYear(2, 29, today) % 4 !== 0) return;
        if (Number(printed.slice(0, 4)) < 1900) return;
        assert.equal(found.length, 1);
        assert.equal(found[0]!.date, printed);
        assert.equal(found[0]!.yearImplied, true);
      }),
    );
  });

  it('picks the first and the last of several dates', () => {
    const text = '成文日期：2026-11-28 发布日期：2026-12-01';
    assert.equal(firstDate(text), '2026-11-28');
    assert.equal(lastDate(text), '2026-12-01');
    assert.equal(lastDate('无日期'), null);
  });

  it('checks the 47号 PubDate form YYYY-MM-DD HH:MM(:SS)', () => {
    assert.equal(isPubDateFormat('2026-12-01 10:30'), true);
    assert.equal(isPubDateFormat('2026-12-01 10:30:59'), true);
    assert.equal(isPubDateFormat('2026-12-01'), false);
    assert.equal(isPubDateFormat('2026/12/01 10:30'), false);
    assert.equal(isPubDateFormat('2026-02-30 10:30'), false);
    assert.equal(isPubDateFormat('2026-12-01 24:00'), false);
  });

  it('counts whole days across months and years', () => {
    assert.equal(daysBetween('2026-11-30', '2026-12-14'), 14);
    assert.equal(daysBetween('2026-12-31', '2027-01-01'), 1);
    assert.equal(daysBetween('2026-12-14', '2026-11-30'), -14);
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    fc.assert(
      fc.property(realDate, fc.integer({ min: -2000, max: 2000 }), ([y, m, d], n) => {
        assert.equal(daysBetween(iso(y, m, d), addDays(iso(y, m, d), n)), n);
      }),
    );
  });
});
