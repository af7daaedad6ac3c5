/**
 * Working-day arrangements as the State Council's yearly notices state them
 * (国务院办公厅关于 YYYY 年部分节假日安排的通知): holiday ranges and the weekend days worked
 * in lieu (调休上班). Shipped as data for 2019–2026 and cross-checked in the tests against an
 * independent source (the chinese-days package). Later years are entered by an administrator
 * from the new notice (form or `gongkai calendar import`).
 */

export interface YearNotice {
  year: number;
  /** The notice the arrangement comes from. */
  notice: string;
  holidays: Array<{ name: string; from: string; to: string }>;
  makeupWorkdays: Array<{ date: string; name: string }>;
}

const n = (year: number, extra = '') => `国务院办公厅关于${year}年部分节假日安排的通知${extra}`;

export const shippedNotices: YearNotice[] = [
  {
    year: 2019,
    notice: `${n(2019)}；国务院办公厅关于调整2019年劳动节假期安排的通知`,
    holidays: [
      { name: '元旦', from: '2019-01-01', to: '2019-01-01' },
      { name: '春节', from: '2019-02-04', to: '2019-02-10' },
      { name: '清明节', from: '2019-04-05', to: '2019-04-07' },
      { name: '劳动节', from: '2019-05-01', to: '2019-05-04' },
      { name: '端午节', from: '2019-06-07', to: '2019-06-09' },
      { name: '中秋节', from: '2019-09-13', to: '2019-09-15' },
      { name: '国庆节', from: '2019-10-01', to: '2019-10-07' },
    ],
    makeupWorkdays: [
      { date: '2019-02-02', name: '春节' },
      { date: '2019-02-03', name: '春节' },
      { date: '2019-04-28', name: '劳动节' },
      { date: '2019-05-05', name: '劳动节' },
      { date: '2019-09-29', name: '国庆节' },
      { date: '2019-10-12', name: '国庆节' },
    ],
  },
  {
    year: 2020,
    notice: `${n(2020)}；国务院办公厅关于延长2020年春节假期的通知`,
    holidays: [
      { name: '元旦', from: '2020-01-01', to: '2020-01-01' },
      { name: '春节', from: '2020-01-24', to: '2020-02-02' },
      { name: '清明节', from: '2020-04-04', to: '2020-04-06' },
      { name: '劳动节', from: '2020-05-01', to: '2020-05-05' },
      { name: '端午节', from: '2020-06-25', to: '2020-06-27' },
      { name: '国庆节、中秋节', from: '2020-10-01', to: '2020-10-08' },
    ],
    makeupWorkdays: [
      { date: '2020-01-19', name: '春节' },
      { date: '2020-04-26', name: '劳动节' },
      { date: '2020-05-09', name: '劳动节' },
      { date: '2020-06-28', name: '端午节' },
      { date: '2020-09-27', name: '国庆节、中秋节' },
      { date: '2020-10-10', name: '国庆节、中秋节' },
    ],
  },
  {
    year: 2021,
    notice: n(2021),
    holidays: [
      { name: '元旦', from: '2021-01-01', to: '2021-01-03' },
      { name: '春节', from: '2021-02-11', to: '2021-02-17' },
      { name: '清明节', from: '2021-04-03', to: '2021-04-05' },
      { name: '劳动节', from: '2021-05-01', to: '2021-05-05' },
      { name: '端午节', from: '2021-06-12', to: '2021-06-14' },
      { name: '中秋节', from: '2021-09-19', to: '2021-09-21' },
      { name: '国庆节', from: '2021-10-01', to: '2021-10-07' },
    ],
    makeupWorkdays: [
      { date: '2021-02-07', name: '春节' },
      { date: '2021-02-20', name: '春节' },
      { date: '2021-04-25', name: '劳动节' },
      { date: '2021-05-08', name: '劳动节' },
      { date: '2021-09-18', name: '中秋节' },
      { date: '2021-09-26', name: '国庆节' },
      { date: '2021-10-09', name: '国庆节' },
    ],
  },
  {
    year: 2022,
    notice: n(2022),
    holidays: [
      { name: '元旦', from: '2022-01-01', to: '2022-01-03' },
      { name: '春节', from: '2022-01-31', to: '2022-02-06' },
      { name: '清明节', from: '2022-04-03', to: '2022-04-05' },
      { name: '劳动节', from: '2022-04-30', to: '2022-05-04' },
      { name: '端午节', from: '2022-06-03', to: '2022-06-05' },
      { name: '中秋节', from: '2022-09-10', to: '2022-09-12' },
      { name: '国庆节', from: '2022-10-01', to: '2022-10-07' },
    ],
    makeupWorkdays: [
      { date: '2022-01-29', name: '春节' },
      { date: '2022-01-30', name: '春节' },
      { date: '2022-04-02', name: '清明节' },
      { date: '2022-04-24', name: '劳动节' },
      { date: '2022-05-07', name: '劳动节' },
      { date: '2022-10-08', name: '国庆节' },
      { date: '2022-10-09', name: '国庆节' },
    ],
  },
  {
    year: 2023,
    notice: n(2023),
    holidays: [
      { name: '元旦', from: '2023-01-01', to: '2023-01-02' },
      { name: '春节', from: '2023-01-21', to: '2023-01-27' },
      { name: '清明节', from: '2023-04-05', to: '2023-04-05' },
      { name: '劳动节', from: '2023-04-29', to: '2023-05-03' },
      { name: '端午节', from: '2023-06-22', to: '2023-06-24' },
      { name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06' },
    ],
    makeupWorkdays: [
      { date: '2023-01-28', name: '春节' },
      { date: '2023-01-29', name: '春节' },
      { date: '2023-04-23', name: '劳动节' },
      { date: '2023-05-06', name: '劳动节' },
      { date: '2023-06-25', name: '端午节' },
      { date: '2023-10-07', name: '中秋节、国庆节' },
      { date: '2023-10-08', name: '中秋节、国庆节' },
    ],
  },
  {
    year: 2024,
    notice: n(2024),
    holidays: [
      { name: '元旦', from: '2024-01-01', to: '2024-01-01' },
      { name: '春节', from: '2024-02-10', to: '2024-02-17' },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06' },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05' },
      { name: '端午节', from: '2024-06-10', to: '2024-06-10' },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17' },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07' },
    ],
    makeupWorkdays: [
      { date: '2024-02-04', name: '春节' },
      { date: '2024-02-18', name: '春节' },
      { date: '2024-04-07', name: '清明节' },
      { date: '2024-04-28', name: '劳动节' },
      { date: '2024-05-11', name: '劳动节' },
      { date: '2024-09-14', name: '中秋节' },
      { date: '2024-09-29', name: '国庆节' },
      { date: '2024-10-12', name: '国庆节' },
    ],
  },
  {
    year: 2025,
    notice: n(2025),
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeupWorkdays: [
      { date: '2025-01-26', name: '春节' },
      { date: '2025-02-08', name: '春节' },
      { date: '2025-04-27', name: '劳动节' },
      { date: '2025-09-28', name: '国庆节、中秋节' },
      { date: '2025-10-11', name: '国庆节、中秋节' },
    ],
  },
  {
    year: 2026,
    notice: n(2026),
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeupWorkdays: [
      { date: '2026-01-04', name: '元旦' },
      { date: '2026-02-14', name: '春节' },
      { date: '2026-02-28', name: '春节' },
      { date: '2026-05-09', name: '劳动节' },
      { date: '2026-09-20', name: '国庆节' },
      { date: '2026-10-10', name: '国庆节' },
    ],
  },
];

/** The shipped notices as table rows, for the migration that creates the calendar. */
export function shippedCalendarRows(enteredAt = '2026-11-27T00:00:00.000Z') {
  const years = shippedNotices.map((y) => ({
    year: y.year,
    notice: y.notice,
    entered_at: enteredAt,
    entered_by: null as string | null,
  }));
  const days: Array<{ date: string; year: number; kind: string; name: string }> = [];
  for (const y of shippedNotices) {
    for (const h of y.holidays) {
      for (let t = Date.parse(`${h.from}T00:00:00Z`); t <= Date.parse(`${h.to}T00:00:00Z`); t += 86_400_000) {
        days.push({
          date: new Date(t).toISOString().slice(0, 10),
          year: y.year,
          kind: 'holiday',
          name: h.name,
        });
      }
    }
    for (const m of y.makeupWorkdays)
      days.push({ date: m.date, year: y.year, kind: 'makeupWorkday', name: m.name });
  }
  return { years, days };
}
