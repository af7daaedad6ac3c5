import { performance } from 'node:perf_hooks';
import { shippedNotices } from '../src/modules/calendar/calendar-notices.data.js';
import { addWorkdays, calendarOf, formatDate, parseDate } from '../src/modules/calendar/index.js';
import { computeDeadline, type CaseEvent } from '../src/modules/requests/index.js';

/**
 * deadlines: due dates computed per second — addWorkdays alone and a whole case (补正,
 * consultation, extension) — against the floor of stepping through the same number of days.
 */
export async function deadlines(): Promise<void> {
  const cal = calendarOf(shippedNotices);
  const starts = Array.from({ length: 20_000 }, (_, i) =>
    formatDate(parseDate('2019-01-01') + (i % 2900) * 86_400_000),
  );
  const time = (fn: (d: string) => unknown) => {
    for (const d of starts.slice(0, 500)) fn(d);
    const t0 = performance.now();
    for (const d of starts) fn(d);
    return starts.length / ((performance.now() - t0) / 1000);
  };
  const floor = time((d) => {
    let t = parseDate(d);
    for (let k = 0; k < 28; k++) t += 86_400_000;
    return formatDate(t);
  });
  const plain = time((d) => addWorkdays(cal, d, 20).due);
  const events = (d: string): CaseEvent[] => [
    { type: 'received', date: d },
    {
      type: 'consultationStarted',
      date: formatDate(parseDate(d) + 3 * 86_400_000),
      kind: 'thirdPartyConsultation',
    },
    { type: 'consultationEnded', date: formatDate(parseDate(d) + 10 * 86_400_000) },
    { type: 'extensionApproved', date: formatDate(parseDate(d) + 20 * 86_400_000), workdays: 20 },
  ];
  const full = time((d) => computeDeadline(events(d), cal, d).due);
  console.log(
    `deadlines: addWorkdays(+20) ${plain.toFixed(0)}/s; whole case (consultation + extension) ${full.toFixed(0)}/s; floor (28 date steps) ${floor.toFixed(0)}/s; ratios ${(floor / plain).toFixed(1)}× and ${(floor / full).toFixed(1)}×`,
  );
}
